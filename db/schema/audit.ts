import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Append-only, hash-chained audit trail. Triggers (migration 0001) refuse UPDATE and DELETE;
 * each row's hash covers its content and the previous row's hash.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: integer('user_id'),
    username: text('username'),
    action: text('action').notNull(),
    entity: text('entity'),
    entityId: integer('entity_id'),
    childId: integer('child_id'),
    /** JSON: for updates, [{ field, before, after }]; otherwise action-specific detail. */
    detail: text('detail'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** The enrolled workstation the row was written through (migration 0017); null for the host's own window. */
    workstationId: integer('workstation_id'),
  },
  (t) => [
    index('audit_child_idx').on(t.childId, t.id),
    index('audit_user_idx').on(t.userId, t.id),
    index('audit_action_idx').on(t.action, t.id),
    index('audit_workstation_idx').on(t.workstationId, t.id),
    index('audit_entity_idx').on(t.entity, t.entityId, t.id),
  ],
);

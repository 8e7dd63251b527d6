import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { children } from './children';
import { users } from './users';

/**
 * The version of each part of a record that can be edited (a child's particulars, one placement, one
 * plan with its goals, a user, a setting…): triggers (migration 0018) move it in the same transaction as
 * any change to the part. `entity` uses the audit trail's names; settings are `setting:<key>` with id 0.
 * No row means version 0 (never changed since it was added). Written by triggers only.
 */
export const recordVersions = sqliteTable(
  'record_versions',
  {
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    childId: integer('child_id'),
    version: integer('version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.entityId] }), index('record_versions_child_idx').on(t.childId)],
);

export const CASELOAD_ROLES = ['caseworker', 'therapist', 'placementOfficer'] as const;

/** Who looks after which child, as what (我的儿童). An ended assignment keeps its row. */
export const caseloadAssignments = sqliteTable(
  'caseload_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: CASELOAD_ROLES }).notNull(),
    assignedAt: text('assigned_at').notNull(),
    assignedBy: integer('assigned_by'),
    endedAt: text('ended_at'),
  },
  (t) => [
    uniqueIndex('caseload_open_idx').on(t.childId, t.userId, t.role).where(sql`${t.endedAt} IS NULL`),
    index('caseload_user_idx').on(t.userId, t.endedAt),
    check('caseload_role_check', sql`${t.role} IN ('caseworker', 'therapist', 'placementOfficer')`),
  ],
);

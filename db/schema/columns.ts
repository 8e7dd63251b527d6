import { integer, text } from 'drizzle-orm/sqlite-core';
import { children } from './children';

/**
 * The columns every row of a child's record carries: the child (deleted with it), who wrote the row
 * and when, and the voiding that replaces DELETE — a voided row stays, with who, when and why, and
 * no longer counts anywhere. A fresh set of builders per table.
 */
export function childRecordColumns() {
  return {
    id: integer('id').primaryKey({ autoIncrement: true }),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    /** users.id of the person who wrote the row (null for the demo loader and imports). */
    createdBy: integer('created_by'),
    voidedAt: text('voided_at'),
    voidedBy: integer('voided_by'),
    voidReason: text('void_reason'),
  };
}

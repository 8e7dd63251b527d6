import { index, integer, sqliteTable } from 'drizzle-orm/sqlite-core';

/**
 * When each child's record last changed: `version` is a number that grows with every change to any
 * row of the child's record (triggers in migration 0011 keep it, in the same transaction as the
 * change). What is worked out from a record (the rules' evaluation, the worklist items) may be kept in
 * memory while the child's version stays the same; a change makes it be worked out again. No foreign
 * key: the row is bookkeeping, written by triggers only.
 */
export const childVersions = sqliteTable(
  'child_versions',
  {
    childId: integer('child_id').primaryKey(),
    version: integer('version').notNull(),
  },
  (t) => [index('child_versions_version_idx').on(t.version)],
);

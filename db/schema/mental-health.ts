import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { childRecordColumns } from './children';
import { mentalHealthChecks } from './wellbeing';

/** A follow-up of a mental-health check (四(十二): early intervention or referral, then follow-up): a dated note. */
export const mentalHealthFollowUps = sqliteTable(
  'mental_health_follow_ups',
  {
    ...childRecordColumns(),
    checkId: integer('check_id')
      .notNull()
      .references(() => mentalHealthChecks.id, { onDelete: 'cascade' }),
    followedOn: text('followed_on').notNull(),
    note: text('note').notNull(),
  },
  (t) => [index('mental_health_follow_ups_check_idx').on(t.checkId, t.followedOn)],
);

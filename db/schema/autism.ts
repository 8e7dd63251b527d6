import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { AUTISM_STAGES } from '../../shared/domain/autism';
import { childRecordColumns } from './children';

/**
 * The autism full chain (二(七), 孤独症全链条): dated events by stage — screening, assessment, diagnosis,
 * intervention, rehabilitation, care — with the tool used, the result and any referral. A diagnosis
 * event says whether autism was confirmed or ruled out.
 */
export const autismPathwayEvents = sqliteTable(
  'autism_pathway_events',
  {
    ...childRecordColumns(),
    stage: text('stage', { enum: AUTISM_STAGES }).notNull(),
    occurredOn: text('occurred_on').notNull(),
    tool: text('tool'),
    result: text('result'),
    /** Diagnosis events only: true confirmed, false ruled out. */
    confirmed: integer('confirmed', { mode: 'boolean' }),
    referral: text('referral'),
    note: text('note'),
  },
  (t) => [index('autism_pathway_child_idx').on(t.childId, t.occurredOn)],
);

import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { childRecordColumns } from './columns';
import { ASSESSMENT_RESULTS } from '../../shared/domain/rules-types';

/**
 * A comprehensive assessment (综合评估) of a young person's ability to live in society, round 1 or 2
 * (一(四)). The panel's decision only; the reintegration case may add domain scores and approval.
 */
export const reintegrationAssessments = sqliteTable(
  'reintegration_assessments',
  {
    ...childRecordColumns(),
    assessedOn: text('assessed_on').notNull(),
    round: integer('round').$type<1 | 2>().notNull(),
    result: text('result', { enum: ASSESSMENT_RESULTS }).notNull(),
    /** Who sat on the panel, as written. */
    panel: text('panel'),
    note: text('note'),
  },
  (t) => [
    index('assessments_child_idx').on(t.childId, t.assessedOn),
    index('assessments_date_idx').on(t.assessedOn),
    check('assessments_round', sql`${t.round} IN (1, 2)`),
  ],
);

/** Vocational rehabilitation (职业康复): completing it opens the second assessment. */
export const vocationalRehab = sqliteTable(
  'vocational_rehab',
  {
    ...childRecordColumns(),
    from: text('from_date').notNull(),
    completedOn: text('completed_on'),
    provider: text('provider'),
    note: text('note'),
  },
  (t) => [
    index('vocational_rehab_child_idx').on(t.childId, t.from),
    check('vocational_rehab_interval', sql`${t.completedOn} IS NULL OR ${t.completedOn} >= ${t.from}`),
  ],
);

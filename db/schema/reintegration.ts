import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { childRecordColumns } from './children';
import { users } from './users';
import { ASSESSMENT_RESULTS, REINTEGRATION_TASKS } from '../../shared/domain/rules-types';
import { CHECKLIST_ITEMS, ITEM_STATUSES } from '../../shared/domain/reintegration';

/**
 * The reintegration case (回归社会安置, 一(四)) of one young person: opened automatically six months
 * before the 18th birthday, one live case per child. Its stage is never stored: it is computed from the
 * rules' status for the approved facts and the case's own rows (shared/domain/reintegration.ts).
 */
export const reintegrationCases = sqliteTable(
  'reintegration_cases',
  {
    ...childRecordColumns(),
    openedOn: text('opened_on').notNull(),
    /** The placement officer in charge (users.id), null until one is assigned. */
    officerId: integer('officer_id').references(() => users.id),
    /** Resettlement: one of the 16 current districts, and the street/township. */
    receivingDistrict: text('receiving_district'),
    receivingStreet: text('receiving_street'),
    resettledOn: text('resettled_on'),
    /** Transfer: the municipal social welfare institution and the date. */
    transferInstitution: text('transfer_institution'),
    transferredOn: text('transferred_on'),
    /** Set when the case closes (all four handover tasks done, or a final round-2 decision). */
    closedOn: text('closed_on'),
    updatedAt: text('updated_at'),
  },
  (t) => [
    uniqueIndex('reintegration_cases_live_child').on(t.childId).where(sql`${t.voidedAt} IS NULL`),
    index('reintegration_cases_officer_idx').on(t.officerId),
  ],
);

const caseRef = () =>
  integer('case_id')
    .notNull()
    .references((): AnySQLiteColumn => reintegrationCases.id);

/** The preparation checklist: documents and independent-living skills, with owner, due date and status. */
export const reintegrationChecklist = sqliteTable(
  'reintegration_checklist',
  {
    ...childRecordColumns(),
    caseId: caseRef(),
    item: text('item', { enum: CHECKLIST_ITEMS }).notNull(),
    owner: text('owner'),
    dueOn: text('due_on'),
    status: text('status', { enum: ITEM_STATUSES }).notNull().default('todo'),
    doneOn: text('done_on'),
    note: text('note'),
    updatedAt: text('updated_at'),
  },
  (t) => [index('reintegration_checklist_case_idx').on(t.caseId)],
);

/** The four handover tasks of resettlement (housing, hukou, employment: the district; long-term care: the street/township). */
export const reintegrationTasks = sqliteTable(
  'reintegration_tasks',
  {
    ...childRecordColumns(),
    caseId: caseRef(),
    task: text('task', { enum: REINTEGRATION_TASKS }).notNull(),
    contact: text('contact'),
    dueOn: text('due_on'),
    status: text('status', { enum: ITEM_STATUSES }).notNull().default('todo'),
    doneOn: text('done_on'),
    /** documents.id of the evidence (the record's documents of the same child). */
    evidenceDocumentIds: text('evidence_document_ids', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
    note: text('note'),
    updatedAt: text('updated_at'),
  },
  (t) => [index('reintegration_tasks_case_idx').on(t.caseId)],
);

/** Follow-up visits after resettlement. */
export const reintegrationVisits = sqliteTable(
  'reintegration_visits',
  {
    ...childRecordColumns(),
    caseId: caseRef(),
    visitedOn: text('visited_on').notNull(),
    visitor: text('visitor').notNull(),
    notes: text('notes').notNull(),
  },
  (t) => [index('reintegration_visits_case_idx').on(t.caseId, t.visitedOn)],
);

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
    /** The case it was recorded on (null for decisions recorded in the record alone). */
    caseId: integer('case_id').references((): AnySQLiteColumn => reintegrationCases.id),
    /** The panel's reasons for its conclusion. */
    reasons: text('reasons'),
    /** The rubric version the domains were scored under (shared/domain/reintegration.ts). */
    rubricVersion: text('rubric_version'),
    /** Why the conclusion goes against the rubric's threshold for the weighted score (0019). */
    thresholdReason: text('threshold_reason'),
    /** A supervisor's approval: until then the decision has no effect (the facts leave it out). */
    approvedAt: text('approved_at'),
    approvedBy: integer('approved_by'),
  },
  (t) => [
    index('assessments_case_idx').on(t.caseId),
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
    caseId: integer('case_id').references((): AnySQLiteColumn => reintegrationCases.id),
    programme: text('programme'),
    /** The planned end of the episode. */
    plannedEnd: text('planned_end'),
    outcome: text('outcome'),
  },
  (t) => [
    index('vocational_rehab_child_idx').on(t.childId, t.from),
    check('vocational_rehab_interval', sql`${t.completedOn} IS NULL OR ${t.completedOn} >= ${t.from}`),
  ],
);

/** The score and evidence of one rubric domain in one assessment (weight as configured when scored). */
export const reintegrationAssessmentScores = sqliteTable(
  'reintegration_assessment_scores',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => reintegrationAssessments.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    weight: real('weight').notNull(),
    score: integer('score').notNull(),
    evidence: text('evidence'),
  },
  (t) => [uniqueIndex('assessment_scores_domain').on(t.assessmentId, t.domain)],
);

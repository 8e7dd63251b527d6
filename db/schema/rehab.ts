import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { children } from './children';
import { childRecordColumns } from './children';
import { rehabPlans } from './wellbeing';

/**
 * Rehabilitation (二(七)) around the versioned plan in wellbeing.ts: its goals (Goal Attainment
 * Scaling), interventions, responsible therapists and the supervisor's decisions; the therapists'
 * session logs with their goal ratings; standard measures; and the measures' cut-offs, kept as
 * versioned configuration rows rather than code (DOMAIN.md).
 */

export const INTERVENTION_KINDS = ['surgery', 'assistiveDevice', 'training'] as const;
export const PLAN_DECISIONS = ['approve', 'reject', 'changesRequested'] as const;

/** The people responsible for a plan version (users.id). */
export const rehabPlanTherapists = sqliteTable(
  'rehab_plan_therapists',
  {
    planId: integer('plan_id')
      .notNull()
      .references(() => rehabPlans.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.userId] }), index('rehab_plan_therapists_user_idx').on(t.userId)],
);

/**
 * A goal of one plan version. `lineageId` is the id of the goal as first written: a revision copies a
 * goal into the new version under the same lineage, so its ratings read as one history across versions.
 */
export const rehabGoals = sqliteTable(
  'rehab_goals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => rehabPlans.id, { onDelete: 'cascade' }),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    lineageId: integer('lineage_id'),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    icfCode: text('icf_code'),
    levelMinus2: text('level_minus2').notNull(),
    levelMinus1: text('level_minus1').notNull(),
    level0: text('level_0').notNull(),
    levelPlus1: text('level_plus1').notNull(),
    levelPlus2: text('level_plus2').notNull(),
    baseline: integer('baseline').notNull(),
    importance: integer('importance').notNull(),
    difficulty: integer('difficulty').notNull(),
  },
  (t) => [
    index('rehab_goals_plan_idx').on(t.planId, t.position),
    index('rehab_goals_lineage_idx').on(t.lineageId),
    check('rehab_goals_baseline', sql`${t.baseline} BETWEEN -2 AND 2`),
    check('rehab_goals_importance', sql`${t.importance} BETWEEN 0 AND 3`),
    check('rehab_goals_difficulty', sql`${t.difficulty} BETWEEN 0 AND 3`),
  ],
);

/** An intervention of a plan version: surgery, an assistive device or training. */
export const rehabInterventions = sqliteTable(
  'rehab_interventions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => rehabPlans.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: INTERVENTION_KINDS }).notNull(),
    description: text('description').notNull(),
    provider: text('provider'),
    therapistId: integer('therapist_id'),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on'),
    /** As written ("每周3次，每次40分钟"). */
    frequency: text('frequency'),
    /** ISO weekdays the training is scheduled on, "135" = Monday, Wednesday, Friday; feeds the "today" list. */
    weekdays: text('weekdays'),
  },
  (t) => [
    index('rehab_interventions_plan_idx').on(t.planId),
    check('rehab_interventions_interval', sql`${t.endsOn} IS NULL OR ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** A supervisor's decision on a submitted plan version, with the comment. */
export const rehabPlanDecisions = sqliteTable(
  'rehab_plan_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => rehabPlans.id, { onDelete: 'cascade' }),
    decision: text('decision', { enum: PLAN_DECISIONS }).notNull(),
    comment: text('comment'),
    decidedBy: integer('decided_by'),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [index('rehab_plan_decisions_plan_idx').on(t.planId)],
);

/**
 * One session as logged by a therapist. Attended sessions have minutes (1–480); an absence has a reason
 * instead. The therapist may edit the row for 7 days; a later correction is a new row that `amends`
 * this one, which stays as written.
 */
export const rehabSessions = sqliteTable(
  'rehab_sessions',
  {
    ...childRecordColumns(),
    planId: integer('plan_id')
      .notNull()
      .references(() => rehabPlans.id),
    therapistId: integer('therapist_id'),
    sessionOn: text('session_on').notNull(),
    attended: integer('attended', { mode: 'boolean' }).notNull(),
    minutes: integer('minutes'),
    absenceReason: text('absence_reason'),
    note: text('note'),
    updatedAt: text('updated_at'),
    amendsSessionId: integer('amends_session_id'),
    amendReason: text('amend_reason'),
  },
  (t) => [
    index('rehab_sessions_child_idx').on(t.childId, t.sessionOn),
    index('rehab_sessions_therapist_idx').on(t.therapistId, t.sessionOn),
    index('rehab_sessions_amends_idx').on(t.amendsSessionId),
    index('rehab_sessions_on_idx').on(t.sessionOn),
    check(
      'rehab_sessions_attendance',
      sql`(${t.attended} = 1 AND ${t.minutes} BETWEEN 1 AND 480) OR (${t.attended} = 0 AND ${t.minutes} IS NULL AND ${t.absenceReason} IS NOT NULL)`,
    ),
  ],
);

/** The goals worked in a session, each with the GAS level reached when one was rated. */
export const rehabSessionGoals = sqliteTable(
  'rehab_session_goals',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => rehabSessions.id, { onDelete: 'cascade' }),
    goalId: integer('goal_id')
      .notNull()
      .references(() => rehabGoals.id),
    rating: integer('rating'),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.goalId] }),
    index('rehab_session_goals_goal_idx').on(t.goalId),
    check('rehab_session_goals_rating', sql`${t.rating} IS NULL OR ${t.rating} BETWEEN -2 AND 2`),
  ],
);

/**
 * A standard instrument administered on a date. GMFM-88 keeps its 88 item scores (JSON) and the
 * computed percentages; the other instruments keep the results as entered. `configVersion` is the
 * cut-off version the interpretation was read against.
 */
export const rehabMeasures = sqliteTable(
  'rehab_measures',
  {
    ...childRecordColumns(),
    instrument: text('instrument').notNull(),
    administeredOn: text('administered_on').notNull(),
    assessor: text('assessor'),
    /** JSON: GMFM-88 item scores (88 entries, 0–3 or null for not tested). */
    items: text('items'),
    /** JSON: the instrument's results by field (entered or computed). */
    scores: text('scores').notNull(),
    interpretation: text('interpretation'),
    configVersion: integer('config_version'),
    note: text('note'),
  },
  (t) => [index('rehab_measures_child_idx').on(t.childId, t.instrument, t.administeredOn)],
);

/** Versioned configuration (measure cut-offs): a new version applies from its date; old ones stay. */
export const rehabConfig = sqliteTable(
  'rehab_config',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    /** JSON body, validated by the service on write and on read. */
    body: text('body').notNull(),
    note: text('note'),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by'),
  },
  (t) => [uniqueIndex('rehab_config_version_idx').on(t.kind, t.key, t.version)],
);

import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { childRecordColumns } from './children';

/**
 * The yearly mental-health check (四(十二): 每年开展一次心理健康监测, filed in the child's 心理健康档案).
 * The worklist reads the latest check date; the rehabilitation issue adds the check's form and the
 * high-risk follow-up around these columns.
 */
export const mentalHealthChecks = sqliteTable(
  'mental_health_checks',
  {
    ...childRecordColumns(),
    checkedOn: text('checked_on').notNull(),
    instrument: text('instrument'),
    riskLevel: text('risk_level', { enum: ['none', 'watch', 'high'] }).notNull(),
    /** Why the risk level differs from the instrument's cut-offs (0019). */
    riskReason: text('risk_reason'),
    actions: text('actions'),
    /** The medical institution the child was referred to (四(十二)/(十三)), if any. */
    referral: text('referral'),
    note: text('note'),
    /** Named scores, e.g. [{ name: '困难总分', value: 18 }]; ranges checked against the instrument when it is known. */
    scores: text('scores', { mode: 'json' }).$type<{ name: string; value: number }[]>(),
    referralDate: text('referral_date'),
    /** A high-risk check stays on the worklist until a supervisor closes it, with a comment. */
    closedAt: text('closed_at'),
    closedBy: integer('closed_by'),
    closeComment: text('close_comment'),
  },
  (t) => [
    index('mental_health_child_idx').on(t.childId, t.checkedOn),
    index('mental_health_open_high_idx').on(t.riskLevel, t.closedAt),
  ],
);

/**
 * A rehabilitation plan (二(七)), versioned: a revision is a new row linked to the one it replaces; only
 * an approved plan is active. The worklist reads the active plan's review date.
 */
export const rehabPlans = sqliteTable(
  'rehab_plans',
  {
    ...childRecordColumns(),
    version: integer('version').notNull(),
    previousPlanId: integer('previous_plan_id'),
    status: text('status', { enum: ['draft', 'submitted', 'approved', 'changesRequested', 'rejected', 'superseded'] }).notNull(),
    startsOn: text('starts_on').notNull(),
    reviewOn: text('review_on').notNull(),
    summary: text('summary'),
    approvedBy: integer('approved_by'),
    approvedAt: text('approved_at'),
  },
  (t) => [
    index('rehab_plans_child_idx').on(t.childId, t.version),
    index('rehab_plans_review_idx').on(t.status, t.reviewOn),
    check('rehab_plans_version', sql`${t.version} >= 1`),
    check('rehab_plans_review', sql`${t.reviewOn} >= ${t.startsOn}`),
  ],
);

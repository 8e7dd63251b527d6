import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { childRecordColumns, documents } from './children';
import {
  EDUCATION_OUTCOMES,
  ENROLMENT_STAGES,
  GUARDIAN_KINDS,
  STATUS_FACT_KINDS,
} from '../../shared/contract/record';
import {
  BENEFIT_CODES,
  DISABILITY_CATEGORIES,
  type DisabilityGrade,
  GUARDIANSHIP_VALUES,
  PLACEMENTS,
} from '../../shared/domain/rules-types';

/*
 * The dated history of a child's record (DOMAIN.md, "The record of a child"). Rows are never
 * overwritten: an interval is ended (to_date set once), a mistaken row is voided with a reason, and
 * a change of state is a new row. Dates are `YYYY-MM-DD`; an interval's to_date is its last day
 * (inclusive) and null while it lasts. Money is integer fen.
 */

/** A dated statement behind a category (parents' status, police confirmation, family income…). */
export const childStatusFacts = sqliteTable(
  'child_status_facts',
  {
    ...childRecordColumns(),
    kind: text('kind', { enum: STATUS_FACT_KINDS }).notNull(),
    /** JSON: the kind's value (see shared/contract/record.ts, statusFactSchema). */
    value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
    effectiveDate: text('effective_date').notNull(),
    /** The last day the statement holds (a yearly 低保 review, a temporary hardship); null = until superseded. */
    validUntil: text('valid_until'),
    evidence: text('evidence'),
    documentId: integer('document_id').references(() => documents.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('status_facts_child_kind_idx').on(t.childId, t.kind, t.effectiveDate),
    check('status_facts_valid_until', sql`${t.validUntil} IS NULL OR ${t.validUntil} >= ${t.effectiveDate}`),
  ],
);

/** Where the child lives and who raises them (安置方式), as dated intervals. */
export const placements = sqliteTable(
  'placements',
  {
    ...childRecordColumns(),
    kind: text('kind', { enum: PLACEMENTS }).notNull(),
    from: text('from_date').notNull(),
    to: text('to_date'),
    /** The institution, foster family or household. */
    place: text('place'),
    note: text('note'),
  },
  (t) => [
    index('placements_child_idx').on(t.childId, t.from),
    check('placements_interval', sql`${t.to} IS NULL OR ${t.to} >= ${t.from}`),
  ],
);

/** Who is the child's guardian (监护人), on what legal basis, and whether the guardianship is adequate. */
export const guardianships = sqliteTable(
  'guardianships',
  {
    ...childRecordColumns(),
    guardianKind: text('guardian_kind', { enum: GUARDIAN_KINDS }).notNull(),
    guardianName: text('guardian_name').notNull(),
    /** The legal basis as written (民法典第三十二条, (2024)沪0101民特123号…). */
    basis: text('basis'),
    /** Appointed by a people's court (一(四): civil affairs or the municipal institution so appointed). */
    courtAppointed: integer('court_appointed', { mode: 'boolean' }).notNull().default(false),
    adequacy: text('adequacy', { enum: GUARDIANSHIP_VALUES }).notNull(),
    from: text('from_date').notNull(),
    to: text('to_date'),
    note: text('note'),
  },
  (t) => [
    index('guardianships_child_idx').on(t.childId, t.from),
    check('guardianships_interval', sql`${t.to} IS NULL OR ${t.to} >= ${t.from}`),
  ],
);

/** A disability, usually with its certificate (残疾人证); a new certificate ends the previous row. */
export const disabilities = sqliteTable(
  'disabilities',
  {
    ...childRecordColumns(),
    /** 20 characters: the ID number, the category digit (1–7), the grade digit (1–4). */
    certificateNumber: text('certificate_number'),
    category: text('category', { enum: DISABILITY_CATEGORIES }).notNull(),
    grade: integer('grade').$type<DisabilityGrade>().notNull(),
    issuedOn: text('issued_on'),
    validUntil: text('valid_until'),
    from: text('from_date').notNull(),
    to: text('to_date'),
    note: text('note'),
  },
  (t) => [
    index('disabilities_child_idx').on(t.childId, t.from),
    index('disabilities_valid_until_idx').on(t.validUntil),
    check('disabilities_interval', sql`${t.to} IS NULL OR ${t.to} >= ${t.from}`),
    check('disabilities_grade', sql`${t.grade} BETWEEN 1 AND 4`),
  ],
);

/** One enrolment: stage, school, full-time, the standard duration (学制) and completion. */
export const educationRecords = sqliteTable(
  'education_records',
  {
    ...childRecordColumns(),
    stage: text('stage', { enum: ENROLMENT_STAGES }).notNull(),
    school: text('school'),
    fullTime: integer('full_time', { mode: 'boolean' }).notNull(),
    enrolmentDate: text('enrolment_date').notNull(),
    standardDurationYears: integer('standard_duration_years').notNull(),
    expectedCompletion: text('expected_completion'),
    /** The day study in this enrolment ended (graduated or left). */
    actualCompletion: text('actual_completion'),
    outcome: text('outcome', { enum: EDUCATION_OUTCOMES }),
    note: text('note'),
    updatedAt: text('updated_at'),
    updatedBy: integer('updated_by'),
  },
  (t) => [
    index('education_child_idx').on(t.childId, t.enrolmentDate),
    index('education_expected_idx').on(t.expectedCompletion),
    check('education_duration', sql`${t.standardDurationYears} BETWEEN 1 AND 9`),
    check('education_completion', sql`${t.actualCompletion} IS NULL OR ${t.actualCompletion} >= ${t.enrolmentDate}`),
  ],
);

/** A benefit the child receives (or has chosen), by BenefitCode, over an interval. */
export const benefitsReceived = sqliteTable(
  'benefits_received',
  {
    ...childRecordColumns(),
    code: text('code', { enum: BENEFIT_CODES }).notNull(),
    from: text('from_date').notNull(),
    to: text('to_date'),
    monthlyAmountFen: integer('monthly_amount_fen'),
    note: text('note'),
  },
  (t) => [
    index('benefits_child_idx').on(t.childId, t.code, t.from),
    index('benefits_code_idx').on(t.code, t.from),
    check('benefits_interval', sql`${t.to} IS NULL OR ${t.to} >= ${t.from}`),
    check('benefits_amount', sql`${t.monthlyAmountFen} IS NULL OR ${t.monthlyAmountFen} >= 0`),
  ],
);

/** Resident medical insurance enrolment for one year, and whether the premium was subsidised. */
export const medicalInsurance = sqliteTable(
  'medical_insurance',
  {
    ...childRecordColumns(),
    year: integer('year').notNull(),
    enrolled: integer('enrolled', { mode: 'boolean' }).notNull(),
    premiumSubsidised: integer('premium_subsidised', { mode: 'boolean' }).notNull(),
    note: text('note'),
  },
  (t) => [uniqueIndex('medical_insurance_child_year_unique').on(t.childId, t.year).where(sql`${t.voidedAt} IS NULL`)],
);

/** A medical aid claim: the eligible cost and the amount aided, so the ≥70% floor can be checked. */
export const medicalAidClaims = sqliteTable(
  'medical_aid_claims',
  {
    ...childRecordColumns(),
    claimDate: text('claim_date').notNull(),
    hospital: text('hospital'),
    eligibleCostFen: integer('eligible_cost_fen').notNull(),
    aidedFen: integer('aided_fen').notNull(),
    note: text('note'),
  },
  (t) => [
    index('medical_aid_child_idx').on(t.childId, t.claimDate),
    check('medical_aid_amounts', sql`${t.eligibleCostFen} >= 0 AND ${t.aidedFen} >= 0 AND ${t.aidedFen} <= ${t.eligibleCostFen}`),
  ],
);

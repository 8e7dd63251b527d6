/**
 * Rehabilitation (二(七), issue 5): versioned plans with GAS goals, interventions and the supervisor's
 * decision; the therapists' "today" list and session logs; standard measures; progress. Dates are
 * `YYYY-MM-DD`.
 */
import { z } from 'zod';
import { MULTILINE, safeText } from './text';
import { INSTRUMENT_CODES } from '../domain/rehab';
import { idSchema, isoDate, nothing, optionalText, requiredText } from './common';
import { channel } from './define';
import { versioned, versionsSchema } from './versions';

export const INTERVENTION_KINDS = ['surgery', 'assistiveDevice', 'training'] as const;
export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'changesRequested', 'rejected', 'superseded'] as const;
export const PLAN_DECISIONS = ['approve', 'reject', 'changesRequested'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export type PlanDecision = (typeof PLAN_DECISIONS)[number];
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

const gasLevel = z.number({ message: '请选择 −2 至 +2 的等级' }).int('GAS 等级应为整数').min(-2, 'GAS 等级应在 −2 至 +2 之间').max(2, 'GAS 等级应在 −2 至 +2 之间');
const zeroToThree = (label: string) => z.number({ message: `请填写${label}（0–3）` }).int(`${label}应为整数`).min(0, `${label}应在 0–3 之间`).max(3, `${label}应在 0–3 之间`);

/** ICF-CY codes: a component letter (b, s, d, e) and 1–5 digits, e.g. d450, b7652. */
export const icfCodeSchema = z
  .string()
  .trim()
  .regex(/^[bsde]\d{1,5}$/, 'ICF-CY 编码格式应为 b/s/d/e 加数字，如 d450')
  .nullish()
  .transform((v) => v ?? null);

// ——— plans ———

export const goalInputSchema = z.object({
  /** The goal of the previous version this one continues (a revision), so its ratings stay one history. */
  continuesGoalId: idSchema.nullish().transform((v) => v ?? null),
  title: requiredText(200, '请填写目标'),
  icfCode: icfCodeSchema,
  levels: z.object({
    minus2: requiredText(300, '请填写−2 等级描述', MULTILINE),
    minus1: requiredText(300, '请填写−1 等级描述', MULTILINE),
    zero: requiredText(300, '请填写0 等级（预期结果）描述', MULTILINE),
    plus1: requiredText(300, '请填写+1 等级描述', MULTILINE),
    plus2: requiredText(300, '请填写+2 等级描述', MULTILINE),
  }),
  baseline: gasLevel,
  importance: zeroToThree('重要性'),
  difficulty: zeroToThree('难度'),
});
export type GoalInput = z.input<typeof goalInputSchema>;

export const weekdaysSchema = z
  .array(z.number().int().min(1).max(7))
  .max(7)
  .default([])
  .transform((days) => [...new Set(days)].sort());

export const interventionInputSchema = z.object({
  kind: z.enum(INTERVENTION_KINDS, { message: '请选择干预类型' }),
  description: requiredText(300, '请填写干预内容', MULTILINE),
  provider: optionalText(100),
  therapistId: idSchema.nullish().transform((v) => v ?? null),
  startsOn: isoDate,
  endsOn: isoDate.nullish().transform((v) => v ?? null),
  frequency: optionalText(100),
  /** ISO weekdays (1 = Monday) a training is scheduled on. */
  weekdays: weekdaysSchema,
});
export type InterventionInput = z.input<typeof interventionInputSchema>;

export const planSaveSchema = z.object({
  childId: idSchema,
  /** Editing a version not yet approved (submitted, changes requested); absent for a new plan or a revision. */
  planId: idSchema.nullish().transform((v) => v ?? null),
  /** A revision of this (approved) version: the new version links to it. */
  revisesPlanId: idSchema.nullish().transform((v) => v ?? null),
  startsOn: isoDate,
  reviewOn: isoDate,
  summary: optionalText(2000, MULTILINE),
  therapistIds: z.array(idSchema).min(1, '请至少指定一名责任康复师').max(10),
  goals: z.array(goalInputSchema).min(1, '请至少填写一个康复目标').max(20, '一个计划最多 20 个目标'),
  interventions: z.array(interventionInputSchema).max(30).default([]),
});
export type PlanSaveInput = z.input<typeof planSaveSchema>;

export const planDecideSchema = z.object({
  planId: idSchema,
  decision: z.enum(PLAN_DECISIONS, { message: '请选择审批意见' }),
  comment: optionalText(1000, MULTILINE),
});
export type PlanDecideInput = z.input<typeof planDecideSchema>;

export const goalViewSchema = z.object({
  id: z.number().int(),
  lineageId: z.number().int(),
  position: z.number().int(),
  title: z.string(),
  icfCode: z.string().nullable(),
  levels: z.object({ minus2: z.string(), minus1: z.string(), zero: z.string(), plus1: z.string(), plus2: z.string() }),
  baseline: z.number().int(),
  importance: z.number().int(),
  difficulty: z.number().int(),
  weight: z.number().int(),
  /** The latest rating over the goal's whole lineage, or null. */
  latest: z.object({ on: z.string(), level: z.number().int() }).nullable(),
});
export type GoalView = z.infer<typeof goalViewSchema>;

export const interventionViewSchema = z.object({
  id: z.number().int(),
  kind: z.enum(INTERVENTION_KINDS),
  description: z.string(),
  provider: z.string().nullable(),
  therapistId: z.number().int().nullable(),
  therapistName: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  frequency: z.string().nullable(),
  weekdays: z.array(z.number().int()),
});
export type InterventionView = z.infer<typeof interventionViewSchema>;

export const personSchema = z.object({ id: z.number().int(), name: z.string() });

export const planViewSchema = z.object({
  id: z.number().int(),
  childId: z.number().int(),
  version: z.number().int(),
  previousPlanId: z.number().int().nullable(),
  status: z.enum(PLAN_STATUSES),
  /** The version in force today: the highest approved one that has started. */
  active: z.boolean(),
  startsOn: z.string(),
  reviewOn: z.string(),
  summary: z.string().nullable(),
  therapists: z.array(personSchema),
  goals: z.array(goalViewSchema),
  interventions: z.array(interventionViewSchema),
  decisions: z.array(
    z.object({ id: z.number().int(), decision: z.enum(PLAN_DECISIONS), comment: z.string().nullable(), by: z.string().nullable(), at: z.string() }),
  ),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
});
export type PlanView = z.infer<typeof planViewSchema>;

// ——— sessions ———

const sessionFields = {
  sessionOn: isoDate,
  attended: z.boolean(),
  minutes: z.number({ message: '请填写时长（分钟）' }).int('时长应为整数分钟').min(1, '时长应大于 0 分钟').max(480, '时长不能超过 480 分钟').nullish()
    .transform((v) => v ?? null),
  absenceReason: optionalText(200),
  goals: z
    .array(z.object({ goalId: idSchema, rating: gasLevel.nullish().transform((v) => v ?? null) }))
    .max(20)
    .default([]),
  note: optionalText(2000, MULTILINE),
};

export const sessionLogSchema = z.object({ childId: idSchema, ...sessionFields });
export type SessionLogInput = z.input<typeof sessionLogSchema>;
export const sessionEditSchema = z.object({ sessionId: idSchema, ...sessionFields });
export type SessionEditInput = z.input<typeof sessionEditSchema>;
export const sessionAmendSchema = z.object({ sessionId: idSchema, reason: requiredText(500, '请填写更正原因', MULTILINE), ...sessionFields });
export type SessionAmendInput = z.input<typeof sessionAmendSchema>;

export const sessionViewSchema = z.object({
  id: z.number().int(),
  childId: z.number().int(),
  planId: z.number().int(),
  planVersion: z.number().int(),
  sessionOn: z.string(),
  attended: z.boolean(),
  minutes: z.number().int().nullable(),
  absenceReason: z.string().nullable(),
  note: z.string().nullable(),
  therapist: personSchema.nullable(),
  goals: z.array(z.object({ goalId: z.number().int(), lineageId: z.number().int(), title: z.string(), rating: z.number().int().nullable() })),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
  /** The session this one corrects, when it is an amendment. */
  amendsSessionId: z.number().int().nullable(),
  amendReason: z.string().nullable(),
  /** The amendment that replaced this session, when one did (this row then counts for nothing). */
  amendedBy: z.number().int().nullable(),
  /** Who wrote this amendment (the therapist stays the original one), when it is an amendment. */
  amender: personSchema.nullable(),
  /** Whether the person asking may still edit it in place (their own, within 7 days). */
  editable: z.boolean(),
  /** Whether the person asking may amend it: its therapist (with rehab.write) or a supervisor (rehab.approve), while it is the latest version. */
  mayAmend: z.boolean(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

// ——— measures ———

export const measureAddSchema = z.object({
  childId: idSchema,
  instrument: z.enum(INSTRUMENT_CODES, { message: '请选择量表' }),
  administeredOn: isoDate,
  assessor: optionalText(100),
  /** GMFM-88 only: 88 item scores, 0–3 or null (not tested). */
  items: z.array(z.number().nullable()).nullish(),
  /** Entered instruments: the results by field. */
  scores: z.record(z.string(), z.number().nullable()).nullish(),
  note: optionalText(1000, MULTILINE),
});
export type MeasureAddInput = z.input<typeof measureAddSchema>;

export const measureViewSchema = z.object({
  id: z.number().int(),
  instrument: z.enum(INSTRUMENT_CODES),
  administeredOn: z.string(),
  assessor: z.string().nullable(),
  items: z.array(z.number().nullable()).nullable(),
  scores: z.record(z.string(), z.number().nullable()),
  /** The band the primary score falls in, with the cut-off version it was read against. */
  interpretation: z.object({ label: z.string(), level: z.enum(['low', 'medium', 'high']), version: z.number().int() }).nullable(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export type MeasureView = z.infer<typeof measureViewSchema>;

export const voidRehabSchema = z.object({ id: idSchema, reason: requiredText(500, '请填写作废原因', MULTILINE) });

// ——— the child's rehabilitation page ———

export const rehabChildSchema = z.object({
  /** The versions of the parts read here (issue 19.4): an edit sends back the one it was read at. */
  versions: versionsSchema.optional(),
  childId: z.number().int(),
  childName: z.string(),
  birthDate: z.string(),
  plans: z.array(planViewSchema),
  activePlanId: z.number().int().nullable(),
  /** The version awaiting the supervisor (submitted) or its author (changes requested). */
  pendingPlanId: z.number().int().nullable(),
  sessions: z.array(sessionViewSchema),
  measures: z.array(measureViewSchema),
  /** The active plan's GAS T-score at each date a goal was rated (unrated goals at their baseline). */
  tScores: z.array(z.object({ on: z.string(), t: z.number(), rated: z.number().int() })),
  /** Sessions per month (last 12 months): attended and missed. */
  attendance: z.array(z.object({ month: z.string(), attended: z.number().int(), missed: z.number().int(), minutes: z.number().int() })),
});
export type RehabChild = z.infer<typeof rehabChildSchema>;

export const todayItemSchema = z.object({
  childId: z.number().int(),
  childName: z.string(),
  planId: z.number().int(),
  planVersion: z.number().int(),
  /** Trainings scheduled for this weekday that the person asking delivers. */
  scheduled: z.array(z.object({ interventionId: z.number().int(), description: z.string(), frequency: z.string().nullable() })),
  goals: z.array(z.object({ id: z.number().int(), title: z.string(), latest: z.number().int().nullable(), baseline: z.number().int() })),
  /** Sessions already logged for the child on that date (by anyone). */
  logged: z.array(z.object({ sessionId: z.number().int(), attended: z.boolean(), minutes: z.number().int().nullable(), therapist: z.string().nullable() })),
  reviewOn: z.string(),
});
export type TodayItem = z.infer<typeof todayItemSchema>;

export const instrumentConfigSchema = z.object({
  instrument: z.enum(INSTRUMENT_CODES),
  version: z.number().int(),
  effectiveFrom: z.string(),
  field: z.string(),
  bands: z.array(z.object({ min: z.number(), max: z.number(), label: z.string(), level: z.enum(['low', 'medium', 'high']) })),
  note: z.string().nullable(),
});
export type InstrumentConfig = z.infer<typeof instrumentConfigSchema>;

export const cutoffSaveSchema = z.object({
  instrument: z.enum(INSTRUMENT_CODES),
  effectiveFrom: isoDate,
  field: safeText().min(1),
  bands: z
    .array(z.object({ min: z.number(), max: z.number(), label: safeText().trim().min(1, '请填写分段说明').max(100), level: z.enum(['low', 'medium', 'high']) }))
    .min(1, '至少需要一个分段')
    .max(10),
  note: optionalText(500, MULTILINE),
});
export type CutoffSaveInput = z.input<typeof cutoffSaveSchema>;

export const rehabChannels = {
  /** Everything on a child's rehabilitation tab; reading it is audited. */
  'rehab:child': channel({ input: z.object({ childId: idSchema }), output: rehabChildSchema, permission: 'rehab.read', description: 'read a child rehabilitation file' }),
  /** A new plan, a revision (a new version of an approved one) or an edit of a version not yet approved; saved as submitted. */
  'rehab:savePlan': channel({ input: versioned(planSaveSchema), output: planViewSchema, permission: 'rehab.write', description: 'save a rehabilitation plan' }),
  /** A supervisor's decision: approve (the version becomes active, the last one superseded), reject or ask for changes. */
  'rehab:decidePlan': channel({ input: versioned(planDecideSchema), output: planViewSchema, permission: 'rehab.approve', description: 'decide on a rehabilitation plan' }),
  /** Plans awaiting a decision, for the supervisor's queue. */
  'rehab:pendingPlans': channel({
    input: nothing,
    output: z.array(z.object({ planId: z.number().int(), childId: z.number().int(), childName: z.string(), version: z.number().int(), submittedAt: z.string(), by: z.string().nullable() })),
    permission: 'rehab.approve',
    description: 'list plans awaiting approval',
  }),
  /** The therapist's list for a day: children on active plans they are responsible for. */
  'rehab:today': channel({
    input: z.object({ date: isoDate.nullish() }),
    output: z.object({ date: z.string(), items: z.array(todayItemSchema) }),
    permission: 'rehab.read',
    description: 'read the therapist day list',
  }),
  'rehab:logSession': channel({ input: sessionLogSchema, output: sessionViewSchema, permission: 'rehab.write', description: 'log a rehabilitation session' }),
  /** The therapist's own session within 7 days of logging it. */
  'rehab:editSession': channel({ input: versioned(sessionEditSchema), output: sessionViewSchema, permission: 'rehab.write', description: 'edit a rehabilitation session' }),
  /** A correction after the edit window: a new row amending the session, which stays as written. */
  /** Only the session's therapist or a supervisor may amend it; the service checks which (the channel admits both). */
  'rehab:amendSession': channel({ input: versioned(sessionAmendSchema), output: sessionViewSchema, permission: 'rehab.read', description: 'amend a rehabilitation session' }),
  'rehab:addMeasure': channel({ input: measureAddSchema, output: measureViewSchema, permission: 'rehab.write', description: 'record a measure' }),
  'rehab:voidMeasure': channel({ input: versioned(voidRehabSchema), output: nothing, permission: 'rehab.write', description: 'void a measure' }),
  /** People who may be responsible for a plan (therapists), for the plan form. */
  'rehab:therapists': channel({ input: nothing, output: z.array(personSchema), permission: 'rehab.read', description: 'list therapists' }),
  /** The measures' cut-offs in force (latest version of each) and their history. */
  'rehab:cutoffs': channel({ input: nothing, output: z.array(instrumentConfigSchema), permission: 'rehab.read', description: 'read measure cut-offs' }),
  /** A new version of an instrument's cut-offs, from a date (supervisors). */
  'rehab:saveCutoffs': channel({ input: cutoffSaveSchema, output: instrumentConfigSchema, permission: 'rehab.approve', description: 'save measure cut-offs' }),
} as const;

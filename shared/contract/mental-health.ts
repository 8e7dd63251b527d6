/**
 * The mental-health file of a child (四(十二), 心理健康档案): the yearly check — date, instrument, named
 * scores, risk level, actions, referral to a medical institution — and its follow-ups. A high-risk check
 * stays on the worklist until a supervisor closes it with a comment. Only roles holding
 * mentalHealth.read see any of it, and every read is audited.
 */
import { z } from 'zod';
import { MULTILINE, safeText } from './text';
import { MENTAL_HEALTH_INSTRUMENTS, MENTAL_HEALTH_INSTRUMENT_CODES, RISK_LEVEL_LABELS_ZH, RISK_LEVELS, instrumentCodeOf, instrumentScale, riskFromScores } from '../domain/mental-health';
import { idSchema, isoDate, optionalText } from './common';
import { channel } from './define';
import { versioned, versionsSchema } from './versions';

/** A refinement's `when`: run it once the input is an object whose named fields have no issue (whatever the other fields hold). */
function whenValid(...fields: string[]) {
  return {
    when: (payload: { value: unknown; issues: readonly { path?: readonly PropertyKey[] }[] }) =>
      typeof payload.value === 'object' &&
      payload.value !== null &&
      !Array.isArray(payload.value) &&
      !payload.issues.some((i) => (i.path?.length ?? 0) === 0 || fields.includes(String(i.path?.[0]))),
  };
}

export const riskLevelSchema = z.enum(RISK_LEVELS, { message: '请选择风险等级（无风险、关注或高风险）' });

/** One named score of a check ("困难总分" 18). */
export const mentalHealthScoreSchema = z.object({
  name: safeText().trim().min(1, '请填写分量表名称').max(40, '最多40个字'),
  value: z
    .number({ message: '请填写分数（数字）' })
    .refine((v) => Number.isFinite(v), { message: '请填写分数（数字）' })
    .refine((v) => Math.abs(v) <= 10_000, { message: '分数超出合理范围' }),
});
export type MentalHealthScore = z.infer<typeof mentalHealthScoreSchema>;

/**
 * The instrument, as a code of the fixed list (shared/domain/mental-health.ts); a name written the old
 * way ("SDQ 长处和困难问卷", "phq9") is read as its code, anything else is refused. Blank: no instrument.
 */
export const instrumentCodeSchema = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : (instrumentCodeOf(v) ?? v.trim())) : v),
  z.enum(MENTAL_HEALTH_INSTRUMENT_CODES, { message: '请从列表中选择量表' }).nullish().transform((v) => v ?? null),
);

export const mentalHealthCheckAddSchema = z
  .object({
    childId: idSchema,
    checkedOn: isoDate,
    instrument: instrumentCodeSchema,
    scores: z.array(mentalHealthScoreSchema).max(20, '最多20项分数').default([]),
    riskLevel: riskLevelSchema,
    /** Why the risk level differs from what the instrument's cut-offs give (required then). */
    riskReason: optionalText(500, MULTILINE),
    actions: optionalText(1000, MULTILINE),
    referral: optionalText(100, MULTILINE),
    referralDate: isoDate.nullish().transform((v) => v ?? null),
    note: optionalText(1000, MULTILINE),
  })
  // Each cross-field check runs once the fields it reads are valid, so its message shows beside the others.
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.scores.forEach((s, i) => {
      if (seen.has(s.name)) ctx.addIssue({ code: 'custom', path: ['scores', i, 'name'], message: '同一分量表不能填写两次' });
      seen.add(s.name);
      const scale = instrumentScale(v.instrument, s.name);
      const known = v.instrument ? MENTAL_HEALTH_INSTRUMENTS[v.instrument].scales : null;
      if (known && !scale) {
        const names = known.map((k) => k.name).join('、');
        ctx.addIssue({ code: 'custom', path: ['scores', i, 'name'], message: names ? `${v.instrument}没有“${s.name}”这一分量表（可填：${names}）` : `${MENTAL_HEALTH_INSTRUMENTS[v.instrument!].label}不记分数` });
      }
      if (scale && (s.value < scale.min || s.value > scale.max)) {
        ctx.addIssue({ code: 'custom', path: ['scores', i, 'value'], message: `${v.instrument}“${scale.name}”的分数应在 ${scale.min}–${scale.max} 之间` });
      }
    });
  }, whenValid('instrument', 'scores'))
  .superRefine((v, ctx) => {
    const read = riskFromScores(v.instrument, v.scores);
    if (read && read.level !== v.riskLevel && !v.riskReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['riskReason'],
        message: `按${v.instrument}划界分，“${read.scale}”${read.value}分对应“${RISK_LEVEL_LABELS_ZH[read.level]}”；选择“${RISK_LEVEL_LABELS_ZH[v.riskLevel]}”请写明理由`,
      });
    }
  }, whenValid('instrument', 'scores', 'riskLevel', 'riskReason'))
  .superRefine((v, ctx) => {
    if (v.referralDate && !v.referral) ctx.addIssue({ code: 'custom', path: ['referral'], message: '填写转介日期时请写明转介的医疗机构' });
    if (v.referralDate && v.referralDate < v.checkedOn) ctx.addIssue({ code: 'custom', path: ['referralDate'], message: '转介日期不能早于监测日期' });
  }, whenValid('checkedOn', 'referral', 'referralDate'));
export type MentalHealthCheckAddInput = z.input<typeof mentalHealthCheckAddSchema>;

export const mentalHealthFollowUpAddSchema = z.object({
  childId: idSchema,
  checkId: idSchema,
  followedOn: isoDate,
  note: safeText(MULTILINE).trim().min(1, '请填写随访情况').max(1000, '最多1000个字'),
});
export type MentalHealthFollowUpAddInput = z.input<typeof mentalHealthFollowUpAddSchema>;

export const mentalHealthCloseSchema = z.object({
  childId: idSchema,
  id: idSchema,
  comment: safeText(MULTILINE).trim().min(2, '请填写结案意见').max(500, '最多500个字'),
});
export type MentalHealthCloseInput = z.input<typeof mentalHealthCloseSchema>;

export const mentalHealthVoidSchema = z.object({
  childId: idSchema,
  entity: z.enum(['check', 'followUp'], { message: '请选择要作废的记录类别' }),
  id: idSchema,
  reason: safeText(MULTILINE).trim().min(2, '请写明作废原因').max(200, '最多200个字'),
});
export type MentalHealthVoidInput = z.input<typeof mentalHealthVoidSchema>;

const rowMeta = {
  id: z.number().int(),
  childId: z.number().int(),
  createdAt: z.string(),
  createdBy: z.number().int().nullable(),
  voidedAt: z.string().nullable(),
  voidedBy: z.number().int().nullable(),
  voidReason: z.string().nullable(),
};

export const mentalHealthFollowUpRowSchema = z.object({ ...rowMeta, checkId: z.number().int(), followedOn: z.string(), note: z.string() });
export type MentalHealthFollowUpRow = z.infer<typeof mentalHealthFollowUpRowSchema>;

export const mentalHealthCheckRowSchema = z.object({
  ...rowMeta,
  checkedOn: z.string(),
  instrument: z.string().nullable(),
  scores: z.array(z.object({ name: z.string(), value: z.number() })),
  riskLevel: z.enum(RISK_LEVELS),
  riskReason: z.string().nullable(),
  actions: z.string().nullable(),
  referral: z.string().nullable(),
  referralDate: z.string().nullable(),
  note: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.number().int().nullable(),
  /** The supervisor's display name. */
  closedByName: z.string().nullable(),
  closeComment: z.string().nullable(),
  /** Who recorded it (display name). */
  createdByName: z.string().nullable(),
  followUps: z.array(mentalHealthFollowUpRowSchema),
});
export type MentalHealthCheckRow = z.infer<typeof mentalHealthCheckRowSchema>;

export const mentalHealthFileSchema = z.object({
  /** The versions of the parts read here (issue 19.4): an edit sends back the one it was read at. */
  versions: versionsSchema.optional(),
  childId: z.number().int(),
  /** Checks newest first, voided ones included (marked). */
  checks: z.array(mentalHealthCheckRowSchema),
  lastCheckedOn: z.string().nullable(),
  /** 12 months after the last live check; null when there is none (a check is due now). */
  nextDueOn: z.string().nullable(),
  /** Live high-risk checks a supervisor has not closed yet. */
  openHighRisk: z.number().int(),
});
export type MentalHealthFile = z.infer<typeof mentalHealthFileSchema>;

const byChild = z.object({ childId: idSchema });

export const mentalHealthChannels = {
  /** The child's mental-health file: checks with follow-ups and the next due date (audited as a read). */
  'mentalHealth:get': channel({ input: byChild, output: mentalHealthFileSchema, permission: 'mentalHealth.read', description: 'read a mental-health file' }),
  /** Records a yearly check; a high-risk one raises a worklist item until a supervisor closes it. */
  'mentalHealth:addCheck': channel({ input: mentalHealthCheckAddSchema, output: mentalHealthCheckRowSchema, permission: 'mentalHealth.write', description: 'add a mental-health check' }),
  /** Adds a dated follow-up note to a check. */
  'mentalHealth:addFollowUp': channel({
    input: mentalHealthFollowUpAddSchema,
    output: mentalHealthFollowUpRowSchema,
    permission: 'mentalHealth.write',
    description: 'add a mental-health follow-up',
  }),
  /** A supervisor closes a high-risk check with a comment; its worklist item goes. */
  'mentalHealth:close': channel({ input: versioned(mentalHealthCloseSchema), output: mentalHealthCheckRowSchema, permission: 'mentalHealth.close', description: 'close a high-risk mental-health check' }),
  /** Voids a mistaken check or follow-up with a reason; an open high-risk check must be closed by a supervisor first. */
  'mentalHealth:void': channel({
    input: versioned(mentalHealthVoidSchema),
    output: z.object({ entity: z.enum(['check', 'followUp']), id: z.number().int(), voidedAt: z.string() }),
    permission: 'mentalHealth.write',
    description: 'void a mental-health row',
  }),
} as const;

/**
 * The autism full chain of a child (二(七), 孤独症全链条): events by stage with tool, result and
 * referral, and where the child stands. The record's autism diagnosis (a status fact of the health tab)
 * is read, not duplicated: the file says whether the two agree.
 */
import { z } from 'zod';
import { MULTILINE, safeText } from './text';
import { AUTISM_STAGES } from '../domain/autism';
import { idSchema, isoDate, optionalText } from './common';
import { channel } from './define';
import { versioned, versionsSchema } from './versions';

export const autismStageSchema = z.enum(AUTISM_STAGES, { message: '请选择阶段（筛查、评估、诊断、干预、康复或照护）' });

export const autismEventAddSchema = z
  .object({
    childId: idSchema,
    stage: autismStageSchema,
    occurredOn: isoDate,
    tool: optionalText(60),
    result: optionalText(500, MULTILINE),
    /** Diagnosis only: confirmed (true) or ruled out (false). */
    confirmed: z.boolean().nullish().transform((v) => v ?? null),
    referral: optionalText(100, MULTILINE),
    note: optionalText(1000, MULTILINE),
  })
  .superRefine((v, ctx) => {
    if (v.stage === 'diagnosis' && v.confirmed === null) ctx.addIssue({ code: 'custom', path: ['confirmed'], message: '诊断须写明结论：确诊或排除' });
    if (v.stage !== 'diagnosis' && v.confirmed !== null) ctx.addIssue({ code: 'custom', path: ['confirmed'], message: '只有诊断阶段填写确诊或排除' });
  });
export type AutismEventAddInput = z.input<typeof autismEventAddSchema>;

export const autismVoidSchema = z.object({
  childId: idSchema,
  id: idSchema,
  reason: safeText(MULTILINE).trim().min(2, '请写明作废原因').max(200, '最多200个字'),
});
export type AutismVoidInput = z.input<typeof autismVoidSchema>;

export const autismEventRowSchema = z.object({
  id: z.number().int(),
  childId: z.number().int(),
  createdAt: z.string(),
  createdBy: z.number().int().nullable(),
  voidedAt: z.string().nullable(),
  voidedBy: z.number().int().nullable(),
  voidReason: z.string().nullable(),
  stage: z.enum(AUTISM_STAGES),
  occurredOn: z.string(),
  tool: z.string().nullable(),
  result: z.string().nullable(),
  confirmed: z.boolean().nullable(),
  referral: z.string().nullable(),
  note: z.string().nullable(),
});
export type AutismEventRow = z.infer<typeof autismEventRowSchema>;

/**
 * How the pathway and the record's autism diagnosis stand together: consistent, nothing to compare,
 * a confirmed diagnosis the record lacks, a record diagnosis without a diagnosis event, or a record
 * diagnosis the latest diagnosis event ruled out.
 */
export const AUTISM_CONSISTENCY = ['consistent', 'none', 'recordMissing', 'eventMissing', 'conflict'] as const;

export const autismPathwaySchema = z.object({
  /** The versions of the parts read here (issue 19.4): an edit sends back the one it was read at. */
  versions: versionsSchema.optional(),
  childId: z.number().int(),
  /** Oldest first, voided ones included (marked). */
  events: z.array(autismEventRowSchema),
  /** The furthest stage reached by a live event; null before any. */
  currentStage: z.enum(AUTISM_STAGES).nullable(),
  /** The first date each stage was reached. */
  reachedOn: z.partialRecord(z.enum(AUTISM_STAGES), z.string()),
  /** The record's latest live autism-diagnosis status fact. */
  recordDiagnosis: z.object({ value: z.boolean(), effectiveDate: z.string() }).nullable(),
  consistency: z.enum(AUTISM_CONSISTENCY),
});
export type AutismPathway = z.infer<typeof autismPathwaySchema>;

export const autismChannels = {
  /** The child's autism pathway: events, current stage, and the record's diagnosis beside it (audited as a read). */
  'autism:get': channel({ input: z.object({ childId: idSchema }), output: autismPathwaySchema, permission: 'rehab.read', description: 'read an autism pathway' }),
  /** Records an event of the pathway. */
  'autism:addEvent': channel({ input: autismEventAddSchema, output: autismEventRowSchema, permission: 'rehab.write', description: 'add an autism pathway event' }),
  /** Voids a mistaken event with a reason. */
  'autism:void': channel({ input: versioned(autismVoidSchema), output: autismEventRowSchema, permission: 'rehab.write', description: 'void an autism pathway event' }),
} as const;

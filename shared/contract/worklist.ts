import { z } from 'zod';
import { CLAUSE_IDS } from '../domain/rules-types';
import { isoDate } from './common';
import { channel } from './define';

/** The kinds of work the dashboard lists (issue: "the worklist that tells staff what is due"). */
export const WORKLIST_KINDS = ['turning18', 'assessmentDue', 'allowanceStops', 'conflict', 'mentalHealthDue', 'rehabReviewDue', 'mentalHealthHighRisk', 'reintegrationOverdue', 'compulsorySchooling'] as const;
export const worklistKindSchema = z.enum(WORKLIST_KINDS);
export type WorklistKind = z.infer<typeof worklistKindSchema>;

export const worklistItemSchema = z.object({
  kind: worklistKindSchema,
  childId: z.number().int(),
  childName: z.string(),
  /** The day the thing falls due (today for what is due now). */
  dueDate: z.string(),
  clause: z.enum(CLAUSE_IDS),
  /** Why, in zh-CN, naming the facts that decided it. */
  reason: z.string(),
  /** now: due or overdue; soon: within weeks; upcoming: later inside the horizon. */
  urgency: z.enum(['now', 'soon', 'upcoming']),
  /** The child is in the signed-in person's caseload (我的儿童); theirs come first (issue 18.9). */
  mine: z.boolean().optional(),
  /** The child's open reintegration case, for items whose work is done there (an overdue handover, an assessment). */
  caseId: z.number().int().nullable().optional(),
});
export type WorklistItem = z.infer<typeof worklistItemSchema>;

export const worklistChannels = {
  /**
   * The worklist for the signed-in person, computed on demand from every child in care (never stored).
   * Kinds the person's roles may not see are left out; `kinds` narrows further.
   */
  'worklist:get': channel({
    input: z.object({ asOf: isoDate.optional(), kinds: z.array(worklistKindSchema).optional() }),
    output: z.object({
      asOf: z.string(),
      /** Counts per visible kind, before the `kinds` filter (so the filter chips can show them). */
      counts: z.partialRecord(worklistKindSchema, z.number().int()),
      visibleKinds: z.array(worklistKindSchema),
      items: z.array(worklistItemSchema),
    }),
    permission: 'worklist.read',
    description: 'the worklist of what is due',
  }),
};

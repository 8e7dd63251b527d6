import { z } from 'zod';
import type {
  BenefitCode,
  ChildFacts,
  ClauseId,
  EntitlementStatus,
  Evaluation,
  ReintegrationStatus,
} from '../domain/rules-types';
import { idSchema, isoDate } from './common';
import { channel } from './define';
import { rehabSummarySchema } from './reintegration';

export type TimelineDateKind = 'eighteenthBirthday' | 'studyEnds' | 'policyEnds';

export type TimelineChange =
  | { kind: 'entitlement'; benefit: BenefitCode; from: EntitlementStatus; to: EntitlementStatus; clause: ClauseId; reason: string }
  | { kind: 'reintegration'; from: ReintegrationStatus; to: ReintegrationStatus; clause: ClauseId; reason: string }
  /** The policy's term is its closing paragraph, not a numbered clause: `sentence` quotes it. */
  | { kind: 'policy'; from: boolean; to: boolean; sentence: string; reason: string }
  | { kind: 'conflict'; codes: [BenefitCode, BenefitCode]; change: 'starts' | 'ends'; clause: ClauseId; reason: string };

export type TimelineEntry = {
  date: string;
  kinds: TimelineDateKind[];
  /** Empty when nothing changes on that date (the UI says so rather than hiding the date). */
  changes: TimelineChange[];
  /**
   * The date falls after the policy's term (inForceTo): its changes are read as if the policy still
   * applied, a projection only (a new policy will decide), and the page says so.
   */
  afterPolicyTerm?: boolean;
};

export type Timeline = { asOf: string; assumption: string; entries: TimelineEntry[] };

/** The rules' output crosses the boundary as the rules module built it (its shape is RULES.md's). */
const evaluationSchema = z.custom<Evaluation>((v) => typeof v === 'object' && v !== null && 'entitlements' in v && 'reintegration' in v);
const factsSchema = z.custom<ChildFacts>((v) => typeof v === 'object' && v !== null && 'birthDate' in v);
const timelineSchema = z.custom<Timeline>((v) => typeof v === 'object' && v !== null && Array.isArray((v as Timeline).entries));

export const eligibilityChannels = {
  /**
   * What the policy gives one child on a date, with the facts derived from the record, the clause and
   * reason of every line, and the coming dates on which something changes.
   */
  'eligibility:get': channel({
    input: z.object({ childId: idSchema, asOf: isoDate.optional() }),
    output: z.object({
      asOf: z.string(),
      facts: factsSchema,
      evaluation: evaluationSchema,
      timeline: timelineSchema,
      /** Parts of the record the facts had to assume (e.g. no hukou recorded), in zh-CN. */
      factNotes: z.array(z.string()),
    }),
    permission: 'eligibility.read',
    description: "a child's entitlements under the policy",
  }),
  /**
   * A child's one-page summary for print, as of today: the roster line (identity, categories, placement,
   * education, disability), the categories and today's entitlements with their clauses, and the
   * rehabilitation plan in force in brief (null for those who may not read rehabilitation).
   */
  'eligibility:summary': channel({
    input: z.object({ childId: idSchema }),
    output: z.object({
      asOf: z.string(),
      institutionName: z.string().nullable(),
      childId: z.number().int(),
      /** The children roster's line of today, keyed by its columns (IMPORT_FIELDS), in Chinese. */
      values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
      categories: z.array(z.object({ code: z.string(), label: z.string(), clause: z.string() })),
      entitlements: z.array(z.object({ code: z.string(), label: z.string(), clause: z.string(), reason: z.string() })),
      rehabilitation: rehabSummarySchema.nullable(),
    }),
    permission: 'eligibility.read',
    description: "a child's one-page summary",
  }),
};

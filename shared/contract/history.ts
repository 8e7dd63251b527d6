/**
 * A child's history (issue 3, item 5): the audit trail's rows about one child, made readable — who,
 * when, what was done to which part of the record, and each field before and after. Views of the
 * record ("who saw what") are part of the trail; they are left out unless asked for.
 */
import { z } from 'zod';
import { idSchema } from './common';
import { channel } from './define';

/** One field's change; values as stored (dates `YYYY-MM-DD`, money in fen, codes untranslated). */
export const historyChangeSchema = z.object({ field: z.string(), before: z.json(), after: z.json() });
export type HistoryChange = z.infer<typeof historyChangeSchema>;

export const historyEntrySchema = z.object({
  /** The audit row's id: entries come newest first. */
  id: z.number().int(),
  /** When, as an ISO timestamp. */
  at: z.string(),
  /** Who: the person's display name (their user name if the account is gone); null for the system. */
  actor: z.object({ id: z.number().int().nullable(), name: z.string() }).nullable(),
  /** What was done: `entity.verb` as audited (placement.add, child.update, child.discharge, record.read…). */
  action: z.string(),
  /** A change to the record, or a view of it. */
  kind: z.enum(['change', 'view']),
  /** Which part of the record: child, placement, guardianship, benefit, statusFact… */
  entity: z.string().nullable(),
  entityId: z.number().int().nullable(),
  /** Field by field; for a row added, `before` is null and `after` the value entered. */
  changes: z.array(historyChangeSchema),
  /** The row the entry is about as it stands now (a placement's kind and dates…), so an end or a void can say what ended. */
  subject: z.record(z.string(), z.json()).nullable(),
  /** The reason given (a void, a restore). */
  reason: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyInputSchema = z.object({
  childId: idSchema,
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(50),
  /** Only entries older than this one (the last entry already shown), for "load more". */
  beforeId: idSchema.optional(),
  /** Views of the record too ("who saw what"); needs audit.read. */
  includeViews: z.boolean().default(false),
});
export type HistoryInput = z.input<typeof historyInputSchema>;

export const historyOutputSchema = z.object({
  /** Entries matching (changes only, or with views), whatever the page. */
  total: z.number().int(),
  entries: z.array(historyEntrySchema),
  /** Whether older entries remain after this page. */
  hasMore: z.boolean(),
});
export type HistoryOutput = z.infer<typeof historyOutputSchema>;

export const historyChannels = {
  /** A child's history from the audit trail, newest first; reading it is itself audited. */
  'children:history': channel({
    input: historyInputSchema,
    output: historyOutputSchema,
    permission: 'children.read',
    description: 'read a child history',
  }),
} as const;

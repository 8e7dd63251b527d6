import { z } from 'zod';

/*
 * No update lost between two desks (issue 19.4). Each part of a record that can be edited has a version
 * (record_versions, migration 0018); reads hand it out, an edit sends back the one it was read at, and a
 * stale edit is refused with `conflict` and the details below. Appends (sessions, notes, facts) carry none.
 */

/**
 * The version an edit was read at. Optional in the schema only because some guarded channels edit nothing
 * on some inputs (a new year's insurance, a new plan, a settings read); the host refuses an edit of an
 * existing part without it (ValidationError on `expectedVersion`, electron/host/edit-guards.ts).
 */
export const expectedVersionField = z.number({ error: '读取时的版本有误' }).int('读取时的版本有误').min(0, '读取时的版本有误').optional();

/** An edit channel's input: its own schema plus `expectedVersion`. */
export function versioned<Shape extends z.ZodRawShape, Config extends z.core.$ZodObjectConfig>(schema: z.ZodObject<Shape, Config>) {
  // safeExtend keeps a schema's own refinements (extend refuses a refined object at run time).
  const extended: unknown = schema.safeExtend({ expectedVersion: expectedVersionField } as never);
  return extended as z.ZodObject<z.core.util.Extend<Shape, { expectedVersion: typeof expectedVersionField }>, Config>;
}

/** The versions of the parts a read returns, keyed `entity:id` (see partKey); a part absent is at 0. */
export const versionsSchema = z.record(z.string(), z.number().int());
export type Versions = z.infer<typeof versionsSchema>;

/** The key of one part in a `versions` map: `child:12`, `placement:3`, `setting:idleLockMinutes:0`. */
export function partKey(entity: string, id: number): string {
  return `${entity}:${id}`;
}

/** The version of one part in a map (0 when the part was never changed since it was added). */
export function versionIn(versions: Versions | undefined, entity: string, id: number): number {
  return versions?.[partKey(entity, id)] ?? 0;
}

const jsonValue: z.ZodType<unknown> = z.unknown();

/** What a `conflict` error carries: who changed the part, when, and what they changed. */
export const conflictDetailsSchema = z.object({
  kind: z.literal('staleEdit'),
  entity: z.string(),
  entityId: z.number().int(),
  expectedVersion: z.number().int(),
  currentVersion: z.number().int(),
  /** The person's display name (or username), null when the trail does not say. */
  changedBy: z.string().nullable(),
  /** ISO time of the latest change, null when the trail does not say. */
  changedAt: z.string().nullable(),
  /** The audited action of the latest change (`child.update`, `rehabPlan.decide`…). */
  action: z.string().nullable(),
  /** Their changes since the version the edit was read at, oldest first, one entry per field (latest value). */
  changes: z.array(z.object({ field: z.string(), before: jsonValue, after: jsonValue })),
});
export type ConflictDetails = z.infer<typeof conflictDetailsSchema>;

/** Whether an error's details are a stale-edit conflict's. */
export function isConflictDetails(value: unknown): value is ConflictDetails {
  return conflictDetailsSchema.safeParse(value).success;
}

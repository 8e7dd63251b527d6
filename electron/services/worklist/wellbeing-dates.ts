/**
 * The two dates the worklist needs from the rehabilitation and mental-health records, read for every
 * child at once (one grouped query each, not one per child), or only for the children of `childIds`
 * (the few whose record changed since the worklist's memo was made).
 */
import { and, inArray, isNull, lte, max } from 'drizzle-orm';
import { mentalHealthChecks, rehabPlans } from '../../../db/schema';
import type { ServiceContext } from '../core/context';
import { activePlanOf } from '../rehab/rehab-plans';

/** childId → the date of the latest yearly mental-health check on or before `asOf` (四(十二)). */
export function lastMentalHealthChecks(ctx: ServiceContext, asOf: string, childIds: readonly number[] | null = null): Map<number, string> {
  const rows = ctx.db
    .select({ childId: mentalHealthChecks.childId, last: max(mentalHealthChecks.checkedOn) })
    .from(mentalHealthChecks)
    .where(
      and(
        isNull(mentalHealthChecks.voidedAt),
        lte(mentalHealthChecks.checkedOn, asOf),
        childIds === null ? undefined : inArray(mentalHealthChecks.childId, [...childIds]),
      ),
    )
    .groupBy(mentalHealthChecks.childId)
    .all();
  return new Map(rows.filter((r) => r.last !== null).map((r) => [r.childId, r.last!]));
}

/**
 * childId → the review date of the child's plan in force on `asOf`: the highest approved version that
 * has started (二(七); a revision approved with a later start leaves the version before it in force).
 */
export function rehabReviewDates(ctx: ServiceContext, asOf: string, childIds: readonly number[] | null = null): Map<number, string> {
  const rows = ctx.db
    .select()
    .from(rehabPlans)
    .where(
      and(
        isNull(rehabPlans.voidedAt),
        inArray(rehabPlans.status, ['approved', 'superseded']),
        lte(rehabPlans.startsOn, asOf),
        childIds === null ? undefined : inArray(rehabPlans.childId, [...childIds]),
      ),
    )
    .all();
  const byChild = new Map<number, (typeof rows)[number][]>();
  for (const r of rows) byChild.set(r.childId, [...(byChild.get(r.childId) ?? []), r]);
  return new Map([...byChild].map(([childId, plans]) => [childId, activePlanOf(plans, asOf)!.reviewOn]));
}

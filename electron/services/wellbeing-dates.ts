/**
 * The two dates the worklist needs from the rehabilitation and mental-health records, read for every
 * child at once (one grouped query each, not one per child).
 */
import { and, eq, isNull, lte, max } from 'drizzle-orm';
import { mentalHealthChecks, rehabPlans } from '../../db/schema';
import type { ServiceContext } from './context';

/** childId → the date of the latest yearly mental-health check on or before `asOf` (四(十二)). */
export function lastMentalHealthChecks(ctx: ServiceContext, asOf: string): Map<number, string> {
  const rows = ctx.db
    .select({ childId: mentalHealthChecks.childId, last: max(mentalHealthChecks.checkedOn) })
    .from(mentalHealthChecks)
    .where(and(isNull(mentalHealthChecks.voidedAt), lte(mentalHealthChecks.checkedOn, asOf)))
    .groupBy(mentalHealthChecks.childId)
    .all();
  return new Map(rows.filter((r) => r.last !== null).map((r) => [r.childId, r.last!]));
}

/**
 * childId → the review date of the child's active plan: the highest approved, not voided version that
 * has started by `asOf` (二(七); a revision supersedes the version before it).
 */
export function rehabReviewDates(ctx: ServiceContext, asOf: string): Map<number, string> {
  const rows = ctx.db
    .select({ childId: rehabPlans.childId, version: rehabPlans.version, reviewOn: rehabPlans.reviewOn })
    .from(rehabPlans)
    .where(and(isNull(rehabPlans.voidedAt), eq(rehabPlans.status, 'approved'), lte(rehabPlans.startsOn, asOf)))
    .all();
  const active = new Map<number, { version: number; reviewOn: string }>();
  for (const r of rows) {
    const best = active.get(r.childId);
    if (!best || r.version > best.version) active.set(r.childId, r);
  }
  return new Map([...active].map(([childId, r]) => [childId, r.reviewOn]));
}

/**
 * Dated intervals of a child's record (placements, guardianships, benefits, disabilities): `from` is the
 * first day, `to` the last day (inclusive), null while the interval lasts. Pure functions.
 */
export { addDays } from '../../../shared/domain/dates';

export type Interval = { from: string; to: string | null };

/** Later than any real date: the end of an interval that has not ended. */
const OPEN_END = '9999-12-31';

/** Whether two intervals share at least one day. One ending the day before the other starts does not. */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  return a.from <= (b.to ?? OPEN_END) && b.from <= (a.to ?? OPEN_END);
}

/** Whether `date` falls inside the interval (both ends count). */
export function covers(interval: Interval, date: string): boolean {
  return interval.from <= date && (interval.to === null || date <= interval.to);
}

/** The first live (not voided) row that shares a day with `candidate`, other than `exceptId`. */
export function findOverlap<T extends Interval & { id: number; voidedAt: string | null }>(
  rows: readonly T[],
  candidate: Interval,
  exceptId?: number,
): T | null {
  return rows.find((row) => row.voidedAt === null && row.id !== exceptId && intervalsOverlap(row, candidate)) ?? null;
}


/** `2020-01-01 至今` or `2020-01-01 至 2021-06-30`, as messages write an interval. */
export function describeInterval(interval: Interval): string {
  return interval.to === null ? `${interval.from} 至今` : `${interval.from} 至 ${interval.to}`;
}

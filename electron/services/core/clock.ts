import { toIsoDate } from '../../../shared/domain/dates';

/** Time as services see it; tests pass a fixed clock. */
export type Clock = { now: () => Date; today: () => string };

export const systemClock: Clock = { now: () => new Date(), today: () => toIsoDate(new Date()) };

export function fixedClock(iso: string): Clock {
  let current = new Date(iso);
  return {
    now: () => new Date(current),
    today: () => toIsoDate(current),
    ...{ advance: (ms: number) => (current = new Date(current.getTime() + ms)) },
  };
}

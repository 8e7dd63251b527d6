/**
 * Whole-day date arithmetic on `YYYY-MM-DD` strings: no Date objects, no time zones, no clock.
 *
 * Age is counted in 周岁 and the birthday itself counts as the new age (the project's reading, RULES.md:
 * "周岁 on the birthday"). Someone born on 29 February reaches a new age on 1 March in a non-leap year:
 * their birth date has not yet come round on 28 February, and by analogy with 民法典 第二百零一条
 * (a period without a corresponding day ends on the month's last day, so the next age starts the day
 * after it). See READING.md.
 */

export type DateParts = { year: number; month: number; day: number };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of a year (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The parts of a real `YYYY-MM-DD` date, or null when the string is not one. */
export function parseIsoDate(value: string): DateParts | null {
  const m = ISO_DATE.exec(value);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function partsOf(value: string): DateParts {
  const parts = parseIsoDate(value);
  if (parts === null) throw new RangeError(`not a YYYY-MM-DD date: ${value}`);
  return parts;
}

/** Formats date parts as `YYYY-MM-DD`. */
export function formatIsoDate({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Negative, zero or positive as `a` is before, on or after `b` (both `YYYY-MM-DD`). */
export function compareIsoDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether `date` lies in the closed interval `from`..`to`. */
export function isWithin(date: string, from: string, to: string): boolean {
  return compareIsoDates(date, from) >= 0 && compareIsoDates(date, to) <= 0;
}

/** Whole years (周岁) on `asOf` of someone born on `birthDate`; the birthday counts. */
export function ageOn(birthDate: string, asOf: string): number {
  const b = partsOf(birthDate);
  const a = partsOf(asOf);
  const birthdayReached = a.month > b.month || (a.month === b.month && a.day >= b.day);
  return a.year - b.year - (birthdayReached ? 0 : 1);
}

/** The first date on which someone born on `birthDate` is `years` 周岁 (29 Feb → 1 Mar in non-leap years). */
export function dateOfAge(birthDate: string, years: number): string {
  const b = partsOf(birthDate);
  const year = b.year + years;
  if (b.month === 2 && b.day === 29 && !isLeapYear(year)) return formatIsoDate({ year, month: 3, day: 1 });
  return formatIsoDate({ year, month: b.month, day: b.day });
}

/**
 * Whole-day date arithmetic on `YYYY-MM-DD` strings: no Date objects, no time zones, no clock.
 *
 * How 周岁 are counted is a reading decision, so it is data (`AgeCounting`, held in RULE_TABLES):
 * - the new age begins on the birthday itself (RULES.md makes "the day of the 18th birthday" the
 *   boundary; 年满18周岁 is reached that day);
 * - someone born on 29 February reaches a new age on 28 February of a common year. 民法典 第二百零二条:
 *   "按照年、月计算期间的,到期月的对应日为期间的最后一日;没有对应日的,月末日为期间的最后一日" — the
 *   birthday is the day an age is reached (the last day of the period of years); with no 29 February the
 *   month's last day, 28 February, takes its place (RULES.md, round 2). See READING.md.
 */

export type DateParts = { year: number; month: number; day: number };

/** The day a new age (周岁) begins: on the birthday, or the day after it. */
export type NewAgeOn = 'birthday' | 'dayAfterBirthday';
/** The anniversary of a 29 February birth in a common year. */
export type LeapDayAnniversary = 'feb28' | 'mar1';
export type AgeCounting = { newAgeOn: NewAgeOn; leapDayAnniversary: LeapDayAnniversary };

/** The project's reading: the birthday counts; 29 February turns over on 28 February in a common year. */
export const POLICY_AGE_COUNTING: AgeCounting = Object.freeze({ newAgeOn: 'birthday', leapDayAnniversary: 'feb28' });

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

/** The calendar day after `parts`. */
function nextDay({ year, month, day }: DateParts): DateParts {
  if (day < daysInMonth(year, month)) return { year, month, day: day + 1 };
  if (month < 12) return { year, month: month + 1, day: 1 };
  return { year: year + 1, month: 1, day: 1 };
}

function agePartsOf(b: DateParts, years: number, counting: AgeCounting): DateParts {
  if (years === 0) return b;
  const year = b.year + years;
  const anniversary =
    b.month === 2 && b.day === 29 && !isLeapYear(year)
      ? counting.leapDayAnniversary === 'mar1'
        ? { year, month: 3, day: 1 }
        : { year, month: 2, day: 28 }
      : { year, month: b.month, day: b.day };
  return counting.newAgeOn === 'birthday' ? anniversary : nextDay(anniversary);
}

/** The first date on which someone born on `birthDate` is `years` 周岁. */
export function dateOfAge(birthDate: string, years: number, counting: AgeCounting = POLICY_AGE_COUNTING): string {
  return formatIsoDate(agePartsOf(partsOf(birthDate), years, counting));
}

/** Whole years (周岁) on `asOf` of someone born on `birthDate` (not after `asOf`). */
export function ageOn(birthDate: string, asOf: string, counting: AgeCounting = POLICY_AGE_COUNTING): number {
  const b = partsOf(birthDate);
  const a = partsOf(asOf);
  const years = a.year - b.year;
  if (years <= 0) return 0;
  return compareIsoDates(formatIsoDate(agePartsOf(b, years, counting)), asOf) <= 0 ? years : years - 1;
}

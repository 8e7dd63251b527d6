/** Whole-day calendar dates as `YYYY-MM-DD` strings; no time zones, no clocks. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Today's date in the local time zone of `now`, as `YYYY-MM-DD`. */
export function toIsoDate(now: Date): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * Whole years (周岁) between a birth date and `asOf`; the birthday itself counts, and a 29 February
 * birthday falls on 28 February in a common year (民法典 第二百零二条: 没有对应日的,月末日为期间的最后一日;
 * shared/RULES.md, round 2 — the rules' dateOfAge agrees).
 */
export function ageOn(birthDate: string, asOf: string): number {
  const [by, bm, born] = birthDate.split('-').map(Number);
  const [ay, am, ad] = asOf.split('-').map(Number);
  const bd = bm === 2 && born === 29 && !isRealDate(ay, 2, 29) ? 28 : born;
  let age = ay - by;
  if (am < bm || (am === bm && ad < bd)) age -= 1;
  return age;
}

/** `date` plus whole months, clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  let nd = d;
  while (!isRealDate(ny, nm, nd)) nd -= 1;
  return `${ny}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** `date` plus (or minus) whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d) + days * 86_400_000);
  return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

/**
 * One way to write a moment on every page: `2026-12-05 20:50` (local time, 24-hour, ISO order), the
 * same order as the ISO dates beside it, in Chinese and English alike. Pure.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:mm` (or with `:ss`) in local time; the text itself when it is not a moment. */
export function formatDateTime(iso: string, withSeconds = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${withSeconds ? `:${pad(d.getSeconds())}` : ''}`;
  return `${date} ${time}`;
}

/** Whether a stored value is an ISO moment (`2026-12-05T12:50:11.000Z`), not a calendar day. */
export function isIsoMoment(value: string): boolean {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value);
}

/** The calendar's headers in the page's language: 2027年3月 / 2027年 in Chinese (dayjs zh-cn alone writes "三月 2027"). */
export function calendarLabelFormats(locale: 'zh-CN' | 'en'): { monthLabelFormat: string; yearLabelFormat: string; decadeLabelFormat: string } {
  return locale === 'zh-CN'
    ? { monthLabelFormat: 'YYYY年M月', yearLabelFormat: 'YYYY年', decadeLabelFormat: 'YYYY年' }
    : { monthLabelFormat: 'MMMM YYYY', yearLabelFormat: 'YYYY', decadeLabelFormat: 'YYYY' };
}

/** A month (`YYYY-MM`) as a chart axis reads it: 2026年1月, or Jan 2026. */
export function monthLabel(month: string, locale: 'zh-CN' | 'en'): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  if (locale === 'zh-CN') return `${y}年${m}月`;
  return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`;
}

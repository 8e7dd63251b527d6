import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { describe, expect, it } from 'vitest';
import { calendarLabelFormats, formatDateTime, isIsoMoment, monthLabel } from './date-time';

describe('dates and times as pages write them (issue 18, item 7)', () => {
  it('heads the Chinese calendar 2027年3月, not 三月 2027', () => {
    const march = dayjs('2027-03-01').locale('zh-cn');
    expect(march.format(calendarLabelFormats('zh-CN').monthLabelFormat)).toBe('2027年3月');
    expect(march.format(calendarLabelFormats('zh-CN').yearLabelFormat)).toBe('2027年');
    expect(dayjs('2027-03-01').locale('en').format(calendarLabelFormats('en').monthLabelFormat)).toBe('March 2027');
  });

  it('writes a moment in the order of the ISO dates beside it', () => {
    const text = formatDateTime('2026-12-05T12:50:11.000Z', true);
    expect(text).toMatch(/^2026-12-0\d \d\d:50:11$/);
    expect(text).not.toContain('/');
    expect(formatDateTime('not a time')).toBe('not a time');
    expect(isIsoMoment('2026-12-05T12:50:11.000Z')).toBe(true);
    expect(isIsoMoment('2026-12-05')).toBe(false);
  });

  it('labels a month on a chart axis with its year', () => {
    expect(monthLabel('2026-01', 'zh-CN')).toBe('2026年1月');
    expect(monthLabel('2026-01', 'en')).toBe('Jan 2026');
  });
});

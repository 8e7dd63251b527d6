import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, ageOn, isIsoDate } from '../../../shared/domain/dates';

describe('ageOn (周岁, the birthday itself counts)', () => {
  const cases: [string, string, number][] = [
    ['2008-06-15', '2026-06-14', 17], // the day before the 18th birthday
    ['2008-06-15', '2026-06-15', 18], // the birthday counts
    ['2008-06-15', '2026-06-16', 18],
    ['2008-06-15', '2026-05-31', 17], // an earlier month, later day
    ['2008-06-15', '2026-07-01', 18], // a later month, earlier day
    ['2008-12-31', '2026-12-30', 17],
    ['2008-12-31', '2026-12-31', 18],
    ['2008-01-01', '2025-12-31', 17], // the year's last day before a 1 January birthday
    ['2026-03-01', '2026-03-01', 0],
  ];
  for (const [birth, asOf, age] of cases) {
    it(`born ${birth}, on ${asOf}: ${age}`, () => {
      expect(ageOn(birth, asOf)).toBe(age);
    });
  }

  it('is never lower on a later day and turns exactly on addYears(birth, n)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1, max: 30 }), (d, n) => {
        const birth = d.toISOString().slice(0, 10);
        if (birth.endsWith('02-29')) return; // a leap-day birthday is clamped to 28 February by addYears
        const birthday = addYears(birth, n);
        expect(ageOn(birth, birthday)).toBe(n);
        expect(ageOn(birth, addMonths(birthday, 0))).toBe(n);
        const dayBefore = new Date(`${birthday}T00:00:00Z`);
        dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
        expect(ageOn(birth, dayBefore.toISOString().slice(0, 10))).toBe(n - 1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('addMonths clamps to the end of the month', () => {
  const cases: [string, number, string][] = [
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'], // leap year
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-05-31', 1, '2026-06-30'],
    ['2026-01-31', 13, '2027-02-28'],
    ['2026-08-31', -18, '2025-02-28'],
    ['2025-12-15', 1, '2026-01-15'], // across the year end
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-01-15', -12, '2025-01-15'],
    ['2026-07-09', 0, '2026-07-09'],
  ];
  for (const [date, months, expected] of cases) {
    it(`${date} ${months >= 0 ? '+' : ''}${months} months → ${expected}`, () => {
      expect(addMonths(date, months)).toBe(expected);
    });
  }

  it('addYears from a leap day: 28 February in a common year, 29 in a leap year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2008-06-15', 18)).toBe('2026-06-15');
  });

  it('always gives a real date in the right month, never a later day than the start', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2050-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -600, max: 600 }), (d, months) => {
        const date = d.toISOString().slice(0, 10);
        const result = addMonths(date, months);
        expect(isIsoDate(result)).toBe(true);
        const [y, m, day] = date.split('-').map(Number);
        const [ry, rm, rd] = result.split('-').map(Number);
        expect(ry * 12 + rm - (y * 12 + m)).toBe(months);
        expect(rd).toBeLessThanOrEqual(day);
        if (rd < day) expect(isIsoDate(`${ry}-${String(rm).padStart(2, '0')}-${String(rd + 1).padStart(2, '0')}`)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('isIsoDate', () => {
  it('knows leap years and the written form', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-00-10')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('2026-01-01T00:00')).toBe(false);
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2030-12-31', 1)).toBe('2031-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });
  it('is undone by the opposite number of days and always gives a real date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2060-12-31'), noInvalidDate: true }), fc.integer({ min: -2000, max: 2000 }), (d, n) => {
        const iso = d.toISOString().slice(0, 10);
        const moved = addDays(iso, n);
        return isIsoDate(moved) && addDays(moved, -n) === iso;
      }),
    );
  });
});

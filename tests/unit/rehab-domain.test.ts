/**
 * The rehabilitation arithmetic (shared/domain/rehab.ts, DOMAIN.md 二(七)): the GAS summary T-score,
 * GMFM-88 dimension and total percentages, the instruments' own ranges, the cut-off configurations and
 * the weekday of a date. Every expected value below is worked by hand from DOMAIN.md's formulas.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CutoffConfig,
  GMFM88_DIMENSIONS,
  GMFM88_ITEM_COUNT,
  INSTRUMENTS,
  cutoffProblems,
  gasTScore,
  gasWeight,
  gmfm88Scores,
  gmfmDimensionOf,
  instrumentProblems,
  interpretScore,
  isoWeekday,
} from '../../shared/domain/rehab';

const goals = (weights: number[], levels: number[]) => weights.map((weight, i) => ({ weight, level: levels[i]! }));

describe('gasTScore: T = 50 + 10·Σwx / √((1−ρ)·Σw² + ρ·(Σw)²), ρ = 0.3', () => {
  it('three goals of weight 1 at the expected level (0) give 50', () => {
    expect(gasTScore(goals([1, 1, 1], [0, 0, 0]))).toBe(50);
  });

  it('three goals of weight 1 all at +1: 50 + 10·3/√(0.7·3 + 0.3·9) = 50 + 30/√4.8 ≈ 63.69', () => {
    expect(gasTScore(goals([1, 1, 1], [1, 1, 1]))).toBeCloseTo(63.6931, 4);
  });

  it('three goals of weight 1 all at −2: 50 − 60/√4.8 ≈ 22.61 (the scale is symmetric about 50)', () => {
    expect(gasTScore(goals([1, 1, 1], [-2, -2, -2]))).toBeCloseTo(22.6139, 4);
  });

  it('weighted by importance × difficulty, worked by hand', () => {
    // Goal 1: importance 3 × difficulty 2 = 6, reached +2; goal 2: 1 × 2 = 2, at −1; goal 3: 1 × 1 = 1, at 0.
    // Σw = 9, Σw² = 36 + 4 + 1 = 41, Σwx = 12 − 2 + 0 = 10.
    // T = 50 + 10·10 / √(0.7·41 + 0.3·81) = 50 + 100/√(28.7 + 24.3) = 50 + 100/√53 = 50 + 13.7361 = 63.7361.
    const weights = [gasWeight(3, 2), gasWeight(1, 2), gasWeight(1, 1)];
    expect(weights).toEqual([6, 2, 1]);
    expect(gasTScore(goals(weights, [2, -1, 0]))).toBeCloseTo(63.7361, 4);
    // The same levels with equal weights: Σwx = 1, 50 + 10/√4.8 = 54.5644 — the weights matter.
    expect(gasTScore(goals([1, 1, 1], [2, -1, 0]))).toBeCloseTo(54.5644, 4);
  });

  it('a second weighted example: weights 4, 3, 1 at 0, +1, −1 → 50 + 20/√37.4 ≈ 53.27', () => {
    // Σw = 8, Σw² = 26, Σwx = 0 + 3 − 1 = 2; √(0.7·26 + 0.3·64) = √(18.2 + 19.2) = √37.4.
    expect(gasTScore(goals([4, 3, 1], [0, 1, -1]))).toBeCloseTo(53.2703, 4);
  });

  it('goals of weight 0 count for nothing', () => {
    const base = gasTScore(goals([6, 2, 1], [2, -1, 0]));
    expect(gasTScore(goals([6, 2, 1, 0, 0], [2, -1, 0, -2, 2]))).toBe(base);
    expect(gasTScore(goals([0, 4], [-2, 1]))).toBeCloseTo(gasTScore(goals([4], [1]))!, 10);
    // One goal: T = 50 + 10·x (the weight cancels): 50 + 10·w / √(0.7w² + 0.3w²) = 60.
    expect(gasTScore(goals([4], [1]))).toBeCloseTo(60, 10);
  });

  it('is null (undefined, not 50) when no goal has a weight, or there are no goals', () => {
    expect(gasTScore(goals([0, 0, 0], [1, 2, -1]))).toBeNull();
    expect(gasTScore([])).toBeNull();
  });

  it('gasWeight is importance × difficulty (0–3 each)', () => {
    expect(gasWeight(0, 3)).toBe(0);
    expect(gasWeight(3, 3)).toBe(9);
    expect(gasWeight(2, 1)).toBe(2);
  });

  const weightsArb = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 });
  const levelArb = fc.integer({ min: -2, max: 2 });

  it('property: 50 whenever every goal is at its expected level, for any positive weights', () => {
    fc.assert(
      fc.property(weightsArb, (weights) => {
        expect(gasTScore(goals(weights, weights.map(() => 0)))).toBeCloseTo(50, 10);
      }),
      { numRuns: 300 },
    );
  });

  it('property: strictly increasing in the level of a goal that has a weight; unchanged by a weight-0 goal', () => {
    fc.assert(
      fc.property(
        weightsArb.chain((w) => fc.tuple(fc.constant(w), fc.array(levelArb, { minLength: w.length, maxLength: w.length }), fc.nat({ max: w.length - 1 }))),
        ([weights, levels, i]) => {
          fc.pre(levels[i]! < 2);
          const up = [...levels];
          up[i] = levels[i]! + 1;
          expect(gasTScore(goals(weights, up))!).toBeGreaterThan(gasTScore(goals(weights, levels))!);
          const zeroed = [...weights];
          zeroed[i] = 0;
          if (zeroed.some((w) => w > 0)) expect(gasTScore(goals(zeroed, up))).toBeCloseTo(gasTScore(goals(zeroed, levels))!, 10);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: multiplying every weight by k gives the same T; negating every level gives 100 − T', () => {
    fc.assert(
      fc.property(
        weightsArb.chain((w) => fc.tuple(fc.constant(w), fc.array(levelArb, { minLength: w.length, maxLength: w.length }))),
        fc.integer({ min: 2, max: 50 }),
        ([weights, levels], k) => {
          const t = gasTScore(goals(weights, levels))!;
          expect(gasTScore(goals(weights.map((w) => w * k), levels))).toBeCloseTo(t, 9);
          expect(gasTScore(goals(weights, levels.map((x) => -x)))).toBeCloseTo(100 - t, 9);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** 88 item scores built dimension by dimension: each dimension's list must have that dimension's length. */
function gmfmItems(byDimension: (number | null)[][]): (number | null)[] {
  byDimension.forEach((items, i) => expect(items.length).toBe(GMFM88_DIMENSIONS[i]!.items));
  return byDimension.flat();
}
const repeat = <T>(value: T, n: number): T[] => Array.from({ length: n }, () => value);

describe('GMFM-88', () => {
  it('has five dimensions of 17, 20, 14, 13 and 24 items: 88 in all', () => {
    expect(GMFM88_DIMENSIONS.map((d) => [d.key, d.items])).toEqual([
      ['A', 17],
      ['B', 20],
      ['C', 14],
      ['D', 13],
      ['E', 24],
    ]);
    expect(GMFM88_DIMENSIONS.reduce((n, d) => n + d.items, 0)).toBe(88);
    expect(GMFM88_ITEM_COUNT).toBe(88);
  });

  it('places each item in its dimension (A 1–17, B 18–37, C 38–51, D 52–64, E 65–88)', () => {
    const cases: [number, string][] = [
      [1, 'A'],
      [17, 'A'],
      [18, 'B'],
      [37, 'B'],
      [38, 'C'],
      [51, 'C'],
      [52, 'D'],
      [64, 'D'],
      [65, 'E'],
      [88, 'E'],
    ];
    for (const [n, key] of cases) expect(gmfmDimensionOf(n), `item ${n}`).toBe(key);
    expect(() => gmfmDimensionOf(89)).toThrow(RangeError);
  });

  it('every item at 3 is 100 % in each dimension and in total; every item at 0 is 0 %', () => {
    expect(gmfm88Scores(repeat(3, 88))).toEqual({ dimensions: { A: 100, B: 100, C: 100, D: 100, E: 100 }, total: 100, notTested: 0 });
    expect(gmfm88Scores(repeat(0, 88))).toEqual({ dimensions: { A: 0, B: 0, C: 0, D: 0, E: 0 }, total: 0, notTested: 0 });
  });

  it('a mixed example worked by hand: dimension % = raw / (3 × items) × 100, total = mean of the five', () => {
    const items = gmfmItems([
      repeat(3, 17), // A: 51 / 51 = 100
      [...repeat(3, 10), ...repeat(0, 10)], // B: 30 / 60 = 50
      repeat(1, 14), // C: 14 / 42 = 33.33… → 33.3
      repeat(2, 13), // D: 26 / 39 = 66.66… → 66.7
      [...repeat(3, 8), ...repeat(null, 16)], // E: 24 / 72 = 33.33… → 33.3, 16 not tested
    ]);
    // total = (100 + 50 + 33.33… + 66.66… + 33.33…) / 5 = 283.33… / 5 = 56.66… → 56.7
    expect(gmfm88Scores(items)).toEqual({ dimensions: { A: 100, B: 50, C: 33.3, D: 66.7, E: 33.3 }, total: 56.7, notTested: 16 });
  });

  it('a second example: one dimension only (B all 2) — total is the mean over all five dimensions, not over those scored', () => {
    const items = gmfmItems([repeat(0, 17), repeat(2, 20), repeat(0, 14), repeat(0, 13), repeat(0, 24)]);
    // B: 40 / 60 = 66.66… → 66.7; total = 66.66… / 5 = 13.33… → 13.3
    expect(gmfm88Scores(items)).toEqual({ dimensions: { A: 0, B: 66.7, C: 0, D: 0, E: 0 }, total: 13.3, notTested: 0 });
  });

  it('counts an item not tested as 0, and counts it in notTested', () => {
    const tested = [...repeat(2, 40), ...repeat(0, 48)];
    const untested = [...repeat(2, 40), ...repeat(null, 48)];
    const a = gmfm88Scores(tested);
    const b = gmfm88Scores(untested);
    expect(b.dimensions).toEqual(a.dimensions);
    expect(b.total).toBe(a.total);
    expect(a.notTested).toBe(0);
    expect(b.notTested).toBe(48);
    // A: 34/51 = 66.7; B: 40/60 = 66.7; C: items 38–40 at 2 → 6/42 = 14.3; D, E: 0. total = (66.67+66.67+14.29)/5 = 29.5
    expect(a).toMatchObject({ dimensions: { A: 66.7, B: 66.7, C: 14.3, D: 0, E: 0 }, total: 29.5 });
  });

  it('refuses a list that is not 88 long, and an item outside 0–3 naming the item', () => {
    expect(() => gmfm88Scores(repeat(1, 87))).toThrow(RangeError);
    expect(() => gmfm88Scores(repeat(1, 89))).toThrow(/89/);
    const four = repeat<number | null>(1, 88);
    four[19] = 4;
    expect(() => gmfm88Scores(four)).toThrow(RangeError);
    expect(() => gmfm88Scores(four)).toThrow(/item 20/);
    const negative = repeat<number | null>(1, 88);
    negative[0] = -1;
    expect(() => gmfm88Scores(negative)).toThrow(/item 1\b/);
    const half = repeat<number | null>(1, 88);
    half[87] = 1.5;
    expect(() => gmfm88Scores(half)).toThrow(/item 88/);
  });

  it('property: every percentage lies in 0–100 and the total is the mean of the five (within rounding)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }), { minLength: 88, maxLength: 88 }), (items) => {
        const r = gmfm88Scores(items);
        const dims = Object.values(r.dimensions);
        for (const p of dims) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(100);
        }
        expect(Math.abs(r.total - dims.reduce((a, b) => a + b, 0) / 5)).toBeLessThanOrEqual(0.1);
        expect(r.notTested).toBe(items.filter((v) => v === null).length);
      }),
      { numRuns: 200 },
    );
  });
});

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('instrumentProblems: each instrument within its own range', () => {
  it('ABC total is an integer 0–158', () => {
    expect(instrumentProblems('ABC', { total: 0 })).toEqual([]);
    expect(instrumentProblems('ABC', { total: 158 })).toEqual([]);
    expect(instrumentProblems('ABC', { total: -1 })).toEqual([{ field: 'total', message: '总分应在 0–158 之间' }]);
    expect(fields(instrumentProblems('ABC', { total: 159 }))).toEqual(['total']);
    expect(instrumentProblems('ABC', { total: 70.5 })).toEqual([{ field: 'total', message: '总分应为整数' }]);
    expect(instrumentProblems('ABC', {})).toEqual([{ field: 'total', message: '请填写总分' }]);
    expect(instrumentProblems('ABC', { total: null })).toEqual([{ field: 'total', message: '请填写总分' }]);
  });

  it('CARS total is 15–60 in steps of 0.5', () => {
    for (const ok of [15, 37.5, 60]) expect(instrumentProblems('CARS', { total: ok }), String(ok)).toEqual([]);
    expect(fields(instrumentProblems('CARS', { total: 14.5 }))).toEqual(['total']);
    expect(instrumentProblems('CARS', { total: 60.5 })[0]!.message).toBe('总分应在 15–60 之间');
    expect(instrumentProblems('CARS', { total: 61 })[0]!.message).toBe('总分应在 15–60 之间');
    expect(instrumentProblems('CARS', { total: 30.25 })).toEqual([{ field: 'total', message: '总分的最小单位是 0.5' }]);
  });

  it('GMFM-66 score is 0–100 in steps of 0.1', () => {
    expect(instrumentProblems('GMFM66', { score: 55.5 })).toEqual([]);
    expect(instrumentProblems('GMFM66', { score: 0 })).toEqual([]);
    expect(fields(instrumentProblems('GMFM66', { score: -0.1 }))).toEqual(['score']);
    expect(fields(instrumentProblems('GMFM66', { score: 100.1 }))).toEqual(['score']);
    expect(instrumentProblems('GMFM66', { score: 55.55 })[0]!.message).toBe('GMFM-66 分值的最小单位是 0.1');
  });

  it('WeeFIM: domains in their ranges, total 18–126 required, and the total must be the sum of the three domains', () => {
    expect(instrumentProblems('WeeFIM', { selfCare: 30, mobility: 20, cognition: 25, total: 75 })).toEqual([]);
    expect(instrumentProblems('WeeFIM', { total: 90 })).toEqual([]); // domains are optional
    expect(instrumentProblems('WeeFIM', { selfCare: 30, mobility: 20, cognition: 25, total: 76 })).toEqual([
      { field: 'total', message: 'WeeFIM 总分应等于三个领域之和（75）' },
    ]);
    expect(fields(instrumentProblems('WeeFIM', { selfCare: 7, total: 60 }))).toEqual(['selfCare']);
    expect(fields(instrumentProblems('WeeFIM', { selfCare: 57, total: 60 }))).toEqual(['selfCare']);
    expect(fields(instrumentProblems('WeeFIM', { mobility: 4, total: 60 }))).toEqual(['mobility']);
    expect(fields(instrumentProblems('WeeFIM', { cognition: 36, total: 60 }))).toEqual(['cognition']);
    expect(fields(instrumentProblems('WeeFIM', { total: 17 }))).toEqual(['total']);
    expect(fields(instrumentProblems('WeeFIM', { total: 127 }))).toEqual(['total']);
    expect(instrumentProblems('WeeFIM', { selfCare: 30 })).toEqual([{ field: 'total', message: '请填写总分' }]);
    expect(instrumentProblems('WeeFIM', { selfCare: 20.5, total: 60 })).toEqual([{ field: 'selfCare', message: '自理（8项）应为整数' }]);
  });

  it('PEDI-CAT: scaled scores 20–80, all optional but at least one given', () => {
    expect(instrumentProblems('PEDICAT', { mobility: 50 })).toEqual([]);
    expect(instrumentProblems('PEDICAT', { dailyActivities: 20, mobility: 80, socialCognitive: 45, responsibility: 61 })).toEqual([]);
    expect(instrumentProblems('PEDICAT', {})).toEqual([{ field: 'dailyActivities', message: `请至少填写一项${INSTRUMENTS.PEDICAT.zh}结果` }]);
    expect(fields(instrumentProblems('PEDICAT', { dailyActivities: null, mobility: null }))).toEqual(['dailyActivities']);
    expect(fields(instrumentProblems('PEDICAT', { mobility: 19 }))).toEqual(['mobility']);
    expect(fields(instrumentProblems('PEDICAT', { responsibility: 81 }))).toEqual(['responsibility']);
  });

  it('ADOS-2: module 1–4 and comparison score 1–10, both required; M-CHAT-R 0–20', () => {
    expect(instrumentProblems('ADOS', { module: 2, comparisonScore: 7 })).toEqual([]);
    expect(fields(instrumentProblems('ADOS', { module: 0, comparisonScore: 7 }))).toEqual(['module']);
    expect(fields(instrumentProblems('ADOS', { module: 5, comparisonScore: 7 }))).toEqual(['module']);
    expect(fields(instrumentProblems('ADOS', { module: 2, comparisonScore: 11 }))).toEqual(['comparisonScore']);
    expect(fields(instrumentProblems('ADOS', { module: 2 }))).toEqual(['comparisonScore']);
    expect(instrumentProblems('MCHAT', { total: 20 })).toEqual([]);
    expect(fields(instrumentProblems('MCHAT', { total: 21 }))).toEqual(['total']);
  });

  it('names a field the instrument does not have', () => {
    expect(instrumentProblems('ABC', { total: 10, extra: 1 })).toEqual([{ field: 'extra', message: `${INSTRUMENTS.ABC.zh}没有“extra”这一项` }]);
    expect(fields(instrumentProblems('CARS', { score: 30 }))).toEqual(['score', 'total']);
  });

  it('property: every integer inside ABC 0–158 passes and every integer outside fails on total', () => {
    fc.assert(
      fc.property(fc.integer({ min: -500, max: 500 }), (v) => {
        expect(instrumentProblems('ABC', { total: v }).length === 0).toBe(v >= 0 && v <= 158);
      }),
    );
  });
});

const ABC_V1: CutoffConfig = {
  field: 'total',
  bands: [
    { min: 0, max: 30, label: '低于筛查界值', level: 'low' },
    { min: 31, max: 66, label: '筛查阳性，需进一步评估', level: 'medium' },
    { min: 67, max: 158, label: '支持孤独症诊断', level: 'high' },
  ],
};

describe('cut-offs', () => {
  it('interpretScore reads a score against its band, both ends inclusive; none outside every band', () => {
    expect(interpretScore(ABC_V1, 30)?.label).toBe('低于筛查界值');
    expect(interpretScore(ABC_V1, 31)?.level).toBe('medium');
    expect(interpretScore(ABC_V1, 66)?.level).toBe('medium');
    expect(interpretScore(ABC_V1, 67)).toEqual({ min: 67, max: 158, label: '支持孤独症诊断', level: 'high' });
    expect(interpretScore(ABC_V1, 70)?.label).toBe('支持孤独症诊断');
    expect(interpretScore(ABC_V1, 30.5)).toBeNull();
    expect(interpretScore({ field: 'total', bands: [] }, 10)).toBeNull();
  });

  it('cutoffProblems accepts a valid configuration', () => {
    expect(cutoffProblems('ABC', ABC_V1)).toEqual([]);
    expect(cutoffProblems('CARS', { field: 'total', bands: [{ min: 15, max: 29.5, label: '无', level: 'low' }, { min: 30, max: 60, label: '有', level: 'high' }] })).toEqual([]);
  });

  it('cutoffProblems refuses overlapping bands, in any order given', () => {
    const overlap: CutoffConfig = {
      field: 'total',
      bands: [
        { min: 30, max: 158, label: '高', level: 'high' },
        { min: 0, max: 30, label: '低', level: 'low' },
      ],
    };
    expect(cutoffProblems('ABC', overlap)).toEqual(['分段“低”与“高”重叠']);
  });

  it('cutoffProblems refuses a band outside the field range and a band whose min exceeds its max', () => {
    expect(cutoffProblems('ABC', { field: 'total', bands: [{ min: 0, max: 200, label: '全部', level: 'low' }] })).toEqual(['分段“全部”超出总分的范围 0–158']);
    expect(cutoffProblems('CARS', { field: 'total', bands: [{ min: 10, max: 20, label: '低', level: 'low' }] })).toEqual(['分段“低”超出总分的范围 15–60']);
    expect(cutoffProblems('ABC', { field: 'total', bands: [{ min: 40, max: 30, label: '倒置', level: 'low' }] })).toEqual(['分段“倒置”的下限大于上限']);
  });

  it('cutoffProblems refuses an unknown field, no bands, and a band without a label', () => {
    expect(cutoffProblems('ABC', { field: 'score', bands: ABC_V1.bands })).toEqual([`${INSTRUMENTS.ABC.zh}没有“score”这一项`]);
    expect(cutoffProblems('ABC', { field: 'total', bands: [] })).toEqual(['至少需要一个分段']);
    expect(cutoffProblems('ABC', { field: 'total', bands: [{ min: 0, max: 10, label: '  ', level: 'low' }] })).toEqual(['第 1 段缺少说明']);
  });
});

describe('isoWeekday (1 = Monday … 7 = Sunday)', () => {
  it('knows the days around the test clock', () => {
    expect(isoWeekday('2026-11-29')).toBe(7); // a Sunday
    expect(isoWeekday('2026-11-30')).toBe(1);
    expect(isoWeekday('2026-12-02')).toBe(3);
    expect(isoWeekday('2026-12-05')).toBe(6);
    expect(isoWeekday('2024-02-29')).toBe(4);
  });

  it('property: seven days later is the same weekday, one day later the next', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        const plus = (n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
        expect(isoWeekday(plus(7))).toBe(isoWeekday(day));
        expect(isoWeekday(plus(1))).toBe((isoWeekday(day) % 7) + 1);
      }),
    );
  });
});

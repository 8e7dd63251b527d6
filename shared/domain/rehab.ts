/**
 * Rehabilitation arithmetic (DOMAIN.md, 二(七)): Goal Attainment Scaling T-scores, GMFM-88 percentages,
 * and the instruments whose results are entered with their own ranges. Pure functions, used by the
 * services and shown by the renderer.
 */

/** The five GAS levels, −2 (much less than expected) … +2 (much more than expected). */
export const GAS_LEVELS = [-2, -1, 0, 1, 2] as const;
export type GasLevel = (typeof GAS_LEVELS)[number];

/** The inter-goal correlation Kiresuk and Sherman assumed (DOMAIN.md). */
export const GAS_RHO = 0.3;

export type GasGoalScore = { weight: number; level: number };

/**
 * The GAS summary T-score: T = 50 + 10·Σwᵢxᵢ / √((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²), ρ = 0.3. Goals of weight 0
 * count for nothing; null when no goal has a weight (the score is undefined, not 50).
 */
export function gasTScore(goals: readonly GasGoalScore[], rho = GAS_RHO): number | null {
  let sumW = 0;
  let sumW2 = 0;
  let sumWX = 0;
  for (const g of goals) {
    sumW += g.weight;
    sumW2 += g.weight * g.weight;
    sumWX += g.weight * g.level;
  }
  if (sumW <= 0) return null;
  return 50 + (10 * sumWX) / Math.sqrt((1 - rho) * sumW2 + rho * sumW * sumW);
}

/** A goal's weight: importance × difficulty, each 0–3 (DOMAIN.md). */
export const gasWeight = (importance: number, difficulty: number): number => importance * difficulty;

/** GMFM-88: the five dimensions, in item order (A 1–17, B 18–37, C 38–51, D 52–64, E 65–88). */
export const GMFM88_DIMENSIONS = [
  { key: 'A', items: 17, zh: '卧位与翻身', en: 'Lying & rolling' },
  { key: 'B', items: 20, zh: '坐位', en: 'Sitting' },
  { key: 'C', items: 14, zh: '爬与跪', en: 'Crawling & kneeling' },
  { key: 'D', items: 13, zh: '站立', en: 'Standing' },
  { key: 'E', items: 24, zh: '走、跑与跳', en: 'Walking, running & jumping' },
] as const;
export type GmfmDimension = (typeof GMFM88_DIMENSIONS)[number]['key'];
export const GMFM88_ITEM_COUNT = 88;

/** Which dimension item number n (1-based) belongs to. */
export function gmfmDimensionOf(itemNumber: number): GmfmDimension {
  let end = 0;
  for (const d of GMFM88_DIMENSIONS) {
    end += d.items;
    if (itemNumber <= end) return d.key;
  }
  throw new RangeError(`GMFM-88 has no item ${itemNumber}`);
}

export type Gmfm88Result = {
  /** Dimension percentages, raw / (3 × items) × 100, rounded to 0.1. */
  dimensions: Record<GmfmDimension, number>;
  /** The mean of the five dimension percentages, rounded to 0.1. */
  total: number;
  /** Items marked not tested (scored 0, as the manual directs). */
  notTested: number;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * GMFM-88 percentages from the 88 item scores (0–3, or null when not tested — counted as 0). Throws a
 * RangeError naming the item when the list is not 88 long or a score is outside 0–3.
 */
export function gmfm88Scores(items: readonly (number | null)[]): Gmfm88Result {
  if (items.length !== GMFM88_ITEM_COUNT) throw new RangeError(`GMFM-88 needs 88 item scores, got ${items.length}`);
  const dimensions = {} as Record<GmfmDimension, number>;
  const raw: number[] = [];
  let index = 0;
  let notTested = 0;
  for (const d of GMFM88_DIMENSIONS) {
    let sum = 0;
    for (let i = 0; i < d.items; i += 1, index += 1) {
      const v = items[index];
      if (v === null || v === undefined) {
        notTested += 1;
        continue;
      }
      if (!Number.isInteger(v) || v < 0 || v > 3) throw new RangeError(`GMFM-88 item ${index + 1}: ${v} is outside 0–3`);
      sum += v;
    }
    const pct = (sum / (3 * d.items)) * 100;
    raw.push(pct);
    dimensions[d.key] = round1(pct);
  }
  return { dimensions, total: round1(raw.reduce((a, b) => a + b, 0) / raw.length), notTested };
}

/** A result field of an instrument entered as a number, with the instrument's own range. */
export type InstrumentField = { key: string; zh: string; en: string; min: number; max: number; step: 1 | 0.5 | 0.1; required: boolean };

export type InstrumentDef = {
  code: InstrumentCode;
  zh: string;
  en: string;
  /** computed: from items (GMFM-88); entered: the results as the licensed scoring gives them. */
  mode: 'computed' | 'entered';
  fields: readonly InstrumentField[];
  /** The field charted over time and read against the cut-offs. */
  primary: string;
  /** Whether the instrument belongs to the autism pathway (screening / assessment tools). */
  autism: boolean;
};

export const INSTRUMENT_CODES = ['GMFM88', 'GMFM66', 'WeeFIM', 'PEDICAT', 'ABC', 'CARS', 'ADOS', 'MCHAT'] as const;
export type InstrumentCode = (typeof INSTRUMENT_CODES)[number];

const f = (key: string, zh: string, en: string, min: number, max: number, step: InstrumentField['step'] = 1, required = true): InstrumentField => ({
  key,
  zh,
  en,
  min,
  max,
  step,
  required,
});

export const INSTRUMENTS: Readonly<Record<InstrumentCode, InstrumentDef>> = {
  GMFM88: {
    code: 'GMFM88',
    zh: '粗大运动功能评估（GMFM-88）',
    en: 'GMFM-88',
    mode: 'computed',
    fields: [
      ...GMFM88_DIMENSIONS.map((d) => f(d.key, `${d.key} ${d.zh} %`, `${d.key} ${d.en} %`, 0, 100, 0.1)),
      f('total', '总百分比 %', 'Total %', 0, 100, 0.1),
    ],
    primary: 'total',
    autism: false,
  },
  GMFM66: { code: 'GMFM66', zh: 'GMFM-66', en: 'GMFM-66', mode: 'entered', fields: [f('score', 'GMFM-66 分值', 'GMFM-66 score', 0, 100, 0.1)], primary: 'score', autism: false },
  WeeFIM: {
    code: 'WeeFIM',
    zh: '儿童功能独立性评定（WeeFIM）',
    en: 'WeeFIM',
    mode: 'entered',
    fields: [
      f('selfCare', '自理（8项）', 'Self-care (8 items)', 8, 56, 1, false),
      f('mobility', '移动（5项）', 'Mobility (5 items)', 5, 35, 1, false),
      f('cognition', '认知（5项）', 'Cognition (5 items)', 5, 35, 1, false),
      f('total', '总分', 'Total', 18, 126),
    ],
    primary: 'total',
    autism: false,
  },
  PEDICAT: {
    code: 'PEDICAT',
    zh: '儿童残疾评定量表计算机自适应版（PEDI-CAT）',
    en: 'PEDI-CAT',
    mode: 'entered',
    fields: [
      f('dailyActivities', '日常活动 量表分', 'Daily activities (scaled)', 20, 80, 1, false),
      f('mobility', '移动 量表分', 'Mobility (scaled)', 20, 80, 1, false),
      f('socialCognitive', '社交/认知 量表分', 'Social/cognitive (scaled)', 20, 80, 1, false),
      f('responsibility', '责任 量表分', 'Responsibility (scaled)', 20, 80, 1, false),
    ],
    primary: 'dailyActivities',
    autism: false,
  },
  ABC: { code: 'ABC', zh: '孤独症行为量表（ABC）', en: 'Autism Behavior Checklist (ABC)', mode: 'entered', fields: [f('total', '总分', 'Total', 0, 158)], primary: 'total', autism: true },
  CARS: { code: 'CARS', zh: '儿童孤独症评定量表（CARS）', en: 'CARS', mode: 'entered', fields: [f('total', '总分', 'Total', 15, 60, 0.5)], primary: 'total', autism: true },
  ADOS: {
    code: 'ADOS',
    zh: '孤独症诊断观察量表（ADOS-2）',
    en: 'ADOS-2',
    mode: 'entered',
    fields: [f('module', '模块（1–4）', 'Module (1–4)', 1, 4), f('comparisonScore', '校准严重度分（1–10）', 'Comparison score (1–10)', 1, 10)],
    primary: 'comparisonScore',
    autism: true,
  },
  MCHAT: { code: 'MCHAT', zh: '改良婴幼儿孤独症筛查量表（M-CHAT-R）', en: 'M-CHAT-R', mode: 'entered', fields: [f('total', '总分', 'Total', 0, 20)], primary: 'total', autism: true },
};

/** Problems with a set of entered results, field by field (Chinese messages), empty when valid. */
export function instrumentProblems(code: InstrumentCode, scores: Record<string, number | null | undefined>): { field: string; message: string }[] {
  const def = INSTRUMENTS[code];
  const problems: { field: string; message: string }[] = [];
  const known = new Set(def.fields.map((x) => x.key));
  for (const key of Object.keys(scores)) if (!known.has(key)) problems.push({ field: key, message: `${def.zh}没有“${key}”这一项` });
  let given = 0;
  for (const field of def.fields) {
    const v = scores[field.key];
    if (v === null || v === undefined) {
      if (field.required) problems.push({ field: field.key, message: `请填写${field.zh}` });
      continue;
    }
    given += 1;
    if (!Number.isFinite(v) || v < field.min || v > field.max) problems.push({ field: field.key, message: `${field.zh}应在 ${field.min}–${field.max} 之间` });
    else if (Math.abs(v / field.step - Math.round(v / field.step)) > 1e-9)
      problems.push({ field: field.key, message: field.step === 1 ? `${field.zh}应为整数` : `${field.zh}的最小单位是 ${field.step}` });
  }
  if (given === 0 && problems.length === 0) problems.push({ field: def.fields[0]!.key, message: `请至少填写一项${def.zh}结果` });
  if (code === 'WeeFIM' && problems.length === 0) {
    const { selfCare, mobility, cognition, total } = scores;
    if (typeof selfCare === 'number' && typeof mobility === 'number' && typeof cognition === 'number' && typeof total === 'number' && selfCare + mobility + cognition !== total)
      problems.push({ field: 'total', message: `WeeFIM 总分应等于三个领域之和（${selfCare + mobility + cognition}）` });
  }
  return problems;
}

/** A band of a cut-off configuration: scores from `min` to `max` (inclusive) read as `label`. */
export type CutoffBand = { min: number; max: number; label: string; level: 'low' | 'medium' | 'high' };
export type CutoffConfig = { field: string; bands: CutoffBand[] };

/** The band a score falls in, or null when the configuration has none for it. */
export function interpretScore(config: CutoffConfig, value: number): CutoffBand | null {
  return config.bands.find((b) => value >= b.min && value <= b.max) ?? null;
}

/** Problems with a cut-off configuration against its instrument: the field exists, bands in range, no overlaps. */
export function cutoffProblems(code: InstrumentCode, config: CutoffConfig): string[] {
  const field = INSTRUMENTS[code].fields.find((x) => x.key === config.field);
  if (!field) return [`${INSTRUMENTS[code].zh}没有“${config.field}”这一项`];
  const problems: string[] = [];
  if (config.bands.length === 0) problems.push('至少需要一个分段');
  const sorted = [...config.bands].sort((a, b) => a.min - b.min);
  sorted.forEach((b, i) => {
    if (!b.label.trim()) problems.push(`第 ${i + 1} 段缺少说明`);
    if (b.min > b.max) problems.push(`分段“${b.label}”的下限大于上限`);
    if (b.min < field.min || b.max > field.max) problems.push(`分段“${b.label}”超出${field.zh}的范围 ${field.min}–${field.max}`);
    const next = sorted[i + 1];
    if (next && next.min <= b.max) problems.push(`分段“${b.label}”与“${next.label}”重叠`);
  });
  return problems;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * The yearly mental-health check (四(十二)): risk levels, and the fixed list of screening instruments —
 * each with a code (what is stored), its scales and their ranges, and the cut-offs on its main scale
 * that read a score as a risk level. A check names one of these codes or none (an interview); the
 * ranges and scales apply to every check that names one.
 */
export const RISK_LEVELS = ['none', 'watch', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_LEVEL_LABELS_ZH: Record<RiskLevel, string> = { none: '无风险', watch: '关注', high: '高风险' };

/** A scale of an instrument and its possible range (both ends included). */
export type InstrumentScale = { name: string; min: number; max: number };

/**
 * The risk level a score on the instrument's main scale (its first) reads as: `watch` from `watchFrom`,
 * `high` from `highFrom` (both included). Screening cut-offs as the score sheets give them.
 */
export type RiskCutoffs = { watchFrom: number; highFrom: number; source: string };

export type MentalHealthInstrument = { label: string; en: string; scales: readonly InstrumentScale[]; cutoffs: RiskCutoffs | null; aliases: readonly string[] };

export const MENTAL_HEALTH_INSTRUMENT_CODES = ['SDQ', 'PHQ-9', 'GAD-7', 'CDI', 'SCARED', 'SCL-90', 'OBSERVATION'] as const;
export type MentalHealthInstrumentCode = (typeof MENTAL_HEALTH_INSTRUMENT_CODES)[number];

/** The instruments used in school and institution screening, by code. */
export const MENTAL_HEALTH_INSTRUMENTS: Readonly<Record<MentalHealthInstrumentCode, MentalHealthInstrument>> = {
  SDQ: {
    label: 'SDQ 长处和困难问卷',
    en: 'SDQ Strengths and Difficulties Questionnaire',
    scales: [
      { name: '困难总分', min: 0, max: 40 },
      { name: '情绪症状', min: 0, max: 10 },
      { name: '品行问题', min: 0, max: 10 },
      { name: '多动注意不能', min: 0, max: 10 },
      { name: '同伴交往问题', min: 0, max: 10 },
      { name: '亲社会行为', min: 0, max: 10 },
    ],
    cutoffs: { watchFrom: 16, highFrom: 20, source: '困难总分 0–15 正常，16–19 边缘，20–40 异常，按自评版' },
    aliases: ['长处和困难问卷', 'SDQ长处和困难问卷'],
  },
  'PHQ-9': {
    label: 'PHQ-9 患者健康问卷（抑郁）',
    en: 'PHQ-9 Patient Health Questionnaire (depression)',
    scales: [{ name: '总分', min: 0, max: 27 }],
    cutoffs: { watchFrom: 10, highFrom: 15, source: '总分 10–14 中度，15 及以上中重度至重度' },
    aliases: ['PHQ9', '患者健康问卷'],
  },
  'GAD-7': {
    label: 'GAD-7 广泛性焦虑量表',
    en: 'GAD-7 Generalised Anxiety Disorder scale',
    scales: [{ name: '总分', min: 0, max: 21 }],
    cutoffs: { watchFrom: 10, highFrom: 15, source: '总分 10–14 中度，15 及以上重度' },
    aliases: ['GAD7', '广泛性焦虑量表'],
  },
  CDI: {
    label: 'CDI 儿童抑郁量表',
    en: 'CDI Children’s Depression Inventory',
    scales: [{ name: '总分', min: 0, max: 54 }],
    cutoffs: { watchFrom: 19, highFrom: 26, source: '总分 19 及以上提示抑郁症状，26 及以上明显' },
    aliases: ['儿童抑郁量表'],
  },
  SCARED: {
    label: 'SCARED 儿童焦虑性情绪障碍筛查表',
    en: 'SCARED Screen for Child Anxiety Related Emotional Disorders',
    scales: [{ name: '总分', min: 0, max: 82 }],
    cutoffs: { watchFrom: 25, highFrom: 30, source: '总分 25 及以上提示焦虑障碍，30 及以上特异性更高' },
    aliases: ['儿童焦虑性情绪障碍筛查表'],
  },
  'SCL-90': {
    label: 'SCL-90 症状自评量表',
    en: 'SCL-90 Symptom Checklist-90',
    scales: [
      { name: '总分', min: 90, max: 450 },
      { name: '阳性项目数', min: 0, max: 90 },
    ],
    cutoffs: { watchFrom: 161, highFrom: 250, source: '总分超过 160 为筛查阳性；250 及以上症状明显' },
    aliases: ['SCL90', '症状自评量表'],
  },
  OBSERVATION: {
    label: '发育行为观察（无量表）',
    en: 'Developmental and behavioural observation (no scale)',
    scales: [],
    cutoffs: null,
    aliases: ['发育行为观察', '行为观察'],
  },
};

export function isInstrumentCode(value: unknown): value is MentalHealthInstrumentCode {
  return typeof value === 'string' && (MENTAL_HEALTH_INSTRUMENT_CODES as readonly string[]).includes(value);
}

const squash = (s: string) => s.replace(/[\s\u3000（）()·-]/g, '').toUpperCase();

/**
 * The code of an instrument as people wrote it in earlier years ("SDQ", "SDQ 长处和困难问卷", "sdq",
 * "PHQ9", "症状自评量表"…), or null when it names none of the list.
 */
export function instrumentCodeOf(written: string | null | undefined): MentalHealthInstrumentCode | null {
  if (!written) return null;
  const w = squash(written);
  if (w === '') return null;
  for (const code of MENTAL_HEALTH_INSTRUMENT_CODES) {
    const inst = MENTAL_HEALTH_INSTRUMENTS[code];
    const names = [code, inst.label, ...inst.aliases].map(squash);
    if (names.includes(w)) return code;
  }
  return null;
}

/** The label of a stored instrument: the list's label for a code, the stored text otherwise (an old, unmapped name). */
export function instrumentLabel(stored: string | null | undefined): string | null {
  if (!stored) return null;
  return isInstrumentCode(stored) ? MENTAL_HEALTH_INSTRUMENTS[stored].label : stored;
}

/** The scale of `instrument` named `name`, when both are known (the instrument by code or as written). */
export function instrumentScale(instrument: string | null | undefined, name: string): InstrumentScale | null {
  const code = instrumentCodeOf(instrument);
  if (!code) return null;
  return MENTAL_HEALTH_INSTRUMENTS[code].scales.find((s) => s.name === name.trim()) ?? null;
}

/**
 * The risk level the instrument's cut-offs give for the scores (its main scale, the first), or null when
 * the instrument has no cut-offs or the main scale is not scored.
 */
export function riskFromScores(instrument: string | null | undefined, scores: readonly { name: string; value: number }[]): { level: RiskLevel; scale: string; value: number } | null {
  const code = instrumentCodeOf(instrument);
  if (!code) return null;
  const inst = MENTAL_HEALTH_INSTRUMENTS[code];
  const main = inst.scales[0];
  if (!inst.cutoffs || !main) return null;
  const score = scores.find((s) => s.name.trim() === main.name);
  if (!score || !Number.isFinite(score.value)) return null;
  const level: RiskLevel = score.value >= inst.cutoffs.highFrom ? 'high' : score.value >= inst.cutoffs.watchFrom ? 'watch' : 'none';
  return { level, scale: main.name, value: score.value };
}

/**
 * The yearly mental-health check (四(十二)): risk levels, and the screening instruments whose scales
 * the form suggests and whose ranges a score is checked against. Another instrument may be typed; its
 * scores are then only checked to be numbers.
 */
export const RISK_LEVELS = ['none', 'watch', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_LEVEL_LABELS_ZH: Record<RiskLevel, string> = { none: '无风险', watch: '关注', high: '高风险' };

/** A scale of an instrument and its possible range (both ends included). */
export type InstrumentScale = { name: string; min: number; max: number };

/** Instruments used in school and institution screening, with the scales their score sheets give. */
export const MENTAL_HEALTH_INSTRUMENTS: Readonly<Record<string, { label: string; scales: readonly InstrumentScale[] }>> = {
  SDQ: {
    label: 'SDQ 长处和困难问卷',
    scales: [
      { name: '困难总分', min: 0, max: 40 },
      { name: '情绪症状', min: 0, max: 10 },
      { name: '品行问题', min: 0, max: 10 },
      { name: '多动注意不能', min: 0, max: 10 },
      { name: '同伴交往问题', min: 0, max: 10 },
      { name: '亲社会行为', min: 0, max: 10 },
    ],
  },
  'PHQ-9': { label: 'PHQ-9 患者健康问卷（抑郁）', scales: [{ name: '总分', min: 0, max: 27 }] },
  'GAD-7': { label: 'GAD-7 广泛性焦虑量表', scales: [{ name: '总分', min: 0, max: 21 }] },
  CDI: { label: 'CDI 儿童抑郁量表', scales: [{ name: '总分', min: 0, max: 54 }] },
  SCARED: { label: 'SCARED 儿童焦虑性情绪障碍筛查表', scales: [{ name: '总分', min: 0, max: 82 }] },
  'SCL-90': {
    label: 'SCL-90 症状自评量表',
    scales: [
      { name: '总分', min: 90, max: 450 },
      { name: '阳性项目数', min: 0, max: 90 },
    ],
  },
};

/** The scale of `instrument` named `name`, when both are known. */
export function instrumentScale(instrument: string | null | undefined, name: string): InstrumentScale | null {
  if (!instrument) return null;
  const known = MENTAL_HEALTH_INSTRUMENTS[instrument.trim()];
  return known?.scales.find((s) => s.name === name.trim()) ?? null;
}

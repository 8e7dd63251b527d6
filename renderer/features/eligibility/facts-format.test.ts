import { describe, expect, it } from 'vitest';
import { childFactsSchema, type ChildFacts } from '../../../shared/domain/rules-types';
import { translator } from '../../i18n';
import { describeChildFacts } from './facts-format';

const FACTS: ChildFacts = {
  birthDate: '2012-04-01',
  hukou: 'shanghai',
  orphan: false,
  abandonedConfirmedByPolice: true,
  guardianship: 'missing',
  courtAppointedGuardian: 'civilAffairs',
  placement: 'municipalInstitution',
  disability: { category: 'physical', grade: 2 },
  autism: false,
  seriousIllness: true,
  family: { minimumLivingSecurity: true, lowIncomeEdge: false, extremePoverty: false, legalSupporterAble: false, economicHardship: false, suddenHardship: false },
  migrant: false,
  leftBehind: false,
  education: { stage: 'compulsory', fullTime: true, withinStandardDuration: true },
  receiving: ['basicLivingAllowance', 'medicalAid'],
  reintegration: { assessments: [{ date: '2030-01-10', round: 1, result: 'capable' }], vocationalRehabCompleted: false },
};

/** Every leaf path of the facts schema (family.legalSupporterAble, education.stage…). */
function leafKeys(shape: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(shape).flatMap(([k, v]) => {
    const inner = (v as { def?: { shape?: Record<string, unknown> } }).def?.shape;
    return inner && k !== 'disability' ? leafKeys(inner, `${prefix}${k}.`) : [`${prefix}${k}`];
  });
}

describe('依据的事实 in words', () => {
  it('writes every fact in plain Chinese with the forms’ labels: no code, no JSON, no English', () => {
    const lines = describeChildFacts(FACTS, translator('zh-CN'));
    const text = lines.map((l) => `${l.label}：${l.value}`);
    for (const l of text) expect(l, l).not.toMatch(/[A-Za-z{}"]/);
    const byLabel = new Map(lines.map((l) => [l.label, l.value]));
    expect(byLabel.get('法定抚养人有抚养能力')).toBe('否');
    expect(byLabel.get('公安机关确认弃婴（儿）')).toBe('是');
    expect(byLabel.get('监护状况认定')).toBe('监护缺失');
    expect(byLabel.get('家庭经济状况')).toBe('最低生活保障');
    expect(byLabel.get('正在领取的待遇')).toBe('基本生活费、医疗救助');
    expect([...byLabel.values()].some((v) => v.includes('2级'))).toBe(true);
  });

  it('has a line for every field the rules read (family income flags together)', () => {
    const covered = new Set(describeChildFacts(FACTS, translator('zh-CN')).map((l) => l.key));
    const incomeFlags = ['family.minimumLivingSecurity', 'family.lowIncomeEdge', 'family.extremePoverty', 'family.economicHardship'];
    for (const key of leafKeys(childFactsSchema.shape)) {
      expect(covered.has(key) || (incomeFlags.includes(key) && covered.has('family.income')), key).toBe(true);
    }
  });

  it('reads in English too, with no Chinese left', () => {
    for (const l of describeChildFacts(FACTS, translator('en'))) {
      expect(`${l.label} ${l.value}`, l.label).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('uses the same words for a status fact in the form and in the history', () => {
    const t = translator('zh-CN');
    expect(t('registry.values.statusFactKind.policeAbandonmentConfirmation')).toBe(t('record.facts.kinds.policeAbandonmentConfirmation'));
  });
});

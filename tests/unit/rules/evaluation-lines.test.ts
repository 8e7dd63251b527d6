import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ageOn, dateOfAge, evaluate, RulesValidationError } from '../../../electron/rules/index';
import type { AgeCounting } from '../../../electron/rules/dates';
import { BENEFIT_CODES } from '../../../shared/domain/rules-types';
import type { Evaluation } from '../../../shared/domain/rules-types';
import { allRuleCases, baseFacts } from './support';

const CHINESE = /[\u4e00-\u9fff]/;

/** zh-CN sentence: holds Chinese and ends in a full stop. */
function expectReason(reason: string, where: string): void {
  expect(reason, where).toMatch(CHINESE);
  expect(reason.endsWith('。'), `${where}: "${reason}" does not end in 。`).toBe(true);
}

describe('every line of every evaluation over tests/rules has a clause and a zh-CN reason', () => {
  let evaluations: { label: string; evaluation: Evaluation }[];
  beforeAll(async () => {
    evaluations = [];
    for (const c of await allRuleCases()) {
      try {
        evaluations.push({ label: `${c.file} › ${c.name}`, evaluation: evaluate(c.facts, String(c.asOf)) });
      } catch (error) {
        if (!(error instanceof RulesValidationError)) throw error;
      }
    }
  });

  it('evaluates most cases (the rest are validation cases)', () => {
    expect(evaluations.length).toBeGreaterThan(150);
  });

  it('entitlements: every BenefitCode, with status, clause and reason', () => {
    for (const { label, evaluation } of evaluations) {
      expect(Object.keys(evaluation.entitlements).sort(), label).toEqual([...BENEFIT_CODES].sort());
      for (const [code, line] of Object.entries(evaluation.entitlements)) {
        expect(['eligible', 'ineligible', 'excluded'], `${label} › ${code}`).toContain(line.status);
        expect(line.clause, `${label} › ${code}`).not.toBe('');
        expectReason(line.reason, `${label} › ${code}`);
        expect(line.excludedBy.length > 0, `${label} › ${code}: excludedBy iff excluded`).toBe(line.status === 'excluded');
      }
    }
  });

  it('categories: clause 序言 and a reason', () => {
    let seen = 0;
    for (const { label, evaluation } of evaluations) {
      for (const line of evaluation.categories) {
        seen += 1;
        expect(line.clause).toBe('序言');
        expectReason(line.reason, `${label} › ${line.code}`);
      }
    }
    expect(seen).toBeGreaterThan(50);
  });

  it('conflicts: clause 一(二) and a reason naming both benefits', () => {
    let seen = 0;
    for (const { label, evaluation } of evaluations) {
      for (const line of evaluation.conflicts) {
        seen += 1;
        expect(line.clause).toBe('一(二)');
        expectReason(line.reason, label);
      }
    }
    expect(seen).toBeGreaterThan(5);
  });

  it('medical, reintegration and placement lines carry their clause and reason', () => {
    for (const { label, evaluation } of evaluations) {
      expect(evaluation.medical.clause).toBe('二(六)');
      expectReason(evaluation.medical.reason, `${label} › medical`);
      expect(evaluation.reintegration.clause).toBe('一(四)');
      expectReason(evaluation.reintegration.reason, `${label} › reintegration`);
      expect(evaluation.placementResponsibilityClause).toBe('一(四)');
      expectReason(evaluation.placementResponsibilityReason, `${label} › placement`);
      expect(evaluation.reintegration.tasks.length > 0).toBe(evaluation.reintegration.status === 'resettle');
    }
  });
});

describe('reasons name the deciding facts', () => {
  it('the allowance past 18 names the age and the study stage', () => {
    const facts = { ...baseFacts(), orphan: true, birthDate: '2008-03-15', education: { stage: 'seniorVocational' as const, fullTime: false, withinStandardDuration: true } };
    const reason = evaluate(facts, '2026-09-01').entitlements.basicLivingAllowance.reason;
    expect(reason).toContain('18周岁');
    expect(reason).toContain('中等职业教育');
    expect(reason).toContain('非全日制');
  });

  it('the disability lines name the grade', () => {
    const evaluation = evaluate({ ...baseFacts(), disability: { category: 'physical', grade: 3 } }, '2026-04-01');
    expect(evaluation.entitlements.severeDisabilityNursingSubsidy.reason).toContain('3级');
    expect(evaluation.categories[0]?.reason).toContain('3级');
  });

  it('an excluded benefit names the benefit that excludes it', () => {
    const facts = { ...baseFacts(), orphan: true, placement: 'kinship' as const, family: { ...baseFacts().family, legalSupporterAble: false }, receiving: ['basicLivingAllowance' as const] };
    const line = evaluate(facts, '2026-04-01').entitlements.extremePovertySupport;
    expect(line.status).toBe('excluded');
    expect(line.reason).toContain('基本生活费');
    expect(line.reason).toContain('社会散居孤儿');
  });
});

describe('evaluate is pure', () => {
  it('gives the same answer twice and does not touch frozen input', () => {
    const facts = Object.freeze({ ...baseFacts(), orphan: true, receiving: Object.freeze(['basicLivingAllowance']) });
    expect(evaluate(facts, '2027-01-01')).toEqual(evaluate(facts, '2027-01-01'));
  });
});

describe('周岁 arithmetic (electron/rules/dates)', () => {
  const dayBefore = (date: string): string => {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  };
  const conventions: AgeCounting[] = [
    { newAgeOn: 'birthday', leapDayAnniversary: 'mar1' },
    { newAgeOn: 'birthday', leapDayAnniversary: 'feb28' },
    { newAgeOn: 'dayAfterBirthday', leapDayAnniversary: 'mar1' },
    { newAgeOn: 'dayAfterBirthday', leapDayAnniversary: 'feb28' },
  ];

  it('the policy reading: the birthday counts, 29 February turns over on 28 February (民法典 第二百零二条, RULES.md round 2)', () => {
    expect(ageOn('2008-03-15', '2026-03-14')).toBe(17);
    expect(ageOn('2008-03-15', '2026-03-15')).toBe(18);
    expect(dateOfAge('2008-02-29', 18)).toBe('2026-02-28');
    expect(ageOn('2008-02-29', '2026-02-27')).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(18);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    // A leap year keeps the day itself: 29 February 2028 is the 20th birthday, not the 28th.
    expect(ageOn('2008-02-29', '2028-02-28')).toBe(19);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
    // 2100 is a common year (divisible by 100, not by 400); 2000 was a leap year.
    expect(dateOfAge('2000-02-29', 100)).toBe('2100-02-28');
    expect(dateOfAge('1996-02-29', 4)).toBe('2000-02-29');
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
    expect(ageOn('2026-07-01', '2026-07-01')).toBe(0);
  });

  it('the other conventions move the day as named', () => {
    expect(ageOn('2008-03-15', '2026-03-15', { newAgeOn: 'dayAfterBirthday', leapDayAnniversary: 'mar1' })).toBe(17);
    expect(dateOfAge('2008-12-31', 18, { newAgeOn: 'dayAfterBirthday', leapDayAnniversary: 'mar1' })).toBe('2027-01-01');
    expect(dateOfAge('2008-02-29', 18, { newAgeOn: 'birthday', leapDayAnniversary: 'feb28' })).toBe('2026-02-28');
  });

  it('under every convention, the age turns exactly on dateOfAge and not a day before (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(...conventions),
        (d, n, counting) => {
          const birth = d.toISOString().slice(0, 10);
          const turns = dateOfAge(birth, n, counting);
          expect(ageOn(birth, turns, counting)).toBe(n);
          expect(ageOn(birth, dayBefore(turns), counting)).toBe(n - 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../electron/rules';
import { diffEvaluations, eligibilityTimeline } from '../../../electron/services/eligibility/eligibility-timeline';
import type { ChildFacts } from '../../../shared/domain/rules-types';
import { orphanFacts } from '../../fixtures/child-facts';

/** A scattered orphan of 17 in full-time senior vocational school, raised by the municipal institution. */
const facts: ChildFacts = orphanFacts({
  birthDate: '2009-05-20',
  education: { stage: 'seniorVocational', fullTime: true, withinStandardDuration: true },
});

describe('eligibility timeline', () => {
  it('lists the 18th birthday, the projected end of study and the end of the policy, in date order', () => {
    const t = eligibilityTimeline(evaluate, facts, '2026-11-29', '2028-06-30');
    expect(t.entries.map((e) => [e.date, e.kinds])).toEqual([
      ['2027-05-20', ['eighteenthBirthday']],
      ['2028-06-30', ['studyEnds']],
      ['2031-01-01', ['policyEnds']],
    ]);
    expect(t.assumption).toContain('2028-06-30');
  });

  it('keeps the allowance past 18 while studying, and stops it when study ends (一(一))', () => {
    const t = eligibilityTimeline(evaluate, facts, '2026-11-29', '2028-06-30');
    const birthday = t.entries.find((e) => e.kinds.includes('eighteenthBirthday'))!;
    expect(birthday.changes.find((c) => c.kind === 'entitlement' && c.benefit === 'basicLivingAllowance')).toBeUndefined();
    const studyEnds = t.entries.find((e) => e.kinds.includes('studyEnds'))!;
    expect(studyEnds.changes).toContainEqual(
      expect.objectContaining({ kind: 'entitlement', benefit: 'basicLivingAllowance', from: 'eligible', to: 'ineligible', clause: '一(一)' }),
    );
    expect(studyEnds.changes).toContainEqual(expect.objectContaining({ kind: 'reintegration', from: 'deferredStudying', to: 'assessmentDue' }));
  });

  it('stops the allowance on the 18th birthday itself when the child is not studying', () => {
    const notStudying: ChildFacts = { ...facts, education: { stage: 'finished', fullTime: false, withinStandardDuration: false } };
    const t = eligibilityTimeline(evaluate, notStudying, '2026-11-29', null);
    expect(t.entries.map((e) => e.date)).toEqual(['2027-05-20', '2031-01-01']);
    expect(t.entries[0]!.changes).toContainEqual(
      expect.objectContaining({ kind: 'entitlement', benefit: 'basicLivingAllowance', from: 'eligible', to: 'ineligible' }),
    );
    expect(t.entries[0]!.changes).toContainEqual(expect.objectContaining({ kind: 'reintegration', from: 'notYetAdult', to: 'assessmentDue' }));
  });

  it('skips dates already past and says when the policy leaves force', () => {
    const adult: ChildFacts = { ...facts, birthDate: '2000-01-01' };
    const t = eligibilityTimeline(evaluate, adult, '2026-11-29', '2026-06-30');
    expect(t.entries.map((e) => e.kinds)).toEqual([['policyEnds']]);
    expect(t.entries[0]!.changes).toContainEqual(expect.objectContaining({ kind: 'policy', from: true, to: false }));
  });

  it('diffEvaluations reports a conflict that starts', () => {
    const a = evaluate(facts, '2026-11-29');
    const b = evaluate({ ...facts, receiving: ['basicLivingAllowance', 'minimumLivingAllowance'] }, '2026-11-29');
    expect(diffEvaluations(a, b)).toContainEqual(expect.objectContaining({ kind: 'conflict', change: 'starts', clause: '一(二)' }));
    expect(diffEvaluations(a, a)).toEqual([]);
  });
});

describe('eligibility timeline after the policy term (issue 18, item 8)', () => {
  it('marks the changes of a 2-year-old in 2042 as after the term, and nothing within it', () => {
    const toddler = orphanFacts({ birthDate: '2024-06-01', education: { stage: 'none', fullTime: false, withinStandardDuration: false } });
    const t = eligibilityTimeline(evaluate, toddler, '2026-11-29', null);
    const birthday = t.entries.find((e) => e.kinds.includes('eighteenthBirthday'))!;
    expect(birthday.date).toBe('2042-06-01');
    expect(birthday.afterPolicyTerm).toBe(true);
    const policyEnds = t.entries.find((e) => e.kinds.includes('policyEnds'))!;
    expect(policyEnds.afterPolicyTerm).toBe(false);
    const within = eligibilityTimeline(evaluate, facts, '2026-11-29', '2028-06-30');
    expect(within.entries.filter((e) => e.afterPolicyTerm).map((e) => e.date)).toEqual([]);
  });
});

describe('eligibility timeline: options', () => {
  it('`until` leaves out later dates; `today` is used instead of evaluating again', () => {
    let calls = 0;
    const counting = (f: ChildFacts, d: string) => {
      calls += 1;
      return evaluate(f, d);
    };
    const today = evaluate(facts, '2026-11-29');
    const t = eligibilityTimeline(counting, facts, '2026-11-29', '2028-06-30', { until: '2027-06-01', today });
    expect(t.entries.map((e) => e.date)).toEqual(['2027-05-20']);
    expect(calls).toBe(2);
  });
});

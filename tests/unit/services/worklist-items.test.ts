import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../electron/rules';
import { eligibilityTimeline } from '../../../electron/services/eligibility/eligibility-timeline';
import { type ChildWorklistInput, worklistItemsForChild } from '../../../electron/services/worklist/worklist-items';
import type { ChildFacts } from '../../../shared/domain/rules-types';
import { orphanFacts } from '../../fixtures/child-facts';

const ASOF = '2026-11-29';

const base: ChildFacts = orphanFacts();

function input(facts: Partial<ChildFacts>, extra: Partial<ChildWorklistInput> = {}, expectedStudyEnd: string | null = null): ChildWorklistInput {
  const f = { ...base, ...facts };
  return {
    child: { id: 7, name: '林小雨', birthDate: f.birthDate },
    asOf: ASOF,
    evaluation: evaluate(f, ASOF),
    timeline: eligibilityTimeline(evaluate, f, ASOF, expectedStudyEnd).entries,
    receiving: f.receiving,
    lastMentalHealthCheck: '2026-06-01',
    rehabReviewDate: null,
    ...extra,
  };
}

const kinds = (i: ChildWorklistInput) => worklistItemsForChild(i).map((x) => x.kind);

describe('worklist items for one child', () => {
  it('a child of 12 with a recent mental-health check has nothing due', () => {
    expect(worklistItemsForChild(input({}))).toEqual([]);
  });

  it('lists an 18th birthday five months away under 一(四), but not one seven months away', () => {
    const five = worklistItemsForChild(input({ birthDate: '2009-04-29', education: { stage: 'finished', fullTime: false, withinStandardDuration: false } }));
    const turning = five.find((x) => x.kind === 'turning18');
    expect(turning).toMatchObject({ dueDate: '2027-04-29', clause: '一(四)', childId: 7, childName: '林小雨' });
    expect(turning!.reason).toContain('2027-04-29');
    expect(kinds(input({ birthDate: '2009-06-29' }))).not.toContain('turning18');
    expect(kinds(input({ birthDate: '2009-05-29' }))).toContain('turning18');
  });

  it('an 18-year-old who has finished school with no assessment is "assessment due"', () => {
    const items = worklistItemsForChild(input({ birthDate: '2008-03-01', education: { stage: 'finished', fullTime: false, withinStandardDuration: false } }));
    expect(items.find((x) => x.kind === 'assessmentDue')).toMatchObject({ clause: '一(四)', urgency: 'now' });
  });

  it('an allowance still received after it stopped is listed now, with its clause', () => {
    const items = worklistItemsForChild(input({ birthDate: '2008-03-01', education: { stage: 'finished', fullTime: false, withinStandardDuration: false } }));
    expect(items.find((x) => x.kind === 'allowanceStops')).toMatchObject({ clause: '一(一)', dueDate: ASOF, urgency: 'now' });
  });

  it('a 17-year-old whose allowance stops at 18 is not said to be 18 now (issue 18, item 8)', () => {
    const items = worklistItemsForChild(input({ birthDate: '2009-01-20', education: { stage: 'none', fullTime: false, withinStandardDuration: false } }));
    expect(evaluate({ ...base, birthDate: '2009-01-20' }, ASOF).age).toBe(17);
    const stop = items.find((x) => x.kind === 'allowanceStops');
    expect(stop).toMatchObject({ dueDate: '2027-01-20' });
    expect(stop!.reason).toContain('年满18周岁后');
    expect(stop!.reason).not.toMatch(/现1[0-9]周岁/);
    expect(stop!.reason).toContain('届时18周岁');
  });

  it('an allowance that will stop at the projected end of study within three months is announced', () => {
    const items = worklistItemsForChild(
      input({ birthDate: '2008-03-01', education: { stage: 'seniorVocational', fullTime: true, withinStandardDuration: true } }, {}, '2027-01-15'),
    );
    const stop = items.find((x) => x.kind === 'allowanceStops');
    expect(stop).toMatchObject({ dueDate: '2027-01-15', clause: '一(一)' });
    expect(stop!.reason).toContain('预计完成学业');
    const later = worklistItemsForChild(
      input({ birthDate: '2008-03-01', education: { stage: 'seniorVocational', fullTime: true, withinStandardDuration: true } }, {}, '2027-06-30'),
    );
    expect(later.map((x) => x.kind)).not.toContain('allowanceStops');
  });

  it('benefits received together that may not stack are a conflict under 一(二)', () => {
    const items = worklistItemsForChild(input({ receiving: ['basicLivingAllowance', 'minimumLivingAllowance'] }));
    expect(items.find((x) => x.kind === 'conflict')).toMatchObject({ clause: '一(二)', urgency: 'now' });
  });

  it('the mental-health check is due once in every school year (四(十二), RULES.md round 2), not 12 months after the last', () => {
    // asOf 2026-11-29 is in the school year 2026-09-01..2027-08-31.
    // Checked in the last school year (more than 12 months ago): due by the end of this one, not yet listed.
    expect(kinds(input({}, { lastMentalHealthCheck: '2025-11-28' }))).not.toContain('mentalHealthDue');
    // Checked on 1 September 2025: still the last school year, nothing is behind.
    expect(kinds(input({}, { lastMentalHealthCheck: '2025-09-01' }))).not.toContain('mentalHealthDue');
    // Last checked on 31 August 2025: the whole school year 2025/26 went without a check — behind, now.
    expect(worklistItemsForChild(input({}, { lastMentalHealthCheck: '2025-08-31' })).find((x) => x.kind === 'mentalHealthDue')).toMatchObject({
      dueDate: '2026-08-31',
      urgency: 'now',
      clause: '四(十二)',
    });
    // Checked this school year (fewer than 12 months after a check in the last one): nothing due.
    expect(kinds(input({}, { lastMentalHealthCheck: '2026-09-01' }))).not.toContain('mentalHealthDue');
    expect(kinds(input({}, { lastMentalHealthCheck: null }))).toContain('mentalHealthDue');
    // Thirty days before the school year ends, a check not yet done this school year shows, due on 31 August.
    const august = { asOf: '2027-08-01', lastMentalHealthCheck: '2026-06-01' };
    expect(worklistItemsForChild(input({}, august)).find((x) => x.kind === 'mentalHealthDue')).toMatchObject({ dueDate: '2027-08-31', urgency: 'soon' });
    expect(kinds(input({}, { ...august, asOf: '2027-07-31' }))).not.toContain('mentalHealthDue');
  });

  it('三(八) 控辍保学: a child of compulsory-school age with no school is listed now under 三(八)', () => {
    const none = { education: { stage: 'none' as const, fullTime: false, withinStandardDuration: false } };
    const items = worklistItemsForChild(input(none)).filter((x) => x.kind === 'compulsorySchooling');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ clause: '三(八)', urgency: 'now', dueDate: ASOF });
    expect(kinds(input({}))).not.toContain('compulsorySchooling');
    expect(kinds(input({ ...none, birthDate: '2009-11-29' }))).not.toContain('compulsorySchooling');
  });

  it('a rehabilitation plan review shows from two weeks before it is due', () => {
    expect(kinds(input({}, { rehabReviewDate: '2026-12-13' }))).toContain('rehabReviewDue');
    expect(kinds(input({}, { rehabReviewDate: '2026-12-14' }))).not.toContain('rehabReviewDue');
  });

  it('an open high-risk mental-health check is an item due now on its date, one per check, until closed (absent)', () => {
    const items = worklistItemsForChild(input({}, { openHighRiskChecks: ['2026-10-02', '2026-11-20'] })).filter((x) => x.kind === 'mentalHealthHighRisk');
    expect(items.map((x) => [x.dueDate, x.urgency, x.clause])).toEqual([
      ['2026-10-02', 'now', '四(十二)'],
      ['2026-11-20', 'now', '四(十二)'],
    ]);
    expect(kinds(input({}, { openHighRiskChecks: [] }))).not.toContain('mentalHealthHighRisk');
  });

  it('the reintegration case\'s overdue items: one item per child under 一(四), dated by the earliest', () => {
    expect(kinds(input({}, { reintegrationOverdue: [] }))).not.toContain('reintegrationOverdue');
    const items = worklistItemsForChild(input({}, { reintegrationOverdue: [{ dueOn: '2026-10-01', what: '居民身份证' }, { dueOn: '2026-11-01', what: '落实住房' }] }));
    const overdue = items.filter((x) => x.kind === 'reintegrationOverdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ dueDate: '2026-10-01', clause: '一(四)', urgency: 'now' });
    expect(overdue[0].reason).toBe('回归社会安置：2项逾期——居民身份证（2026-10-01到期）、落实住房（2026-11-01到期）');
  });
});

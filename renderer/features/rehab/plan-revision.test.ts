import { describe, expect, it } from 'vitest';
import type { PlanView } from '../../../shared/contract/rehab';
import { baselineNotBelowExpected, planChanges, planValues, sessionMinutesOf } from './plan-revision';

const levels = { minus2: '完全依赖喂食', minus1: '需大量协助', zero: '少量协助下自己进食', plus1: '独立进食偶有洒漏', plus2: '独立进食' };
const goal = (over: Partial<PlanView['goals'][number]>): PlanView['goals'][number] => ({
  id: 1,
  lineageId: 1,
  position: 0,
  title: '自己进食',
  icfCode: 'd550',
  levels,
  baseline: -1,
  importance: 2,
  difficulty: 2,
  weight: 4,
  latest: null,
  ...over,
});
const plan = (over: Partial<PlanView>): PlanView => ({
  id: 10,
  childId: 1,
  version: 1,
  previousPlanId: null,
  status: 'approved',
  active: true,
  startsOn: '2026-06-01',
  reviewOn: '2026-12-01',
  summary: null,
  therapists: [{ id: 3, name: '李康复' }],
  goals: [goal({})],
  interventions: [],
  decisions: [],
  createdAt: '2026-06-01T00:00:00Z',
  createdBy: '李康复',
  approvedAt: '2026-06-02T00:00:00Z',
  approvedBy: '王主管',
  ...over,
});

describe('a plan revision keeps baselines', () => {
  it('never copies the latest rating into the baseline', () => {
    const v1 = plan({ goals: [goal({ baseline: -1, latest: { on: '2026-11-20', level: 2 } }), goal({ id: 2, lineageId: 2, title: '独立穿衣', baseline: -2, latest: { on: '2026-11-21', level: 0 } })] });
    const values = planValues(v1, (g) => g.id, '2026-12-01', '2027-06-01');
    expect(values.goals.map((g) => g.baseline)).toEqual(['-1', '-2']);
    expect(values.goals.map((g) => g.continuesGoalId)).toEqual([1, 2]);
  });

  it('flags a baseline at or above the expected level (0)', () => {
    expect(['-2', '-1', '0', '1', '2'].map(baselineNotBelowExpected)).toEqual([false, false, true, true, true]);
  });
});

describe('what changed between two versions', () => {
  it('names a changed baseline, an added and a removed goal, and a new review date', () => {
    const v1 = plan({ goals: [goal({}), goal({ id: 2, lineageId: 2, title: '独立穿衣' })] });
    const v2 = plan({
      id: 11,
      version: 2,
      previousPlanId: 10,
      status: 'submitted',
      reviewOn: '2027-06-01',
      goals: [goal({ id: 5, lineageId: 1, baseline: 2 }), goal({ id: 6, lineageId: 6, title: '上下楼梯' })],
    });
    expect(planChanges(v1, v2)).toEqual([
      { kind: 'planChanged', field: 'reviewOn', before: '2026-12-01', after: '2027-06-01' },
      { kind: 'goalChanged', goal: '自己进食', field: 'baseline', before: '−1', after: '+2' },
      { kind: 'goalAdded', goal: '上下楼梯' },
      { kind: 'goalRemoved', goal: '独立穿衣' },
    ]);
  });

  it('an unchanged revision has no changes', () => {
    const v1 = plan({});
    expect(planChanges(v1, plan({ id: 11, version: 2, goals: [goal({ id: 7 })] }))).toEqual([]);
  });
});

describe('the session length a plan gives', () => {
  it('reads 每次N分钟 from the trainings’ frequency', () => {
    expect(sessionMinutesOf(['每周3次，每次40分钟'])).toBe(40);
    expect(sessionMinutesOf([null, '每周2次', '每次 45 分钟'])).toBe(45);
    expect(sessionMinutesOf(['30min/次'])).toBe(30);
    expect(sessionMinutesOf(['每周3次', null])).toBeNull();
  });
});

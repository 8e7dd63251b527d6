/**
 * The rehabilitation channels (rehab:*, 二(七), issue 5) through the router, as the renderer calls them,
 * against a real encrypted database: who may do what; plan versions and the supervisor's decision;
 * session logs, the 7-day edit window and amendments; measures and their versioned cut-offs; the audit
 * trail; the therapist's day list and the worklist's plan review. Refusals name the field and leave
 * nothing written. The clock is fixed at 2026-11-29 (a Sunday); one test moves it and moves it back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import type { ServiceContext } from '../../electron/services/core/context';
import { createUser } from '../../electron/services/users/users';
import type { ChannelOutput } from '../../shared/contract';
import type { SessionUser } from '../../shared/contract/common';
import type { AppErrorShape, Result } from '../../shared/contract/errors';
import type { InstrumentConfig, MeasureView, PlanSaveInput, PlanView, RehabChild, SessionView } from '../../shared/contract/rehab';
import { tempDir } from '../helpers/temp-db';
import { asRead, type TestClock, makeHost, ok, setupAndLogin, testClock } from './support/host';

const PASSWORD = 'Rehab!password1';
const DAY = 86_400_000;
const TODAY = '2026-11-29';

let root: { dir: string; cleanup: () => void };
let host: AppHost;
let clock: TestClock;
let db: ServiceContext;
const u = {} as Record<'caseworker' | 't1' | 't2' | 'supervisor' | 'dual', SessionUser>;
let n = 0;

const call = <T>(user: SessionUser, channel: string, input: unknown) => {
  n += 1;
  host.sessions.start(`r-${n}`, user);
  return host.router.dispatch(`r-${n}`, channel, asRead(host, channel, input)) as Promise<Result<T>>;
};
const must = async <T>(user: SessionUser, channel: string, input: unknown): Promise<T> => ok<T>(await call<T>(user, channel, input));
async function refused(user: SessionUser, channel: string, input: unknown): Promise<AppErrorShape> {
  const r = await call(user, channel, input);
  if (r.ok) throw new Error(`expected ${channel} to be refused, got ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

const count = (table: string, where = '1 = 1', ...args: unknown[]) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...args) as { n: number }).n;
const REHAB_TABLES = ['rehab_plans', 'rehab_goals', 'rehab_interventions', 'rehab_plan_therapists', 'rehab_plan_decisions', 'rehab_sessions', 'rehab_session_goals', 'rehab_measures', 'rehab_config', 'audit_log'];
const rowCounts = () => Object.fromEntries(REHAB_TABLES.map((t) => [t, count(t)]));

/** Expects the call refused with `code` (and `field`), and not one row written anywhere in the rehab tables or the audit trail. */
async function refusedUnchanged(user: SessionUser, channel: string, input: unknown, code: string, field?: string): Promise<AppErrorShape> {
  const before = rowCounts();
  const error = await refused(user, channel, input);
  expect(error.code, error.message).toBe(code);
  if (field !== undefined) expect(error.field, error.message).toBe(field);
  expect(rowCounts()).toEqual(before);
  return error;
}

type Audit = { action: string; entity: string | null; entity_id: number | null; child_id: number | null; user_id: number | null; detail: string | null };
const auditsOf = (action: string, childId: number) =>
  db.sqlite.prepare('SELECT action, entity, entity_id, child_id, user_id, detail FROM audit_log WHERE action = ? AND child_id = ? ORDER BY id').all(action, childId) as Audit[];

let childSeq = 0;
const NAMES = ['林书瑶', '周子墨', '吴雨桐', '郑浩然', '冯思琪', '陈嘉怡', '褚一鸣', '卫若溪', '蒋天佑', '沈可欣', '韩梓萱', '杨博文', '朱诗涵', '秦子轩', '尤佳琪', '许安然', '何沐阳', '吕欣怡', '施宇航', '张晨曦'];
async function newChild(): Promise<number> {
  const name = NAMES[childSeq % NAMES.length]! + (childSeq >= NAMES.length ? String(childSeq) : '');
  childSeq += 1;
  return (await must<{ id: number }>(u.caseworker, 'children:create', { name, sex: 'female', birthDate: '2018-05-01', idNumber: null, admissionDate: '2019-01-01' })).id;
}

const levels = (title: string) => ({ minus2: `${title}：明显退步`, minus1: `${title}：维持基线`, zero: `${title}：达到预期`, plus1: `${title}：略超预期`, plus2: `${title}：远超预期` });
const goal = (title: string, baseline: number, importance: number, difficulty: number, continuesGoalId: number | null = null) => ({
  title,
  levels: levels(title),
  baseline,
  importance,
  difficulty,
  continuesGoalId,
});

/**
 * Plan v1 of the examples: three goals — weights 2×2 = 4 (baseline −1), 3×1 = 3 (baseline −2), 1×1 = 1
 * (baseline −1) — and three interventions: a training on Sundays delivered by the responsible therapist, a
 * training on Mondays delivered by t2, and a surgery.
 */
function planInput(childId: number, over: Partial<PlanSaveInput> = {}): PlanSaveInput {
  return {
    childId,
    startsOn: '2026-11-01',
    reviewOn: '2027-02-01',
    summary: '以粗大运动为主的康复计划',
    therapistIds: [u.t1.id],
    goals: [goal('独立坐稳 30 秒', -1, 2, 2), goal('扶站 10 秒', -2, 3, 1), goal('双手抓握积木', -1, 1, 1)],
    interventions: [
      { kind: 'training', description: '运动疗法（PT）', frequency: '每周日 1 次', startsOn: '2026-11-01', weekdays: [7] },
      { kind: 'training', description: '作业疗法（OT）', frequency: '每周一 1 次', startsOn: '2026-11-01', weekdays: [1], therapistId: u.t2.id },
      { kind: 'surgery', description: '跟腱延长术', provider: '上海市儿童医院', startsOn: '2026-12-15' },
    ],
    ...over,
  };
}

const child = (childId: number, user: SessionUser = u.t1) => must<RehabChild>(user, 'rehab:child', { childId });
const savePlan = (input: PlanSaveInput, user: SessionUser = u.t1) => must<PlanView>(user, 'rehab:savePlan', input);
const decide = (planId: number, decision: string, comment: string | null = null, user: SessionUser = u.supervisor) =>
  must<PlanView>(user, 'rehab:decidePlan', { planId, decision, comment });

/** A child with plan v1 approved (in force from 2026-11-01). */
async function childWithActivePlan(over: Partial<PlanSaveInput> = {}): Promise<{ childId: number; plan: PlanView }> {
  const childId = await newChild();
  const saved = await savePlan(planInput(childId, over));
  const plan = await decide(saved.id, 'approve');
  return { childId, plan };
}

const session = (childId: number, over: Record<string, unknown> = {}) => ({ childId, sessionOn: TODAY, attended: true, minutes: 45, goals: [], note: null, ...over });

beforeAll(async () => {
  root = tempDir();
  clock = testClock();
  host = makeHost(`${root.dir}/data`, { clock });
  const admin = await setupAndLogin(host, 'admin');
  db = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  const people: [keyof typeof u, string, SessionUser['roles']][] = [
    ['caseworker', '王社工', ['caseworker']],
    ['t1', '李康复', ['therapist']],
    ['t2', '赵康复', ['therapist']],
    ['supervisor', '钱主任', ['supervisor']],
    ['dual', '孙兼职', ['therapist', 'supervisor']],
  ];
  for (const [key, name, roles] of people) {
    createUser(db, { username: `u_${key}`, displayName: name, password: PASSWORD, roles });
    u[key] = ok<SessionUser>(await host.router.dispatch(`login-${key}`, 'auth:login', { username: `u_${key}`, password: PASSWORD }));
  }
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('permissions', () => {
  it('a caseworker reads the rehabilitation file but may not save a plan or log a session', async () => {
    const { childId } = await childWithActivePlan();
    const file = await child(childId, u.caseworker);
    expect(file.childId).toBe(childId);
    expect(file.plans).toHaveLength(1);
    await refusedUnchanged(u.caseworker, 'rehab:savePlan', planInput(childId, { revisesPlanId: file.activePlanId }), 'forbidden');
    await refusedUnchanged(u.caseworker, 'rehab:logSession', session(childId), 'forbidden');
    await refusedUnchanged(u.caseworker, 'rehab:addMeasure', { childId, instrument: 'ABC', administeredOn: TODAY, scores: { total: 20 } }, 'forbidden');
    await refusedUnchanged(u.caseworker, 'rehab:decidePlan', { planId: file.activePlanId, decision: 'approve' }, 'forbidden');
  });

  it('a therapist may not decide on a plan; a supervisor may, and may not write plans or sessions', async () => {
    const childId = await newChild();
    const plan = await savePlan(planInput(childId));
    await refusedUnchanged(u.t1, 'rehab:decidePlan', { planId: plan.id, decision: 'approve' }, 'forbidden');
    await refusedUnchanged(u.t2, 'rehab:decidePlan', { planId: plan.id, decision: 'approve' }, 'forbidden');
    await refusedUnchanged(u.t1, 'rehab:pendingPlans', null, 'forbidden');
    await refusedUnchanged(u.t1, 'rehab:saveCutoffs', { instrument: 'MCHAT', effectiveFrom: TODAY, field: 'total', bands: [{ min: 0, max: 20, label: '全部', level: 'low' }] }, 'forbidden');
    expect((await decide(plan.id, 'approve')).status).toBe('approved');
    await refusedUnchanged(u.supervisor, 'rehab:savePlan', planInput(childId, { revisesPlanId: plan.id }), 'forbidden');
    await refusedUnchanged(u.supervisor, 'rehab:logSession', session(childId), 'forbidden');
  });

  it('rehab:therapists lists the active therapist accounts (the dual-role one included), for every reader', async () => {
    const list = await must<{ id: number; name: string }[]>(u.caseworker, 'rehab:therapists', null);
    expect(list.map((p) => p.name).sort()).toEqual(['孙兼职', '李康复', '赵康复'].sort());
  });
});

describe('plan versions and the supervisor decision', () => {
  it('v1 is submitted and not in force until approved; approving makes it active', async () => {
    const childId = await newChild();
    const saved = await savePlan(planInput(childId));
    expect(saved).toMatchObject({ version: 1, previousPlanId: null, status: 'submitted', active: false, approvedAt: null, approvedBy: null, createdBy: '李康复' });
    expect(saved.goals.map((g) => [g.title, g.weight, g.baseline, g.lineageId === g.id])).toEqual([
      ['独立坐稳 30 秒', 4, -1, true],
      ['扶站 10 秒', 3, -2, true],
      ['双手抓握积木', 1, -1, true],
    ]);
    expect(saved.therapists).toEqual([{ id: u.t1.id, name: '李康复' }]);
    expect(saved.interventions.map((i) => [i.kind, i.weekdays, i.therapistName])).toEqual([
      ['training', [7], null],
      ['training', [1], '赵康复'],
      ['surgery', [], null],
    ]);
    let file = await child(childId);
    expect([file.activePlanId, file.pendingPlanId]).toEqual([null, saved.id]);
    const pending = await must<ChannelOutput<'rehab:pendingPlans'>>(u.supervisor, 'rehab:pendingPlans', null);
    expect(pending.filter((p) => p.childId === childId)).toEqual([expect.objectContaining({ planId: saved.id, version: 1, by: '李康复' })]);
    // No session against a plan not yet approved.
    await refusedUnchanged(u.t1, 'rehab:logSession', session(childId), 'conflict', 'childId');

    const approved = await decide(saved.id, 'approve');
    expect(approved).toMatchObject({ status: 'approved', active: true, approvedBy: '钱主任' });
    expect(approved.decisions).toEqual([expect.objectContaining({ decision: 'approve', comment: null, by: '钱主任' })]);
    file = await child(childId);
    expect([file.activePlanId, file.pendingPlanId]).toEqual([saved.id, null]);
    expect((await must<ChannelOutput<'rehab:pendingPlans'>>(u.supervisor, 'rehab:pendingPlans', null)).some((p) => p.childId === childId)).toBe(false);
    // An approved version is never edited in place.
    await refusedUnchanged(u.t1, 'rehab:savePlan', planInput(childId, { planId: saved.id }), 'conflict');
  });

  it('a revision is v2 awaiting approval while v1 stays active; approving v2 supersedes v1', async () => {
    const { childId, plan: v1 } = await childWithActivePlan();
    const v2 = await savePlan(planInput(childId, { revisesPlanId: v1.id, reviewOn: '2027-05-01' }));
    expect(v2).toMatchObject({ version: 2, previousPlanId: v1.id, status: 'submitted', active: false });
    let file = await child(childId);
    expect(file.activePlanId).toBe(v1.id);
    expect(file.pendingPlanId).toBe(v2.id);
    expect(file.plans.map((p) => [p.version, p.status, p.active])).toEqual([
      [2, 'submitted', false],
      [1, 'approved', true],
    ]);

    await decide(v2.id, 'approve');
    file = await child(childId);
    expect(file.activePlanId).toBe(v2.id);
    expect(file.pendingPlanId).toBeNull();
    expect(file.plans.map((p) => [p.version, p.status, p.active])).toEqual([
      [2, 'approved', true],
      [1, 'superseded', false],
    ]);
    // v1 stays readable as written.
    expect(file.plans[1]!.goals.map((g) => g.title)).toEqual(['独立坐稳 30 秒', '扶站 10 秒', '双手抓握积木']);
    expect(file.plans[1]!.reviewOn).toBe('2027-02-01');
    // Only the latest approved version may be revised.
    await refusedUnchanged(u.t1, 'rehab:savePlan', planInput(childId, { revisesPlanId: v1.id }), 'conflict', 'revisesPlanId');
  });

  it('goals continued into v2 keep their lineage: a rating made under v1 is the v2 goal latest and counts in its T-score', async () => {
    const { childId, plan: v1 } = await childWithActivePlan();
    const [g1] = v1.goals;
    await must(u.t1, 'rehab:logSession', session(childId, { sessionOn: '2026-11-20', goals: [{ goalId: g1!.id, rating: 1 }] }));
    const v2 = await savePlan(
      planInput(childId, {
        revisesPlanId: v1.id,
        goals: [goal('独立坐稳 60 秒', -1, 2, 2, g1!.id), goal('独立站立 5 秒', -2, 1, 3)],
      }),
    );
    await decide(v2.id, 'approve');
    const file = await child(childId);
    const active = file.plans.find((p) => p.id === file.activePlanId)!;
    expect(active.version).toBe(2);
    const [continued, fresh] = active.goals;
    expect(continued!.id).not.toBe(g1!.id);
    expect(continued!.lineageId).toBe(g1!.id);
    expect(continued!.latest).toEqual({ on: '2026-11-20', level: 1 });
    expect(fresh!.lineageId).toBe(fresh!.id);
    expect(fresh!.latest).toBeNull();
    // v2's T-score on 2026-11-20: weights 4 (at +1, rated under v1) and 3 (unrated, baseline −2):
    // 50 + 10·(4 − 6) / √(0.7·25 + 0.3·49) = 50 − 20/√32.2 = 46.48 → 46.5
    expect(file.tScores).toEqual([{ on: '2026-11-20', t: 46.5, rated: 1 }]);
  });

  it('reject and ask-for-changes need a comment; changes requested goes back to the author, who resubmits', async () => {
    const childId = await newChild();
    const plan = await savePlan(planInput(childId));
    for (const decision of ['reject', 'changesRequested']) {
      await refusedUnchanged(u.supervisor, 'rehab:decidePlan', { planId: plan.id, decision, comment: null }, 'invalid_input', 'comment');
      await refusedUnchanged(u.supervisor, 'rehab:decidePlan', { planId: plan.id, decision, comment: '   ' }, 'invalid_input', 'comment');
    }
    expect(count('rehab_plan_decisions', 'plan_id = ?', plan.id)).toBe(0);

    const sent = await decide(plan.id, 'changesRequested', '请补充目标的 ICF-CY 编码');
    expect(sent.status).toBe('changesRequested');
    expect(sent.decisions).toEqual([expect.objectContaining({ decision: 'changesRequested', comment: '请补充目标的 ICF-CY 编码', by: '钱主任' })]);
    expect((await child(childId)).pendingPlanId).toBe(plan.id);
    // Not decided again until resubmitted.
    await refusedUnchanged(u.supervisor, 'rehab:decidePlan', { planId: plan.id, decision: 'approve' }, 'conflict');
    const resubmitted = await savePlan(planInput(childId, { planId: plan.id, goals: [goal('独立坐稳 30 秒', -1, 2, 2), goal('扶站 10 秒', -2, 3, 1)] }));
    expect(resubmitted).toMatchObject({ id: plan.id, version: 1, status: 'submitted' });
    expect(resubmitted.goals).toHaveLength(2);

    const rejected = await decide(plan.id, 'reject', '目标与评估结果不符');
    expect(rejected.status).toBe('rejected');
    expect(rejected.decisions.map((d) => [d.decision, d.comment])).toEqual([
      ['changesRequested', '请补充目标的 ICF-CY 编码'],
      ['reject', '目标与评估结果不符'],
    ]);
    const file = await child(childId);
    expect([file.activePlanId, file.pendingPlanId]).toEqual([null, null]);
    // A rejected version is not edited; a new plan may be written (version 2).
    await refusedUnchanged(u.t1, 'rehab:savePlan', planInput(childId, { planId: plan.id }), 'conflict');
    expect((await savePlan(planInput(childId))).version).toBe(2);
  });

  it('nobody approves a plan they wrote themselves', async () => {
    const childId = await newChild();
    const plan = await savePlan(planInput(childId, { therapistIds: [u.dual.id] }), u.dual);
    await refusedUnchanged(u.dual, 'rehab:decidePlan', { planId: plan.id, decision: 'approve' }, 'forbidden');
    expect((await child(childId)).plans[0]!.status).toBe('submitted');
    expect((await decide(plan.id, 'approve')).status).toBe('approved');
  });

  it('a second plan while one awaits a decision is a conflict, new or revision', async () => {
    const childId = await newChild();
    await savePlan(planInput(childId));
    await refusedUnchanged(u.t1, 'rehab:savePlan', planInput(childId), 'conflict', 'revisesPlanId');

    const other = await childWithActivePlan();
    await savePlan(planInput(other.childId, { revisesPlanId: other.plan.id }));
    await refusedUnchanged(u.t1, 'rehab:savePlan', planInput(other.childId, { revisesPlanId: other.plan.id }), 'conflict', 'revisesPlanId');
    // A child with an approved plan gets a revision, not a second first plan.
    const third = await childWithActivePlan();
    await refusedUnchanged(u.t1, 'rehab:savePlan', planInput(third.childId), 'conflict', 'revisesPlanId');
  });

  it('refuses bad plan input naming the field, nothing saved', async () => {
    const childId = await newChild();
    await refusedUnchanged(u.t1, 'rehab:savePlan', planInput(childId, { goals: [goal('坐', 3, 1, 1)] }), 'invalid_input', 'goals.0.baseline');
    await refusedUnchanged(u.t1, 'rehab:savePlan', planInput(childId, { goals: [goal('坐', 0, 4, 1)] }), 'invalid_input', 'goals.0.importance');
    await refusedUnchanged(u.t1, 'rehab:savePlan', planInput(childId, { reviewOn: '2026-10-01' }), 'invalid_input', 'reviewOn');
    await refusedUnchanged(u.t1, 'rehab:savePlan', planInput(childId, { therapistIds: [u.caseworker.id] }), 'invalid_input', 'therapistIds.0');
    await refusedUnchanged(u.t1, 'rehab:savePlan', planInput(childId, { startsOn: '2018-04-30', interventions: [] }), 'invalid_input', 'startsOn');
  });
});

describe('sessions', () => {
  it('a session with two goal ratings adds a T-score point of the expected value and counts in attendance', async () => {
    const { childId, plan } = await childWithActivePlan();
    const [g1, g2] = plan.goals;
    expect((await child(childId)).tScores).toEqual([]);
    const logged = await must<SessionView>(u.t1, 'rehab:logSession', session(childId, { goals: [{ goalId: g1!.id, rating: 0 }, { goalId: g2!.id, rating: 1 }], note: '配合良好' }));
    expect(logged).toMatchObject({ planId: plan.id, planVersion: 1, sessionOn: TODAY, attended: true, minutes: 45, therapist: { id: u.t1.id, name: '李康复' }, amendedBy: null, editable: true });
    expect(logged.goals.map((g) => [g.goalId, g.rating])).toEqual([
      [g1!.id, 0],
      [g2!.id, 1],
    ]);
    const file = await child(childId);
    // Weights 4, 3, 1 at 0, +1 and the third goal's baseline −1: 50 + 10·(0 + 3 − 1)/√(0.7·26 + 0.3·64) = 50 + 20/√37.4 = 53.27 → 53.3
    expect(file.tScores).toEqual([{ on: TODAY, t: 53.3, rated: 2 }]);
    expect(file.plans[0]!.goals.map((g) => g.latest)).toEqual([{ on: TODAY, level: 0 }, { on: TODAY, level: 1 }, null]);
    expect(file.attendance).toHaveLength(12);
    expect(file.attendance.at(-1)).toEqual({ month: '2026-11', attended: 1, missed: 0, minutes: 45 });
    expect(file.attendance[0]!.month).toBe('2025-12');

    // A missed session (another therapist) counts as missed, with no minutes, and leaves the trend alone.
    await must(u.t2, 'rehab:logSession', session(childId, { sessionOn: '2026-11-28', attended: false, minutes: null, absenceReason: '发热请假' }));
    const after = await child(childId);
    expect(after.attendance.at(-1)).toEqual({ month: '2026-11', attended: 1, missed: 1, minutes: 45 });
    expect(after.tScores).toEqual(file.tScores);
  });

  it('refuses bad sessions naming the field, and saves nothing', async () => {
    const { childId, plan } = await childWithActivePlan();
    const [g1] = plan.goals;
    await refusedUnchanged(u.t1, 'rehab:logSession', session(childId, { minutes: 0 }), 'invalid_input', 'minutes');
    await refusedUnchanged(u.t1, 'rehab:logSession', session(childId, { minutes: 481 }), 'invalid_input', 'minutes');
    await refusedUnchanged(u.t1, 'rehab:logSession', session(childId, { minutes: null }), 'invalid_input', 'minutes');
    await refusedUnchanged(u.t1, 'rehab:logSession', session(childId, { goals: [{ goalId: g1!.id, rating: 3 }] }), 'invalid_input', 'goals.0.rating');
    await refusedUnchanged(u.t1, 'rehab:logSession', session(childId, { goals: [{ goalId: g1!.id, rating: -3 }] }), 'invalid_input', 'goals.0.rating');
    await refusedUnchanged(u.t1, 'rehab:logSession', session(childId, { sessionOn: '2026-11-30' }), 'invalid_input', 'sessionOn');
    await refusedUnchanged(u.t1, 'rehab:logSession', session(childId, { sessionOn: '2026-10-31' }), 'invalid_input', 'sessionOn');
    await refusedUnchanged(u.t1, 'rehab:logSession', session(childId, { attended: false, minutes: null, absenceReason: null }), 'invalid_input', 'absenceReason');
    await refusedUnchanged(u.t1, 'rehab:logSession', session(childId, { attended: false, minutes: null, absenceReason: '  ' }), 'invalid_input', 'absenceReason');
    const other = await childWithActivePlan();
    await refusedUnchanged(u.t1, 'rehab:logSession', session(childId, { goals: [{ goalId: other.plan.goals[0]!.id, rating: 1 }] }), 'invalid_input', 'goals.0.goalId');
    expect(count('rehab_sessions', 'child_id = ?', childId)).toBe(0);
    expect((await child(childId)).sessions).toEqual([]);
  });

  it('edits within 7 days by the author; another therapist is forbidden; after that, an amendment keeps the original', async () => {
    const { childId, plan } = await childWithActivePlan();
    const [g1] = plan.goals;
    const original = await must<SessionView>(u.t1, 'rehab:logSession', session(childId, { sessionOn: '2026-11-27', goals: [{ goalId: g1!.id, rating: 0 }] }));
    const edit = (over: Record<string, unknown> = {}) => ({ sessionId: original.id, sessionOn: '2026-11-27', attended: true, minutes: 50, goals: [{ goalId: g1!.id, rating: 0 }], note: null, ...over });

    const edited = await must<SessionView>(u.t1, 'rehab:editSession', edit());
    expect(edited).toMatchObject({ id: original.id, minutes: 50, editable: true });
    expect(edited.updatedAt).not.toBeNull();
    await refusedUnchanged(u.t2, 'rehab:editSession', edit({ minutes: 60 }), 'forbidden');
    await refusedUnchanged(u.t1, 'rehab:editSession', edit({ minutes: 481 }), 'invalid_input', 'minutes');

    try {
      clock.advance(7 * DAY); // 2026-12-06: the seventh day after logging, still inside the window
      expect((await must<SessionView>(u.t1, 'rehab:editSession', edit({ minutes: 55 }))).editable).toBe(true);
      clock.advance(DAY); // 2026-12-07: eight days after
      await refusedUnchanged(u.t1, 'rehab:editSession', edit({ minutes: 60 }), 'conflict');
      expect((await child(childId)).sessions.find((s) => s.id === original.id)!.editable).toBe(false);

      const amendment = await must<SessionView>(u.t1, 'rehab:amendSession', {
        ...edit({ minutes: 30, goals: [{ goalId: g1!.id, rating: 2 }] }),
        reason: '时长与评分记录有误',
      });
      expect(amendment).toMatchObject({ amendsSessionId: original.id, amendReason: '时长与评分记录有误', minutes: 30, amendedBy: null, sessionOn: '2026-11-27', planId: plan.id });
      expect(amendment.id).not.toBe(original.id);

      const file = await child(childId);
      expect(file.sessions.map((s) => s.id).sort()).toEqual([original.id, amendment.id].sort());
      const kept = file.sessions.find((s) => s.id === original.id)!;
      expect(kept).toMatchObject({ amendedBy: amendment.id, minutes: 55, editable: false });
      expect(kept.goals.map((g) => g.rating)).toEqual([0]);
      // Counts use the amendment only: one session of 30 minutes, and the T-score with the first goal at +2:
      // 50 + 10·(8 − 6 − 1)/√37.4 = 51.64 → 51.6 (the original's 0 would give 38.6).
      expect(file.attendance.find((m) => m.month === '2026-11')).toEqual({ month: '2026-11', attended: 1, missed: 0, minutes: 30 });
      expect(file.tScores).toEqual([{ on: '2026-11-27', t: 51.6, rated: 1 }]);
      expect(file.plans[0]!.goals[0]!.latest).toEqual({ on: '2026-11-27', level: 2 });

      // The original is closed for good: neither edited nor amended a second time.
      await refusedUnchanged(u.t1, 'rehab:amendSession', { ...edit(), reason: '再次更正' }, 'conflict');
      await refusedUnchanged(u.t1, 'rehab:amendSession', { ...edit({ sessionId: amendment.id }), reason: '  ' }, 'invalid_input', 'reason');
    } finally {
      clock.advance(-8 * DAY);
    }
    expect(clock.today()).toBe(TODAY);
  });
});

/** GMFM-88 items worked by hand (A 100, B 50, C 33.3, D 66.7, E 33.3 with 16 not tested; total 56.7). */
const GMFM_ITEMS: (number | null)[] = [
  ...Array<number>(17).fill(3),
  ...Array<number>(10).fill(3),
  ...Array<number>(10).fill(0),
  ...Array<number>(14).fill(1),
  ...Array<number>(13).fill(2),
  ...Array<number>(8).fill(3),
  ...Array<null>(16).fill(null),
];

describe('measures', () => {
  it('GMFM-88 from 88 items stores the dimension and total percentages', async () => {
    const childId = await newChild();
    expect(GMFM_ITEMS).toHaveLength(88);
    const m = await must<MeasureView>(u.t1, 'rehab:addMeasure', { childId, instrument: 'GMFM88', administeredOn: '2026-11-20', assessor: '李康复', items: GMFM_ITEMS });
    expect(m.scores).toEqual({ A: 100, B: 50, C: 33.3, D: 66.7, E: 33.3, total: 56.7 });
    expect(m.items).toEqual(GMFM_ITEMS);
    expect(m.interpretation).toBeNull();
    const row = db.sqlite.prepare('SELECT scores, items FROM rehab_measures WHERE id = ?').get(m.id) as { scores: string; items: string };
    expect(JSON.parse(row.scores)).toEqual({ A: 100, B: 50, C: 33.3, D: 66.7, E: 33.3, total: 56.7 });
    expect((JSON.parse(row.items) as unknown[]).length).toBe(88);
    expect((await child(childId)).measures.map((x) => [x.instrument, x.scores.total])).toEqual([['GMFM88', 56.7]]);
  });

  it('refuses an item score outside 0–3 naming the item, a list not 88 long, and out-of-range results, nothing saved', async () => {
    const childId = await newChild();
    const items = [...GMFM_ITEMS];
    items[10] = 4;
    const e = await refusedUnchanged(u.t1, 'rehab:addMeasure', { childId, instrument: 'GMFM88', administeredOn: TODAY, items }, 'invalid_input', 'items.10');
    expect(e.message).toContain('第 11 项');
    await refusedUnchanged(u.t1, 'rehab:addMeasure', { childId, instrument: 'GMFM88', administeredOn: TODAY, items: GMFM_ITEMS.slice(1) }, 'invalid_input', 'items');
    await refusedUnchanged(u.t1, 'rehab:addMeasure', { childId, instrument: 'GMFM88', administeredOn: TODAY, items: Array(88).fill(null) }, 'invalid_input', 'items');
    await refusedUnchanged(u.t1, 'rehab:addMeasure', { childId, instrument: 'CARS', administeredOn: TODAY, scores: { total: 61 } }, 'invalid_input', 'scores.total');
    await refusedUnchanged(u.t1, 'rehab:addMeasure', { childId, instrument: 'CARS', administeredOn: TODAY, scores: { total: 30.25 } }, 'invalid_input', 'scores.total');
    await refusedUnchanged(u.t1, 'rehab:addMeasure', { childId, instrument: 'WeeFIM', administeredOn: TODAY, scores: { selfCare: 30, mobility: 20, cognition: 25, total: 76 } }, 'invalid_input', 'scores.total');
    await refusedUnchanged(u.t1, 'rehab:addMeasure', { childId, instrument: 'ABC', administeredOn: TODAY, scores: { total: 20, extra: 3 } }, 'invalid_input', 'scores.extra');
    await refusedUnchanged(u.t1, 'rehab:addMeasure', { childId, instrument: 'PEDICAT', administeredOn: TODAY, scores: {} }, 'invalid_input', 'scores.dailyActivities');
    await refusedUnchanged(u.t1, 'rehab:addMeasure', { childId, instrument: 'ABC', administeredOn: '2026-11-30', scores: { total: 20 } }, 'invalid_input', 'administeredOn');
    await refusedUnchanged(u.t1, 'rehab:addMeasure', { childId, instrument: 'ABC', administeredOn: '2018-04-30', scores: { total: 20 } }, 'invalid_input', 'administeredOn');
    expect(count('rehab_measures', 'child_id = ?', childId)).toBe(0);
  });

  it('ABC 70 reads as 支持孤独症诊断 against the seeded cut-offs, version 1; CARS 32 as 轻至中度孤独症', async () => {
    const childId = await newChild();
    const abc = await must<MeasureView>(u.t1, 'rehab:addMeasure', { childId, instrument: 'ABC', administeredOn: '2026-11-20', scores: { total: 70 } });
    expect(abc.interpretation).toEqual({ label: '支持孤独症诊断', level: 'high', version: 1 });
    const cars = await must<MeasureView>(u.t1, 'rehab:addMeasure', { childId, instrument: 'CARS', administeredOn: '2026-11-20', scores: { total: 32 } });
    expect(cars.interpretation).toEqual({ label: '轻至中度孤独症', level: 'medium', version: 1 });
    const seeded = await must<InstrumentConfig[]>(u.caseworker, 'rehab:cutoffs', null);
    expect(seeded.filter((c) => c.version === 1).map((c) => c.instrument).sort()).toEqual(['ABC', 'ADOS', 'CARS', 'MCHAT']);
  });

  it('a new cut-off version applies to measures on or after its date; measures already read keep theirs', async () => {
    const childId = await newChild();
    const old = await must<MeasureView>(u.t1, 'rehab:addMeasure', { childId, instrument: 'ABC', administeredOn: '2026-11-20', scores: { total: 70 } });
    expect(old.interpretation).toEqual({ label: '支持孤独症诊断', level: 'high', version: 1 });

    const bands = [
      { min: 0, max: 40, label: '低风险', level: 'low' },
      { min: 41, max: 80, label: '需进一步评估', level: 'medium' },
      { min: 81, max: 158, label: '高度提示孤独症', level: 'high' },
    ];
    await refusedUnchanged(u.supervisor, 'rehab:saveCutoffs', { instrument: 'ABC', effectiveFrom: '2026-11-15', field: 'total', bands: [bands[0], { ...bands[1]!, min: 40 }, bands[2]] }, 'invalid_input', 'bands');
    await refusedUnchanged(u.supervisor, 'rehab:saveCutoffs', { instrument: 'ABC', effectiveFrom: '1999-12-31', field: 'total', bands }, 'invalid_input', 'effectiveFrom');
    const v2 = await must<InstrumentConfig>(u.supervisor, 'rehab:saveCutoffs', { instrument: 'ABC', effectiveFrom: '2026-11-15', field: 'total', bands, note: '院内复核后调整' });
    expect(v2).toMatchObject({ instrument: 'ABC', version: 2, effectiveFrom: '2026-11-15', field: 'total' });
    const cutoffs = await must<InstrumentConfig[]>(u.t1, 'rehab:cutoffs', null);
    expect(cutoffs.filter((c) => c.instrument === 'ABC').map((c) => [c.version, c.effectiveFrom])).toEqual([
      [2, '2026-11-15'],
      [1, '2000-01-01'],
    ]);

    const add = (administeredOn: string) => must<MeasureView>(u.t1, 'rehab:addMeasure', { childId, instrument: 'ABC', administeredOn, scores: { total: 70 } });
    expect((await add('2026-11-14')).interpretation).toEqual({ label: '支持孤独症诊断', level: 'high', version: 1 });
    expect((await add('2026-11-15')).interpretation).toEqual({ label: '需进一步评估', level: 'medium', version: 2 });
    expect((await add('2026-11-28')).interpretation).toEqual({ label: '需进一步评估', level: 'medium', version: 2 });
    const measures = (await child(childId)).measures;
    expect(measures.find((m) => m.id === old.id)!.interpretation).toEqual({ label: '支持孤独症诊断', level: 'high', version: 1 });
    expect(measures.map((m) => [m.administeredOn, m.interpretation?.version])).toEqual([
      ['2026-11-14', 1],
      ['2026-11-15', 2],
      ['2026-11-20', 1],
      ['2026-11-28', 2],
    ]);
  });

  it('a voided measure leaves the file, with the reason audited', async () => {
    const childId = await newChild();
    const m = await must<MeasureView>(u.t1, 'rehab:addMeasure', { childId, instrument: 'MCHAT', administeredOn: TODAY, scores: { total: 9 } });
    expect(m.interpretation).toEqual({ label: '高风险，尽快转诊评估', level: 'high', version: 1 });
    await refusedUnchanged(u.t1, 'rehab:voidMeasure', { id: m.id, reason: ' ' }, 'invalid_input', 'reason');
    await must(u.t1, 'rehab:voidMeasure', { id: m.id, reason: '录入了其他儿童的结果' });
    expect((await child(childId)).measures).toEqual([]);
    expect(count('rehab_measures', 'id = ? AND voided_at IS NOT NULL', m.id)).toBe(1);
  });
});

describe('audit', () => {
  it('reading the rehabilitation file writes a rehab.read row naming the reader and the child', async () => {
    const childId = await newChild();
    expect(auditsOf('rehab.read', childId)).toEqual([]);
    await child(childId, u.caseworker);
    await child(childId, u.t1);
    expect(auditsOf('rehab.read', childId).map((a) => [a.entity, a.entity_id, a.user_id])).toEqual([
      ['child', childId, u.caseworker.id],
      ['child', childId, u.t1.id],
    ]);
  });

  it('plans, decisions and sessions are audited with who and what', async () => {
    const childId = await newChild();
    const plan = await savePlan(planInput(childId));
    await decide(plan.id, 'changesRequested', '请写明训练频次');
    await savePlan(planInput(childId, { planId: plan.id }));
    await decide(plan.id, 'approve');
    const add = auditsOf('rehabPlan.add', childId);
    expect(add.map((a) => [a.entity, a.entity_id, a.user_id])).toEqual([['rehabPlan', plan.id, u.t1.id]]);
    expect(JSON.parse(add[0]!.detail!)).toMatchObject({ version: 1, previousPlanId: null, therapistIds: [u.t1.id] });
    const asked = auditsOf('rehabPlan.changesRequested', childId);
    expect(asked.map((a) => [a.entity_id, a.user_id])).toEqual([[plan.id, u.supervisor.id]]);
    // The supervisor's comment stays on the decision; the audit row names it as written, without its text (issue 15).
    expect(JSON.parse(asked[0]!.detail!)).toEqual({ version: 1, textFields: ['comment'] });
    expect(auditsOf('rehabPlan.update', childId).map((a) => a.user_id)).toEqual([u.t1.id]);
    const approved = auditsOf('rehabPlan.approve', childId);
    expect(approved.map((a) => [a.entity_id, a.user_id])).toEqual([[plan.id, u.supervisor.id]]);
    expect(JSON.parse(approved[0]!.detail!)).toEqual({ version: 1 });
    const s = await must<SessionView>(u.t1, 'rehab:logSession', session(childId, { minutes: 40 }));
    expect(auditsOf('rehabSession.add', childId).map((a) => [a.entity_id, a.user_id])).toEqual([[s.id, u.t1.id]]);
  });
});

describe('the therapist day list and the worklist', () => {
  type Today = ChannelOutput<'rehab:today'>;
  const today = async (user: SessionUser, date: string, childId: number) => (await must<Today>(user, 'rehab:today', { date })).items.find((i) => i.childId === childId);

  it('lists the child for the therapists on the plan in force, with the trainings of that weekday', async () => {
    const childId = await newChild();
    const plan = await savePlan(planInput(childId));
    expect(await today(u.t1, TODAY, childId)).toBeUndefined(); // not approved yet
    await decide(plan.id, 'approve');

    const sunday = await today(u.t1, TODAY, childId);
    expect(sunday).toMatchObject({ planId: plan.id, planVersion: 1, reviewOn: '2027-02-01', logged: [] });
    expect(sunday!.scheduled.map((s) => s.description)).toEqual(['运动疗法（PT）']);
    expect(sunday!.goals.map((g) => [g.title, g.baseline, g.latest])).toEqual([
      ['独立坐稳 30 秒', -1, null],
      ['扶站 10 秒', -2, null],
      ['双手抓握积木', -1, null],
    ]);
    // Monday's training is delivered by t2: t1 still sees the child (responsible) with nothing scheduled.
    expect((await today(u.t1, '2026-11-30', childId))!.scheduled).toEqual([]);
    expect((await today(u.t2, '2026-11-30', childId))!.scheduled.map((s) => s.description)).toEqual(['作业疗法（OT）']);
    expect((await today(u.t2, TODAY, childId))!.scheduled).toEqual([]);
    // A therapist not named on the plan does not see the child.
    expect(await today(u.dual, TODAY, childId)).toBeUndefined();
    // Before the plan starts there is nothing to do.
    expect(await today(u.t1, '2026-10-25', childId)).toBeUndefined();

    const s = await must<SessionView>(u.t1, 'rehab:logSession', session(childId, { goals: [{ goalId: plan.goals[1]!.id, rating: -1 }] }));
    const after = await today(u.t1, TODAY, childId);
    expect(after!.logged).toEqual([{ sessionId: s.id, attended: true, minutes: 45, therapist: '李康复' }]);
    expect(after!.goals.map((g) => g.latest)).toEqual([null, -1, null]);
  });

  it('a therapist left off the revision leaves the list once it is in force; the one named on it joins', async () => {
    const { childId, plan: v1 } = await childWithActivePlan({ interventions: [] });
    expect(await today(u.t1, TODAY, childId)).toBeDefined();
    expect(await today(u.t2, TODAY, childId)).toBeUndefined();
    const v2 = await savePlan(planInput(childId, { revisesPlanId: v1.id, therapistIds: [u.t2.id], interventions: [] }));
    expect(await today(u.t2, TODAY, childId)).toBeUndefined(); // v2 only submitted
    await decide(v2.id, 'approve');
    expect(await today(u.t1, TODAY, childId)).toBeUndefined();
    expect((await today(u.t2, TODAY, childId))!.planVersion).toBe(2);
  });

  it('the worklist plan review follows the plan in force, as the day list does', async () => {
    type Worklist = ChannelOutput<'worklist:get'>;
    const reviews = async (childId: number, asOf?: string) =>
      (await must<Worklist>(u.supervisor, 'worklist:get', { kinds: ['rehabReviewDue'], ...(asOf ? { asOf } : {}) })).items.filter((i) => i.childId === childId).map((i) => [i.kind, i.dueDate]);

    const childId = await newChild();
    const v1 = await savePlan(planInput(childId, { reviewOn: '2026-12-05' }));
    expect(await reviews(childId)).toEqual([]); // only an approved plan is in force
    await decide(v1.id, 'approve');
    expect(await reviews(childId)).toEqual([['rehabReviewDue', '2026-12-05']]);

    const v2 = await savePlan(planInput(childId, { revisesPlanId: v1.id, startsOn: '2026-12-01', reviewOn: '2026-12-10' }));
    expect(await reviews(childId)).toEqual([['rehabReviewDue', '2026-12-05']]); // v2 only submitted
    await decide(v2.id, 'approve');
    // Approved but starting 2026-12-01: v1 stays in force until then.
    expect(await reviews(childId)).toEqual([['rehabReviewDue', '2026-12-05']]);
    const file = await child(childId);
    expect(file.activePlanId).toBe(v1.id);
    expect(file.plans.map((p) => [p.version, p.status, p.active])).toEqual([
      [2, 'approved', false],
      [1, 'superseded', true],
    ]);
    expect((await today(u.t1, TODAY, childId))!.planVersion).toBe(1);
    // From 2026-12-01 v2 is in force: its review date, and its version on the day list.
    expect(await reviews(childId, '2026-12-02')).toEqual([['rehabReviewDue', '2026-12-10']]);
    expect((await today(u.t1, '2026-12-02', childId))!.planVersion).toBe(2);
    // Sessions today are still logged against v1.
    expect((await must<SessionView>(u.t1, 'rehab:logSession', session(childId))).planVersion).toBe(1);
  });
});

describe('ratings, amendments and revisions at the edges', () => {
  type Today = ChannelOutput<'rehab:today'>;
  const todayItem = async (user: SessionUser, date: string, childId: number) => (await must<Today>(user, 'rehab:today', { date })).items.find((i) => i.childId === childId);

  it('two sessions on one day: the one logged later is the goal latest rating, in the file, the T-score and the day list alike', async () => {
    const { childId, plan } = await childWithActivePlan();
    const g1 = plan.goals[0]!;
    await must(u.t1, 'rehab:logSession', session(childId, { minutes: 30, goals: [{ goalId: g1.id, rating: 0 }] }));
    await must(u.t2, 'rehab:logSession', session(childId, { minutes: 40, goals: [{ goalId: g1.id, rating: 1 }] }));
    expect((await todayItem(u.t1, TODAY, childId))!.goals[0]!.latest).toBe(1);
    const file = await child(childId);
    expect(file.plans[0]!.goals[0]!.latest).toEqual({ on: TODAY, level: 1 });
    // Weights 4, 3, 1 at +1 and the baselines −2, −1: 50 + 10·(4 − 6 − 1)/√37.4 = 45.09 → 45.1 (at 0 it would be 38.6).
    expect(file.tScores).toEqual([{ on: TODAY, t: 45.1, rated: 1 }]);
  });

  it('an amendment that corrects the date: the day list of the old date no longer shows the replaced session', async () => {
    const { childId } = await childWithActivePlan();
    const original = await must<SessionView>(u.t1, 'rehab:logSession', session(childId, { sessionOn: '2026-11-28' }));
    const amendment = await must<SessionView>(u.t1, 'rehab:amendSession', { ...session(childId, { sessionOn: '2026-11-27' }), childId: undefined, sessionId: original.id, reason: '日期记错' });
    expect((await todayItem(u.t1, '2026-11-27', childId))!.logged.map((l) => l.sessionId)).toEqual([amendment.id]);
    expect((await todayItem(u.t1, '2026-11-28', childId))!.logged).toEqual([]);
    // The file agrees: the original is kept, marked as replaced.
    expect((await child(childId)).sessions.find((s) => s.id === original.id)!.amendedBy).toBe(amendment.id);
  });

  it('a revision sent back for changes may not be resubmitted starting before the version it revises', async () => {
    const { childId, plan: v1 } = await childWithActivePlan();
    // Creating the revision with such a start is refused…
    await refusedUnchanged(u.t1, 'rehab:savePlan', planInput(childId, { revisesPlanId: v1.id, startsOn: '2026-10-01' }), 'invalid_input', 'startsOn');
    const v2 = await savePlan(planInput(childId, { revisesPlanId: v1.id, startsOn: '2026-11-15' }));
    await decide(v2.id, 'changesRequested', '请调整开始日期');
    // …and so is editing it into one.
    await refusedUnchanged(u.t1, 'rehab:savePlan', planInput(childId, { planId: v2.id, startsOn: '2026-10-01' }), 'invalid_input', 'startsOn');
  });
});

describe('the 7-day edit window on Shanghai days', () => {
  it('a session logged at 07:00 Shanghai time stays editable through the seventh day after, as one logged at noon', async () => {
    const savedTz = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    const dir = tempDir();
    const shClock = testClock('2026-11-29T07:00:00+08:00'); // 2026-11-28T23:00Z: still the 28th in UTC
    const h = makeHost(`${dir.dir}/data`, { clock: shClock });
    try {
      expect(shClock.today()).toBe('2026-11-29');
      const admin = await setupAndLogin(h, 'sh-admin');
      const ctx = h.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
      const login = async (key: string, roles: SessionUser['roles']) => {
        createUser(ctx, { username: `sh_${key}`, displayName: key, password: PASSWORD, roles });
        return ok<SessionUser>(await h.router.dispatch(`sh-login-${key}`, 'auth:login', { username: `sh_${key}`, password: PASSWORD }));
      };
      const cw = await login('社工', ['caseworker']);
      const th = await login('康复师', ['therapist']);
      const sup = await login('主任', ['supervisor']);
      let k = 0;
      const on = async <T>(user: SessionUser, channel: string, input: unknown) => {
        k += 1;
        h.sessions.start(`sh-${k}`, user);
        return ok<T>(await h.router.dispatch(`sh-${k}`, channel, asRead(h, channel, input)));
      };
      const childId = (await on<{ id: number }>(cw, 'children:create', { name: '上海时区', sex: 'male', birthDate: '2019-02-01', idNumber: null })).id;
      const plan = await on<PlanView>(th, 'rehab:savePlan', { ...planInput(childId), therapistIds: [th.id], interventions: [] });
      await on(sup, 'rehab:decidePlan', { planId: plan.id, decision: 'approve' });
      const s = await on<SessionView>(th, 'rehab:logSession', session(childId));
      const edit = { sessionId: s.id, sessionOn: '2026-11-29', attended: true, minutes: 50, goals: [], note: null };
      shClock.advance(7 * DAY); // 2026-12-06 07:00 in Shanghai: the seventh day after logging
      expect(shClock.today()).toBe('2026-12-06');
      expect((await on<SessionView>(th, 'rehab:editSession', edit)).minutes).toBe(50);
    } finally {
      h.close();
      dir.cleanup();
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });
});

/**
 * Caseloads (issue 18.9), through the router: an administrator or supervisor gives children to a
 * caseworker, therapist or placement officer; a new therapist sees an assigned child on the day list
 * without a plan revision; the worklist puts the person's own children first (all in one order for a
 * supervisor) and an overdue handover opens the case; the supervisor's queue holds the plans and
 * assessments awaiting approval.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { createUser } from '../../electron/services/users/users';
import type { ApprovalQueue, CaseloadRow } from '../../shared/contract/caseload';
import type { SessionUser } from '../../shared/contract/common';
import type { Result } from '../../shared/contract/errors';
import type { Role } from '../../shared/contract/permissions';
import type { WorklistItem } from '../../shared/contract/worklist';
import { rubricOn } from '../../shared/domain/reintegration';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin, testClock } from './support/host';

const PASSWORD = 'Casel0ad!password';
let root: { dir: string; cleanup: () => void };
let host: AppHost;
const u = {} as Record<'admin' | 'caseworker' | 'caseworker2' | 'therapist' | 'newTherapist' | 'officer' | 'supervisor', SessionUser>;
let n = 0;
const call = <T>(user: SessionUser, channel: string, input: unknown) => {
  n += 1;
  host.sessions.start(`conn-${n}`, user);
  return host.router.dispatch(`conn-${n}`, channel, asRead(host, channel, input)) as Promise<Result<T>>;
};
const must = async <T>(user: SessionUser, channel: string, input: unknown) => ok<T>(await call<T>(user, channel, input));

async function child(name: string, birthDate: string): Promise<number> {
  return (await must<{ id: number }>(u.caseworker, 'children:create', { name, sex: 'female', birthDate, idNumber: null, admissionDate: birthDate })).id;
}

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`, { clock: testClock('2026-11-29T09:00:00+08:00') });
  u.admin = await setupAndLogin(host, 'admin');
  const ctx = host.core.context({ userId: u.admin.id, username: u.admin.username, roles: u.admin.roles });
  const people: [keyof typeof u, string, Role[]][] = [
    ['caseworker', '王社工', ['caseworker']],
    ['caseworker2', '钱社工', ['caseworker']],
    ['therapist', '李康复', ['therapist']],
    ['newTherapist', '新来的赵康复', ['therapist']],
    ['officer', '周安置', ['placementOfficer']],
    ['supervisor', '孙主管', ['supervisor']],
  ];
  for (const [key, name, roles] of people) {
    createUser(ctx, { username: `u_${key}`, displayName: name, password: PASSWORD, roles });
    u[key] = ok<SessionUser>(await host.router.dispatch(`login-${key}`, 'auth:login', { username: `u_${key}`, password: PASSWORD }));
  }
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('assigning children', () => {
  it('an administrator or supervisor assigns; others may not; the person must hold the role', async () => {
    const id = await child('林书瑶', '2015-05-01');
    expect(await call(u.caseworker, 'caseload:assign', { childId: id, userId: u.caseworker.id, role: 'caseworker' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(u.therapist, 'caseload:assign', { childId: id, userId: u.therapist.id, role: 'therapist' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrongRole = await call(u.supervisor, 'caseload:assign', { childId: id, userId: u.caseworker.id, role: 'therapist' });
    expect(wrongRole).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'userId' } });
    expect(wrongRole.ok ? '' : wrongRole.error.message).toContain('康复治疗师');
    const row = await must<CaseloadRow>(u.supervisor, 'caseload:assign', { childId: id, userId: u.caseworker.id, role: 'caseworker' });
    expect(row).toMatchObject({ childId: id, childName: '林书瑶', userName: '王社工', role: 'caseworker', assignedBy: '孙主管' });
    expect(await call(u.admin, 'caseload:assign', { childId: id, userId: u.caseworker.id, role: 'caseworker' })).toMatchObject({ ok: false, error: { code: 'duplicate' } });
    const mine = await must<CaseloadRow[]>(u.caseworker, 'caseload:list', { mine: true });
    expect(mine.map((r) => r.childId)).toContain(id);
    await must(u.admin, 'caseload:end', { id: row.id });
    expect((await must<CaseloadRow[]>(u.caseworker, 'caseload:list', { mine: true })).map((r) => r.childId)).not.toContain(id);
  });
});

describe('the day list and the worklist', () => {
  it('a therapist given a child sees it on the day list at once, without a plan revision naming them', async () => {
    const id = await child('周子墨', '2018-05-01');
    const plan = await must<{ id: number }>(u.therapist, 'rehab:savePlan', {
      childId: id,
      startsOn: '2026-11-01',
      reviewOn: '2027-02-01',
      summary: '粗大运动',
      therapistIds: [u.therapist.id],
      goals: [{ title: '独立坐稳', levels: { minus2: 'a', minus1: 'b', zero: 'c', plus1: 'd', plus2: 'e' }, baseline: -1, importance: 2, difficulty: 2, continuesGoalId: null }],
      interventions: [{ kind: 'training', description: '运动疗法（PT）', frequency: '每周日 1 次', startsOn: '2026-11-01', weekdays: [7] }],
    });
    await must(u.supervisor, 'rehab:decidePlan', { planId: plan.id, decision: 'approve', comment: null });
    const before = await must<{ items: { childId: number }[] }>(u.newTherapist, 'rehab:today', { date: '2026-11-29' });
    expect(before.items.map((i) => i.childId)).not.toContain(id);
    await must(u.supervisor, 'caseload:assign', { childId: id, userId: u.newTherapist.id, role: 'therapist' });
    const after = await must<{ items: { childId: number; planId: number }[] }>(u.newTherapist, 'rehab:today', { date: '2026-11-29' });
    expect(after.items.find((i) => i.childId === id)?.planId).toBe(plan.id);
  });

  it('the worklist puts the person’s own children first; a supervisor sees one order; an overdue handover opens the case', async () => {
    // Two young people turning 18 soon: the later one is the caseworker's.
    const early = await child('吴雨桐', '2008-12-05');
    const late = await child('郑浩然', '2009-01-20');
    await must(u.admin, 'caseload:assign', { childId: late, userId: u.caseworker2.id, role: 'caseworker' });
    const all = await must<{ items: WorklistItem[] }>(u.caseworker, 'worklist:get', {});
    const order = (items: WorklistItem[]) => items.filter((i) => i.childId === early || i.childId === late).map((i) => i.childId);
    const theirs = await must<{ items: WorklistItem[] }>(u.caseworker2, 'worklist:get', {});
    expect(order(all.items)[0]).toBe(early);
    expect(order(theirs.items)[0]).toBe(late);
    expect(theirs.items[0]?.mine).toBe(true);
    expect(theirs.items.filter((i) => i.mine).every((i) => i.childId === late)).toBe(true);
    // Without a caseload: the same order as before.
    expect(order(all.items)).toEqual(order((await must<{ items: WorklistItem[] }>(u.caseworker, 'worklist:get', {})).items));
    // A supervisor with the same assignment still gets the one order (most pressing first).
    await must(u.admin, 'caseload:assign', { childId: late, userId: u.caseworker2.id, role: 'caseworker' }).catch(() => null);
    const sup = await must<{ items: WorklistItem[] }>(u.supervisor, 'worklist:get', {});
    expect(order(sup.items)[0]).toBe(early);
  });
});

describe('the supervisor’s queue', () => {
  it('holds the plans and the assessments awaiting approval, and empties as they are decided', async () => {
    const id = await child('冯思琪', '2017-05-01');
    const plan = await must<{ id: number }>(u.therapist, 'rehab:savePlan', {
      childId: id,
      startsOn: '2026-11-01',
      reviewOn: '2027-02-01',
      summary: null,
      therapistIds: [u.therapist.id],
      goals: [{ title: '扶站', levels: { minus2: 'a', minus1: 'b', zero: 'c', plus1: 'd', plus2: 'e' }, baseline: -1, importance: 1, difficulty: 1, continuesGoalId: null }],
      interventions: [],
    });
    // A young person whose case has an assessment recorded, not yet approved.
    const youth = await child('褚一鸣', '2008-03-10');
    await must(u.caseworker, 'record:addStatusFact', { childId: youth, fact: { kind: 'parentsStatus', value: { father: 'notFound', mother: 'notFound' } }, effectiveDate: '2008-03-10' });
    await must(u.caseworker, 'record:addStatusFact', { childId: youth, fact: { kind: 'policeAbandonmentConfirmation', value: true }, effectiveDate: '2008-03-10' });
    await must(u.caseworker, 'record:addPlacement', { childId: youth, kind: 'municipalInstitution', from: '2008-03-10' });
    const e = await must<{ id: number }>(u.caseworker, 'record:addEducation', { childId: youth, stage: 'seniorVocational', fullTime: true, enrolmentDate: '2023-09-01', standardDurationYears: 3 });
    await must(u.caseworker, 'record:updateEducation', { childId: youth, id: e.id, actualCompletion: '2026-06-30' });
    const board = await must<{ cases: { id: number; childId: number }[] }>(u.officer, 'reintegration:pipeline', {});
    const caseId = board.cases.find((c) => c.childId === youth)!.id;
    const scores = rubricOn('2026-08-01').domains.map((d) => ({ domain: d.code, score: 80 }));
    const a = await must<{ id: number }>(u.officer, 'reintegration:addAssessment', { caseId, assessedOn: '2026-08-01', round: 1, panel: ['李明', '张华'], scores, result: 'capable', reasons: '各维度达到要求' });

    const queue = await must<ApprovalQueue>(u.supervisor, 'approvals:queue', null);
    expect(queue.plans.map((p) => p.planId)).toContain(plan.id);
    expect(queue.assessments).toEqual([expect.objectContaining({ assessmentId: a.id, caseId, childId: youth, childName: '褚一鸣', by: '周安置' })]);
    // Someone who decides neither sees an empty queue.
    expect(await must<ApprovalQueue>(u.caseworker, 'approvals:queue', null)).toEqual({ plans: [], assessments: [] });

    await must(u.supervisor, 'rehab:decidePlan', { planId: plan.id, decision: 'approve', comment: null });
    await must(u.supervisor, 'reintegration:decide', { caseId, assessmentId: a.id, approve: true });
    const after = await must<ApprovalQueue>(u.supervisor, 'approvals:queue', null);
    expect(after.plans.map((p) => p.planId)).not.toContain(plan.id);
    expect(after.assessments).toEqual([]);
  });
});

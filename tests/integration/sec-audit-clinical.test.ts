/**
 * Issue 15, item 2: the audit page hides the mental-health rows' details from those without
 * mentalHealth.read (the same rule as a child's history), and no clinical free text — notes, closing
 * comments, referrals, plan goals, amendment and void reasons, checklist notes, outcomes — is copied
 * into the audit trail at all: each row says what was done, by whom, to which record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import type { ServiceContext } from '../../electron/services/core/context';
import { createUser } from '../../electron/services/users/users';
import type { AuditRowView } from '../../shared/contract/audit';
import type { SessionUser } from '../../shared/contract/common';
import type { Result } from '../../shared/contract/errors';
import type { Role } from '../../shared/contract/permissions';
import { rubricOn } from '../../shared/domain/reintegration';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

const PASSWORD = 'Audit!clinical-1';
let root: { dir: string; cleanup: () => void };
let host: AppHost;
let db: ServiceContext;
const u = {} as Record<'caseworker' | 'therapist' | 'therapist2' | 'supervisor' | 'administrator' | 'placementOfficer', SessionUser>;
let n = 0;

const call = <T>(user: SessionUser, channel: string, input: unknown) => {
  n += 1;
  host.sessions.start(`a-${n}`, user);
  return host.router.dispatch(`a-${n}`, channel, asRead(host, channel, input)) as Promise<Result<T>>;
};
const must = async <T>(user: SessionUser, channel: string, input: unknown): Promise<T> => ok<T>(await call<T>(user, channel, input));

/** Every piece of clinical free text typed below: none may reach the audit trail. */
const SECRET = {
  closeComment: '已住院治疗，诊断抑郁症',
  actions: '每日观察情绪并安排心理疏导',
  referral: '上海市精神卫生中心',
  checkNote: '自述夜间失眠',
  followUp: '随访：情绪仍低落',
  checkVoid: '误录入另一儿童的量表',
  autismTool: 'ADOS-2 模块一',
  autismNote: '刻板动作明显',
  autismVoid: '作废：评估机构记录错误',
  planSummary: '以情绪行为干预为主',
  goalTitle: '主动表达需求三次',
  intervention: '沙盘游戏治疗',
  planComment: '请补充家庭支持安排',
  sessionNote: '情绪爆发两次，已安抚',
  absence: '因住院未能参加',
  amendReason: '误记为出勤，实为住院',
  checklistNote: '身份证办理中，派出所称下周可领',
  outcome: '完成面点培训，情绪稳定可上岗',
  returnReason: '评估依据不充分，须补充精神科意见',
};

let childId: number;
let youthId: number;

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  const admin = await setupAndLogin(host, 'admin');
  db = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  const people: [keyof typeof u, Role[]][] = [
    ['caseworker', ['caseworker']],
    ['therapist', ['therapist']],
    ['therapist2', ['therapist']],
    ['supervisor', ['supervisor']],
    ['administrator', ['administrator']],
    ['placementOfficer', ['placementOfficer']],
  ];
  for (const [key, roles] of people) {
    createUser(db, { username: `u_${key}`, displayName: key, password: PASSWORD, roles });
    u[key] = ok<SessionUser>(await host.router.dispatch(`login-${key}`, 'auth:login', { username: `u_${key}`, password: PASSWORD }));
  }
  childId = (await must<{ id: number }>(u.caseworker, 'children:create', { name: '林书瑶', sex: 'female', birthDate: '2014-05-01', idNumber: null })).id;

  // Mental health: a high-risk check with actions, referral and note; a follow-up; the supervisor's close; a voided check.
  const check = await must<{ id: number }>(u.therapist, 'mentalHealth:addCheck', {
    childId,
    checkedOn: '2026-10-01',
    riskLevel: 'high',
    actions: SECRET.actions,
    referral: SECRET.referral,
    referralDate: '2026-10-02',
    note: SECRET.checkNote,
  });
  await must(u.therapist, 'mentalHealth:addFollowUp', { childId, checkId: check.id, followedOn: '2026-10-10', note: SECRET.followUp });
  await must(u.supervisor, 'mentalHealth:close', { childId, id: check.id, comment: SECRET.closeComment });
  const wrong = await must<{ id: number }>(u.therapist, 'mentalHealth:addCheck', { childId, checkedOn: '2026-10-05', riskLevel: 'none' });
  await must(u.therapist, 'mentalHealth:void', { childId, entity: 'check', id: wrong.id, reason: SECRET.checkVoid });

  // Autism pathway: an event with tool and note, voided with a reason.
  const event = await must<{ id: number }>(u.therapist, 'autism:addEvent', { childId, stage: 'assessment', occurredOn: '2026-09-01', tool: SECRET.autismTool, note: SECRET.autismNote });
  await must(u.therapist, 'autism:void', { childId, id: event.id, reason: SECRET.autismVoid });

  // Rehabilitation: a plan sent back with a comment, resubmitted, approved; a missed session, amended by its author.
  const levels = { minus2: '退步', minus1: '基线', zero: '达到预期', plus1: '略超', plus2: '远超' };
  const plan = {
    childId,
    startsOn: '2026-11-01',
    reviewOn: '2027-02-01',
    summary: SECRET.planSummary,
    therapistIds: [u.therapist.id],
    goals: [{ title: SECRET.goalTitle, levels, baseline: -1, importance: 2, difficulty: 2, continuesGoalId: null }],
    interventions: [{ kind: 'training', description: SECRET.intervention, frequency: '每周一次', startsOn: '2026-11-01', weekdays: [7] }],
  };
  const saved = await must<{ id: number }>(u.therapist, 'rehab:savePlan', { ...plan, planId: null, revisesPlanId: null });
  await must(u.supervisor, 'rehab:decidePlan', { planId: saved.id, decision: 'changesRequested', comment: SECRET.planComment });
  await must(u.therapist, 'rehab:savePlan', { ...plan, planId: saved.id, revisesPlanId: null });
  await must(u.supervisor, 'rehab:decidePlan', { planId: saved.id, decision: 'approve', comment: null });
  const session = await must<{ id: number }>(u.therapist, 'rehab:logSession', { childId, sessionOn: '2026-11-20', attended: false, minutes: null, absenceReason: SECRET.absence, goals: [], note: SECRET.sessionNote });
  await must(u.therapist, 'rehab:editSession', { sessionId: session.id, sessionOn: '2026-11-20', attended: false, minutes: null, absenceReason: SECRET.absence, goals: [], note: `${SECRET.sessionNote}。` });
  await must(u.therapist, 'rehab:amendSession', { sessionId: session.id, sessionOn: '2026-11-20', attended: false, minutes: null, absenceReason: SECRET.absence, goals: [], note: null, reason: SECRET.amendReason });

  // Reintegration: a checklist note, an assessment returned with a reason, vocational rehabilitation completed with an outcome.
  youthId = (await must<{ id: number }>(u.caseworker, 'children:create', { name: '陈思远', sex: 'female', birthDate: '2008-03-10', idNumber: null })).id;
  await must(u.caseworker, 'record:addStatusFact', { childId: youthId, fact: { kind: 'parentsStatus', value: { father: 'notFound', mother: 'notFound' } }, effectiveDate: '2008-03-10' });
  await must(u.caseworker, 'record:addStatusFact', { childId: youthId, fact: { kind: 'policeAbandonmentConfirmation', value: true }, effectiveDate: '2008-03-10' });
  await must(u.caseworker, 'record:addPlacement', { childId: youthId, kind: 'municipalInstitution', from: '2008-03-10' });
  const board = await must<{ cases: { id: number; childId: number }[] }>(u.placementOfficer, 'reintegration:pipeline', {});
  const caseId = board.cases.find((c) => c.childId === youthId)!.id;
  const detail = await must<{ checklist: { id: number; owner: string | null; status: string }[] }>(u.placementOfficer, 'reintegration:get', { caseId });
  const item = detail.checklist[0]!;
  await must(u.placementOfficer, 'reintegration:updateChecklist', { caseId, id: item.id, owner: item.owner, dueOn: null, status: 'inProgress', note: SECRET.checklistNote });
  const scores = rubricOn('2026-08-01').domains.map((d) => ({ domain: d.code, score: 40 }));
  const assess = { caseId, assessedOn: '2026-08-01', round: 1, panel: ['李明', '张华'], scores, result: 'notCapable', reasons: '各维度未达要求' };
  const first = await must<{ id: number }>(u.placementOfficer, 'reintegration:addAssessment', assess);
  await must(u.supervisor, 'reintegration:decide', { caseId, assessmentId: first.id, approve: false, reason: SECRET.returnReason });
  const second = await must<{ id: number }>(u.placementOfficer, 'reintegration:addAssessment', { ...assess, assessedOn: '2026-08-02' });
  await must(u.supervisor, 'reintegration:decide', { caseId, assessmentId: second.id, approve: true });
  await must(u.placementOfficer, 'reintegration:transfer', { caseId, institution: '上海市第一社会福利院', transferredOn: '2026-08-10' });
  const voc = await must<{ id: number }>(u.placementOfficer, 'reintegration:startRehab', { caseId, from: '2026-08-15', programme: '面点', provider: null });
  await must(u.placementOfficer, 'reintegration:completeRehab', { caseId, id: voc.id, completedOn: '2026-11-15', outcome: SECRET.outcome });
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

const query = (user: SessionUser, filter: Record<string, unknown>) => must<{ total: number; rows: AuditRowView[] }>(user, 'audit:query', { offset: 0, limit: 500, ...filter });

describe('clinical free text never reaches the audit trail', () => {
  it('no audit row’s detail holds any of the text typed into the clinical parts of the file', () => {
    const details = (db.sqlite.prepare('SELECT action, detail FROM audit_log WHERE detail IS NOT NULL').all() as { action: string; detail: string }[]);
    const actions = new Set(details.map((d) => d.action));
    // The writes above all happened and were audited…
    for (const action of ['mentalHealthCheck.add', 'mentalHealthCheck.close', 'mentalHealthCheck.void', 'autismEvent.add', 'autismEvent.void', 'rehabPlan.add', 'rehabPlan.update', 'rehabPlan.changesRequested', 'rehabSession.add', 'rehabSession.update', 'rehabSession.amend', 'reintegrationChecklist.update', 'assessment.void', 'vocationalRehab.complete']) {
      expect(actions, action).toContain(action);
    }
    // …and none of them carries what was written.
    for (const [what, text] of Object.entries(SECRET)) {
      const leaks = details.filter((d) => d.detail.includes(text)).map((d) => d.action);
      expect(leaks, `${what} copied into the audit trail`).toEqual([]);
    }
  });

  it('the audit row still says what was done: which text fields were written, and the rest of the change', () => {
    const close = db.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'mentalHealthCheck.close'").get() as { detail: string };
    expect(JSON.parse(close.detail)).toMatchObject({ changes: [{ field: 'closedAt', before: null }], textFields: ['closeComment'] });
    const checklist = db.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'reintegrationChecklist.update'").get() as { detail: string };
    expect(JSON.parse(checklist.detail)).toMatchObject({ changes: expect.arrayContaining([{ field: 'status', before: 'todo', after: 'inProgress' }]), textFields: ['note'] });
  });
});

describe('the audit page applies the mental-health rule of the child history', () => {
  it('an administrator (no mentalHealth.read) sees the mental-health rows — who, when, what, which child — without their details', async () => {
    const rows = (await query(u.administrator, { childId })).rows;
    const mental = rows.filter((r) => r.action.startsWith('mentalHealth'));
    expect(mental.map((r) => r.action)).toEqual(expect.arrayContaining(['mentalHealthCheck.add', 'mentalHealthFollowUp.add', 'mentalHealthCheck.close', 'mentalHealthCheck.void']));
    for (const r of mental) {
      expect(r).toMatchObject({ restricted: true, summary: '', childId });
      expect(r.who).not.toBeNull();
    }
    expect(mental.find((r) => r.action === 'mentalHealthCheck.add')!.summary).not.toContain('high');
    // Rows of other parts keep their summary.
    expect(rows.find((r) => r.action === 'rehabSession.add')).toMatchObject({ restricted: false, summary: expect.stringContaining('2026-11-20') });
  });

  it('a supervisor (mentalHealth.read and audit.read) sees the same rows with their details', async () => {
    const rows = (await query(u.supervisor, { childId, action: 'mentalHealthCheck.add' })).rows;
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => !r.restricted)).toBe(true);
    expect(rows.map((r) => r.summary)).toContainEqual(expect.stringContaining('riskLevel=high'));
  });

  it('the child history hides the same rows from a caseworker and shows them to a therapist', async () => {
    const actionsFor = async (user: SessionUser) =>
      (await must<{ entries: { action: string }[] }>(user, 'children:history', { childId, offset: 0, limit: 200 })).entries.map((e) => e.action);
    expect((await actionsFor(u.caseworker)).filter((a) => a.startsWith('mentalHealth'))).toEqual([]);
    expect((await actionsFor(u.therapist)).filter((a) => a.startsWith('mentalHealth')).length).toBeGreaterThan(0);
  });
});

/**
 * The mental-health file (四(十二)) and the autism pathway (二(七)) through the router, with each role:
 * validation refuses bad input naming the field and saves nothing; reads are audited; a caseworker is
 * refused the mental-health channels and sees none of the file in the child's history; a high-risk
 * check raises a worklist item that stays until a supervisor closes it; the next check falls due once in
 * every school year (1 September to 31 August). Clock fixed at 2026-11-29.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { loadDemoData } from '../../electron/demo/demo';
import { addMentalHealthCheck } from '../../electron/services/mental-health/mental-health';
import { createUser } from '../../electron/services/users/users';
import type { ChannelOutput } from '../../shared/contract';
import type { AutismPathway } from '../../shared/contract/autism';
import type { SessionUser } from '../../shared/contract/common';
import { ValidationError } from '../../shared/contract/errors';
import type { Result } from '../../shared/contract/errors';
import { type MentalHealthCheckRow, type MentalHealthFile, mentalHealthCheckAddSchema } from '../../shared/contract/mental-health';
import { AUTISM_STAGES } from '../../shared/domain/autism';
import type { Role } from '../../shared/contract/permissions';
import { addMonths } from '../../shared/domain/dates';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

const PASSWORD = 'M3ntal!password';
type Worklist = ChannelOutput<'worklist:get'>;

let root: { dir: string; cleanup: () => void };
let host: AppHost;
const users = {} as Record<Role, SessionUser>;
let n = 0;
const call = <T>(user: SessionUser, channel: string, input: unknown) => {
  n += 1;
  host.sessions.start(`m-${n}`, user);
  return host.router.dispatch(`m-${n}`, channel, asRead(host, channel, input)) as Promise<Result<T>>;
};
const refusal = (r: Result<unknown>) => (r.ok ? null : r.error);

async function newChild(name: string, birthDate = '2012-05-04'): Promise<number> {
  return ok<{ id: number }>(await call(users.caseworker, 'children:create', { name, sex: 'male', birthDate, idNumber: null, admissionDate: addMonths(birthDate, 6) })).id;
}
const auditRows = (childId: number, action: string) =>
  host.core.context(null).sqlite.prepare('SELECT user_id, action FROM audit_log WHERE child_id = ? AND action = ?').all(childId, action) as { user_id: number; action: string }[];
const countChecks = (childId: number) =>
  (host.core.context(null).sqlite.prepare('SELECT count(*) AS n FROM mental_health_checks WHERE child_id = ?').get(childId) as { n: number }).n;

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  const admin = await setupAndLogin(host, 'admin');
  const ctx = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  for (const role of ['administrator', 'caseworker', 'therapist', 'placementOfficer', 'supervisor'] as Role[]) {
    createUser(ctx, { username: `u_${role}`, displayName: `${role}名`, password: PASSWORD, roles: [role] });
    users[role] = ok<SessionUser>(await host.router.dispatch(`login-${role}`, 'auth:login', { username: `u_${role}`, password: PASSWORD }));
  }
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('mental-health checks: bad input', () => {
  it.each([
    ['a date in the future', { checkedOn: '2026-12-01', riskLevel: 'none' }, 'checkedOn'],
    ['a date before birth', { checkedOn: '2011-01-01', riskLevel: 'none' }, 'checkedOn'],
    ['no risk level', { checkedOn: '2026-10-01' }, 'riskLevel'],
    ['an unknown risk level', { checkedOn: '2026-10-01', riskLevel: 'severe' }, 'riskLevel'],
    ['a score that is not a number', { checkedOn: '2026-10-01', riskLevel: 'watch', scores: [{ name: '总分', value: 'abc' }] }, 'scores.0.value'],
    ['a score outside the instrument range', { checkedOn: '2026-10-01', riskLevel: 'watch', instrument: 'SDQ', scores: [{ name: '情绪症状', value: 3 }, { name: '困难总分', value: 41 }] }, 'scores.1.value'],
    ['a score without a name', { checkedOn: '2026-10-01', riskLevel: 'watch', scores: [{ name: ' ', value: 3 }] }, 'scores.0.name'],
    ['a referral date without an institution', { checkedOn: '2026-10-01', riskLevel: 'high', referralDate: '2026-10-02' }, 'referral'],
    ['a referral before the check', { checkedOn: '2026-10-01', riskLevel: 'high', referral: '上海市精神卫生中心', referralDate: '2026-09-02' }, 'referralDate'],
  ])('%s is refused naming the field, nothing saved', async (_what, input, field) => {
    const childId = await newChild(`校验${n}`);
    const r = await call(users.therapist, 'mentalHealth:addCheck', { childId, ...input });
    expect(refusal(r)).toMatchObject({ code: 'invalid_input', field });
    expect(refusal(r)?.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(countChecks(childId)).toBe(0);
  });

  it('input that is not an object at all is refused as invalid input, not an internal error', async () => {
    for (const input of ['abc', 42, null, [1, 2], { scores: 'x' }]) {
      expect(refusal(await call(users.therapist, 'mentalHealth:addCheck', input))?.code).toBe('invalid_input');
    }
  });

  it('a score out of range is reported together with a missing risk level (one pass shows every field)', async () => {
    const childId = await newChild('多项校验');
    const r = await call(users.therapist, 'mentalHealth:addCheck', { childId, checkedOn: '2026-10-01', instrument: 'SDQ', scores: [{ name: '困难总分', value: 45 }] });
    const issues = (refusal(r)?.details as { issues: { path: string; message: string }[] }).issues;
    expect(issues.map((i) => i.path).sort()).toEqual(['riskLevel', 'scores.0.value']);
    expect(issues.find((i) => i.path === 'scores.0.value')?.message).toBe('SDQ“困难总分”的分数应在 0–40 之间');
  });

  it('the service itself throws a ValidationError naming the field and writes nothing', async () => {
    const childId = await newChild('服务校验');
    const ctx = host.core.context({ userId: users.therapist.id, username: users.therapist.username, roles: users.therapist.roles });
    const auditBefore = (host.core.context(null).sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    expect(() => addMentalHealthCheck(ctx, { childId, checkedOn: '2030-01-01', riskLevel: 'none' })).toThrow(ValidationError);
    try {
      addMentalHealthCheck(ctx, { childId, checkedOn: '2026-10-01', riskLevel: 'none', instrument: 'PHQ-9', scores: [{ name: '总分', value: 30 }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).field).toBe('scores.0.value');
    }
    expect(countChecks(childId)).toBe(0);
    expect((host.core.context(null).sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(auditBefore);
  });

  it('a follow-up before the check is refused; a good one is kept', async () => {
    const childId = await newChild('随访');
    const check = ok<MentalHealthCheckRow>(await call(users.therapist, 'mentalHealth:addCheck', { childId, checkedOn: '2026-09-01', riskLevel: 'watch' }));
    const early = await call(users.therapist, 'mentalHealth:addFollowUp', { childId, checkId: check.id, followedOn: '2026-08-31', note: '电话随访' });
    expect(refusal(early)).toMatchObject({ code: 'invalid_input', field: 'followedOn' });
    const blank = await call(users.therapist, 'mentalHealth:addFollowUp', { childId, checkId: check.id, followedOn: '2026-09-15', note: '  ' });
    expect(refusal(blank)).toMatchObject({ code: 'invalid_input', field: 'note' });
    const kept = ok<{ id: number }>(await call(users.therapist, 'mentalHealth:addFollowUp', { childId, checkId: check.id, followedOn: '2026-09-15', note: '情绪平稳，继续观察' }));
    const file = ok<MentalHealthFile>(await call(users.therapist, 'mentalHealth:get', { childId }));
    expect(file.checks[0].followUps.map((f) => f.note)).toEqual(['情绪平稳，继续观察']);
    // Voided, it stays in the file, marked, with the reason.
    ok(await call(users.therapist, 'mentalHealth:void', { childId, entity: 'followUp', id: kept.id, reason: '记到别的孩子名下了' }));
    const after = ok<MentalHealthFile>(await call(users.therapist, 'mentalHealth:get', { childId }));
    expect(after.checks[0].followUps[0]).toMatchObject({ id: kept.id, voidReason: '记到别的孩子名下了' });
    expect(after.checks[0].followUps[0].voidedAt).not.toBeNull();
    expect(refusal(await call(users.therapist, 'mentalHealth:void', { childId, entity: 'followUp', id: kept.id, reason: '再作废一次' }))?.code).toBe('conflict');
  });
});

describe('who may see the mental-health file', () => {
  it('a caseworker, a placement officer and an administrator are refused every channel; a therapist and a supervisor may read', async () => {
    const childId = await newChild('权限');
    const channels: [string, unknown][] = [
      ['mentalHealth:get', { childId }],
      ['mentalHealth:addCheck', { childId, checkedOn: '2026-10-01', riskLevel: 'none' }],
      ['mentalHealth:addFollowUp', { childId, checkId: 1, followedOn: '2026-10-01', note: '随访' }],
      ['mentalHealth:close', { childId, id: 1, comment: '已处理' }],
      ['mentalHealth:void', { childId, entity: 'check', id: 1, reason: '录错了' }],
    ];
    for (const role of ['caseworker', 'placementOfficer', 'administrator'] as Role[]) {
      for (const [channel, input] of channels) expect(refusal(await call(users[role], channel, input))?.code, `${role} ${channel}`).toBe('forbidden');
    }
    expect(countChecks(childId)).toBe(0);
    ok(await call(users.therapist, 'mentalHealth:get', { childId }));
    ok(await call(users.supervisor, 'mentalHealth:get', { childId }));
    expect(refusal(await call(users.supervisor, 'mentalHealth:addCheck', channels[1][1]))?.code).toBe('forbidden');
    expect(refusal(await call(users.therapist, 'mentalHealth:close', channels[3][1]))?.code).toBe('forbidden');
  });

  it('every read is audited with the reader; the caseworker sees none of the file in the child history, the therapist does', async () => {
    const childId = await newChild('审计');
    ok(await call(users.therapist, 'mentalHealth:addCheck', { childId, checkedOn: '2026-10-01', riskLevel: 'watch', instrument: 'SDQ', scores: [{ name: '困难总分', value: 17 }] }));
    expect(auditRows(childId, 'mentalHealth.read')).toHaveLength(0);
    ok(await call(users.therapist, 'mentalHealth:get', { childId }));
    ok(await call(users.supervisor, 'mentalHealth:get', { childId }));
    expect(auditRows(childId, 'mentalHealth.read').map((r) => r.user_id)).toEqual([users.therapist.id, users.supervisor.id]);
    // A refused read is not a read of the file.
    await call(users.caseworker, 'mentalHealth:get', { childId });
    expect(auditRows(childId, 'mentalHealth.read')).toHaveLength(2);

    type History = ChannelOutput<'children:history'>;
    const actions = async (user: SessionUser, includeViews = false) =>
      ok<History>(await call(user, 'children:history', { childId, includeViews })).entries.map((e) => e.action);
    expect(await actions(users.caseworker)).not.toContain('mentalHealthCheck.add');
    expect(await actions(users.caseworker)).toContain('child.create');
    expect(await actions(users.therapist)).toContain('mentalHealthCheck.add');
    expect(await actions(users.supervisor, true)).toEqual(expect.arrayContaining(['mentalHealthCheck.add', 'mentalHealth.read']));
    // The trail keeps no scores, only the date and the level.
    const detail = host.core.context(null).sqlite.prepare("SELECT detail FROM audit_log WHERE child_id = ? AND action = 'mentalHealthCheck.add'").get(childId) as { detail: string };
    expect(detail.detail).toContain('"riskLevel":"watch"');
    expect(detail.detail).not.toContain('17');
  });
});

describe('a high-risk check on the worklist', () => {
  it('is raised for roles that may read the file, stays until a supervisor closes it with a comment, then goes', async () => {
    const childId = await newChild('高风险');
    const highItems = async (user: SessionUser) =>
      ok<Worklist>(await call(user, 'worklist:get', { kinds: ['mentalHealthHighRisk'] })).items.filter((i) => i.childId === childId);
    expect(await highItems(users.supervisor)).toHaveLength(0);

    const check = ok<MentalHealthCheckRow>(
      await call(users.therapist, 'mentalHealth:addCheck', {
        childId,
        checkedOn: '2026-11-20',
        instrument: 'PHQ-9',
        scores: [{ name: '总分', value: 22 }],
        riskLevel: 'high',
        actions: '心理咨询师每周两次个别辅导',
        referral: '上海市精神卫生中心',
        referralDate: '2026-11-22',
      }),
    );
    expect(check).toMatchObject({ riskLevel: 'high', closedAt: null, referral: '上海市精神卫生中心', scores: [{ name: '总分', value: 22 }] });
    const [item] = await highItems(users.supervisor);
    expect(item).toMatchObject({ kind: 'mentalHealthHighRisk', dueDate: '2026-11-20', clause: '四(十二)', urgency: 'now' });
    expect(await highItems(users.therapist)).toHaveLength(1);
    expect(ok<Worklist>(await call(users.caseworker, 'worklist:get', {})).visibleKinds).not.toContain('mentalHealthHighRisk');

    // A newer calm check does not close it; nor can the therapist, nor can it be voided while open.
    ok(await call(users.therapist, 'mentalHealth:addCheck', { childId, checkedOn: '2026-11-28', riskLevel: 'none' }));
    expect(await highItems(users.supervisor)).toHaveLength(1);
    expect(refusal(await call(users.therapist, 'mentalHealth:void', { childId, entity: 'check', id: check.id, reason: '想撤掉' }))?.code).toBe('conflict');
    expect(refusal(await call(users.supervisor, 'mentalHealth:close', { childId, id: check.id, comment: '' }))).toMatchObject({ code: 'invalid_input', field: 'comment' });
    expect(await highItems(users.supervisor)).toHaveLength(1);

    const closed = ok<MentalHealthCheckRow>(await call(users.supervisor, 'mentalHealth:close', { childId, id: check.id, comment: '已转介并随访三次，情绪稳定，结案' }));
    expect(closed).toMatchObject({ closedBy: users.supervisor.id, closedByName: 'supervisor名', closeComment: '已转介并随访三次，情绪稳定，结案' });
    expect(await highItems(users.supervisor)).toHaveLength(0);
    expect(await highItems(users.therapist)).toHaveLength(0);
    expect(refusal(await call(users.supervisor, 'mentalHealth:close', { childId, id: check.id, comment: '再次结案' }))?.code).toBe('conflict');
    expect(auditRows(childId, 'mentalHealthCheck.close').map((r) => r.user_id)).toEqual([users.supervisor.id]);
    const file = ok<MentalHealthFile>(await call(users.supervisor, 'mentalHealth:get', { childId }));
    expect(file.openHighRisk).toBe(0);
  });

  it('only a high-risk check can be closed', async () => {
    const childId = await newChild('关注');
    const check = ok<MentalHealthCheckRow>(await call(users.therapist, 'mentalHealth:addCheck', { childId, checkedOn: '2026-11-01', riskLevel: 'watch' }));
    expect(refusal(await call(users.supervisor, 'mentalHealth:close', { childId, id: check.id, comment: '结案意见' }))?.code).toBe('conflict');
  });
});

describe('the next check', () => {
  it('falls due once in every school year (四(十二), RULES.md round 2), on the file and on the worklist', async () => {
    // Today is 2026-11-29: the school year 2026-09-01..2027-08-31.
    const childId = await newChild('学年');
    const dueItems = async () => ok<Worklist>(await call(users.therapist, 'worklist:get', { kinds: ['mentalHealthDue'] })).items.filter((i) => i.childId === childId);
    const nextDue = async () => ok<MentalHealthFile>(await call(users.therapist, 'mentalHealth:get', { childId })).nextDueOn;
    const empty = ok<MentalHealthFile>(await call(users.therapist, 'mentalHealth:get', { childId }));
    expect(empty).toMatchObject({ lastCheckedOn: null, nextDueOn: null, checks: [] });
    expect((await dueItems())[0]).toMatchObject({ dueDate: '2026-11-29' });

    // Last checked two school years ago: the school year 2025/26 went without a check — behind, now.
    ok(await call(users.therapist, 'mentalHealth:addCheck', { childId, checkedOn: '2024-10-10', riskLevel: 'none' }));
    expect(await nextDue()).toBe('2027-08-31');
    expect((await dueItems())[0]).toMatchObject({ dueDate: '2026-08-31', urgency: 'now', clause: '四(十二)' });

    // Checked in the last school year, more than 12 months ago: due by the end of this one, nothing behind.
    ok(await call(users.therapist, 'mentalHealth:addCheck', { childId, checkedOn: '2025-11-10', riskLevel: 'none' }));
    expect(await nextDue()).toBe('2027-08-31');
    expect(await dueItems()).toHaveLength(0);

    // Checked this school year: the next falls in the next school year.
    const recent = ok<MentalHealthCheckRow>(await call(users.therapist, 'mentalHealth:addCheck', { childId, checkedOn: '2026-09-02', riskLevel: 'none' }));
    expect(ok<MentalHealthFile>(await call(users.therapist, 'mentalHealth:get', { childId }))).toMatchObject({ lastCheckedOn: '2026-09-02', nextDueOn: '2028-08-31' });
    expect(await dueItems()).toHaveLength(0);

    // Voiding the latest check brings the earlier one's due date back.
    ok(await call(users.therapist, 'mentalHealth:void', { childId, entity: 'check', id: recent.id, reason: '日期录错' }));
    const file = ok<MentalHealthFile>(await call(users.therapist, 'mentalHealth:get', { childId }));
    expect(file).toMatchObject({ lastCheckedOn: '2025-11-10', nextDueOn: '2027-08-31' });
    expect(file.checks.find((c) => c.id === recent.id)?.voidReason).toBe('日期录错');
  });
});

describe('the autism pathway', () => {
  it('places the child at the furthest stage reached and compares the diagnosis with the record', async () => {
    const childId = await newChild('孤独症', '2019-02-01');
    const get = async () => ok<AutismPathway>(await call(users.therapist, 'autism:get', { childId }));
    expect(await get()).toMatchObject({ currentStage: null, consistency: 'none', recordDiagnosis: null });

    ok(await call(users.therapist, 'autism:addEvent', { childId, stage: 'screening', occurredOn: '2021-03-01', tool: 'M-CHAT-R/F', result: '阳性（8分）', referral: '上海市儿童医院' }));
    ok(await call(users.therapist, 'autism:addEvent', { childId, stage: 'assessment', occurredOn: '2021-05-10', tool: 'CARS', result: '36分' }));
    const noVerdict = await call(users.therapist, 'autism:addEvent', { childId, stage: 'diagnosis', occurredOn: '2021-06-01', tool: 'DSM-5' });
    expect(refusal(noVerdict)).toMatchObject({ code: 'invalid_input', field: 'confirmed' });
    ok(await call(users.therapist, 'autism:addEvent', { childId, stage: 'diagnosis', occurredOn: '2021-06-01', tool: 'DSM-5', confirmed: true, result: '孤独症谱系障碍' }));
    let p = await get();
    expect(p).toMatchObject({ currentStage: 'diagnosis', reachedOn: { screening: '2021-03-01', assessment: '2021-05-10', diagnosis: '2021-06-01' } });
    expect(p.consistency).toBe('recordMissing');

    ok(await call(users.caseworker, 'record:addStatusFact', { childId, fact: { kind: 'autismDiagnosis', value: true }, effectiveDate: '2021-06-01' }));
    const intervention = ok<{ id: number }>(await call(users.therapist, 'autism:addEvent', { childId, stage: 'intervention', occurredOn: '2021-07-01', tool: 'ABA' }));
    p = await get();
    expect(p).toMatchObject({ currentStage: 'intervention', consistency: 'consistent', recordDiagnosis: { value: true, effectiveDate: '2021-06-01' } });

    ok(await call(users.therapist, 'autism:void', { childId, id: intervention.id, reason: '录入错误' }));
    expect((await get()).currentStage).toBe('diagnosis');
    expect(auditRows(childId, 'autismPathway.read').length).toBeGreaterThan(0);
  });

  it('refuses bad dates naming the field; a caseworker may read but not write; a placement officer may not read', async () => {
    const childId = await newChild('链条校验', '2019-02-01');
    expect(refusal(await call(users.therapist, 'autism:addEvent', { childId, stage: 'screening', occurredOn: '2018-01-01' }))).toMatchObject({ code: 'invalid_input', field: 'occurredOn' });
    expect(refusal(await call(users.therapist, 'autism:addEvent', { childId, stage: 'screening', occurredOn: '2027-01-01' }))).toMatchObject({ code: 'invalid_input', field: 'occurredOn' });
    expect(refusal(await call(users.therapist, 'autism:addEvent', { childId, stage: 'bogus', occurredOn: '2024-01-01' }))).toMatchObject({ code: 'invalid_input', field: 'stage' });
    ok(await call(users.caseworker, 'autism:get', { childId }));
    expect(refusal(await call(users.caseworker, 'autism:addEvent', { childId, stage: 'screening', occurredOn: '2024-01-01' }))?.code).toBe('forbidden');
    expect(refusal(await call(users.placementOfficer, 'autism:get', { childId }))?.code).toBe('forbidden');
    expect((await call<AutismPathway>(users.therapist, 'autism:get', { childId })).ok && ok<AutismPathway>(await call(users.therapist, 'autism:get', { childId })).events).toEqual([]);
  });
});

describe('the demo data set', () => {
  it('has yearly checks at every risk level, open high-risk items on the worklist, and the autism chain of an autistic child', async () => {
    const demoRoot = tempDir();
    const demo = makeHost(`${demoRoot.dir}/data`);
    try {
      const admin = await setupAndLogin(demo, 'admin');
      const ctx = demo.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
      loadDemoData(ctx, { children: 60 });
      const levels = ctx.sqlite.prepare('SELECT risk_level AS level, count(*) AS n FROM mental_health_checks GROUP BY risk_level').all() as { level: string; n: number }[];
      expect(levels.map((l) => l.level).sort()).toEqual(['high', 'none', 'watch']);
      const open = ctx.sqlite.prepare("SELECT count(*) AS n FROM mental_health_checks WHERE risk_level = 'high' AND closed_at IS NULL").get() as { n: number };
      expect(open.n).toBeGreaterThan(0);
      // Every high-risk check has a referral; its scores lie within the instrument's ranges (the service would accept them).
      const highs = ctx.sqlite.prepare("SELECT instrument, scores, referral FROM mental_health_checks WHERE risk_level = 'high'").all() as { instrument: string; scores: string; referral: string | null }[];
      for (const h of highs) {
        expect(h.referral).toBeTruthy();
        const parsed = mentalHealthCheckAddSchema.safeParse({ childId: 1, checkedOn: '2026-01-01', riskLevel: 'high', instrument: h.instrument, scores: JSON.parse(h.scores) });
        expect(parsed.success).toBe(true);
      }
      createUser(ctx, { username: 'demo_sup', displayName: '主管', password: PASSWORD, roles: ['supervisor'] });
      const sup = ok<SessionUser>(await demo.router.dispatch('demo-sup', 'auth:login', { username: 'demo_sup', password: PASSWORD }));
      const w = ok<Worklist>(await demo.router.dispatch('demo-sup', 'worklist:get', { kinds: ['mentalHealthHighRisk'] }));
      expect(sup.roles).toEqual(['supervisor']);
      expect(w.items.length).toBe(open.n);

      const autistic = ctx.sqlite
        .prepare("SELECT child_id AS id FROM child_status_facts WHERE kind = 'autismDiagnosis' AND json_extract(value, '$') = 1")
        .all() as { id: number }[];
      expect(autistic.length).toBeGreaterThan(0);
      for (const { id } of autistic) {
        const p = ok<AutismPathway>(await demo.router.dispatch('demo-sup', 'autism:get', { childId: id }));
        expect(p.consistency).toBe('consistent');
        expect(AUTISM_STAGES.indexOf(p.currentStage!)).toBeGreaterThanOrEqual(AUTISM_STAGES.indexOf('rehabilitation'));
      }
    } finally {
      demo.close();
      demoRoot.cleanup();
    }
  });
});

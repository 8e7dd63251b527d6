/**
 * Issue 15, item 10: only a session's author (its therapist) or a supervisor may amend it; the
 * amendment keeps the original therapist and records who amended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import type { ServiceContext } from '../../electron/services/core/context';
import { createUser } from '../../electron/services/users/users';
import type { SessionUser } from '../../shared/contract/common';
import type { Result } from '../../shared/contract/errors';
import type { Role } from '../../shared/contract/permissions';
import type { RehabChild, SessionView } from '../../shared/contract/rehab';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

const PASSWORD = 'Amend!password-1';
let root: { dir: string; cleanup: () => void };
let host: AppHost;
let db: ServiceContext;
const u = {} as Record<'caseworker' | 't1' | 't2' | 'supervisor', SessionUser>;
let n = 0;
let childId: number;

const call = <T>(user: SessionUser, channel: string, input: unknown) => {
  n += 1;
  host.sessions.start(`m-${n}`, user);
  return host.router.dispatch(`m-${n}`, channel, asRead(host, channel, input)) as Promise<Result<T>>;
};
const must = async <T>(user: SessionUser, channel: string, input: unknown): Promise<T> => ok<T>(await call<T>(user, channel, input));
const sessionRows = () => (db.sqlite.prepare('SELECT count(*) AS n FROM rehab_sessions').get() as { n: number }).n;
const amend = (sessionId: number, minutes: number, reason: string) => ({ sessionId, sessionOn: '2026-11-20', attended: true, minutes, goals: [], note: null, reason });

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  const admin = await setupAndLogin(host, 'admin');
  db = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  const people: [keyof typeof u, string, Role[]][] = [
    ['caseworker', '王社工', ['caseworker']],
    ['t1', '李康复', ['therapist']],
    ['t2', '赵康复', ['therapist']],
    ['supervisor', '钱主任', ['supervisor']],
  ];
  for (const [key, name, roles] of people) {
    createUser(db, { username: `u_${key}`, displayName: name, password: PASSWORD, roles });
    u[key] = ok<SessionUser>(await host.router.dispatch(`login-${key}`, 'auth:login', { username: `u_${key}`, password: PASSWORD }));
  }
  childId = (await must<{ id: number }>(u.caseworker, 'children:create', { name: '吴雨桐', sex: 'female', birthDate: '2018-05-01', idNumber: null })).id;
  const levels = { minus2: '退步', minus1: '基线', zero: '达到预期', plus1: '略超', plus2: '远超' };
  const plan = await must<{ id: number }>(u.t1, 'rehab:savePlan', {
    childId,
    planId: null,
    revisesPlanId: null,
    startsOn: '2026-11-01',
    reviewOn: '2027-02-01',
    summary: '粗大运动',
    therapistIds: [u.t1.id, u.t2.id],
    goals: [{ title: '独立坐稳', levels, baseline: -1, importance: 2, difficulty: 2, continuesGoalId: null }],
    interventions: [{ kind: 'training', description: 'PT', frequency: '每周一次', startsOn: '2026-11-01', weekdays: [7] }],
  });
  await must(u.supervisor, 'rehab:decidePlan', { planId: plan.id, decision: 'approve', comment: null });
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('amending a session (item 10)', () => {
  it('a colleague may not amend; a caseworker may not; nothing is written', async () => {
    const original = await must<SessionView>(u.t1, 'rehab:logSession', { childId, sessionOn: '2026-11-20', attended: true, minutes: 45, goals: [], note: null });
    const before = sessionRows();
    for (const user of [u.t2, u.caseworker]) {
      const r = await call(user, 'rehab:amendSession', amend(original.id, 30, '时长记错'));
      expect(!r.ok && r.error.code, user.username).toBe('forbidden');
    }
    expect(sessionRows()).toBe(before);
    // The file tells each person whether they may amend it, so the button shows only where it works.
    const mayAmendFor = async (user: SessionUser) => (await must<RehabChild>(user, 'rehab:child', { childId })).sessions.find((s) => s.id === original.id)!.mayAmend;
    expect(await mayAmendFor(u.t1)).toBe(true);
    expect(await mayAmendFor(u.t2)).toBe(false);
    expect(await mayAmendFor(u.caseworker)).toBe(false);
    expect(await mayAmendFor(u.supervisor)).toBe(true);
  });

  it('a supervisor amends: the therapist stays the author, the amendment says who amended; the author may amend again', async () => {
    const original = await must<SessionView>(u.t1, 'rehab:logSession', { childId, sessionOn: '2026-11-20', attended: true, minutes: 45, goals: [], note: null });
    const bySupervisor = await must<SessionView>(u.supervisor, 'rehab:amendSession', amend(original.id, 30, '时长记错'));
    expect(bySupervisor).toMatchObject({ amendsSessionId: original.id, therapist: { id: u.t1.id, name: '李康复' }, amender: { id: u.supervisor.id, name: '钱主任' }, minutes: 30 });
    const audit = db.sqlite.prepare("SELECT user_id FROM audit_log WHERE action = 'rehabSession.amend' AND entity_id = ?").get(bySupervisor.id) as { user_id: number };
    expect(audit.user_id).toBe(u.supervisor.id);

    const r = await call(u.t2, 'rehab:amendSession', amend(bySupervisor.id, 35, '再次更正'));
    expect(!r.ok && r.error.code).toBe('forbidden');
    const byAuthor = await must<SessionView>(u.t1, 'rehab:amendSession', amend(bySupervisor.id, 40, '再次更正'));
    expect(byAuthor).toMatchObject({ amendsSessionId: bySupervisor.id, therapist: { id: u.t1.id }, amender: { id: u.t1.id } });
    expect(original).toMatchObject({ amender: null });
  });
});

/**
 * The worklist and the eligibility tab through the router, over the demo data set (fixed clock
 * 2026-11-29): every child's eligibility answers within its output schema, and the worklist holds the
 * situations the demo data was built to show, for the roles allowed to see them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { loadDemoData } from '../../electron/demo/demo';
import { createUser } from '../../electron/services/users/users';
import { mentalHealthChecks, rehabPlans } from '../../db/schema';
import type { ChannelOutput } from '../../shared/contract';
import type { SessionUser } from '../../shared/contract/common';
import type { Role } from '../../shared/contract/permissions';
import type { Result } from '../../shared/contract/errors';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

const PASSWORD = 'W0rklist!password';
type Worklist = ChannelOutput<'worklist:get'>;

let root: { dir: string; cleanup: () => void };
let host: AppHost;
const users = {} as Record<Role, SessionUser>;
let n = 0;
const call = <T>(user: SessionUser, channel: string, input: unknown) => {
  n += 1;
  host.sessions.start(`w-${n}`, user);
  return host.router.dispatch(`w-${n}`, channel, asRead(host, channel, input)) as Promise<Result<T>>;
};

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  const admin = await setupAndLogin(host, 'admin');
  const ctx = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  loadDemoData(ctx, { children: 60 });
  for (const role of ['administrator', 'caseworker', 'therapist', 'placementOfficer', 'supervisor'] as Role[]) {
    createUser(ctx, { username: `u_${role}`, displayName: role, password: PASSWORD, roles: [role] });
    users[role] = ok<SessionUser>(await host.router.dispatch(`login-${role}`, 'auth:login', { username: `u_${role}`, password: PASSWORD }));
  }
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('eligibility:get', () => {
  it('answers for every demo child, with a clause and a reason on every entitlement', async () => {
    const list = ok<{ rows: { id: number }[] }>(await call(users.caseworker, 'children:list', { status: null, limit: 500 }));
    expect(list.rows.length).toBe(60);
    for (const { id } of list.rows) {
      const e = ok<ChannelOutput<'eligibility:get'>>(await call(users.caseworker, 'eligibility:get', { childId: id }));
      expect(e.asOf).toBe('2026-11-29');
      for (const line of Object.values(e.evaluation.entitlements)) {
        expect(line.clause).toMatch(/^[一二三四五六七]\(|^序言$/);
        expect(line.reason.length).toBeGreaterThan(4);
      }
      expect(e.timeline.entries.some((entry) => entry.kinds.includes('policyEnds'))).toBe(true);
    }
  });

  it('a date before birth is refused naming the field; an unknown child is not_found', async () => {
    const r = await call(users.caseworker, 'eligibility:get', { childId: 1, asOf: '1990-01-01' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'invalid_input', field: 'asOf' });
    const missing = await call(users.caseworker, 'eligibility:get', { childId: 99999 });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });
});

describe('worklist:get', () => {
  it('holds the demo situations: turning 18 within six months, assessment due, a non-stacking pair', async () => {
    const w = ok<Worklist>(await call(users.supervisor, 'worklist:get', {}));
    expect(w.asOf).toBe('2026-11-29');
    const kinds = new Set(w.items.map((i) => i.kind));
    for (const k of ['turning18', 'assessmentDue', 'conflict'] as const) expect(kinds, k).toContain(k);
    for (const item of w.items) {
      expect(item.reason.length).toBeGreaterThan(4);
      expect(item.clause).toBeTruthy();
    }
    // Counts agree with the items; items come most urgent first.
    for (const k of w.visibleKinds) expect(w.counts[k]).toBe(w.items.filter((i) => i.kind === k).length);
    const order = { now: 0, soon: 1, upcoming: 2 };
    const urgencies = w.items.map((i) => order[i.urgency]);
    expect(urgencies).toEqual([...urgencies].sort((a, b) => a - b));
  });

  it('shows each role only the kinds it may see; administrators have no worklist', async () => {
    const kindsFor = async (role: Role) => ok<Worklist>(await call(users[role], 'worklist:get', {})).visibleKinds;
    expect(await kindsFor('caseworker')).not.toContain('mentalHealthDue');
    expect(await kindsFor('placementOfficer')).toEqual(expect.arrayContaining(['turning18', 'assessmentDue']));
    expect(await kindsFor('placementOfficer')).not.toContain('mentalHealthDue');
    expect(await kindsFor('therapist')).toEqual(expect.arrayContaining(['mentalHealthDue', 'rehabReviewDue']));
    expect(await kindsFor('therapist')).not.toContain('assessmentDue');
    const admin = await call(users.administrator, 'worklist:get', {});
    expect(!admin.ok && admin.error.code).toBe('forbidden');
  });

  it('filters by kind while keeping the counts of every kind', async () => {
    const all = ok<Worklist>(await call(users.supervisor, 'worklist:get', {}));
    const only = ok<Worklist>(await call(users.supervisor, 'worklist:get', { kinds: ['assessmentDue'] }));
    expect(only.items.every((i) => i.kind === 'assessmentDue')).toBe(true);
    expect(only.items.length).toBe(all.counts.assessmentDue);
    expect(only.counts).toEqual(all.counts);
  });

  it('a mental-health check on file clears the yearly item; an approved plan with a review due raises one', async () => {
    const before = ok<Worklist>(await call(users.therapist, 'worklist:get', { kinds: ['mentalHealthDue', 'rehabReviewDue'] }));
    const target = before.items.find((i) => i.kind === 'mentalHealthDue')!;
    expect(target).toBeDefined();
    const ctx = host.core.context({ userId: users.therapist.id, username: 'u_therapist', roles: ['therapist'] });
    ctx.db.insert(mentalHealthChecks).values({ childId: target.childId, checkedOn: '2026-10-01', riskLevel: 'none', createdAt: '2026-10-01T09:00:00Z' }).run();
    ctx.db
      .insert(rehabPlans)
      .values({ childId: target.childId, version: 1, status: 'approved', startsOn: '2026-06-01', reviewOn: '2026-12-05', createdAt: '2026-06-01T09:00:00Z' })
      .run();
    const after = ok<Worklist>(await call(users.therapist, 'worklist:get', { kinds: ['mentalHealthDue', 'rehabReviewDue'] }));
    const mine = after.items.filter((i) => i.childId === target.childId);
    expect(mine.map((i) => i.kind)).toEqual(['rehabReviewDue']);
    expect(mine[0]).toMatchObject({ dueDate: '2026-12-05', clause: '二(七)' });
  });

  it('a bad date is invalid_input naming asOf', async () => {
    const r = await call(users.supervisor, 'worklist:get', { asOf: '2026-02-30' });
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid_input', field: 'asOf' });
  });
});

/**
 * The worklist kept between reads, seen through the router by two people at two desks (issue 19): a
 * write at one desk is on the very next worklist read at that desk and at the other, each read equals
 * the worklist worked out afresh for that person, and each person still sees only what their role and
 * caseload give them (the memo holds every kind for every child; the filtering is per read).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { createAppHost } from '../../electron/host/app-host';
import type { ServiceContext } from '../../electron/services/core/context';
import { passphraseSealer } from '../../electron/services/keys/key-store';
import { buildWorklist } from '../../electron/services/worklist/worklist';
import type { Role } from '../../shared/contract/permissions';
import type { WorklistItem } from '../../shared/contract/worklist';
import { addDays, addYears } from '../../shared/domain/dates';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp-db';
import { ADMIN, PASSPHRASE, asRead, ok, testClock } from './support/host';

type Worklist = { asOf: string; items: WorklistItem[]; counts: Record<string, number>; visibleKinds: string[] };

const clock = testClock();
const folder = tempDir('tonghu-worklist-desks-');
let host: AppHost;
const PASSWORD = 'Str0ng!desk-pass';
const people = {
  caseworker: { username: 'wang.cw', roles: ['caseworker'] as Role[], connection: 'desk-a', id: 0, password: PASSWORD },
  supervisor: { username: 'zhao.sv', roles: ['supervisor', 'therapist'] as Role[], connection: 'desk-b', id: 0, password: PASSWORD },
};
let turning: number;

/** A call as the page makes it: an edit carries the version its page read (asRead). */
const call = async <T>(connection: string, channel: string, input: unknown): Promise<T> => ok<T>(await host.router.dispatch(connection, channel, asRead(host, channel, input)));
const worklistAt = (who: keyof typeof people) => call<Worklist>(people[who].connection, 'worklist:get', {});
const sqlite = () => host.core.opened()!.sqlite;

/** The same person's worklist worked out afresh (inside a transaction nothing is read from or kept in a memo). */
function fresh(who: keyof typeof people): Worklist {
  const p = people[who];
  const ctx: ServiceContext = host.core.context({ userId: p.id, username: p.username, roles: p.roles });
  return ctx.sqlite.transaction(() => buildWorklist(ctx, {}))() as Worklist;
}

beforeAll(async () => {
  host = createAppHost({ dataDir: `${folder.dir}/data`, keyMode: 'passphrase', sealer: passphraseSealer(PASSPHRASE), clock, migrationsDir: MIGRATIONS_DIR, demoChildren: 120 });
  ok(await host.router.dispatch('admin', 'app:setup', { institutionName: '上海市儿童福利院', displayName: '管理员', username: ADMIN.username, password: ADMIN.password, passphrase: null, loadDemo: true }));
  ok(await host.router.dispatch('admin', 'auth:login', ADMIN));
  for (const p of Object.values(people)) {
    p.id = (await call<{ id: number }>('admin', 'users:create', { username: p.username, displayName: p.username, password: PASSWORD, roles: p.roles })).id;
    const user = await call<{ mustChangePassword: boolean }>(p.connection, 'auth:login', { username: p.username, password: PASSWORD });
    if (user.mustChangePassword) {
      await call(p.connection, 'auth:changePassword', { currentPassword: PASSWORD, newPassword: `${PASSWORD}-2` });
      p.password = `${PASSWORD}-2`;
    }
  }
  // A child in care who turns 18 in two days (the clock is moved past it below).
  turning = (sqlite().prepare(`SELECT id FROM children WHERE status = 'inCare' AND birth_date > '2010-01-01' ORDER BY id LIMIT 1`).get() as { id: number }).id;
  sqlite().prepare('UPDATE children SET birth_date = ? WHERE id = ?').run(addYears(addDays(clock.today(), 2), -18), turning);
});
afterAll(async () => {
  await host?.desks.shutdown();
  host?.close();
  folder.cleanup();
});

const itemsOf = (w: Worklist, childId: number) => w.items.filter((i) => i.childId === childId).map((i) => `${i.kind} ${i.dueDate} ${i.urgency}`);

describe('the worklist at two desks', () => {
  it('shows a write made at either desk on the very next read at both, as if worked out afresh, each person filtered as before', async () => {
    // Both desks read first: the worklist is then kept, and what follows are updates of it.
    let a = await worklistAt('caseworker');
    let b = await worklistAt('supervisor');
    expect(a).toEqual(fresh('caseworker'));
    expect(b).toEqual(fresh('supervisor'));

    // A benefit ended at desk A (caseworker): the child's allowance items change at A and at B.
    const stopping = a.items.find((i) => i.kind === 'allowanceStops' && i.urgency === 'now')!;
    expect(stopping).toBeDefined();
    const open = sqlite().prepare(`SELECT id FROM benefits_received WHERE child_id = ? AND to_date IS NULL AND voided_at IS NULL`).all(stopping.childId) as { id: number }[];
    for (const { id } of open) await call(people.caseworker.connection, 'record:endBenefit', { childId: stopping.childId, id, to: addDays(clock.today(), -1) });
    const beforeA = itemsOf(a, stopping.childId);
    a = await worklistAt('caseworker');
    b = await worklistAt('supervisor');
    expect(itemsOf(a, stopping.childId)).not.toEqual(beforeA);
    expect(a.items.some((i) => i.childId === stopping.childId && i.kind === 'allowanceStops' && i.urgency === 'now')).toBe(false);
    expect(b.items.some((i) => i.childId === stopping.childId && i.kind === 'allowanceStops' && i.urgency === 'now')).toBe(false);
    expect(a).toEqual(fresh('caseworker'));
    expect(b).toEqual(fresh('supervisor'));

    // A high-risk mental-health check at desk B (supervisor): on B's next read; never on A's (no mental-health permission).
    const quiet = b.items.find((i) => i.kind === 'turning18' || i.kind === 'allowanceStops')!.childId;
    await call(people.supervisor.connection, 'mentalHealth:addCheck', { childId: quiet, checkedOn: clock.today(), instrument: null, riskLevel: 'high', riskReason: '访谈所见', scores: [] });
    b = await worklistAt('supervisor');
    a = await worklistAt('caseworker');
    expect(b.items.some((i) => i.childId === quiet && i.kind === 'mentalHealthHighRisk')).toBe(true);
    expect(a.items.some((i) => i.kind === 'mentalHealthHighRisk' || i.kind === 'mentalHealthDue')).toBe(false);
    expect(a.visibleKinds).not.toContain('mentalHealthHighRisk');
    expect(b).toEqual(fresh('supervisor'));
    expect(a).toEqual(fresh('caseworker'));

    // A session logged and a plan's review moved at desk B: A's next read is still the fresh one.
    const planned = sqlite().prepare(`SELECT child_id AS childId FROM rehab_plans WHERE status = 'approved' AND voided_at IS NULL AND starts_on <= ? LIMIT 1`).get(clock.today()) as { childId: number };
    await call(people.supervisor.connection, 'rehab:logSession', { childId: planned.childId, sessionOn: clock.today(), attended: true, minutes: 30, goals: [], note: null });
    expect(await worklistAt('caseworker')).toEqual(fresh('caseworker'));
    expect(await worklistAt('supervisor')).toEqual(fresh('supervisor'));

    // A child put in the caseworker's caseload: marked and put first at A, not at B (a supervisor keeps one order).
    const other = a.items.find((i) => !i.mine)!.childId;
    await call('admin', 'caseload:assign', { childId: other, userId: people.caseworker.id, role: 'caseworker' });
    a = await worklistAt('caseworker');
    b = await worklistAt('supervisor');
    expect(a.items.filter((i) => i.childId === other).every((i) => i.mine)).toBe(true);
    expect(a.items[0]!.mine).toBe(true);
    expect(b.items.filter((i) => i.childId === other).every((i) => !i.mine)).toBe(true);
    expect(a).toEqual(fresh('caseworker'));

    // The day changes and the child crosses 18: the very next read at either desk has it as of the new day.
    const before18 = itemsOf(a, turning);
    expect(before18.some((i) => i.startsWith('turning18'))).toBe(true);
    clock.advance(3 * 24 * 3600 * 1000);
    // Three days idle lock both screens; each person unlocks their own.
    for (const p of Object.values(people)) await call(p.connection, 'auth:unlockScreen', { password: p.password });
    a = await worklistAt('caseworker');
    b = await worklistAt('supervisor');
    expect(a.asOf).toBe(clock.today());
    expect(itemsOf(a, turning).some((i) => i.startsWith('turning18'))).toBe(false);
    expect(itemsOf(a, turning)).not.toEqual(before18);
    expect(a).toEqual(fresh('caseworker'));
    expect(b).toEqual(fresh('supervisor'));
  });
});

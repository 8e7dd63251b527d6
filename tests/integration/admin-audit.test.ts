/** The audit page's channels: filters by person, child, action and date; chain verification naming a tampered row. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import type { AuditRowView, AuditVerifyResult } from '../../shared/contract/audit';
import type { SessionUser } from '../../shared/contract/common';
import { tempDir } from '../helpers/temp-db';
import { makeHost, ok, setupAndLogin, type TestClock, testClock } from './support/host';

let root: { dir: string; cleanup: () => void };
let host: AppHost;
let clock: TestClock;
let caseworker: SessionUser;
let childA: number;

type Page = { total: number; rows: AuditRowView[]; actions: string[]; people: { id: number; name: string }[] };
const FIRST = 'First!password1';
const OWN = 'Own!password22';

async function query(filter: Record<string, unknown>, connection = 'admin'): Promise<Page> {
  return ok<Page>(await host.router.dispatch(connection, 'audit:query', { offset: 0, limit: 500, ...filter }));
}

beforeAll(async () => {
  root = tempDir();
  clock = testClock('2026-11-27T10:00:00+08:00');
  host = makeHost(`${root.dir}/data`, { clock });
  await setupAndLogin(host, 'admin');
  caseworker = ok<SessionUser>(await host.router.dispatch('admin', 'users:create', { username: 'wang.cw', displayName: '王社工', password: FIRST, roles: ['caseworker'] }));
  ok(await host.router.dispatch('cw', 'auth:login', { username: 'wang.cw', password: FIRST }));
  ok(await host.router.dispatch('cw', 'auth:changePassword', { currentPassword: FIRST, newPassword: OWN }));
  childA = ok<{ id: number }>(await host.router.dispatch('cw', 'children:create', { name: '张小明', sex: 'male', birthDate: '2015-03-07', idNumber: null })).id;
  // Two days later (sessions idle-lock meanwhile; unlock them).
  clock.advance(2 * 86_400_000);
  ok(await host.router.dispatch('cw', 'auth:unlockScreen', { password: OWN }));
  ok(await host.router.dispatch('admin', 'auth:unlockScreen', { password: 'Str0ng!pass-word' }));
  ok(await host.router.dispatch('cw', 'children:create', { name: '李小红', sex: 'female', birthDate: '2016-05-01', idNumber: null }));
  for (let i = 0; i < 2; i += 1) await host.router.dispatch('x', 'auth:login', { username: 'wang.cw', password: 'wrong-password' });
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('audit:query', () => {
  it('filters by action, naming the person and the child', async () => {
    const page = await query({ action: 'child.create' });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.childName)).toEqual(['李小红', '张小明']);
    expect(page.rows.every((r) => r.who === '王社工')).toBe(true);
    expect(page.actions).toContain('child.create');
    expect(page.people.map((p) => p.name)).toEqual(['管理员', '王社工']);
  });

  it('an action prefix ending in a dot matches a family of actions', async () => {
    const page = await query({ action: 'auth.' });
    expect(page.rows.every((r) => r.action.startsWith('auth.'))).toBe(true);
    expect(page.rows.map((r) => r.action)).toContain('auth.loginFailed');
  });

  it('filters by child', async () => {
    const page = await query({ childId: childA });
    expect(page.total).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.childId === childA && r.childName === '张小明')).toBe(true);
  });

  it('filters by person, including failed logins to their account while nobody was signed in', async () => {
    const page = await query({ person: caseworker.id });
    const actions = page.rows.map((r) => r.action);
    expect(actions).toContain('child.create');
    expect(actions).toContain('auth.loginFailed');
    expect(actions).not.toContain('user.create');
    const failed = page.rows.filter((r) => r.action === 'auth.loginFailed');
    expect(failed).toHaveLength(2);
    expect(failed[0].summary).toContain('attempt=2');
  });

  it('filters by date (China-time calendar days, inclusive)', async () => {
    const first = await query({ action: 'child.create', from: '2026-11-27', to: '2026-11-27' });
    expect(first.rows.map((r) => r.childName)).toEqual(['张小明']);
    const later = await query({ action: 'child.create', from: '2026-11-28' });
    expect(later.rows.map((r) => r.childName)).toEqual(['李小红']);
    const none = await query({ action: 'child.create', to: '2026-11-26' });
    expect(none.total).toBe(0);
    const backwards = await host.router.dispatch('admin', 'audit:query', { from: '2026-11-29', to: '2026-11-27', offset: 0, limit: 10 });
    expect(!backwards.ok && backwards.error).toMatchObject({ code: 'invalid_input', field: 'to' });
  });

  it('paginates newest first, and opening the page is itself audited', async () => {
    const before = (await query({ action: 'audit.read' })).total;
    const after = await query({ action: 'audit.read' });
    expect(after.total).toBe(before + 1);
    expect(after.rows[0].who).toBe('管理员');
    const p1 = ok<Page>(await host.router.dispatch('admin', 'audit:query', { offset: 0, limit: 3 }));
    const p2 = ok<Page>(await host.router.dispatch('admin', 'audit:query', { offset: 3, limit: 3 }));
    expect(p1.rows).toHaveLength(3);
    expect(p2.total).toBe(p1.total);
    expect(p1.rows[2].id).toBeGreaterThan(p2.rows[0].id);
    expect(p1.rows[0].action).toBe('audit.read');
  });

  it('is refused to roles without audit.read; a supervisor may read it', async () => {
    for (const channel of ['audit:query', 'audit:verify'] as const) {
      const r = await host.router.dispatch('cw', channel, channel === 'audit:query' ? { offset: 0, limit: 10 } : {});
      expect(!r.ok && r.error.code, channel).toBe('forbidden');
    }
    ok(await host.router.dispatch('admin', 'users:create', { username: 'zhou.sup', displayName: '周主任', password: FIRST, roles: ['supervisor'] }));
    ok(await host.router.dispatch('sup', 'auth:login', { username: 'zhou.sup', password: FIRST }));
    ok(await host.router.dispatch('sup', 'auth:changePassword', { currentPassword: FIRST, newPassword: OWN }));
    expect((await query({ action: 'child.create' }, 'sup')).total).toBe(2);
    const users = await host.router.dispatch('sup', 'users:list', {});
    expect(!users.ok && users.error.code).toBe('forbidden');
  });
});

describe('audit:verify', () => {
  it('reports an intact chain, then names the row altered directly in the database', async () => {
    const intact = ok<AuditVerifyResult>(await host.router.dispatch('admin', 'audit:verify', {}));
    expect(intact.ok).toBe(true);
    expect(intact.checked).toBeGreaterThan(10);

    const target = (await query({ action: 'child.create' })).rows.at(-1)!;
    // Test-only tampering: lift the append-only triggers, alter one row's detail, put the triggers back.
    const sqlite = host.core.context(null).sqlite;
    const triggers = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string; sql: string }[];
    expect(triggers.length).toBeGreaterThan(0);
    const refused = (() => {
      try {
        sqlite.prepare('UPDATE audit_log SET detail = ? WHERE id = ?').run('{"forged":true}', target.id);
        return false;
      } catch {
        return true;
      }
    })();
    expect(refused).toBe(true);
    for (const t of triggers) sqlite.exec(`DROP TRIGGER "${t.name}"`);
    sqlite.prepare('UPDATE audit_log SET detail = ? WHERE id = ?').run('{"forged":true}', target.id);
    for (const t of triggers) sqlite.exec(t.sql);

    const broken = ok<AuditVerifyResult>(await host.router.dispatch('admin', 'audit:verify', {}));
    expect(broken).toMatchObject({ ok: false, firstBrokenId: target.id });
    expect(broken.reason).toMatch(/被改动/);
    expect(broken.checked).toBe(target.id);
  });
});

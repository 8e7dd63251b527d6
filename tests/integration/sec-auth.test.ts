/**
 * Issue 15, items 4, 7 and 11: the lock screen counts wrong passwords as sign-in does (five → signed
 * out, account locked, audited); changing one's own password ends one's other sessions; sign-in does
 * the same work (one scrypt) whether or not the user name exists.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import * as passwords from '../../electron/services/users/passwords';
import type { AuditRowView } from '../../shared/contract/audit';
import type { AppStatus } from '../../shared/contract/app';
import type { SessionUser } from '../../shared/contract/common';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

vi.mock('../../electron/services/users/passwords', async (importOriginal) => {
  const actual = await importOriginal<typeof passwords>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

let root: { dir: string; cleanup: () => void };
let host: AppHost;
const FIRST = 'First!password1';
const OWN = 'Own!password22';
const verify = vi.mocked(passwords.verifyPassword);

async function signedIn(username: string, roles: string[], connection = username): Promise<SessionUser> {
  const u = ok<SessionUser>(await host.router.dispatch('admin', 'users:create', { username, displayName: username, password: FIRST, roles }));
  ok(await host.router.dispatch(connection, 'auth:login', { username, password: FIRST }));
  ok(await host.router.dispatch(connection, 'auth:changePassword', { currentPassword: FIRST, newPassword: OWN }));
  return u;
}

async function auditOf(userId: number): Promise<AuditRowView[]> {
  return ok<{ rows: AuditRowView[] }>(await host.router.dispatch('admin', 'audit:query', { person: userId, offset: 0, limit: 100 })).rows;
}

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  await setupAndLogin(host, 'admin');
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});
beforeEach(() => {
  verify.mockClear();
});

describe('lock screen: wrong passwords count like sign-in failures (item 4)', () => {
  it('the fifth wrong password signs the session out and locks the account; every attempt is audited', async () => {
    const u = await signedIn('lock.one', ['caseworker']);
    ok(await host.router.dispatch('lock.one', 'auth:lock', null));
    for (let attempt = 1; attempt <= 4; attempt++) {
      const r = await host.router.dispatch('lock.one', 'auth:unlockScreen', { password: `wrong-${attempt}` });
      expect(!r.ok && r.error).toMatchObject({ code: 'bad_credentials', field: 'password' });
    }
    const fifth = await host.router.dispatch('lock.one', 'auth:unlockScreen', { password: 'wrong-5' });
    expect(!fifth.ok && fifth.error.code).toBe('account_locked');

    // Signed out: the session is gone, so the right password no longer unlocks anything…
    expect(ok<AppStatus>(await host.router.dispatch('lock.one', 'app:status', null)).user).toBeNull();
    const after = await host.router.dispatch('lock.one', 'auth:unlockScreen', { password: OWN });
    expect(!after.ok && after.error.code).toBe('unauthenticated');
    // …and the account is locked for sign-in as after five failed sign-ins.
    const login = await host.router.dispatch('lock.one', 'auth:login', { username: 'lock.one', password: OWN });
    expect(!login.ok && login.error.code).toBe('account_locked');
    const account = ok<{ id: number; lockedUntil: string | null }[]>(await host.router.dispatch('admin', 'users:list', {})).find((a) => a.id === u.id)!;
    expect(account.lockedUntil).not.toBeNull();

    const actions = (await auditOf(u.id)).map((r) => r.action);
    expect(actions.filter((a) => a === 'auth.unlockFailed')).toHaveLength(5);
    expect(actions).toContain('auth.accountLocked');
    expect(actions).not.toContain('auth.screenUnlocked');
  });

  it('failures at sign-in and at the lock screen add up to the same five', async () => {
    await signedIn('lock.two', ['caseworker']);
    for (let i = 0; i < 3; i++) {
      const r = await host.router.dispatch('other-desk', 'auth:login', { username: 'lock.two', password: 'wrong' });
      expect(!r.ok && r.error.code).toBe('bad_credentials');
    }
    ok(await host.router.dispatch('lock.two', 'auth:lock', null));
    const fourth = await host.router.dispatch('lock.two', 'auth:unlockScreen', { password: 'wrong' });
    expect(!fourth.ok && fourth.error.code).toBe('bad_credentials');
    const fifth = await host.router.dispatch('lock.two', 'auth:unlockScreen', { password: 'wrong' });
    expect(!fifth.ok && fifth.error.code).toBe('account_locked');
  });

  it('a right password at the lock screen unlocks and starts the count again', async () => {
    const u = await signedIn('lock.three', ['caseworker']);
    ok(await host.router.dispatch('lock.three', 'auth:lock', null));
    for (let i = 0; i < 4; i++) expect((await host.router.dispatch('lock.three', 'auth:unlockScreen', { password: 'wrong' })).ok).toBe(false);
    ok(await host.router.dispatch('lock.three', 'auth:unlockScreen', { password: OWN }));
    ok(await host.router.dispatch('lock.three', 'auth:lock', null));
    for (let i = 0; i < 4; i++) expect((await host.router.dispatch('lock.three', 'auth:unlockScreen', { password: 'wrong' })).ok).toBe(false);
    ok(await host.router.dispatch('lock.three', 'auth:unlockScreen', { password: OWN }));
    ok(await host.router.dispatch('lock.three', 'children:list', {}));
    expect((await auditOf(u.id)).filter((r) => r.action === 'auth.screenUnlocked')).toHaveLength(2);
  });
});

describe('changing one’s own password (item 7)', () => {
  it('ends the person’s other sessions and keeps the one where it was changed', async () => {
    await signedIn('pw.one', ['caseworker'], 'desk-a');
    ok(await host.router.dispatch('desk-b', 'auth:login', { username: 'pw.one', password: OWN }));
    ok(await host.router.dispatch('desk-b', 'children:list', {}));
    ok(await host.router.dispatch('admin', 'children:list', {}));

    ok(await host.router.dispatch('desk-a', 'auth:changePassword', { currentPassword: OWN, newPassword: 'Third!password3' }));
    const b = await host.router.dispatch('desk-b', 'children:list', {});
    expect(!b.ok && b.error.code).toBe('unauthenticated');
    ok(await host.router.dispatch('desk-a', 'children:list', {}));
    // Other people's sessions are untouched.
    ok(await host.router.dispatch('admin', 'children:list', {}));
  });
});

describe('sign-in costs the same for an unknown user name (item 11)', () => {
  it('checks the password against a hash (one scrypt) on every path: unknown, disabled, locked, wrong, right', async () => {
    const u = await signedIn('timing.one', ['caseworker']);
    const attempt = async (username: string, password: string) => {
      verify.mockClear();
      await host.router.dispatch('timing', 'auth:login', { username, password });
      return verify.mock.calls.map(([, stored]) => stored.startsWith('scrypt$'));
    };
    expect(await attempt('nobody.here', 'Whatever!1234')).toEqual([true]);
    expect(await attempt('timing.one', 'wrong')).toEqual([true]);
    expect(await attempt('timing.one', OWN)).toEqual([true]);
    ok(await host.router.dispatch('admin', 'users:setActive', asRead(host, 'users:setActive', { id: u.id, active: false })));
    expect(await attempt('timing.one', OWN)).toEqual([true]);
    ok(await host.router.dispatch('admin', 'users:setActive', asRead(host, 'users:setActive', { id: u.id, active: true })));
    for (let i = 0; i < 5; i++) await host.router.dispatch('timing', 'auth:login', { username: 'timing.one', password: 'wrong' });
    expect(await attempt('timing.one', OWN)).toEqual([true]);
  });

  it('an unknown name is still refused with the same answer as a wrong password', async () => {
    const r = await host.router.dispatch('timing', 'auth:login', { username: 'no.such.user', password: 'Whatever!1234' });
    expect(!r.ok && r.error).toMatchObject({ code: 'bad_credentials', message: '用户名或密码不正确' });
  });
});

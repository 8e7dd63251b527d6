/** Account administration through the router: reset, unlock, disable, and the rules that keep someone able to administer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import type { SessionUser } from '../../shared/contract/common';
import type { UserAccount } from '../../shared/contract/users';
import { tempDir } from '../helpers/temp-db';
import { asRead, ADMIN, makeHost, ok, setupAndLogin, type TestClock, testClock } from './support/host';

let root: { dir: string; cleanup: () => void };
let host: AppHost;
let clock: TestClock;
let admin: SessionUser;

const FIRST = 'First!password1';
const OWN = 'Own!password22';

async function makeUser(username: string, roles: string[]): Promise<SessionUser> {
  const u = ok<SessionUser>(await host.router.dispatch('admin', 'users:create', { username, displayName: `名${username}`, password: FIRST, roles }));
  ok(await host.router.dispatch(username, 'auth:login', { username, password: FIRST }));
  ok(await host.router.dispatch(username, 'auth:changePassword', { currentPassword: FIRST, newPassword: OWN }));
  return u;
}

async function account(id: number): Promise<UserAccount> {
  return ok<UserAccount[]>(await host.router.dispatch('admin', 'users:list', {})).find((u) => u.id === id)!;
}

beforeAll(async () => {
  root = tempDir();
  clock = testClock();
  host = makeHost(`${root.dir}/data`, { clock });
  admin = await setupAndLogin(host, 'admin');
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('users administration', () => {
  it('lists accounts with lock, must-change, active and creation time', async () => {
    const list = ok<UserAccount[]>(await host.router.dispatch('admin', 'users:list', {}));
    expect(list).toHaveLength(1);
    expect(list[0].roles).toContain('administrator');
    expect(list[0]).toMatchObject({ username: 'admin', lockedUntil: null, active: true, mustChangePassword: false });
    expect(list[0].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('a reset password must be changed at the next sign-in, and the reset is audited', async () => {
    const u = await makeUser('reset.me', ['caseworker']);
    const reset = ok<UserAccount>(await host.router.dispatch('admin', 'users:resetPassword', asRead(host, 'users:resetPassword', { id: u.id, password: 'Temp!password3' })));
    expect(reset.mustChangePassword).toBe(true);
    const old = await host.router.dispatch('r2', 'auth:login', { username: 'reset.me', password: OWN });
    expect(!old.ok && old.error.code).toBe('bad_credentials');
    const signedIn = ok<SessionUser>(await host.router.dispatch('r2', 'auth:login', { username: 'reset.me', password: 'Temp!password3' }));
    expect(signedIn.mustChangePassword).toBe(true);
    const blocked = await host.router.dispatch('r2', 'children:list', {});
    expect(!blocked.ok && blocked.error.code).toBe('password_change_required');
    const audit = ok<{ rows: { action: string; entityId: number | null }[] }>(
      await host.router.dispatch('admin', 'audit:query', { action: 'user.passwordReset', offset: 0, limit: 10 }),
    );
    expect(audit.rows.map((r) => r.entityId)).toEqual([u.id]);
    const weak = await host.router.dispatch('admin', 'users:resetPassword', asRead(host, 'users:resetPassword', { id: u.id, password: 'alllowercase' }));
    expect(!weak.ok && weak.error).toMatchObject({ code: 'weak_password', field: 'password' });
  });

  it('five wrong passwords lock the account; an administrator unlocks it', async () => {
    const u = await makeUser('lock.me', ['therapist']);
    for (let i = 0; i < 5; i += 1) await host.router.dispatch('l1', 'auth:login', { username: 'lock.me', password: 'wrong-password' });
    const refused = await host.router.dispatch('l1', 'auth:login', { username: 'lock.me', password: OWN });
    expect(!refused.ok && refused.error.code).toBe('account_locked');
    expect((await account(u.id)).lockedUntil).not.toBeNull();
    const unlocked = ok<UserAccount>(await host.router.dispatch('admin', 'users:unlock', asRead(host, 'users:unlock', { id: u.id })));
    expect(unlocked.lockedUntil).toBeNull();
    ok(await host.router.dispatch('l1', 'auth:login', { username: 'lock.me', password: OWN }));
  });

  it('a lock that has run out shows as not locked', async () => {
    const u = await makeUser('lapse.me', ['therapist']);
    for (let i = 0; i < 5; i += 1) await host.router.dispatch('l2', 'auth:login', { username: 'lapse.me', password: 'wrong-password' });
    expect((await account(u.id)).lockedUntil).not.toBeNull();
    clock.advance(16 * 60_000);
    // The administrator's own screen idle-locked meanwhile.
    ok(await host.router.dispatch('admin', 'auth:unlockScreen', { password: ADMIN.password }));
    expect((await account(u.id)).lockedUntil).toBeNull();
  });

  it('a disabled account cannot sign in; enabled again, it can; nothing is deleted', async () => {
    const u = await makeUser('off.me', ['placementOfficer']);
    const off = ok<UserAccount>(await host.router.dispatch('admin', 'users:setActive', asRead(host, 'users:setActive', { id: u.id, active: false })));
    expect(off.active).toBe(false);
    const refused = await host.router.dispatch('d1', 'auth:login', { username: 'off.me', password: OWN });
    expect(!refused.ok && refused.error.code).toBe('bad_credentials');
    expect((await account(u.id)).active).toBe(false);
    const audit = ok<{ rows: { action: string; summary: string }[] }>(await host.router.dispatch('admin', 'audit:query', { person: u.id, offset: 0, limit: 5 }));
    expect(audit.rows[0]).toMatchObject({ action: 'auth.loginFailed' });
    expect(audit.rows[0].summary).toContain('reason=disabled');
    ok(await host.router.dispatch('admin', 'users:setActive', asRead(host, 'users:setActive', { id: u.id, active: true })));
    ok(await host.router.dispatch('d1', 'auth:login', { username: 'off.me', password: OWN }));
  });

  it('updates display name and roles, audited with before and after', async () => {
    const u = await makeUser('roles.me', ['caseworker']);
    const updated = ok<UserAccount>(await host.router.dispatch('admin', 'users:update', asRead(host, 'users:update', { id: u.id, displayName: '新名字', roles: ['caseworker', 'supervisor'] })));
    expect(updated).toMatchObject({ displayName: '新名字', roles: ['caseworker', 'supervisor'] });
    const audit = ok<{ rows: { summary: string }[] }>(await host.router.dispatch('admin', 'audit:query', { action: 'user.update', offset: 0, limit: 10 }));
    expect(audit.rows[0].summary).toContain('roles');
    const none = await host.router.dispatch('admin', 'users:update', asRead(host, 'users:update', { id: u.id, displayName: '新名字', roles: [] }));
    expect(!none.ok && none.error).toMatchObject({ code: 'invalid_input', field: 'roles', message: '请至少选择一个角色' });
    const missing = await host.router.dispatch('admin', 'users:update', asRead(host, 'users:update', { id: 9999, displayName: 'x', roles: ['caseworker'] }));
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });

  it('an administrator can neither drop their own administrator role nor disable themselves', async () => {
    const drop = await host.router.dispatch('admin', 'users:update', asRead(host, 'users:update', { id: admin.id, displayName: '管理员', roles: ['supervisor'] }));
    expect(!drop.ok && drop.error).toMatchObject({ code: 'invalid_input', field: 'roles' });
    expect(!drop.ok && drop.error.message).toMatch(/不能取消自己的系统管理员角色/);
    const disable = await host.router.dispatch('admin', 'users:setActive', asRead(host, 'users:setActive', { id: admin.id, active: false }));
    expect(!disable.ok && disable.error).toMatchObject({ code: 'invalid_input', field: 'active', message: '不能停用自己的账户' });
    expect(await account(admin.id)).toMatchObject({ active: true });
    expect((await account(admin.id)).roles).toContain('administrator');
    // A second administrator may take the role from the first, as long as one remains.
    await makeUser('admin2', ['administrator']);
    const other = ok<UserAccount>(await host.router.dispatch('admin2', 'users:update', asRead(host, 'users:update', { id: admin.id, displayName: '管理员', roles: ['administrator', 'supervisor'] })));
    expect(other.roles).toEqual(['administrator', 'supervisor']);
  });

  it('only administrators manage accounts', async () => {
    for (const channel of ['users:list', 'users:update', 'users:resetPassword', 'users:unlock', 'users:setActive'] as const) {
      const input = channel === 'users:list' ? {} : { id: admin.id, displayName: 'x', roles: ['caseworker'], password: 'Temp!password3', active: false };
      const r = await host.router.dispatch('roles.me', channel, input);
      expect(!r.ok && r.error.code, channel).toBe('forbidden');
    }
  });
});

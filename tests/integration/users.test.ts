/** Accounts through the router: only administrators create them; the first password must be changed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import type { SessionUser } from '../../shared/contract/common';
import { tempDir } from '../helpers/temp-db';
import { makeHost, ok, setupAndLogin } from './support/host';

let root: { dir: string; cleanup: () => void };
let host: AppHost;

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  await setupAndLogin(host, 'admin');
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('users:create / users:list', () => {
  it('an administrator creates a supervisor, who must change the first password at sign-in', async () => {
    const created = ok<SessionUser>(
      await host.router.dispatch('admin', 'users:create', { username: 'zhou.sup', displayName: '周主任', password: 'First!password1', roles: ['supervisor'] }),
    );
    expect(created).toMatchObject({ username: 'zhou.sup', roles: ['supervisor'], mustChangePassword: true });
    const list = ok<SessionUser[]>(await host.router.dispatch('admin', 'users:list', {}));
    expect(list.map((u) => u.username)).toEqual(['admin', 'zhou.sup']);
    const signedIn = ok<SessionUser>(await host.router.dispatch('sup', 'auth:login', { username: 'zhou.sup', password: 'First!password1' }));
    expect(signedIn.mustChangePassword).toBe(true);
    const blocked = await host.router.dispatch('sup', 'children:list', {});
    expect(!blocked.ok && blocked.error.code).toBe('password_change_required');
  });

  it('refuses a taken username, a weak password and no role, naming the field', async () => {
    const dup = await host.router.dispatch('admin', 'users:create', { username: 'zhou.sup', displayName: '另一人', password: 'First!password1', roles: ['caseworker'] });
    expect(!dup.ok && dup.error).toMatchObject({ code: 'duplicate', field: 'username' });
    const weak = await host.router.dispatch('admin', 'users:create', { username: 'li.si', displayName: '李', password: 'short', roles: ['caseworker'] });
    expect(!weak.ok && weak.error).toMatchObject({ code: 'invalid_input', field: 'password' });
    const none = await host.router.dispatch('admin', 'users:create', { username: 'li.er', displayName: '李', password: 'First!password1', roles: [] });
    expect(!none.ok && none.error).toMatchObject({ code: 'invalid_input', field: 'roles' });
  });

  it('nobody but an administrator may create accounts', async () => {
    ok(await host.router.dispatch('admin', 'users:create', { username: 'wang.cw', displayName: '王社工', password: 'First!password1', roles: ['caseworker'] }));
    ok(await host.router.dispatch('cw', 'auth:login', { username: 'wang.cw', password: 'First!password1' }));
    ok(await host.router.dispatch('cw', 'auth:changePassword', { currentPassword: 'First!password1', newPassword: 'Second!password2' }));
    const r = await host.router.dispatch('cw', 'users:create', { username: 'x.y', displayName: 'X', password: 'First!password1', roles: ['supervisor'] });
    expect(!r.ok && r.error.code).toBe('forbidden');
  });
});

/** Account changes reach open sessions at once: new roles apply, a disabled or reset account is signed out. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import type { SessionUser } from '../../shared/contract/common';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

let root: { dir: string; cleanup: () => void };
let host: AppHost;
const FIRST = 'First!password1';
const OWN = 'Own!password22';

async function signedIn(username: string, roles: string[]): Promise<SessionUser> {
  const u = ok<SessionUser>(await host.router.dispatch('admin', 'users:create', { username, displayName: username, password: FIRST, roles }));
  ok(await host.router.dispatch(username, 'auth:login', { username, password: FIRST }));
  ok(await host.router.dispatch(username, 'auth:changePassword', { currentPassword: FIRST, newPassword: OWN }));
  return u;
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

describe('account changes and open sessions', () => {
  it('roles taken away apply to the open session at its next request', async () => {
    const u = await signedIn('cw.one', ['caseworker']);
    ok(await host.router.dispatch('cw.one', 'children:list', {}));
    ok(await host.router.dispatch('admin', 'users:update', asRead(host, 'users:update', { id: u.id, displayName: 'cw.one', roles: ['therapist'] })));
    const r = await host.router.dispatch('cw.one', 'children:create', { name: '周一', sex: 'male', birthDate: '2020-01-01', idNumber: null });
    expect(!r.ok && r.error.code).toBe('forbidden');
  });

  it('a disabled account is signed out everywhere at once', async () => {
    const u = await signedIn('cw.two', ['caseworker']);
    ok(await host.router.dispatch('cw.two', 'children:list', {}));
    ok(await host.router.dispatch('admin', 'users:setActive', asRead(host, 'users:setActive', { id: u.id, active: false })));
    const r = await host.router.dispatch('cw.two', 'children:list', {});
    expect(!r.ok && r.error.code).toBe('unauthenticated');
  });

  it('a password reset by an administrator signs the person out', async () => {
    const u = await signedIn('cw.three', ['caseworker']);
    ok(await host.router.dispatch('admin', 'users:resetPassword', asRead(host, 'users:resetPassword', { id: u.id, password: 'Reset!password3' })));
    const r = await host.router.dispatch('cw.three', 'children:list', {});
    expect(!r.ok && r.error.code).toBe('unauthenticated');
  });
});

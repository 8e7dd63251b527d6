/** A new account's first sign-in is told so, not that an administrator reset the password (issue 18, item 7). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import type { SessionUser } from '../../shared/contract/common';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

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

describe('why a new password is due', () => {
  it('says first sign-in for a new account, reset after an administrator reset, nothing once changed', async () => {
    const created = ok<SessionUser>(await host.router.dispatch('admin', 'users:create', { username: 'li.t', displayName: '李治疗', password: 'First!password1', roles: ['therapist'] }));
    const first = ok<SessionUser>(await host.router.dispatch('t', 'auth:login', { username: 'li.t', password: 'First!password1' }));
    expect(first).toMatchObject({ mustChangePassword: true, mustChangeReason: 'firstSignIn' });
    ok(await host.router.dispatch('t', 'auth:changePassword', { currentPassword: 'First!password1', newPassword: 'Own!password22' }));
    const after = ok<SessionUser>(await host.router.dispatch('t2', 'auth:login', { username: 'li.t', password: 'Own!password22' }));
    expect(after).toMatchObject({ mustChangePassword: false, mustChangeReason: null });
    ok(await host.router.dispatch('admin', 'users:resetPassword', asRead(host, 'users:resetPassword', { id: created.id, password: 'Reset!password3' })));
    const reset = ok<SessionUser>(await host.router.dispatch('t3', 'auth:login', { username: 'li.t', password: 'Reset!password3' }));
    expect(reset).toMatchObject({ mustChangePassword: true, mustChangeReason: 'reset' });
  });
});

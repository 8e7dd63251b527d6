/** Issue #7 item 1: the idle-lock time is set by an administrator, audited, applied at once and kept across restarts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import type { AppStatus } from '../../shared/contract/app';
import type { AuditRowView } from '../../shared/contract/audit';
import { tempDir } from '../helpers/temp-db';
import { asRead, ADMIN, PASSPHRASE, type TestClock, makeHost, ok, setupAndLogin, testClock } from './support/host';

let root: { dir: string; cleanup: () => void };
let host: AppHost;
let clock: TestClock;
const FIRST = 'First!password1';
const OWN = 'Own!password22';

beforeAll(async () => {
  root = tempDir();
  clock = testClock();
  host = makeHost(`${root.dir}/data`, { clock });
  await setupAndLogin(host, 'admin');
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('settings:idleLock', () => {
  it('reads 10 minutes by default', async () => {
    expect(ok(await host.router.dispatch('admin', 'settings:idleLock', {}))).toEqual({ minutes: 10, version: 0 });
    expect(ok<AppStatus>(await host.router.dispatch('admin', 'app:status', null)).idleLockMinutes).toBe(10);
  });

  it.each([0, 121, 2.5])('refuses %s minutes as invalid_input on the field minutes', async (minutes) => {
    const r = await host.router.dispatch('admin', 'settings:idleLock', asRead(host, 'settings:idleLock', { minutes }));
    expect(!r.ok && r.error.code).toBe('invalid_input');
    expect(!r.ok && r.error.field).toBe('minutes');
    expect(!r.ok && /[\u4e00-\u9fff]/.test(r.error.message)).toBe(true);
  });

  it('is for administrators only', async () => {
    ok(await host.router.dispatch('admin', 'users:create', { username: 'cw.one', displayName: '社工一', password: FIRST, roles: ['caseworker'] }));
    ok(await host.router.dispatch('cw', 'auth:login', { username: 'cw.one', password: FIRST }));
    ok(await host.router.dispatch('cw', 'auth:changePassword', { currentPassword: FIRST, newPassword: OWN }));
    for (const input of [{}, { minutes: 30 }]) {
      const r = await host.router.dispatch('cw', 'settings:idleLock', input);
      expect(!r.ok && r.error.code).toBe('forbidden');
    }
  });

  it('sets 3 minutes: saved, audited, applied to status and to idle sessions', async () => {
    expect(ok(await host.router.dispatch('admin', 'settings:idleLock', asRead(host, 'settings:idleLock', { minutes: 3 })))).toEqual({ minutes: 3, version: 1 });
    expect(ok(await host.router.dispatch('admin', 'settings:idleLock', {}))).toEqual({ minutes: 3, version: 1 });
    expect(ok<AppStatus>(await host.router.dispatch('admin', 'app:status', null)).idleLockMinutes).toBe(3);

    const audit = ok<{ rows: AuditRowView[] }>(await host.router.dispatch('admin', 'audit:query', { action: 'settings.idleLock' }));
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ action: 'settings.idleLock', username: ADMIN.username });

    // The caseworker's session has been idle since sign-in; 4 minutes later (> 3) it is locked.
    clock.advance(4 * 60_000);
    const r = await host.router.dispatch('cw', 'children:list', {});
    expect(!r.ok && r.error.code).toBe('session_locked');
  });

  it('a new host on the same data folder applies the saved 3 minutes after opening the database', async () => {
    // The administrator was idle for those 4 minutes as well: locked until the password is typed again.
    const locked = await host.router.dispatch('admin', 'settings:idleLock', {});
    expect(!locked.ok && locked.error.code).toBe('session_locked');
    ok(await host.router.dispatch('admin', 'auth:unlockScreen', { password: ADMIN.password }));
    expect(ok(await host.router.dispatch('admin', 'settings:idleLock', {}))).toEqual({ minutes: 3, version: 1 });
    host.close();
    host = makeHost(`${root.dir}/data`, { clock, passphrase: 'not the passphrase' });
    expect(ok<AppStatus>(await host.router.dispatch('x', 'app:status', null)).phase).toBe('unlock');
    ok(await host.router.dispatch('x', 'app:unlock', { method: 'passphrase', secret: PASSPHRASE }));
    ok(await host.router.dispatch('x', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
    expect(ok<AppStatus>(await host.router.dispatch('x', 'app:status', null)).idleLockMinutes).toBe(3);
    expect(ok(await host.router.dispatch('x', 'settings:idleLock', {}))).toEqual({ minutes: 3, version: 1 });
  });
});

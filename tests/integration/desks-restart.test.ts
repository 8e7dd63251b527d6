/**
 * Many desks (issue 19, items 2 and 3): what a restart of the data host keeps. A revoked desk is refused
 * inside the TLS handshake after the restart too (the revocation list is made again from the stored
 * revocations); sign-ins at the desks survive it (kept in `desk_sessions` by the hash of their key), with
 * their idle time and lock; a session signed out, expired, of a disabled account or of a revoked desk
 * does not come back, nor do those inside a restored backup. Loopback, ports 47110–47119.
 */
import { mkdirSync } from 'node:fs';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import type { WorkstationClient } from '../../electron/host/workstation/client';
import type { WorkstationIdentity } from '../../electron/host/workstation/identity';
import { makeIdNumber } from '../../shared/domain/id-number';
import { tempDir } from '../helpers/temp-db';
import { clientOf, enrollDesk } from './support/desks';
import { ADMIN, type TestClock, asRead, makeHost, ok, setupAndLogin, testClock } from './support/host';

const PORT = 47110;
let root: { dir: string; cleanup: () => void };
let host: AppHost;
let clock: TestClock;
const clients: WorkstationClient[] = [];

const dataDir = () => `${root.dir}/host`;
const sqlite = () => host.core.opened()!.sqlite;
const count = (sql: string, ...args: unknown[]) => (sqlite().prepare(sql).get(...args) as { n: number }).n;

async function until(what: string, done: () => boolean, ms = 8_000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function track(client: WorkstationClient): WorkstationClient {
  clients.push(client);
  return client;
}

/** The host process ends (its sockets closed, its memory gone) and starts again over the same folder; the listener comes back by itself. */
async function restartHost(): Promise<void> {
  await host.desks.shutdown();
  host.close();
  host = makeHost(dataDir(), { clock });
  await until('the listener back', () => host.desks.ports() !== null);
  ok(await host.router.dispatch('c1', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
}

async function signedInDesk(name: string, page: string, user: { username: string; password: string } = ADMIN): Promise<{ identity: WorkstationIdentity; client: WorkstationClient }> {
  // The host's own window signs in again (the test clock may have moved past its idle lock).
  ok(await host.router.dispatch('c1', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
  const identity = await enrollDesk(host, name);
  const client = track(clientOf(identity));
  ok(await client.invoke(page, 'auth:login', user));
  return { identity, client };
}

function rawRequest(identity: { caPem: string; certPem: string; keyPem: string }): Promise<string> {
  return new Promise((resolveTry) => {
    const req = request(
      { host: '127.0.0.1', port: PORT, method: 'POST', path: '/rpc/app:status', agent: false, ca: [identity.caPem], cert: identity.certPem, key: identity.keyPem, minVersion: 'TLSv1.3', headers: { 'x-tonghu-client': 'raw-probe-1' } },
      (res) => {
        res.resume();
        resolveTry(`answered ${res.statusCode}`);
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolveTry(`refused in the handshake (${e.code ?? e.message})`));
    req.end('null');
  });
}

const newChild = (name: string, serial: number) => ({ name, sex: 'female', birthDate: '2015-04-04', idNumber: makeIdNumber('310104', '2015-04-04', serial, 'female') });

beforeAll(async () => {
  root = tempDir('tonghu-desks-restart-');
  clock = testClock();
  host = makeHost(dataDir(), { clock });
  await setupAndLogin(host, 'c1');
  ok(await host.router.dispatch('c1', 'desks:listen', { address: '127.0.0.1', port: PORT }));
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await host?.desks.shutdown();
  host?.close();
  root?.cleanup();
});

describe('revocation across a restart', () => {
  it('refuses a revoked desk inside the handshake after the host restarts; another desk keeps working', async () => {
    const revoked = await signedInDesk('撤销后重启', 'page-rv-1');
    const kept = await signedInDesk('照常工作', 'page-rv-2');
    ok(await host.router.dispatch('c1', 'desks:revoke', { id: revoked.identity.workstationId }));
    await restartHost();
    expect(await rawRequest(revoked.identity)).toMatch(/^refused in the handshake/);
    const fresh = track(clientOf(revoked.identity));
    const answer = await fresh.invoke('page-rv-1', 'children:list', {});
    expect(!answer.ok && answer.error.code).toBe('workstation_revoked');
    // Its sessions did not come back with the restart.
    expect(host.sessions.get(`ws:${revoked.identity.workstationId}:page-rv-1`)).toBeNull();
    expect(count('SELECT count(*) AS n FROM desk_sessions WHERE workstation_id = ?', revoked.identity.workstationId)).toBe(0);
    // The other desk: still signed in, on the same page, without signing in again.
    ok(await kept.client.invoke('page-rv-2', 'children:list', {}));
    expect(await rawRequest(kept.identity)).toMatch(/^answered 200/);
  });
});

describe('sign-ins at the desks across a restart', () => {
  it('keeps a desk’s sign-in: after the restart the page carries on without signing in, and only a hash of its key is kept', async () => {
    const { identity, client } = await signedInDesk('重启不掉线', 'page-keep-1');
    ok(await client.invoke('page-keep-1', 'children:create', newChild('重启前', 20)));
    const rows = sqlite().prepare('SELECT * FROM desk_sessions WHERE workstation_id = ?').all(identity.workstationId) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('page-keep-1');
    await restartHost();
    const created = ok<{ id: number }>(await client.invoke('page-keep-1', 'children:create', newChild('重启后', 40)));
    expect(created.id).toBeGreaterThan(0);
    // Bound to the desk: the same page id from another desk is not signed in.
    const other = await enrollDesk(host, '借用页面编号');
    const borrowed = await track(clientOf(other)).invoke('page-keep-1', 'children:list', {});
    expect(!borrowed.ok && borrowed.error.code).toBe('unauthenticated');
  });

  it('keeps the idle time and the lock: idle past the lock time across a restart, the page is locked, not signed out', async () => {
    const { client } = await signedInDesk('锁屏跨重启', 'page-idle-1');
    const locked = await signedInDesk('手动锁屏', 'page-lock-1');
    ok(await locked.client.invoke('page-lock-1', 'auth:lock', null));
    await restartHost();
    const stillLocked = await locked.client.invoke('page-lock-1', 'children:list', {});
    expect(!stillLocked.ok && stillLocked.error.code).toBe('session_locked');
    clock.advance(11 * 60_000);
    const idle = await client.invoke('page-idle-1', 'children:list', {});
    expect(!idle.ok && idle.error.code).toBe('session_locked');
    ok(await client.invoke('page-idle-1', 'auth:unlockScreen', { password: ADMIN.password }));
    ok(await client.invoke('page-idle-1', 'children:list', {}));
  });

  it('does not bring back a session signed out, one of a disabled account, or one whose password an administrator reset', async () => {
    const out = await signedInDesk('已退出', 'page-out-1');
    ok(await out.client.invoke('page-out-1', 'auth:logout', null));
    const staff = { username: 'worker1', password: 'Temp!pass-1234' };
    const made = ok<{ id: number }>(await host.router.dispatch('c1', 'users:create', { username: staff.username, displayName: '社工甲', roles: ['caseworker'], password: staff.password }));
    const disabled = await signedInDesk('停用账户', 'page-dis-1', staff);
    const staff2 = { username: 'worker2', password: 'Temp!pass-5678' };
    const made2 = ok<{ id: number }>(await host.router.dispatch('c1', 'users:create', { username: staff2.username, displayName: '社工乙', roles: ['caseworker'], password: staff2.password }));
    const reset = await signedInDesk('重置密码', 'page-reset-1', staff2);
    ok(await host.router.dispatch('c1', 'users:setActive', asRead(host, 'users:setActive', { id: made.id, active: false })));
    ok(await host.router.dispatch('c1', 'users:resetPassword', asRead(host, 'users:resetPassword', { id: made2.id, password: 'Other!pass-9999' })));
    expect(count('SELECT count(*) AS n FROM desk_sessions WHERE user_id IN (?, ?)', made.id, made2.id)).toBe(0);
    await restartHost();
    for (const [desk, page] of [
      [out, 'page-out-1'],
      [disabled, 'page-dis-1'],
      [reset, 'page-reset-1'],
    ] as const) {
      const answer = await desk.client.invoke(page, 'app:status', null);
      expect(ok<{ user: unknown }>(answer).user, page).toBeNull();
      const write = await desk.client.invoke(page, 'children:create', newChild(`不应写入${page}`, 60));
      expect(!write.ok && write.error.code, page).toBe('unauthenticated');
    }
  });

  it('does not bring back the desk sessions a restored backup holds', async () => {
    const { client } = await signedInDesk('备份恢复', 'page-bk-1');
    mkdirSync(`${root.dir}/backups`, { recursive: true });
    ok(await host.router.dispatch('c1', 'backup:settings', asRead(host, 'backup:settings', { folder: `${root.dir}/backups`, dailyAt: null, keep: 30 })));
    const entry = ok<{ file: string }>(await host.router.dispatch('c1', 'backup:run', null));
    clock.advance(61_000);
    ok(await host.router.dispatch('c1', 'backup:restore', { file: entry.file, confirm: true }));
    expect(count('SELECT count(*) AS n FROM desk_sessions')).toBe(0);
    const now = await client.invoke('page-bk-1', 'children:list', {});
    expect(!now.ok && now.error.code).toBe('unauthenticated');
    await restartHost();
    const after = await client.invoke('page-bk-1', 'children:list', {});
    expect(!after.ok && after.error.code).toBe('unauthenticated');
  });

  it('does not bring back a session past its expiry (12 hours without activity)', async () => {
    const { client } = await signedInDesk('过期', 'page-exp-1');
    clock.advance(13 * 60 * 60_000);
    await restartHost();
    const answer = await client.invoke('page-exp-1', 'children:list', {});
    expect(!answer.ok && answer.error.code).toBe('unauthenticated');
    expect(count('SELECT count(*) AS n FROM desk_sessions WHERE expires_at <= ?', clock.now().toISOString())).toBe(0);
  });
});

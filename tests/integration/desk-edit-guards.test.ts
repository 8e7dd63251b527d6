/**
 * The version check at a workstation (issue 19.4): an edit sent by an enrolled desk over mutual TLS goes
 * through the same guard as one from the host's own window — without a version it is refused on
 * `expectedVersion`, read before a change made at the host it is refused with `conflict` naming who, at
 * the current version it lands. Loopback, ports 42040–42041.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import type { WorkstationClient } from '../../electron/host/workstation/client';
import type { ChildRecord } from '../../shared/contract/record';
import { versionIn } from '../../shared/contract/versions';
import { tempDir } from '../helpers/temp-db';
import { clientOf, enrollDesk } from './support/desks';
import { ADMIN, makeHost, ok, setupAndLogin } from './support/host';

const PORT = 42040;
let root: { dir: string; cleanup: () => void };
let host: AppHost;
let desk: WorkstationClient;

beforeAll(async () => {
  root = tempDir('tonghu-desk-guards-');
  host = makeHost(`${root.dir}/host`);
  await setupAndLogin(host, 'c1');
  ok(await host.router.dispatch('c1', 'desks:listen', { address: '127.0.0.1', port: PORT }));
  desk = clientOf(await enrollDesk(host, '前台'));
  ok(await desk.invoke('front-page-0001', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
}, 60_000);

afterAll(async () => {
  desk?.close();
  await host?.desks.shutdown();
  host?.close();
  root?.cleanup();
});

describe('edits from a workstation', () => {
  it('are refused without a version, refused when stale, and land at the current version', async () => {
    const { id: childId } = ok<{ id: number }>(await desk.invoke('front-page-0001', 'children:create', { name: '陈思远', sex: 'female', birthDate: '2012-03-10', idNumber: null }));
    const read = ok<ChildRecord>(await desk.invoke('front-page-0001', 'record:get', { childId }));
    const version = versionIn(read.versions, 'child', childId);

    const missing = await desk.invoke('front-page-0001', 'record:updateProfile', { childId, notes: '前台的备注' });
    expect(missing.ok ? null : missing.error).toMatchObject({ code: 'invalid_input', field: 'expectedVersion' });

    // Meanwhile the host's own window (the administrator) changes the particulars.
    ok(await host.router.dispatch('c1', 'record:updateProfile', { childId, ethnicity: '汉族', expectedVersion: version }));
    const stale = await desk.invoke('front-page-0001', 'record:updateProfile', { childId, notes: '前台的备注', expectedVersion: version });
    expect(stale.ok ? null : stale.error.code).toBe('conflict');
    expect(stale.ok ? '' : stale.error.message).toContain('管理员');
    expect(ok<ChildRecord>(await desk.invoke('front-page-0001', 'record:get', { childId })).child.notes).toBeNull();

    const again = ok<ChildRecord>(await desk.invoke('front-page-0001', 'record:get', { childId }));
    ok(await desk.invoke('front-page-0001', 'record:updateProfile', { childId, notes: '前台的备注', expectedVersion: versionIn(again.versions, 'child', childId) }));
    expect(ok<ChildRecord>(await desk.invoke('front-page-0001', 'record:get', { childId })).child).toMatchObject({ ethnicity: '汉族', notes: '前台的备注' });
  });
});

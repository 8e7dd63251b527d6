/**
 * Many desks (issue 19, item 3): the data host killed with -9 after it applied a write and before
 * its answer reached the desk. The desk keeps sending the same request (same id) until the host is
 * back, and is answered from what the host kept with the write: one child, the same answer, nothing lost.
 * Loopback, ports 41630–41639.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { WorkstationClient } from '../../electron/host/workstation/client';
import { makeIdNumber } from '../../shared/domain/id-number';
import { tempDir } from '../helpers/temp-db';
import { clientOf, enrollDesk, relay } from './support/desks';
import { ADMIN, PASSPHRASE, makeHost, ok, setupAndLogin } from './support/host';

const PORT = 41630;
const root = resolve(import.meta.dirname, '..', '..');
const folder = tempDir('tonghu-desks-kill-');
const dataDir = join(folder.dir, 'host');
const children: ChildProcess[] = [];

function startChildHost(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests/integration/support/desk-host-child.ts'), dataDir], {
    cwd: root,
    env: { ...process.env, TONGHU_TEST_PASSPHRASE: PASSPHRASE, TONGHU_LOG: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolveStart, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('ready')) resolveStart(child);
    });
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`host exited (${code}):\n${output}`)));
  });
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  folder.cleanup();
});

it('answers the write once after the host was killed with -9 between the write and the answer; the sign-in outlives the kill, so a write retried after it is applied once', async () => {
  // Set up in this process: the data host on, one desk enrolled; then the host moves to a child process.
  const setup = makeHost(dataDir);
  await setupAndLogin(setup, 'c1');
  ok(await setup.router.dispatch('c1', 'desks:listen', { address: '127.0.0.1', port: PORT }));
  const identity = await enrollDesk(setup, '治疗室');
  await setup.desks.shutdown();
  setup.close();

  let host = await startChildHost();
  const link = await relay(PORT, 41635);
  let client: WorkstationClient | null = null;
  try {
    client = clientOf(identity, { hostUrl: `https://127.0.0.1:${link.port}`, retryForMs: 60_000 });
    ok(await client.invoke('page-kill-1', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
    let restarted: Promise<ChildProcess> | null = null;
    link.dropNextAnswer(() => {
      host.kill('SIGKILL');
      restarted = new Promise((r) => host.once('exit', () => r(startChildHost())));
    });
    const name = '主机崩溃前写入';
    const answer = await client.invoke('page-kill-1', 'children:create', { name, sex: 'male', birthDate: '2013-10-10', idNumber: makeIdNumber('310104', '2013-10-10', 61, 'male') });
    expect(link.dropped()).toBe(true);
    host = await restarted!;
    const created = ok<{ id: number }>(answer);

    // Issue 19.2: the sign-in outlived the kill. Killed again before a write reached it, the host comes
    // back and the desk's retry (same request id) is admitted by the same session and applied once.
    ok(await client.invoke('page-kill-1', 'children:list', {}));
    let restartedAgain: Promise<ChildProcess> | null = null;
    link.dropNextRequest(() => {
      host.kill('SIGKILL');
      restartedAgain = new Promise((r) => host.once('exit', () => r(startChildHost())));
    });
    const second = '主机崩溃后重试写入';
    const retried = await client.invoke('page-kill-1', 'children:create', { name: second, sex: 'female', birthDate: '2012-02-02', idNumber: makeIdNumber('310104', '2012-02-02', 82, 'female') });
    host = await restartedAgain!;
    const createdAfter = ok<{ id: number }>(retried);
    host.kill('SIGTERM');
    await new Promise((r) => host.once('exit', r));

    const check = makeHost(dataDir);
    try {
      const sqlite = check.core.opened()!.sqlite;
      const rows = sqlite.prepare('SELECT id FROM children WHERE name = ?').all(name) as { id: number }[];
      expect(rows).toEqual([{ id: created.id }]);
      const kept = sqlite.prepare("SELECT count(*) AS n FROM request_answers WHERE channel = 'children:create'").get() as { n: number };
      expect(kept.n).toBe(2);
      expect(sqlite.prepare('SELECT id FROM children WHERE name = ?').all(second)).toEqual([{ id: createdAfter.id }]);
    } finally {
      await check.desks.shutdown();
      check.close();
    }
  } finally {
    client?.close();
    await link.close();
  }
}, 90_000);

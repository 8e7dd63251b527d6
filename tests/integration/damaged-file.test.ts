/**
 * Issue 15 item 5: a database with one byte flipped inside page 3 is never served for writing. After
 * an unclean stop, or when the file changed since the clean shutdown, the start runs quick_check and
 * cipher_integrity_check; the daily full check does the same for a file damaged while open. On damage:
 * read-only, the problem in the status (every page shows it), writes refused with `read_only`, and the
 * file's bytes stay as they were. Real encrypted files in a temp folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import type { AppStatus } from '../../shared/contract/app';
import { tempDir } from '../helpers/temp-db';
import { asRead, ADMIN, makeHost, ok, setupAndLogin, sha256File, testClock } from './support/host';

const PAGE = 4096;

let t: { dir: string; cleanup: () => void };
let dataDir: string;
let dbFile: string;
const hosts: AppHost[] = [];

function start(): AppHost {
  const h = makeHost(dataDir, { clock: testClock() });
  hosts.push(h);
  return h;
}

function flipInPage3(): void {
  const bytes = readFileSync(dbFile);
  expect(bytes.length).toBeGreaterThan(PAGE * 4);
  bytes[PAGE * 2 + 100]! ^= 0x01;
  writeFileSync(dbFile, bytes);
}

async function addChildren(h: AppHost, n: number) {
  for (let i = 0; i < n; i += 1) {
    ok(await h.router.dispatch('c1', 'children:create', { name: `王小红${i}`, sex: 'female', birthDate: '2015-03-04', idNumber: null }));
  }
}

beforeEach(() => {
  t = tempDir('tonghu-damage-');
  dataDir = join(t.dir, 'data');
  dbFile = join(dataDir, 'tonghu.db');
});

afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
  t.cleanup();
});

describe('a byte flipped inside page 3 of the encrypted file', () => {
  it('opens read-only with the problem in the status; reads work, every write is refused (read_only); the bytes are unchanged', async () => {
    const first = start();
    await setupAndLogin(first);
    await addChildren(first, 30);
    first.close();
    flipInPage3();
    const damagedHash = sha256File(dbFile);
    const keystoreBefore = readFileSync(join(dataDir, 'keystore.json'), 'utf8');

    const h = start();
    const status = ok<AppStatus>(await h.router.dispatch('c1', 'app:status', null));
    expect(status.phase).toBe('ready');
    expect(status.damage?.message).toMatch(/损坏.*只读.*备份/);
    // Plain Chinese for staff: the integrity check's raw (English) output is not part of the message.
    expect(status.damage?.message).not.toMatch(/[A-Za-z*]/);
    expect(status.damage?.problems.length).toBeGreaterThan(0);
    ok(await h.router.dispatch('c1', 'auth:login', ADMIN));
    const damagedStatus = ok<AppStatus>(await h.router.dispatch('c1', 'app:status', null));
    expect(damagedStatus.damage).not.toBeNull();

    // Reads of undamaged pages still work (the records can be looked up until the restore).
    expect(ok<{ total: number }>(await h.router.dispatch('c1', 'children:list', {})).total).toBe(30);
    const write = await h.router.dispatch('c1', 'children:create', { name: '李小明', sex: 'male', birthDate: '2016-05-06', idNumber: null });
    expect(write.ok === false && write.error.code).toBe('read_only');
    expect(write.ok === false && write.error.message).toMatch(/只读/);
    const settings = await h.router.dispatch('c1', 'backup:settings', asRead(h, 'backup:settings', { folder: join(t.dir, 'usb'), dailyAt: null, keep: 30 }));
    expect(settings.ok === false && settings.error.code).toBe('read_only');
    h.close();

    expect(sha256File(dbFile)).toBe(damagedHash);
    expect(readFileSync(join(dataDir, 'keystore.json'), 'utf8')).toBe(keystoreBefore);
    // Still damaged at the next start: never treated as a clean shutdown.
    const again = start();
    expect(again.core.damage()).not.toBeNull();
  });

  it('a clean start of an untouched file skips the check and opens for writing', async () => {
    const first = start();
    await setupAndLogin(first);
    first.close();
    const h = start();
    expect(h.core.damage()).toBeNull();
    ok(await h.router.dispatch('c1', 'auth:login', ADMIN));
    ok(await h.router.dispatch('c1', 'children:create', { name: '李小明', sex: 'male', birthDate: '2016-05-06', idNumber: null }));
  });

  it('the daily full check finds damage made while the app runs, and from then on refuses writes', async () => {
    const h = start();
    await setupAndLogin(h);
    await addChildren(h, 30);
    expect((await h.core.runFullCheck()).ok).toBe(true);
    h.core.context(null).sqlite.pragma('wal_checkpoint(TRUNCATE)');
    flipInPage3();
    const damagedHash = sha256File(dbFile);
    const result = await h.core.runFullCheck();
    expect(result.ok).toBe(false);
    expect(h.core.damage()).not.toBeNull();
    expect(h.core.damage()?.message).toMatch(/损坏.*只读.*备份/);
    expect(h.core.damage()?.message).not.toMatch(/[A-Za-z*]/);
    const write = await h.router.dispatch('c1', 'children:create', { name: '李小明', sex: 'male', birthDate: '2016-05-06', idNumber: null });
    expect(write.ok === false && write.error.code).toBe('read_only');
    h.close();
    expect(sha256File(dbFile)).toBe(damagedHash);
  });
});

/**
 * Issue 19.5, the backup and the integrity check off the request thread: VACUUM INTO, the copy's check
 * and its checksum run in a worker on its own read-only connection, so the thread that answers every
 * desk keeps answering. The copy is encrypted exactly as the writer's own VACUUM INTO made it. One
 * backup at a time (a second request joins the first). A worker that dies or throws mid-backup, or a
 * backup folder that is gone, leaves no half-written file, a typed error in Chinese, the database as it
 * was, and the next backup works. A key change waits for a backup under way; a restore checks its copy
 * in a worker too.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyKey } from '../../db/open';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { loadDemoData } from '../../electron/demo/demo';
import type { AppHost } from '../../electron/host/app-host';
import { restoreBackup, runBackup } from '../../electron/services/backup/backup';
import { type WorkerPool, createWorkerPool } from '../../electron/services/core/worker-pool';
import type { BackupEntry, BackupSettings } from '../../shared/contract/backup';
import { AppError } from '../../shared/contract/errors';
import { tempDir } from '../helpers/temp-db';
import { ADMIN, type TestClock, asRead, makeHost, ok, setupAndLogin, testClock } from './support/host';

/** Enough children that a backup takes a while (the copy and its check), few enough for a test. */
const CHILDREN = 1500;

let t: { dir: string; cleanup: () => void };
let host: AppHost;
let folder: string;
let clock: TestClock;

beforeAll(async () => {
  t = tempDir('tonghu-bgwork-');
  clock = testClock('2026-11-29T09:00:00+08:00');
  host = makeHost(join(t.dir, 'data'), { clock });
  await setupAndLogin(host);
  loadDemoData(host.core.context(null), { children: CHILDREN });
  mkdirSync(join(t.dir, 'usb'));
  folder = join(t.dir, 'usb', '童护备份');
  ok<BackupSettings>(await host.router.dispatch('c1', 'backup:settings', asRead(host, 'backup:settings', { folder, dailyAt: null, keep: 30 })));
}, 300_000);

afterAll(() => {
  host?.close();
  t?.cleanup();
});

/** Later backups get later names (names carry the second they were made). */
function nextSecond(): void {
  clock.advance(1000);
}

function count(sql: string): number {
  return (host.core.context(null).sqlite.prepare(sql).get() as { n: number }).n;
}

/** What a failed backup must leave as it was: the audit trail, the settings, the backup folder's files. */
function snapshot() {
  return {
    audit: count('SELECT count(*) AS n FROM audit_log'),
    created: count(`SELECT count(*) AS n FROM audit_log WHERE action = 'backup.created'`),
    settings: JSON.stringify(host.core.context(null).sqlite.prepare(`SELECT * FROM settings ORDER BY 1`).all()),
  };
}

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/**
 * Runs `work` and counts the turns the request thread's event loop takes until it settles; a request
 * is sent part way, to show it is answered before the work ends.
 */
async function whileItRuns<T>(work: () => Promise<T>): Promise<{ value: T; ticks: number; answeredBefore: boolean }> {
  let settled = false;
  const pending = work().finally(() => {
    settled = true;
  });
  let ticks = 0;
  let answeredBefore = false;
  let asked = false;
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    ticks += 1;
    if (!asked && ticks === 5) {
      asked = true;
      void host.router.dispatch('c1', 'children:list', {}).then((r) => {
        if (r.ok && !settled) answeredBefore = true;
      });
    }
  }
  return { value: await pending, ticks, answeredBefore };
}

/** The cipher settings a connection reports for a file opened with the key. */
function cipherFacts(file: string, key: Buffer) {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    applyKey(sqlite, key);
    const pragma = (name: string) => sqlite.pragma(name, { simple: true });
    return {
      cipher: pragma('cipher'),
      legacy: pragma('legacy'),
      kdfIter: pragma('kdf_iter'),
      hmacAlgorithm: pragma('hmac_algorithm'),
      kdfAlgorithm: pragma('kdf_algorithm'),
      pageSize: pragma('page_size'),
      plaintextHeader: pragma('plaintext_header_size'),
      cipherIntegrity: sqlite.pragma('cipher_integrity_check'),
      children: (sqlite.prepare('SELECT count(*) AS n FROM children').get() as { n: number }).n,
      tables: (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name),
    };
  } finally {
    sqlite.close();
  }
}

describe('the backup runs in a worker', () => {
  it('the request thread keeps turning and answering while the backup is made and checked', async () => {
    nextSecond();
    const run = await whileItRuns(() => runBackup(host.core, null, 'manual'));
    expect(run.value.verified).toBe(true);
    // Run on this thread, the whole backup is one turn of the event loop: no tick, no answer meanwhile.
    expect(run.ticks).toBeGreaterThan(20);
    expect(run.answeredBefore).toBe(true);
  });

  it('the copy is encrypted with the live key and the same cipher settings as the writer’s own VACUUM INTO', async () => {
    nextSecond();
    const entry = ok<BackupEntry>(await host.router.dispatch('c1', 'backup:run', null));
    const made = join(folder, entry.file);
    const { key } = host.core.keyMaterial();
    // The in-thread way, for comparison: VACUUM INTO from the writer connection.
    const reference = join(t.dir, 'reference.db');
    host.core.context(null).sqlite.prepare('VACUUM INTO ?').run(reference);
    const bytes = readFileSync(made);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const someone = host.core.context(null).sqlite.prepare('SELECT name FROM children ORDER BY id LIMIT 1').get() as { name: string };
    expect(bytes.includes(Buffer.from(someone.name, 'utf8'))).toBe(false);
    const plain = new Database(made, { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    plain.close();
    const facts = cipherFacts(made, key);
    expect(facts.children).toBe(CHILDREN);
    expect(facts.cipherIntegrity).toEqual([]);
    expect(facts).toEqual(cipherFacts(reference, key));
    expect(bytes.length).toBe(readFileSync(reference).length);
    rmSync(reference);
  });

  it('the full integrity check runs in a worker too, with the request thread turning meanwhile', async () => {
    const run = await whileItRuns(() => host.core.runFullCheck());
    expect(run.value).toEqual({ ok: true, problems: [] });
    expect(run.ticks).toBeGreaterThan(5);
    expect(host.core.damage()).toBeNull();
  });
});

describe('one backup at a time', () => {
  it('a click while the daily backup runs joins it: one file, one audit line, the same answer to both', async () => {
    // The next day, after the daily time: the daily backup is due.
    clock.advance(24 * 60 * 60 * 1000);
    // A day later the screen has locked itself (the idle lock): the administrator unlocks it.
    ok(await host.router.dispatch('c1', 'auth:unlockScreen', { password: ADMIN.password }));
    ok<BackupSettings>(await host.router.dispatch('c1', 'backup:settings', asRead(host, 'backup:settings', { folder, dailyAt: '00:00', keep: 30 })));
    const before = filesIn(folder).filter((n) => n.endsWith('.db'));
    const created = snapshot().created;
    try {
      const daily = host.runDueBackups(clock.now());
      const click = host.router.dispatch('c1', 'backup:run', null);
      const [dailyEntry, clicked] = await Promise.all([daily, click]);
      expect(dailyEntry?.verified).toBe(true);
      expect(ok<BackupEntry>(clicked)).toEqual(dailyEntry);
      expect(filesIn(folder).filter((n) => n.endsWith('.db'))).toEqual([...before, dailyEntry?.file].sort());
      expect(snapshot().created).toBe(created + 1);
      const line = host.core.context(null).sqlite.prepare(`SELECT detail FROM audit_log WHERE action = 'backup.created' ORDER BY id DESC LIMIT 1`).get() as { detail: string };
      expect(JSON.parse(line.detail)).toMatchObject({ file: dailyEntry?.file, reason: 'scheduled' });
      // Once it has ended, the next click makes a backup of its own.
      nextSecond();
      const later = ok<BackupEntry>(await host.router.dispatch('c1', 'backup:run', null));
      expect(later.file).not.toBe(dailyEntry?.file);
      expect(snapshot().created).toBe(created + 2);
    } finally {
      ok<BackupSettings>(await host.router.dispatch('c1', 'backup:settings', asRead(host, 'backup:settings', { folder, dailyAt: null, keep: 30 })));
    }
  });
});

describe('a backup that fails leaves nothing behind', () => {
  async function expectCleanFailure(run: Promise<unknown>, before: ReturnType<typeof snapshot>, files: string[], message: RegExp, code = 'internal') {
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).message).toMatch(message);
    expect((error as AppError).message).toMatch(/[\u4e00-\u9fff]/);
    expect(filesIn(folder).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(filesIn(folder)).toEqual(files);
    expect(snapshot()).toEqual(before);
  }

  /** Waits until the worker has begun writing the copy; fails if the backup ended first. */
  async function untilPartialAppears(run: Promise<unknown>): Promise<void> {
    let ended = false;
    void run.then(
      () => (ended = true),
      () => (ended = true),
    );
    while (!filesIn(folder).some((n) => n.endsWith('.partial'))) {
      if (ended) throw new Error('the backup ended before its copy was seen');
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async function nextBackupWorks(): Promise<void> {
    nextSecond();
    const entry = ok<BackupEntry>(await host.router.dispatch('c1', 'backup:run', null));
    expect(entry.verified).toBe(true);
    expect(existsSync(join(folder, entry.file))).toBe(true);
  }

  it('a worker that dies mid-copy: the half-written file is removed, a typed error in Chinese, the next backup works', async () => {
    nextSecond();
    const before = snapshot();
    const files = filesIn(folder);
    const core = host.core as { workers: WorkerPool };
    const own = core.workers;
    // A pool of real workers that this test can end: its worker stands for one that dies mid-backup.
    const doomed = createWorkerPool({ database: () => ({ file: host.core.dbFile, key: host.core.keyMaterial().key }), clock });
    core.workers = doomed;
    try {
      const run = host.router.dispatch('c1', 'backup:run', null).then((r) => {
        if (r.ok) return r.value;
        throw new AppError(r.error.code, r.error.message);
      });
      await untilPartialAppears(run);
      await doomed.close();
      await expectCleanFailure(run, before, files, /备份未能完成.*未留下不完整的文件/);
    } finally {
      core.workers = own;
    }
    await nextBackupWorks();
  });

  it('the folder removed while the copy is written (a USB disk pulled out): nothing left, a typed error, the next backup works', async () => {
    nextSecond();
    const before = snapshot();
    const run = runBackup(host.core, null, 'manual');
    await untilPartialAppears(run);
    rmSync(folder, { recursive: true, force: true, maxRetries: 20, retryDelay: 5 });
    await expectCleanFailure(run, before, [], /备份未能(完成|写入).*未留下不完整的文件/);
    expect(existsSync(folder)).toBe(false);
    await nextBackupWorks();
  });

  it('a backup folder that is gone or is not a folder: a typed error naming the folder, in Chinese; nothing changes', async () => {
    nextSecond();
    const usb = join(t.dir, 'usb');
    const moved = join(t.dir, 'usb-unplugged');
    const before = snapshot();
    rmSync(moved, { recursive: true, force: true });
    // The disk is unplugged: its folder and the one above are gone.
    mkdirSync(moved);
    for (const name of filesIn(usb)) rmSync(join(usb, name), { recursive: true, force: true });
    rmSync(usb, { recursive: true, force: true });
    const unplugged = await host.router.dispatch('c1', 'backup:run', null);
    expect(unplugged.ok === false && unplugged.error).toMatchObject({ code: 'invalid_input', field: 'folder' });
    expect(unplugged.ok === false && unplugged.error.message).toMatch(/U盘是否已插好/);
    expect(existsSync(usb)).toBe(false);
    // A file where the folder should be.
    mkdirSync(usb);
    writeFileSync(folder, 'not a folder');
    const notAFolder = await host.router.dispatch('c1', 'backup:run', null);
    expect(notAFolder.ok === false && notAFolder.error).toMatchObject({ code: 'invalid_input', field: 'folder' });
    expect(notAFolder.ok === false && notAFolder.error.message).toMatch(/不是文件夹/);
    expect(readFileSync(folder, 'utf8')).toBe('not a folder');
    expect(snapshot()).toEqual(before);
    rmSync(folder);
    rmSync(moved, { recursive: true, force: true });
    await nextBackupWorks();
  });

  it('a copy left by a backup that never finished (the program ended mid-copy) is removed by the next backup', async () => {
    nextSecond();
    const leftover = join(folder, '.tonghu-20261129-090000.db.partial');
    writeFileSync(leftover, 'half a copy');
    await nextBackupWorks();
    expect(existsSync(leftover)).toBe(false);
  });
});

describe('a key change while a backup runs', () => {
  it('waits for the backup (made under the old key), then makes its own under the new key', async () => {
    nextSecond();
    const oldRecoveryId = host.core.recoveryEnvelope().recoveryId;
    const oldKey = Buffer.from(host.core.keyMaterial().key);
    const backup = runBackup(host.core, null, 'manual');
    while (host.core.workers.load().running === 0) await new Promise((resolve) => setImmediate(resolve));
    const change = host.router.dispatch('c1', 'key:change', { password: ADMIN.password, confirm: true });
    const [made, changed] = await Promise.all([backup, change]);
    expect(made).toMatchObject({ verified: true, problems: [], recoveryId: oldRecoveryId });
    const result = ok<{ backup: BackupEntry | null; backupError: string | null }>(changed);
    expect(result.backupError).toBeNull();
    expect(result.backup).toMatchObject({ verified: true, problems: [] });
    expect(result.backup?.file).not.toBe(made.file);
    expect(result.backup?.recoveryId).not.toBe(oldRecoveryId);
    // Each copy opens under the key it was made with.
    expect(cipherFacts(join(folder, made.file), oldKey).children).toBe(CHILDREN);
    expect(cipherFacts(join(folder, result.backup!.file), host.core.keyMaterial().key).children).toBe(CHILDREN);
  });
});

describe('the audit chain walk', () => {
  it('audit:verify and audit:checkpoint walk the chain in a worker, with the same answer as the walk here', async () => {
    const core = host.core as { workers: WorkerPool };
    const own = core.workers;
    const tasks: string[] = [];
    core.workers = { ...own, run: (task, input, actor, options) => (tasks.push(task), own.run(task, input, actor, options)) };
    try {
      const rows = count('SELECT count(*) AS n FROM audit_log');
      const here = verifyAuditChain(host.core.context(null).sqlite);
      expect(here).toEqual({ ok: true, rows });
      const verified = ok<{ ok: boolean; checked: number }>(await host.router.dispatch('c1', 'audit:verify', {}));
      expect(verified).toMatchObject({ ok: true, checked: rows });
      const checkpoint = ok<{ verified: boolean }>(await host.router.dispatch('c1', 'audit:checkpoint', null));
      expect(checkpoint.verified).toBe(true);
      expect(tasks).toEqual(['audit.chain', 'audit.chain']);
    } finally {
      core.workers = own;
    }
  });
});

describe('a restore', () => {
  it('checks its copy in a worker: the request thread turns and answers until the swap; then the data is the backup’s', async () => {
    nextSecond();
    const entry = await runBackup(host.core, null, 'manual');
    const restored = await whileItRuns(() => restoreBackup(host.core, null, entry.file));
    expect(restored.ticks).toBeGreaterThan(5);
    expect(restored.answeredBefore).toBe(true);
    expect(existsSync(restored.value.replacedDir)).toBe(true);
    expect(count('SELECT count(*) AS n FROM children')).toBe(CHILDREN);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE action = 'backup.restored'`)).toBe(1);
  });
});

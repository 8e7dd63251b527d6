/**
 * Issue 7, backups: VACUUM INTO an encrypted, verified, timestamped file with a sidecar; keep the last
 * N; the daily schedule; restore keeps the current database aside, refuses a damaged backup without
 * moving anything, and ends every session.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../../db/migrate';
import { openDatabase, verifyDatabase } from '../../db/open';
import type { AppHost } from '../../electron/host/app-host';
import { createKeyStore, passphraseSealer } from '../../electron/services/keys/key-store';
import type { BackupEntry, BackupSettings } from '../../shared/contract/backup';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp-db';
import { asRead, ADMIN, PASSPHRASE, type TestClock, makeHost, ok, setupAndLogin, snapshotFolder, testClock } from './support/host';

const CHILD_BEFORE = '王小红';
const CHILD_AFTER = '张晓东';
const migrations = readMigrations(MIGRATIONS_DIR);

let t: { dir: string; cleanup: () => void };
let dataDir: string;
let folder: string;
let clock: TestClock;
let host: AppHost;

async function addChild(name: string) {
  ok(await host.router.dispatch('c1', 'children:create', { name, sex: 'female', birthDate: '2015-03-04', idNumber: null }));
}

async function childCount(connection = 'c1'): Promise<number> {
  return ok<{ total: number }>(await host.router.dispatch(connection, 'children:list', {})).total;
}

async function configure(settings: Partial<BackupSettings> = {}) {
  return ok<BackupSettings>(await host.router.dispatch('c1', 'backup:settings', asRead(host, 'backup:settings', { folder, dailyAt: null, keep: 30, ...settings })));
}

beforeEach(async () => {
  t = tempDir();
  dataDir = join(t.dir, 'data');
  mkdirSync(join(t.dir, 'usb'));
  folder = join(t.dir, 'usb', '童护备份');
  clock = testClock('2026-11-29T09:00:00+08:00');
  host = makeHost(dataDir, { clock });
  await setupAndLogin(host);
  await addChild(CHILD_BEFORE);
});

afterEach(() => {
  host.close();
  t.cleanup();
});

describe('backup settings', () => {
  it('creates the folder (0700) and stores the settings; field-named errors in Chinese', async () => {
    const saved = await configure({ dailyAt: '02:30' });
    expect(saved).toEqual({ folder, dailyAt: '02:30', keep: 30, version: 1 });
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(ok(await host.router.dispatch('c1', 'backup:settings', null))).toEqual(saved);

    const unplugged = await host.router.dispatch('c1', 'backup:settings', asRead(host, 'backup:settings', { folder: join(t.dir, 'not-mounted', 'b'), dailyAt: null, keep: 30 }));
    expect(unplugged.ok === false && unplugged.error.field).toBe('folder');
    expect(existsSync(join(t.dir, 'not-mounted'))).toBe(false);
    const relative = await host.router.dispatch('c1', 'backup:settings', asRead(host, 'backup:settings', { folder: 'relative/path', dailyAt: null, keep: 30 }));
    expect(relative.ok === false && relative.error.field).toBe('folder');
    const aFile = join(t.dir, 'a-file');
    writeFileSync(aFile, 'x');
    const notDir = await host.router.dispatch('c1', 'backup:settings', asRead(host, 'backup:settings', { folder: aFile, dailyAt: null, keep: 30 }));
    expect(notDir.ok === false && notDir.error.field).toBe('folder');
    expect(notDir.ok === false && /[\u4e00-\u9fa5]/.test(notDir.error.message)).toBe(true);
    const inside = await host.router.dispatch('c1', 'backup:settings', asRead(host, 'backup:settings', { folder: join(dataDir, 'b'), dailyAt: null, keep: 30 }));
    expect(inside.ok === false && inside.error.field).toBe('folder');
    const badTime = await host.router.dispatch('c1', 'backup:settings', asRead(host, 'backup:settings', { folder, dailyAt: '25:00', keep: 30 }));
    expect(badTime.ok === false && badTime.error.field).toBe('dailyAt');
  });

  it('backup without a folder is refused naming the folder', async () => {
    const r = await host.router.dispatch('c1', 'backup:run', null);
    expect(r.ok === false && r.error.field).toBe('folder');
  });

  it('a caseworker-only person may not use the backup channels', async () => {
    ok(
      await host.router.dispatch('c1', 'users:create', {
        username: 'worker',
        displayName: '社工',
        password: 'W0rker!password',
        roles: ['caseworker'],
      }),
    );
    ok(await host.router.dispatch('c2', 'auth:login', { username: 'worker', password: 'W0rker!password' }));
    ok(await host.router.dispatch('c2', 'auth:changePassword', { currentPassword: 'W0rker!password', newPassword: 'W0rker!password-2' }));
    const r = await host.router.dispatch('c2', 'backup:list', null);
    expect(r.ok === false && r.error.code).toBe('forbidden');
  });
});

describe('backup:run', () => {
  it('writes an encrypted, verified file (0600) with a sidecar; listed; audited', async () => {
    await configure();
    const entry = ok<BackupEntry>(await host.router.dispatch('c1', 'backup:run', null));
    expect(entry.verified).toBe(true);
    expect(entry.file).toMatch(/^tonghu-\d{8}-\d{6}\.db$/);
    const file = join(folder, entry.file);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(bytes.includes(Buffer.from(CHILD_BEFORE, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from('上海市儿童福利院', 'utf8'))).toBe(false);

    const sidecar = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { size: number; sha256: string; verified: boolean; createdAt: string };
    expect(sidecar.verified).toBe(true);
    expect(sidecar.size).toBe(bytes.length);
    expect(sidecar.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(`${file}.json`).mode & 0o777).toBe(0o600);

    // The copy opens with the live key and holds the child.
    const { key, keyCheck } = createKeyStore(join(dataDir, 'keystore.json')).unlock(passphraseSealer(PASSPHRASE));
    const copy = openDatabase({ file, key, keyCheck, migrations });
    expect(verifyDatabase(copy.sqlite)).toEqual({ ok: true });
    expect(copy.sqlite.prepare('SELECT count(*) AS n FROM children WHERE name = ?').get(CHILD_BEFORE)).toEqual({ n: 1 });
    copy.close();

    const list = ok<{ folder: string; entries: BackupEntry[] }>(await host.router.dispatch('c1', 'backup:list', null));
    expect(list.entries.map((e) => e.file)).toEqual([entry.file]);
    expect(list.entries[0]).toMatchObject({ size: bytes.length, verified: true });
    const audit = host.core.context(null).sqlite.prepare(`SELECT detail FROM audit_log WHERE action = 'backup.created'`).all();
    expect(audit).toHaveLength(1);
  });

  it('keeps the newest `keep` backups (30 by default) and removes the older ones with their records', async () => {
    await configure();
    const made: string[] = [];
    for (let i = 0; i < 32; i += 1) {
      made.push(ok<BackupEntry>(await host.router.dispatch('c1', 'backup:run', null)).file);
      clock.advance(61_000);
    }
    const left = readdirSync(folder).filter((n) => n.endsWith('.db')).sort();
    expect(left).toHaveLength(30);
    expect(left).toEqual(made.slice(2).sort());
    expect(readdirSync(folder).filter((n) => n.endsWith('.db.json'))).toHaveLength(30);
    // 32 backups, each made in a worker thread of its own (under vitest each worker loads the TypeScript source).
  }, 240_000);

  it('a backup whose bytes were damaged afterwards is listed as not verified', async () => {
    await configure();
    const entry = ok<BackupEntry>(await host.router.dispatch('c1', 'backup:run', null));
    const file = join(folder, entry.file);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 4096));
    const list = ok<{ entries: BackupEntry[] }>(await host.router.dispatch('c1', 'backup:list', null));
    expect(list.entries[0]?.verified).toBe(false);
  });
});

describe('daily schedule', () => {
  it('runs once a day at dailyAt, not before, not twice', async () => {
    await configure({ dailyAt: '02:30' });
    const day1Early = new Date(2026, 10, 30, 2, 0);
    const day1Due = new Date(2026, 10, 30, 2, 31);
    const day1Later = new Date(2026, 10, 30, 18, 0);
    const day2Due = new Date(2026, 11, 1, 3, 0);
    clock.advance(day1Early.getTime() - clock.now().getTime());
    expect(await host.runDueBackups(day1Early)).toBeNull();
    clock.advance(day1Due.getTime() - clock.now().getTime());
    expect((await host.runDueBackups(day1Due))?.verified).toBe(true);
    clock.advance(day1Later.getTime() - clock.now().getTime());
    expect(await host.runDueBackups(day1Later)).toBeNull();
    clock.advance(day2Due.getTime() - clock.now().getTime());
    expect((await host.runDueBackups(day2Due))?.file).toMatch(/^tonghu-20261201-/);
    expect(readdirSync(folder).filter((n) => n.endsWith('.db'))).toHaveLength(2);
  });

  it('does nothing without a daily time', async () => {
    await configure({ dailyAt: null });
    expect(await host.runDueBackups(new Date(2026, 10, 30, 23, 0))).toBeNull();
    expect(readdirSync(folder)).toHaveLength(0);
  });
});

describe('backup:restore', () => {
  it('brings back the backup: the child added since is gone, the current database is kept aside and still opens; sessions end', async () => {
    await configure();
    const entry = ok<BackupEntry>(await host.router.dispatch('c1', 'backup:run', null));
    clock.advance(61_000);
    await addChild(CHILD_AFTER);
    expect(await childCount()).toBe(2);

    const missingConfirm = await host.router.dispatch('c1', 'backup:restore', { file: entry.file, confirm: false });
    expect(missingConfirm.ok).toBe(false);

    const restored = ok<{ replacedDir: string }>(await host.router.dispatch('c1', 'backup:restore', { file: entry.file, confirm: true }));
    // Every session ended.
    const after = await host.router.dispatch('c1', 'children:list', {});
    expect(after.ok === false && after.error.code).toBe('unauthenticated');
    ok(await host.router.dispatch('c1', 'auth:login', ADMIN));
    const names = ok<{ total: number; rows: { name: string }[] }>(await host.router.dispatch('c1', 'children:list', {}));
    expect(names.total).toBe(1);
    expect(names.rows.map((c) => c.name)).toEqual([CHILD_BEFORE]);

    // The replaced database sits in replaced-*/ and still opens with the key, holding both children.
    expect(restored.replacedDir).toMatch(/replaced-\d{8}-\d{6}$/);
    const aside = join(restored.replacedDir, 'tonghu.db');
    expect(existsSync(aside)).toBe(true);
    expect(statSync(restored.replacedDir).mode & 0o777).toBe(0o700);
    const { key, keyCheck } = host.core.keyMaterial();
    const old = openDatabase({ file: aside, key, keyCheck, migrations });
    expect(old.sqlite.prepare('SELECT count(*) AS n FROM children').get()).toEqual({ n: 2 });
    old.close();

    // Audited in the restored database.
    const audit = host.core.context(null).sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'backup.restored'`).get();
    expect(audit).toEqual({ n: 1 });
    expect(readdirSync(dataDir).filter((n) => n.startsWith('restore-incoming'))).toEqual([]);

    // And a fresh start opens the restored database.
    host.close();
    host = makeHost(dataDir, { clock });
    expect(host.core.phase()).toBe('ready');
    ok(await host.router.dispatch('c1', 'auth:login', ADMIN));
    expect(await childCount()).toBe(1);
  });

  const damages: [string, (file: string) => void][] = [
    [
      'a flipped byte',
      (file) => {
        const bytes = readFileSync(file);
        bytes[Math.floor(bytes.length / 2)] ^= 0x5a;
        writeFileSync(file, bytes);
      },
    ],
    [
      'a flipped byte with its record (sidecar) removed, so only integrity_check can tell',
      (file) => {
        const bytes = readFileSync(file);
        bytes[Math.floor(bytes.length / 2)] ^= 0x5a;
        writeFileSync(file, bytes);
        rmSync(`${file}.json`);
      },
    ],
    ['a truncated file', (file) => writeFileSync(file, readFileSync(file).subarray(0, 4096))],
    ['random bytes', (file) => writeFileSync(file, randomBytes(statSync(file).size))],
  ];
  for (const [label, damage] of damages) {
    it(`refuses ${label}; nothing in the data folder moves; the session stays`, async () => {
      await configure();
      const entry = ok<BackupEntry>(await host.router.dispatch('c1', 'backup:run', null));
      await addChild(CHILD_AFTER);
      damage(join(folder, entry.file));
      host.core.context(null).sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const before = snapshotFolder(dataDir);
      const r = await host.router.dispatch('c1', 'backup:restore', { file: entry.file, confirm: true });
      expect(r.ok === false && r.error.code).toBe('database_corrupt');
      expect(snapshotFolder(dataDir)).toEqual(before);
      expect(await childCount()).toBe(2);
    });
  }

  it('refuses a backup made under another key (another installation), nothing moves', async () => {
    await configure();
    const entry = ok<BackupEntry>(await host.router.dispatch('c1', 'backup:run', null));
    // Another installation's backup (another key) with the same kind of name.
    const other = tempDir();
    try {
      const otherHost = makeHost(join(other.dir, 'data'));
      await setupAndLogin(otherHost);
      ok(await otherHost.router.dispatch('c1', 'backup:settings', asRead(otherHost, 'backup:settings', { folder: join(other.dir, 'b'), dailyAt: null, keep: 30 })));
      const foreign = ok<BackupEntry>(await otherHost.router.dispatch('c1', 'backup:run', null));
      otherHost.close();
      const foreignName = entry.file.replace('.db', '-9.db');
      writeFileSync(join(folder, foreignName), readFileSync(join(other.dir, 'b', foreign.file)));
      host.core.context(null).sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const before = snapshotFolder(dataDir);
      const r = await host.router.dispatch('c1', 'backup:restore', { file: foreignName, confirm: true });
      expect(r.ok === false && r.error.code).toBe('database_corrupt');
      expect(snapshotFolder(dataDir)).toEqual(before);
    } finally {
      other.cleanup();
    }
  });

  it('refuses a backup with a newer schema before anything moves', async () => {
    await configure();
    // A backup written by a "newer app": one more migration in its ledger.
    host.core.context(null).sqlite.prepare(`INSERT INTO __tonghu_migrations (idx, tag, hash, applied_at) VALUES (9999, '9999_future', 'x', 'now')`).run();
    const entry = ok<BackupEntry>(await host.router.dispatch('c1', 'backup:run', null));
    host.core.context(null).sqlite.prepare(`DELETE FROM __tonghu_migrations WHERE idx = 9999`).run();
    host.core.context(null).sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = snapshotFolder(dataDir);
    const r = await host.router.dispatch('c1', 'backup:restore', { file: entry.file, confirm: true });
    expect(r.ok === false && r.error.code).toBe('schema_too_new');
    expect(snapshotFolder(dataDir)).toEqual(before);
    expect(await childCount()).toBe(1);
  });

  it('when the swapped-in database fails to open, the original is put back and opened again', async () => {
    host.core.context(null).sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const aside = join(t.dir, 'aside.db');
    expect(() =>
      host.core.replaceDatabase((dbFile) => {
        renameSync(dbFile, aside);
        writeFileSync(dbFile, randomBytes(8192));
        return () => {
          rmSync(dbFile, { force: true });
          renameSync(aside, dbFile);
        };
      }),
    ).toThrow();
    expect(host.core.phase()).toBe('ready');
    expect(await childCount()).toBe(1);
  });

  it('a backup with an older schema is restored and the pending migrations apply', async () => {
    await configure();
    const { key } = host.core.keyMaterial();
    const older = join(folder, 'tonghu-20260101-080000.db');
    const old = openDatabase({ file: older, key, keyCheck: null, migrations: migrations.slice(0, 2) });
    old.sqlite.pragma('journal_mode = DELETE');
    old.close();
    ok(await host.router.dispatch('c1', 'backup:restore', { file: 'tonghu-20260101-080000.db', confirm: true }));
    const ledger = host.core.context(null).sqlite.prepare('SELECT count(*) AS n FROM __tonghu_migrations').get() as { n: number };
    expect(ledger.n).toBe(migrations.length);
    expect(host.core.opened()?.migrations.applied.length).toBe(migrations.length - 2);
  });

  it('a path outside the folder is refused by the contract', async () => {
    await configure();
    const r = await host.router.dispatch('c1', 'backup:restore', { file: '../data/tonghu.db', confirm: true });
    expect(r.ok === false && r.error.code).toBe('invalid_input');
  });
});

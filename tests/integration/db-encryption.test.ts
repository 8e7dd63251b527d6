/**
 * Acceptance (issue 2): the database file does not start with `SQLite format 3`, and a marker saved
 * through the app appears in no file under the data folder; files 0600, folder 0700.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChildSummary } from '../../shared/contract/children';
import { namePinyin } from '../../electron/services/record/pinyin';
import { makeIdNumber } from '../../shared/domain/id-number';
import { tempDir } from '../helpers/temp-db';
import { freshDataDir, makeHost, ok, setupAndLogin } from './support/host';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** The byte patterns a leaked string could take on disk: UTF-8, UTF-16 LE and BE. */
function patterns(text: string): Buffer[] {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le);
  be.swap16();
  return [Buffer.from(text, 'utf8'), le, be];
}

/** Files under `dir` that contain any of `needles` in any encoding, as `relative path: needle`. */
function scan(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    for (const needle of needles) {
      if (patterns(needle).some((p) => bytes.includes(p))) hits.push(`${relative(dir, file)}: ${needle}`);
    }
  }
  return hits;
}

// A marker no real data contains: a Chinese name with a random tail, so it can only come from this test.
const tail = randomBytes(6).toString('hex').toUpperCase();
const MARKER = `甄测标记${tail}`;
const BIRTH = '2016-05-17';
const ID_NUMBER = makeIdNumber('310104', BIRTH, 246, 'female');
const NEEDLES = [MARKER, tail, namePinyin(MARKER).full, ID_NUMBER];

let oldUmask: number;
beforeAll(() => {
  // With umask 022 SQLite and mkdir would make 0644 files and 0755 folders: only the app's own
  // chmods can produce 0600/0700, so the mode checks below cannot pass by accident.
  oldUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(oldUmask);
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

describe('the scanner (control)', () => {
  it('finds the marker in an unencrypted SQLite database and its WAL, so a clean scan means something', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const file = join(t.dir, 'plain.db');
    const plain = new Database(file);
    plain.pragma('journal_mode = WAL');
    plain.exec('CREATE TABLE t (name TEXT, id_number TEXT)');
    plain.prepare('INSERT INTO t VALUES (?, ?)').run(MARKER, ID_NUMBER);
    // While open the row lives in the WAL only.
    expect(scan(t.dir, [MARKER]).some((h) => h.startsWith('plain.db-wal'))).toBe(true);
    plain.close();
    expect(readFileSync(file).subarray(0, 16).equals(SQLITE_HEADER)).toBe(true);
    expect(scan(t.dir, [MARKER, ID_NUMBER])).toEqual([`plain.db: ${MARKER}`, `plain.db: ${ID_NUMBER}`]);
  });
});

describe('data folder encryption', () => {
  it('keeps a child saved through the app out of every file, open and closed; the db has no SQLite header', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dataDir = freshDataDir(t.dir);
    const host = makeHost(dataDir);
    cleanups.push(() => host.close());
    await setupAndLogin(host);
    const child = ok<ChildSummary>(
      await host.router.dispatch('c1', 'children:create', { name: MARKER, sex: 'female', birthDate: BIRTH, idNumber: ID_NUMBER }),
    );
    expect(child.name).toBe(MARKER);
    // Read it back too (an audited read) so reads and their audit rows are covered by the scan.
    ok(await host.router.dispatch('c1', 'children:get', { id: child.id }));
    ok(await host.router.dispatch('c1', 'children:list', { query: MARKER }));

    const db = join(dataDir, 'tonghu.db');
    // While open: the newest pages are in the WAL, which must exist and hold data for this check to matter.
    expect(existsSync(`${db}-wal`)).toBe(true);
    expect(statSync(`${db}-wal`).size).toBeGreaterThan(0);
    expect(existsSync(`${db}-shm`)).toBe(true);
    expect(filesUnder(dataDir).map((f) => relative(dataDir, f))).toEqual(['keystore.json', 'tonghu.db', 'tonghu.db-shm', 'tonghu.db-wal']);
    expect(scan(dataDir, NEEDLES)).toEqual([]);
    expect(readFileSync(db).subarray(0, 16).equals(SQLITE_HEADER)).toBe(false);
    expect(readFileSync(db).includes(Buffer.from('SQLite format 3'))).toBe(false);

    host.close();
    // After close: everything checkpointed into the main file.
    expect(scan(dataDir, NEEDLES)).toEqual([]);
    expect(readFileSync(db).subarray(0, 16).equals(SQLITE_HEADER)).toBe(false);
    expect(statSync(db).size).toBeGreaterThan(0);

    // The marker really was saved: a new host on the same folder finds it (otherwise a clean scan proves nothing).
    const again = makeHost(dataDir);
    cleanups.push(() => again.close());
    expect(again.core.phase()).toBe('ready');
    ok(await again.router.dispatch('c2', 'auth:login', { username: 'admin', password: 'Str0ng!pass-word' }));
    const found = ok<{ total: number; rows: ChildSummary[] }>(await again.router.dispatch('c2', 'children:list', { query: MARKER }));
    expect(found.rows.map((r) => [r.name, r.idNumber])).toEqual([[MARKER, ID_NUMBER]]);
    again.close();
    expect(scan(dataDir, NEEDLES)).toEqual([]);
  });

  it('makes the data folder 0700 and every file in it 0600, while open and after a reopen', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dataDir = freshDataDir(t.dir);
    const host = makeHost(dataDir);
    cleanups.push(() => host.close());
    await setupAndLogin(host);
    ok(await host.router.dispatch('c1', 'children:create', { name: '王小红', sex: 'female', birthDate: BIRTH, idNumber: null }));

    const modes = () =>
      Object.fromEntries(filesUnder(dataDir).map((f) => [relative(dataDir, f), (statSync(f).mode & 0o777).toString(8)]));
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    expect(modes()).toEqual({ 'keystore.json': '600', 'tonghu.db': '600', 'tonghu.db-shm': '600', 'tonghu.db-wal': '600' });
    host.close();
    expect(modes()).toEqual({ 'keystore.json': '600', 'tonghu.db': '600' });

    // A folder loosened by hand (e.g. copied from another machine) is tightened again on open,
    // and the WAL/shm files made by the new connection are private too.
    chmodSync(dataDir, 0o755);
    const again = makeHost(dataDir);
    cleanups.push(() => again.close());
    expect(again.core.phase()).toBe('ready');
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    ok(await again.router.dispatch('c2', 'auth:login', { username: 'admin', password: 'Str0ng!pass-word' }));
    expect(modes()).toEqual({ 'keystore.json': '600', 'tonghu.db': '600', 'tonghu.db-shm': '600', 'tonghu.db-wal': '600' });
    again.close();
  });
});

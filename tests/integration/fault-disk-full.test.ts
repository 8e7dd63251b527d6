/**
 * Fault test (issue 7): disk full. Where the machine allows it (root, `unshare -m`, a tmpfs mount), a
 * writer runs in a private mount namespace on a 2 MB tmpfs and registers children through the real
 * service until a write fails. Checked: the failure is the typed StorageFullError (storage_full), reads
 * still work after it, and every committed row is there after a reopen — on the full disk itself and
 * on a copy moved to a disk with room. The same again through the router (the app as the renderer
 * sees it): the save answers `storage_full`, the list, a search and a child's page still answer.
 * Elsewhere the tests are skipped, saying why.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyCheckValue } from '../../db/key-check';
import { readMigrations } from '../../db/migrate';
import { openDatabase, verifyDatabase } from '../../db/open';
import type { ChildSummary } from '../../shared/contract/children';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp-db';
import { ADMIN, makeHost, ok } from './support/host';

const ROOT = resolve(import.meta.dirname, '..', '..');
const WRITER = join(import.meta.dirname, 'support', 'writer-child.ts');
const APP_WRITER = join(import.meta.dirname, 'support', 'app-fill-child.ts');
const TMPFS_SIZE = '2m';

type Probe = { ok: true; fsType: string } | { ok: false; reason: string };

/** Can this machine give a process a private tmpfs? Tries it for real (a 64 KB tmpfs in a throwaway namespace). */
function probePrivateTmpfs(): Probe {
  if (process.platform !== 'linux') return { ok: false, reason: `platform is ${process.platform}, not linux (no mount namespaces)` };
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return { ok: false, reason: `not root (uid ${process.getuid()}): cannot mount a tmpfs` };
  const which = spawnSync('sh', ['-c', 'command -v unshare'], { encoding: 'utf8' });
  if (which.status !== 0) return { ok: false, reason: 'unshare (util-linux) is not installed' };
  const t = tempDir('tonghu-probe-');
  try {
    const probe = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$1" && stat -f -c %T "$1"', 'probe', t.dir], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    if (probe.error) return { ok: false, reason: `unshare could not run: ${probe.error.message}` };
    if (probe.status !== 0) return { ok: false, reason: `unshare -m / mount -t tmpfs not permitted here: ${(probe.stderr || `exit ${probe.status}`).trim()}` };
    const fsType = probe.stdout.trim();
    if (fsType !== 'tmpfs') return { ok: false, reason: `the mount did not give a tmpfs (saw ${fsType || 'nothing'})` };
    return { ok: true, fsType };
  } finally {
    t.cleanup();
  }
}

const probe = probePrivateTmpfs();
if (!probe.ok) console.log(`disk full: SKIPPED — ${probe.reason}`);

type FillResult = {
  committed: number[];
  failure: { rawCode: string | null; rawMessage: string; typed: string; typedCode: string | null } | null;
  reads: { ok: boolean; count: number; lastId: number | null; error?: string };
  closed: boolean;
};
type VerifyResult = { integrity: string[]; ids: number[]; closed: boolean };

let work: { dir: string; cleanup: () => void };
beforeAll(() => {
  work = tempDir('tonghu-fault-full-');
});
afterAll(() => work.cleanup());

describe('disk full', () => {
  it('detects whether a private tmpfs can be had, by mounting one', () => {
    // The probe is the only thing that decides to skip: it either saw a real tmpfs or says why not.
    if (probe.ok) expect(probe.fsType).toBe('tmpfs');
    else expect(probe.reason.length).toBeGreaterThan(0);
    console.log(`disk full: private tmpfs ${probe.ok ? 'available (mounted and seen as tmpfs)' : `not available: ${probe.reason}`}`);
  });

  it.skipIf(!probe.ok)(`fails the write with StorageFullError, keeps reading, loses nothing committed (${TMPFS_SIZE} tmpfs)${probe.ok ? '' : ` — skipped: ${probe.reason}`}`, () => {
    const mnt = join(work.dir, 'mnt');
    const out = join(work.dir, 'out');
    mkdirSync(mnt, { mode: 0o700 });
    mkdirSync(out, { mode: 0o700 });
    const key = randomBytes(32);
    const keyCheck = keyCheckValue(key);
    const script = [
      `mount -t tmpfs -o size=${TMPFS_SIZE},mode=0700 tmpfs "$MNT"`,
      'node --import tsx "$WRITER" fill',
      // Reopen on the still-full disk, then copy the files out of the namespace for the parent.
      'node --import tsx "$WRITER" verify',
      'cp -a "$MNT/data" "$OUT/"',
    ].join(' && ');
    const run = spawnSync('unshare', ['-m', 'sh', '-c', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 50_000,
      env: {
        ...process.env,
        TONGHU_LOG: 'silent',
        MNT: mnt,
        OUT: out,
        WRITER,
        TONGHU_FAULT_DB: join(mnt, 'data', 'tonghu.db'),
        TONGHU_FAULT_KEY: key.toString('hex'),
        TONGHU_FAULT_KEYCHECK: keyCheck,
        TONGHU_FAULT_TAG: 'full',
      },
    });
    expect(run.status, `writer in the namespace failed:\n${run.stderr}\n${run.stdout.slice(-2000)}`).toBe(0);
    const results = new Map([...run.stdout.matchAll(/^result (\w+) (.*)$/gm)].map((m) => [m[1], JSON.parse(m[2]!) as unknown]));
    const fill = results.get('fill') as FillResult;
    const verify = results.get('verify') as VerifyResult;
    expect(fill, run.stdout).toBeDefined();
    expect(verify, run.stdout).toBeDefined();

    // The write failed, and as the typed error (not a raw driver error, not a crash).
    expect(fill.committed.length).toBeGreaterThan(0);
    expect(fill.failure).not.toBeNull();
    expect(fill.failure!.rawCode).toBe('SQLITE_FULL');
    expect(fill.failure!.typed).toBe('StorageFullError');
    expect(fill.failure!.typedCode).toBe('storage_full');
    // Reads still work on the same connection after the failure, and see exactly the committed rows.
    expect(fill.reads).toEqual({ ok: true, count: fill.committed.length, lastId: fill.committed.at(-1) });

    // Reopened on the full disk: intact, every committed row there, nothing of the failed one.
    expect(verify.integrity).toEqual(['ok']);
    expect(verify.ids).toEqual(fill.committed);

    // The namespace's tmpfs never showed in ours; the copy moved out reopens with room to spare.
    expect(spawnSync('stat', ['-f', '-c', '%T', mnt], { encoding: 'utf8' }).stdout.trim()).not.toBe('tmpfs');
    const copied = join(out, 'data', 'tonghu.db');
    expect(existsSync(copied)).toBe(true);
    const reopened = openDatabase({ file: copied, key, keyCheck, migrations: readMigrations(MIGRATIONS_DIR) });
    try {
      expect(verifyDatabase(reopened.sqlite)).toEqual({ ok: true });
      const ids = (reopened.sqlite.prepare('SELECT id FROM children ORDER BY id').all() as { id: number }[]).map((r) => r.id);
      expect(ids).toEqual(fill.committed);
      const audited = reopened.sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'child.create'`).get() as { n: number };
      expect(audited.n).toBe(fill.committed.length);
    } finally {
      reopened.close();
    }
    console.log(
      `disk full: ${TMPFS_SIZE} tmpfs filled after ${fill.committed.length} committed transactions; the next write failed with ` +
        `${fill.failure!.rawCode} → ${fill.failure!.typed} (${fill.failure!.typedCode}); reads afterwards ok (${fill.reads.count} rows); ` +
        `reopened on the full disk: integrity ${verify.integrity.join(',')}, ${verify.ids.length}/${fill.committed.length} committed rows present; ` +
        `moved to a disk with room: integrity ok, all ${fill.committed.length} present with their audit rows`,
    );
  });

  it.skipIf(!probe.ok)(`through the router: the save answers storage_full, the app keeps reading, nothing committed is lost${probe.ok ? '' : ` — skipped: ${probe.reason}`}`, async () => {
    const mnt = join(work.dir, 'app-mnt');
    const out = join(work.dir, 'app-out');
    mkdirSync(mnt, { mode: 0o700 });
    mkdirSync(out, { mode: 0o700 });
    const script = [
      `mount -t tmpfs -o size=${TMPFS_SIZE},mode=0700 tmpfs "$MNT"`,
      'node --import tsx "$APP_WRITER" fill "$MNT/data"',
      'node --import tsx "$APP_WRITER" verify "$MNT/data"',
      'cp -a "$MNT/data" "$OUT/"',
    ].join(' && ');
    const run = spawnSync('unshare', ['-m', 'sh', '-c', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 50_000,
      env: { ...process.env, TONGHU_LOG: 'silent', MNT: mnt, OUT: out, APP_WRITER },
    });
    expect(run.status, `app writer in the namespace failed:\n${run.stderr}\n${run.stdout.slice(-2000)}`).toBe(0);
    const results = new Map([...run.stdout.matchAll(/^result (\w+) (.*)$/gm)].map((m) => [m[1], JSON.parse(m[2]!) as unknown]));
    const fill = results.get('fill') as {
      committed: number[];
      failure: { code: string; message: string } | null;
      list: { code: string; total: number; ids: number[] };
      search: string;
      get: string;
    };
    const verify = results.get('verify') as { status: string; login: string; list: { code: string; total: number; ids: number[] } };
    expect(fill, run.stdout).toBeDefined();
    expect(verify, run.stdout).toBeDefined();

    expect(fill.committed.length).toBeGreaterThan(0);
    expect(fill.committed.length).toBeLessThan(500); // the list below reads one page of 500
    expect(fill.failure?.code).toBe('storage_full');
    expect(fill.list).toEqual({ code: 'ok', total: fill.committed.length, ids: fill.committed });
    expect(fill.search).toBe('ok');
    // Opening a child's page writes an audit row (an audited read): it answers, or is refused only as storage_full.
    expect(['ok', 'storage_full']).toContain(fill.get);
    // Restarted on the still-full disk the database opens; signing in writes (session, audit), so it may be refused, but only as storage_full.
    expect(verify.status).toBe('ready');
    expect(['ok', 'storage_full']).toContain(verify.login);

    // Moved to a disk with room, the app opens it and lists every committed child.
    const host = makeHost(join(out, 'data'));
    try {
      expect(host.core.phase()).toBe('ready');
      ok(await host.router.dispatch('c3', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
      const listed = ok<{ total: number; rows: ChildSummary[] }>(await host.router.dispatch('c3', 'children:list', { status: null, limit: 500 }));
      expect(listed.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(fill.committed);
    } finally {
      host.close();
    }
    console.log(
      `disk full (router): ${TMPFS_SIZE} tmpfs filled after ${fill.committed.length} children saved through the router; the next save answered ` +
        `${fill.failure!.code} ("${fill.failure!.message}"); afterwards list (${fill.list.total} children) and search answered ok, a child's page (audited read) ${fill.get}; ` +
        `restarted on the full disk: database ${verify.status}, sign-in ${verify.login}; moved to a disk with room: all ${fill.committed.length} children listed`,
    );
  });
});

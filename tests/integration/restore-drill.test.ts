/**
 * Issue 17, the restore drill: a backup folder and the recovery code in force when it was made are
 * all a new computer needs. (a) a fresh data folder from nothing but those opens with every child,
 * session and audit row; (b) after a key change an older backup restores with the older code and
 * refuses the newer one, naming the code it needs; (c) a backup whose checksum or pages are damaged is
 * refused before anything in the data folder moves. Real encrypted files in temp folders.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppHost, createAppHost } from '../../electron/host/app-host';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { passphraseSealer, recoveryIdOf } from '../../electron/services/keys/key-store';
import type { AppStatus } from '../../shared/contract/app';
import type { BackupEntry, BackupHealth } from '../../shared/contract/backup';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp-db';
import { asRead, ADMIN, PASSPHRASE, type TestClock, makeHost, ok, snapshotFolder, testClock } from './support/host';

type Restored = { file: string; recoveryId: string | null; createdAt: string; children: number; auditRows: number };

let t: { dir: string; cleanup: () => void };
let usb: string;
let clock: TestClock;
const hosts: AppHost[] = [];

function host(dataDir: string, options: { passphrase?: string | null; demoChildren?: number } = {}): AppHost {
  const h = createAppHost({
    dataDir,
    keyMode: 'passphrase',
    sealer: options.passphrase === null ? null : passphraseSealer(options.passphrase ?? PASSPHRASE),
    clock,
    migrationsDir: MIGRATIONS_DIR,
    demoChildren: options.demoChildren,
  });
  hosts.push(h);
  return h;
}

/** Everything a child's file and the trail hold, as plain rows (ordered), to compare two databases. */
function tables(h: AppHost): Record<string, unknown[]> {
  const sqlite = h.core.context(null).sqlite;
  const out: Record<string, unknown[]> = {};
  for (const table of ['children', 'rehab_plans', 'rehab_sessions', 'audit_log']) {
    out[table] = sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
  }
  return out;
}

async function setUp(h: AppHost, loadDemo: boolean): Promise<string> {
  const { recoveryCode } = ok<{ recoveryCode: string }>(
    await h.router.dispatch('c1', 'app:setup', {
      institutionName: '上海市儿童福利院',
      displayName: '管理员',
      username: ADMIN.username,
      password: ADMIN.password,
      passphrase: null,
      loadDemo,
      backupFolder: usb,
    }),
  );
  ok(await h.router.dispatch('c1', 'auth:login', ADMIN));
  return recoveryCode;
}

beforeEach(() => {
  t = tempDir('tonghu-drill-');
  mkdirSync(join(t.dir, 'usb'));
  usb = join(t.dir, 'usb', '童护备份');
  clock = testClock('2026-11-29T09:00:00+08:00');
});

afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
  t.cleanup();
});

describe('(a) a new computer from nothing but the backup folder and the recovery code', () => {
  it('opens with every child, rehabilitation session and audit row; checked; sealed for this machine', async () => {
    const old = host(join(t.dir, 'old-computer'), { demoChildren: 12 });
    const code = await setUp(old, true);
    // First run made the first backup at once, with the daily backup on.
    const settings = ok<{ folder: string; dailyAt: string | null }>(await old.router.dispatch('c1', 'backup:settings', null));
    expect(settings.folder).toBe(usb);
    expect(settings.dailyAt).not.toBeNull();
    clock.advance(60_000);
    const latest = ok<BackupEntry>(await old.router.dispatch('c1', 'backup:run', null));
    expect(latest).toMatchObject({ verified: true, recoveryId: recoveryIdOf(code), currentKey: true });
    const expected = tables(old);
    expect(expected.children!.length).toBeGreaterThanOrEqual(12);
    expect(expected.rehab_sessions!.length).toBeGreaterThan(0);
    old.close();

    // The sidecar carries the key sealed by the recovery code, never the raw key.
    const sidecarText = readFileSync(join(usb, `${latest.file}.json`), 'utf8');
    const sidecar = JSON.parse(sidecarText) as { version: number; key: { recovery: unknown; keyCheck: string; recoveryId: string }; auditHead: { count: number }; app: { version: string }; schema: string[] };
    expect(sidecar.version).toBe(2);
    expect(sidecar.key.recoveryId).toBe(code.slice(0, 5));
    expect(sidecar.app.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(sidecar.schema.length).toBeGreaterThan(5);
    expect(sidecarText).not.toMatch(/"key"\s*:\s*"[0-9a-f]{64}"/);

    // Another computer: only the USB folder is copied over; its data folder does not exist.
    const copiedUsb = join(t.dir, 'copied-usb');
    cpSync(usb, copiedUsb, { recursive: true });
    const fresh = host(join(t.dir, 'new-computer'));
    expect(ok<AppStatus>(await fresh.router.dispatch('c9', 'app:status', null)).phase).toBe('setup');
    const wrong = await fresh.router.dispatch('c9', 'backup:restoreFromFile', { source: copiedUsb, recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', passphrase: null });
    expect(wrong.ok === false && wrong.error.code).toBe('wrong_key');
    expect(wrong.ok === false && wrong.error.message).toContain(code.slice(0, 5));
    expect(existsSync(join(t.dir, 'new-computer', 'tonghu.db'))).toBe(false);

    // Typed as a person would: lower case, spaces for dashes.
    const restored = ok<Restored>(
      await fresh.router.dispatch('c9', 'backup:restoreFromFile', { source: copiedUsb, recoveryCode: code.toLowerCase().replace(/-/g, ' '), passphrase: null }),
    );
    expect(restored.file).toBe(latest.file);
    expect(restored.children).toBe(expected.children!.length);
    ok(await fresh.router.dispatch('c9', 'auth:login', ADMIN));
    const got = tables(fresh);
    expect(got.children).toEqual(expected.children);
    expect(got.rehab_plans).toEqual(expected.rehab_plans);
    expect(got.rehab_sessions).toEqual(expected.rehab_sessions);
    // Every audit row of the backup, then the restore itself; the chain holds.
    const backupRows = sidecar.auditHead.count;
    expect(got.audit_log!.slice(0, backupRows)).toEqual(expected.audit_log!.slice(0, backupRows));
    expect(verifyAuditChain(fresh.core.context(null).sqlite).ok).toBe(true);
    const actions = (got.audit_log as { action: string }[]).map((r) => r.action);
    expect(actions).toContain('backup.restored');
    expect(ok<{ ok: boolean }>(await fresh.router.dispatch('c9', 'audit:verify', {})).ok).toBe(true);
    fresh.close();

    // The new machine's own key protection: it opens by itself on the next start, and the same code still opens it.
    const again = host(join(t.dir, 'new-computer'));
    expect(again.core.phase()).toBe('ready');
    again.close();
    const byCode = host(join(t.dir, 'new-computer'), { passphrase: 'not the passphrase of this machine' });
    expect(byCode.core.phase()).toBe('unlock');
    ok(await byCode.router.dispatch('c1', 'app:unlock', { method: 'recoveryCode', secret: code }));
    expect(byCode.core.phase()).toBe('ready');
  });

  it('without a keychain, a new passphrase is set for this machine; a lost passphrase is served by the recovery code', async () => {
    const old = host(join(t.dir, 'old-computer'));
    const code = await setUp(old, false);
    ok(await old.router.dispatch('c1', 'children:create', { name: '李小明', sex: 'male', birthDate: '2016-05-06', idNumber: null }));
    clock.advance(60_000);
    ok(await old.router.dispatch('c1', 'backup:run', null));
    old.close();

    const dataDir = join(t.dir, 'new-computer');
    const fresh = host(dataDir, { passphrase: null });
    const noPass = await fresh.router.dispatch('c1', 'backup:restoreFromFile', { source: usb, recoveryCode: code, passphrase: null });
    expect(noPass.ok === false && noPass.error.field).toBe('passphrase');
    ok(await fresh.router.dispatch('c1', 'backup:restoreFromFile', { source: usb, recoveryCode: code, passphrase: 'a new passphrase for here' }));
    fresh.close();

    const next = host(dataDir, { passphrase: null });
    expect(next.core.phase()).toBe('unlock');
    ok(await next.router.dispatch('c1', 'app:unlock', { method: 'passphrase', secret: 'a new passphrase for here' }));
    ok(await next.router.dispatch('c1', 'auth:login', ADMIN));
    expect(ok<{ total: number }>(await next.router.dispatch('c1', 'children:list', {})).total).toBe(1);
    next.close();

    // That passphrase is lost too: the recovery code opens the data and sets a new one.
    const lost = host(dataDir, { passphrase: null });
    ok(await lost.router.dispatch('c1', 'app:unlock', { method: 'recoveryCode', secret: code, newPassphrase: 'the third passphrase' }));
    lost.close();
    const after = host(dataDir, { passphrase: null });
    ok(await after.router.dispatch('c1', 'app:unlock', { method: 'passphrase', secret: 'the third passphrase' }));
    expect(after.core.phase()).toBe('ready');
  });
});

describe('(b) after a key change', () => {
  it('makes a verified backup under the new key at once; an older backup restores with the older code and refuses the newer one', async () => {
    const dataDir = join(t.dir, 'data');
    const h = host(dataDir);
    const oldCode = await setUp(h, false);
    ok(await h.router.dispatch('c1', 'children:create', { name: '王小红', sex: 'female', birthDate: '2015-03-04', idNumber: null }));
    clock.advance(60_000);
    const before = ok<BackupEntry>(await h.router.dispatch('c1', 'backup:run', null));
    clock.advance(60_000);
    ok(await h.router.dispatch('c1', 'children:create', { name: '张晓东', sex: 'male', birthDate: '2014-01-02', idNumber: null }));

    const changed = ok<{ recoveryCode: string; backup: BackupEntry | null; backupError: string | null }>(await h.router.dispatch('c1', 'key:change', { password: ADMIN.password, confirm: true }));
    const newCode = changed.recoveryCode;
    expect(changed.backup).toMatchObject({ verified: true, recoveryId: recoveryIdOf(newCode), currentKey: true });
    expect(changed.backupError).toBeNull();

    const list = ok<{ entries: BackupEntry[] }>(await h.router.dispatch('c1', 'backup:list', null));
    const older = list.entries.find((e) => e.file === before.file)!;
    expect(older).toMatchObject({ recoveryId: recoveryIdOf(oldCode), currentKey: false });

    // Without a code: asked for, naming which one.
    const unasked = await h.router.dispatch('c1', 'backup:restore', { file: before.file, confirm: true });
    expect(unasked.ok === false && unasked.error.field).toBe('recoveryCode');
    expect(unasked.ok === false && unasked.error.message).toContain(recoveryIdOf(oldCode));
    // The newer code is refused clearly; nothing moves.
    const snapshot = snapshotFolder(dataDir);
    const withNew = await h.router.dispatch('c1', 'backup:restore', { file: before.file, confirm: true, recoveryCode: newCode });
    expect(withNew.ok === false && withNew.error.code).toBe('wrong_key');
    expect(withNew.ok === false && withNew.error.message).toContain(`编号为 ${recoveryIdOf(oldCode)}`);
    const after = snapshotFolder(dataDir);
    expect([...after.keys()].sort()).toEqual([...snapshot.keys()].sort());
    expect(after.get('tonghu.db')?.ino).toBe(snapshot.get('tonghu.db')?.ino);

    // The older code restores it; it is re-encrypted under the current key, so the current code opens everything.
    ok(await h.router.dispatch('c1', 'backup:restore', { file: before.file, confirm: true, recoveryCode: oldCode }));
    ok(await h.router.dispatch('c1', 'auth:login', ADMIN));
    const names = ok<{ rows: { name: string }[] }>(await h.router.dispatch('c1', 'children:list', {})).rows.map((r) => r.name);
    expect(names).toEqual(['王小红']);
    h.close();
    const reopened = host(dataDir);
    expect(reopened.core.phase()).toBe('ready');
    reopened.close();
    const byNewCode = host(dataDir, { passphrase: 'wrong passphrase here' });
    ok(await byNewCode.router.dispatch('c1', 'app:unlock', { method: 'recoveryCode', secret: newCode }));
    expect(byNewCode.core.phase()).toBe('ready');
  });

  it('on a new computer, the older backup opens with the older code only', async () => {
    const h = host(join(t.dir, 'data'));
    const oldCode = await setUp(h, false);
    clock.advance(60_000);
    const oldBackup = ok<BackupEntry>(await h.router.dispatch('c1', 'backup:run', null));
    clock.advance(60_000);
    const { recoveryCode: newCode } = ok<{ recoveryCode: string }>(await h.router.dispatch('c1', 'key:change', { password: ADMIN.password, confirm: true }));
    h.close();
    const fresh = host(join(t.dir, 'fresh'));
    const refused = await fresh.router.dispatch('c1', 'backup:restoreFromFile', { source: join(usb, oldBackup.file), recoveryCode: newCode, passphrase: null });
    expect(refused.ok === false && refused.error.code).toBe('wrong_key');
    expect(refused.ok === false && refused.error.message).toContain(recoveryIdOf(oldCode));
    expect(existsSync(join(t.dir, 'fresh', 'tonghu.db'))).toBe(false);
    const restored = ok<Restored>(await fresh.router.dispatch('c1', 'backup:restoreFromFile', { source: join(usb, oldBackup.file), recoveryCode: oldCode, passphrase: null }));
    expect(restored.recoveryId).toBe(recoveryIdOf(oldCode));
  });
});

describe('(c) a damaged backup is refused before anything is replaced', () => {
  async function madeBackup(): Promise<{ code: string; entry: BackupEntry }> {
    const h = host(join(t.dir, 'old'));
    const code = await setUp(h, false);
    ok(await h.router.dispatch('c1', 'children:create', { name: '王小红', sex: 'female', birthDate: '2015-03-04', idNumber: null }));
    clock.advance(60_000);
    const entry = ok<BackupEntry>(await h.router.dispatch('c1', 'backup:run', null));
    h.close();
    return { code, entry };
  }

  it('a changed byte (checksum) is refused on a new computer; the folder there is left as it was', async () => {
    const { code, entry } = await madeBackup();
    const file = join(usb, entry.file);
    const bytes = readFileSync(file);
    bytes[4096 * 2 + 100]! ^= 0x01;
    writeFileSync(file, bytes);
    // A data folder that already holds something (a lost passphrase): it must not move.
    const dataDir = join(t.dir, 'target');
    const existing = host(dataDir);
    await setUp(existing, false);
    existing.close();
    const before = snapshotFolder(dataDir);
    const h = host(dataDir, { passphrase: 'lost passphrase, not this one' });
    expect(h.core.phase()).toBe('unlock');
    const r = await h.router.dispatch('c1', 'backup:restoreFromFile', { source: file, recoveryCode: code, passphrase: null });
    expect(r.ok === false && r.error.code).toBe('database_corrupt');
    expect(r.ok === false && r.error.message).toContain('校验值');
    expect(snapshotFolder(dataDir)).toEqual(before);
  });

  it('damaged pages with a matching checksum (the record rewritten too) are refused by the page check', async () => {
    const { code, entry } = await madeBackup();
    const file = join(usb, entry.file);
    const bytes = readFileSync(file);
    bytes[4096 * 2 + 100]! ^= 0x01;
    writeFileSync(file, bytes);
    const sidecarFile = `${file}.json`;
    const sidecar = JSON.parse(readFileSync(sidecarFile, 'utf8')) as { sha256: string };
    const { createHash } = await import('node:crypto');
    sidecar.sha256 = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(sidecarFile, JSON.stringify(sidecar));
    const dataDir = join(t.dir, 'fresh');
    const h = host(dataDir);
    const r = await h.router.dispatch('c1', 'backup:restoreFromFile', { source: file, recoveryCode: code, passphrase: null });
    expect(r.ok === false && r.error.code).toBe('database_corrupt');
    expect(h.core.phase()).toBe('setup');
    expect(existsSync(join(dataDir, 'tonghu.db'))).toBe(false);
    expect(existsSync(join(dataDir, 'keystore.json'))).toBe(false);
    expect(readdirSync(dataDir).filter((n) => !n.startsWith('.'))).toEqual([]);
  });

  it('in the app: a damaged backup is refused and the live database is untouched', async () => {
    const dataDir = join(t.dir, 'data');
    const h = host(dataDir);
    await setUp(h, false);
    clock.advance(60_000);
    const entry = ok<BackupEntry>(await h.router.dispatch('c1', 'backup:run', null));
    const file = join(usb, entry.file);
    const bytes = readFileSync(file);
    bytes[bytes.length - 50]! ^= 0x01;
    writeFileSync(file, bytes);
    const before = snapshotFolder(dataDir);
    const r = await h.router.dispatch('c1', 'backup:restore', { file: entry.file, confirm: true });
    expect(r.ok === false && r.error.code).toBe('database_corrupt');
    expect(snapshotFolder(dataDir)).toEqual(before);
  });
});

describe('backups on by default', () => {
  it('the dashboard health: red with no folder, green after a backup, red after 7 days or an unreachable folder', async () => {
    const h = makeHost(join(t.dir, 'data'), { clock });
    hosts.push(h);
    ok(await h.router.dispatch('c1', 'app:setup', { institutionName: '上海市儿童福利院', displayName: '管理员', username: ADMIN.username, password: ADMIN.password, passphrase: null, loadDemo: false }));
    ok(await h.router.dispatch('c1', 'auth:login', ADMIN));
    const none = ok<BackupHealth>(await h.router.dispatch('c1', 'backup:health', null));
    expect(none).toMatchObject({ folder: null, warn: true, lastVerifiedAt: null });
    expect(none.dailyAt).not.toBeNull();
    ok(await h.router.dispatch('c1', 'backup:settings', asRead(h, 'backup:settings', { folder: usb, dailyAt: '12:30', keep: 30 })));
    ok(await h.router.dispatch('c1', 'backup:run', null));
    expect(ok<BackupHealth>(await h.router.dispatch('c1', 'backup:health', null))).toMatchObject({ reachable: true, warn: false, ageDays: 0 });
    clock.advance(8 * 86_400_000);
    ok(await h.router.dispatch('c2', 'auth:login', ADMIN));
    expect(ok<BackupHealth>(await h.router.dispatch('c2', 'backup:health', null))).toMatchObject({ warn: true, ageDays: 8 });
    ok(await h.router.dispatch('c2', 'backup:run', null));
    const { renameSync } = await import('node:fs');
    renameSync(join(t.dir, 'usb'), join(t.dir, 'usb-unplugged'));
    expect(ok<BackupHealth>(await h.router.dispatch('c2', 'backup:health', null))).toMatchObject({ reachable: false, warn: true });
  });

  it('set-up refuses a backup folder inside the data folder before creating anything', async () => {
    const dataDir = join(t.dir, 'data');
    const h = host(dataDir);
    const r = await h.router.dispatch('c1', 'app:setup', {
      institutionName: '上海市儿童福利院',
      displayName: '管理员',
      username: ADMIN.username,
      password: ADMIN.password,
      passphrase: null,
      loadDemo: false,
      backupFolder: join(dataDir, 'backups'),
    });
    expect(r.ok === false && r.error.field).toBe('folder');
    expect(existsSync(join(dataDir, 'keystore.json'))).toBe(false);
  });
});

describe('the recovery code is kept sealed until confirmed', () => {
  it('is shown again (a reload) until one randomly chosen group is typed back; then it is gone', async () => {
    const dataDir = join(t.dir, 'data');
    const h = host(dataDir);
    const code = await setUp(h, false);
    const keystore = readFileSync(join(dataDir, 'keystore.json'), 'utf8');
    expect(keystore).not.toContain(code);
    expect(ok<{ recoveryCode: string | null; recoveryId: string }>(await h.router.dispatch('c1', 'key:unconfirmedCode', null))).toMatchObject({ recoveryCode: code, recoveryId: code.slice(0, 5) });
    h.close();
    const reloaded = host(dataDir);
    ok(await reloaded.router.dispatch('c1', 'auth:login', ADMIN));
    expect(ok<{ recoveryCode: string | null }>(await reloaded.router.dispatch('c1', 'key:unconfirmedCode', null)).recoveryCode).toBe(code);
    const wrong = await reloaded.router.dispatch('c1', 'key:confirmCode', { group: 3, value: 'ZZZZZ' });
    expect(wrong.ok === false && wrong.error.field).toBe('value');
    ok(await reloaded.router.dispatch('c1', 'key:confirmCode', { group: 3, value: code.split('-')[2]!.toLowerCase() }));
    expect(ok<{ recoveryCode: string | null }>(await reloaded.router.dispatch('c1', 'key:unconfirmedCode', null)).recoveryCode).toBeNull();
    expect(readFileSync(join(dataDir, 'keystore.json'), 'utf8')).not.toContain('unconfirmedCode');
  });

  it('right after set-up (nobody signed in yet) a correct group ends the keeping; a wrong one does not', async () => {
    const dataDir = join(t.dir, 'data');
    const h = host(dataDir);
    const { recoveryCode: code } = ok<{ recoveryCode: string }>(
      await h.router.dispatch('c1', 'app:setup', { institutionName: '上海市儿童福利院', displayName: '管理员', username: ADMIN.username, password: ADMIN.password, passphrase: null, loadDemo: false }),
    );
    const wrong = await h.router.dispatch('c1', 'key:confirmSetupCode', { group: 5, value: 'ZZZZZ' });
    expect(wrong.ok === false && wrong.error.field).toBe('value');
    expect(h.core.unconfirmedRecoveryCode()).toBe(code);
    ok(await h.router.dispatch('c1', 'key:confirmSetupCode', { group: 5, value: code.split('-')[4]! }));
    expect(h.core.unconfirmedRecoveryCode()).toBeNull();
  });
});

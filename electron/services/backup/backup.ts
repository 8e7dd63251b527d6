import {
  accessSync,
  chmodSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { SchemaTooNewError, WrongKeyError } from '../../../db/errors';
import { type SqliteDb, applyKey, ensurePrivateDir } from '../../../db/open';
import { BACKUP_FILE_PATTERN, type BackupEntry, type BackupHealth, type BackupSettings, backupSettingsSchema } from '../../../shared/contract/backup';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import type { AppCore } from '../app/app-core';
import { type AuditAnchorSource, type AuditHead, appendAudit, auditHead, compareAuditAnchors, type verifyAuditChain } from '../audit/audit';
import type { Actor } from '../core/context';
import { createLogger } from '../core/logger';
import { getSetting, setSetting } from '../core/settings';
import { type RecoveryEnvelope, openRecoveryEnvelope, recoveryIdOf } from '../keys/key-store';
import { rekeyConnection } from '../keys/rekey';
import { type BackupCopy, type CandidateCheck, checkCandidateFile, fsyncFile } from './make-backup';
import { type BackupVerification, openReadOnly } from './verify-backup';

export { verifyBackupFile } from './verify-backup';

const log = createLogger('backup');

const SETTINGS_KEY = 'backup.settings';
/** The daily backup is on from the first run; at midday the computers of an office are on. */
export const DEFAULT_DAILY_AT = '12:30';
const DEFAULT_BACKUP_SETTINGS: BackupSettings = { folder: null, dailyAt: DEFAULT_DAILY_AT, keep: 30 };
/** A backup older than this is shown in red on the administrator's dashboard. */
export const BACKUP_WARN_DAYS = 7;

type BackupReason = 'manual' | 'scheduled' | 'keyChange' | 'setup';

/**
 * The record beside each backup file. Version 2 makes the backup self-contained: with it and the
 * recovery code in force when it was made, the data opens on a computer that has nothing else.
 */
type Sidecar = {
  version: 1 | 2;
  file: string;
  createdAt: string;
  size: number;
  sha256: string;
  verified: boolean;
  problems: string[];
  reason: string;
  app?: { version: string };
  /** The applied migrations (schema version), oldest first. */
  schema?: string[];
  /** The database key sealed by the recovery code (scrypt + AES-GCM), its check value and the code's short id. */
  key?: RecoveryEnvelope;
  /** The audit chain head inside the backup file: an anchor outside the live database. */
  auditHead?: AuditHead | null;
};

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Local date and time parts (the institution's clock), as used in backup names and the daily schedule. */
function localStamp(date: Date): { day: string; time: string; hhmm: string } {
  const day = `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
  return { day, time, hhmm: `${pad(date.getHours())}:${pad(date.getMinutes())}` };
}

export function getBackupSettings(core: AppCore): BackupSettings {
  const stored = getSetting(core.context(null), SETTINGS_KEY, DEFAULT_BACKUP_SETTINGS);
  const parsed = backupSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_BACKUP_SETTINGS;
}

/** Creates the folder (owner only) and proves it writable; errors name the `folder` field. */
function prepareFolder(folder: string): string {
  if (!isAbsolute(folder)) throw new ValidationError('folder', '请填写完整路径（如 /media/usb/童护备份 或 D:\\童护备份）');
  const dir = resolve(folder);
  try {
    if (existsSync(dir)) {
      if (!statSync(dir).isDirectory()) throw new ValidationError('folder', '该路径是一个文件，不是文件夹');
      // An existing folder keeps its mode: it may be shared (a USB disk's root, /tmp); the files are 0600.
    } else {
      // One level only: a missing parent is most often a USB disk that is not plugged in, and a
      // recursive mkdir would then quietly put the backups on the system disk.
      if (!existsSync(dirname(dir))) throw new ValidationError('folder', '上级文件夹不存在（U盘是否已插好？），请先创建或选择已有的文件夹');
      mkdirSync(dir, { mode: 0o700 });
      chmodSync(dir, 0o700);
    }
    accessSync(dir, constants.W_OK);
    const probe = join(dir, `.tonghu-write-test-${process.pid}`);
    writeFileSync(probe, 'ok', { mode: 0o600 });
    rmSync(probe, { force: true });
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError('folder', '无法创建或写入该文件夹，请检查路径和权限（U盘是否已插好）');
  }
  return dir;
}

/** Refuses a folder inside the data folder: a failing disk takes both. Errors name the `folder` field. */
export function checkBackupFolder(dataDir: string, folder: string): string {
  const dir = prepareFolder(folder);
  const data = resolve(dataDir);
  if (dir === data || dir.startsWith(`${data}/`)) {
    throw new ValidationError('folder', '备份文件夹不能在数据文件夹之内：同一块磁盘损坏时两者会一起丢失。请选择另一块磁盘或U盘上的文件夹');
  }
  return dir;
}

export function saveBackupSettings(core: AppCore, actor: Actor | null, input: BackupSettings): BackupSettings {
  const folder = input.folder === null ? null : checkBackupFolder(core.dataDir, input.folder);
  const settings: BackupSettings = { folder, dailyAt: input.dailyAt, keep: input.keep };
  const ctx = core.context(actor);
  ctx.sqlite.transaction(() => {
    setSetting(ctx, SETTINGS_KEY, settings);
    appendAudit(ctx, { action: 'backup.settingsChanged', detail: { dailyAt: settings.dailyAt, keep: settings.keep, folderSet: folder !== null } });
  })();
  return settings;
}

function requireFolder(core: AppCore): string {
  const { folder } = getBackupSettings(core);
  if (!folder) throw new ValidationError('folder', '请先设置备份文件夹');
  return prepareFolder(folder);
}

function readSidecar(file: string): Sidecar | null {
  try {
    return JSON.parse(readFileSync(`${file}.json`, 'utf8')) as Sidecar;
  } catch {
    return null;
  }
}

function listIn(folder: string, currentKeyCheck: string | null): BackupEntry[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => BACKUP_FILE_PATTERN.test(name))
    .sort()
    .reverse()
    .map((name) => {
      const file = join(folder, name);
      const sidecar = readSidecar(file);
      const st = statSync(file);
      return {
        file: name,
        createdAt: sidecar?.createdAt ?? st.mtime.toISOString(),
        size: st.size,
        sha256: sidecar?.sha256 ?? null,
        verified: sidecar ? sidecar.verified && sidecar.size === st.size : null,
        problems: sidecar ? (sidecar.size === st.size ? sidecar.problems : ['文件大小与备份记录不符']) : ['没有校验记录'],
        recoveryId: sidecar?.key?.recoveryId ?? null,
        currentKey: sidecar?.key && currentKeyCheck ? sidecar.key.keyCheck === currentKeyCheck : null,
      };
    });
}

export function listBackups(core: AppCore): { folder: string | null; entries: BackupEntry[] } {
  const { folder } = getBackupSettings(core);
  return { folder, entries: folder ? listIn(folder, core.keyMaterial().keyCheck) : [] };
}

/** Removes the oldest backups (and their records) beyond `keep`. */
function prune(folder: string, keep: number): string[] {
  const names = readdirSync(folder)
    .filter((name) => BACKUP_FILE_PATTERN.test(name))
    .sort()
    .reverse();
  const removed = names.slice(keep);
  for (const name of removed) {
    rmSync(join(folder, name), { force: true });
    rmSync(join(folder, `${name}.json`), { force: true });
  }
  return removed;
}

/** The backup under way on each core: a second request joins it (see runBackup). */
const inFlight = new WeakMap<AppCore, Promise<BackupEntry>>();

/** The cores whose database is being replaced by a backup: no backup starts meanwhile. */
const restoring = new WeakSet<AppCore>();

/** Whether a backup is being made now (a restore waits for none; it is refused meanwhile). */
export function backupRunning(core: AppCore): boolean {
  return inFlight.has(core);
}

/** Resolves when the backup under way (if any) has ended, however it ended. */
export async function backupSettled(core: AppCore): Promise<void> {
  await inFlight.get(core)?.catch(() => undefined);
}

/** Copies left by a backup that never finished (the program ended mid-copy): never a backup, removed. */
function removeLeftoverPartials(folder: string): void {
  for (const name of readdirSync(folder)) {
    if (/^\.tonghu-.*\.partial$/.test(name)) rmSync(join(folder, name), { force: true });
  }
}

/**
 * A backup now: `VACUUM INTO` a timestamped file in the folder (same key, so it is as encrypted as
 * the live database), checked read-only (verifyBackupFile: integrity, page HMACs, foreign keys, audit
 * chain), then a sidecar JSON that makes it self-contained: checksum, the key sealed by the current
 * recovery code (never the raw key), the audit head, the app and schema version. The oldest beyond
 * `keep` are removed. Audited; the audit head is recorded beside the sealed key.
 *
 * The copy, its check and its checksum take seconds at 10,000 children: they run in a worker thread on
 * its own read-only connection (make-backup.ts), so every desk is served meanwhile. Only the short
 * steps stay here: naming, the record beside the file, pruning, the audit line on the writer.
 *
 * One backup at a time: a request made while one is under way (a click during the daily backup) joins
 * it and gets its result: the copy began moments ago. A key change's backup waits for it instead and
 * makes its own under the new key.
 */
export async function runBackup(core: AppCore, actor: Actor | null, reason: BackupReason = 'manual'): Promise<BackupEntry> {
  if (restoring.has(core)) throw new AppError('not_ready', '正在从备份恢复数据，恢复完成后请重新登录再备份');
  const running = inFlight.get(core);
  if (running) {
    if (reason !== 'keyChange') return running;
    await backupSettled(core);
    return runBackup(core, actor, reason);
  }
  const made = makeBackup(core, actor, reason);
  inFlight.set(core, made);
  try {
    return await made;
  } finally {
    if (inFlight.get(core) === made) inFlight.delete(core);
  }
}

async function makeBackup(core: AppCore, actor: Actor | null, reason: BackupReason): Promise<BackupEntry> {
  const settings = getBackupSettings(core);
  const folder = requireFolder(core);
  const ctx = core.context(actor);
  const { keyCheck } = core.keyMaterial();
  if (core.damage()) throw new AppError('read_only', '数据库已损坏（只读）：不能用它做备份，请从最近一次通过校验的备份恢复');
  removeLeftoverPartials(folder);
  const now = ctx.clock.now();
  const stamp = localStamp(now);
  let name = `tonghu-${stamp.day}-${stamp.time}.db`;
  for (let n = 2; existsSync(join(folder, name)); n += 1) name = `tonghu-${stamp.day}-${stamp.time}-${n}.db`;
  const target = join(folder, name);
  const partial = join(folder, `.${name}.partial`);
  rmSync(partial, { force: true });
  let copy: BackupCopy;
  try {
    copy = await core.workers.run<BackupCopy>('backup.make', { partial }, actor);
  } catch (error) {
    rmSync(partial, { force: true });
    log.error('backup copy failed', { name: (error as Error)?.name, code: (error as { code?: unknown })?.code });
    if (error instanceof AppError && error.code !== 'internal') throw error;
    throw new AppError('internal', '备份未能完成（磁盘已满、已拔出或后台任务中断？），未留下不完整的文件，现有数据不受影响；请检查备份文件夹后重试');
  }
  const { verification, size, sha256 } = copy;
  const envelope = core.recoveryEnvelope();
  const problems = [...verification.problems];
  // The key may have changed while the worker copied (the key change waits for a backup, but say so if not).
  if (envelope.keyCheck !== keyCheck || core.keyMaterial().keyCheck !== keyCheck) problems.push('密钥文件与当前密钥不符：此备份无法用恢复码打开');
  const sidecar: Sidecar = {
    version: 2,
    file: name,
    createdAt: now.toISOString(),
    size,
    sha256,
    verified: verification.ok && problems.length === 0,
    problems,
    reason,
    app: { version: core.appVersion },
    schema: verification.migrations,
    key: envelope,
    auditHead: verification.auditHead,
  };
  try {
    renameSync(partial, target);
    writeFileSync(`${target}.json`, JSON.stringify(sidecar, null, 2), { mode: 0o600 });
    chmodSync(`${target}.json`, 0o600);
    fsyncFile(`${target}.json`);
  } catch {
    for (const f of [partial, target, `${target}.json`]) rmSync(f, { force: true });
    throw new AppError('internal', '备份未能写入该文件夹（磁盘已满或已拔出？），未留下不完整的文件，现有数据不受影响；请检查备份文件夹后重试');
  }
  const removed = prune(folder, settings.keep);
  ctx.sqlite.transaction(() => {
    appendAudit(ctx, { action: 'backup.created', detail: { file: name, size, verified: sidecar.verified, reason, pruned: removed.length, recoveryId: envelope.recoveryId } });
  })();
  core.recordAuditAnchor();
  if (!sidecar.verified) log.warn('backup failed verification', { file: name, problems: problems.length });
  else log.info('backup made', { file: name, size });
  return { file: name, createdAt: sidecar.createdAt, size, sha256, verified: sidecar.verified, problems, recoveryId: envelope.recoveryId, currentKey: true };
}

/** Runs the daily backup when its time has come today and no backup of today exists yet. */
export async function runDueBackup(core: AppCore, now: Date): Promise<BackupEntry | null> {
  if (core.phase() !== 'ready' || core.damage()) return null;
  const settings = getBackupSettings(core);
  if (!settings.folder || !settings.dailyAt) return null;
  const stamp = localStamp(now);
  if (stamp.hhmm < settings.dailyAt) return null;
  if (existsSync(settings.folder) && readdirSync(settings.folder).some((n) => BACKUP_FILE_PATTERN.test(n) && n.startsWith(`tonghu-${stamp.day}-`))) return null;
  return runBackup(core, null, 'scheduled');
}

/** First run: the folder the administrator chose, the daily backup on, and a first backup at once. */
export async function setUpBackups(core: AppCore, folder: string): Promise<BackupEntry> {
  const settings: BackupSettings = { folder: checkBackupFolder(core.dataDir, folder), dailyAt: DEFAULT_DAILY_AT, keep: DEFAULT_BACKUP_SETTINGS.keep };
  const ctx = core.context(null);
  ctx.sqlite.transaction(() => {
    setSetting(ctx, SETTINGS_KEY, settings);
    appendAudit(ctx, { action: 'backup.settingsChanged', detail: { dailyAt: settings.dailyAt, keep: settings.keep, folderSet: true } });
  })();
  return runBackup(core, null, 'setup');
}

/** For the dashboard: how old the newest verified backup is and whether the folder can be reached. */
export function backupHealth(core: AppCore): BackupHealth {
  const settings = getBackupSettings(core);
  const folder = settings.folder;
  let reachable = false;
  let lastVerifiedAt: string | null = null;
  if (folder) {
    try {
      accessSync(folder, constants.W_OK);
      reachable = statSync(folder).isDirectory();
    } catch {
      reachable = false;
    }
    if (reachable) {
      const newest = listIn(folder, null).find((e) => e.verified === true);
      lastVerifiedAt = newest?.createdAt ?? null;
    }
  }
  const now = core.context(null).clock.now().getTime();
  const ageDays = lastVerifiedAt === null ? null : Math.max(0, (now - new Date(lastVerifiedAt).getTime()) / 86_400_000);
  const warn = !folder || !reachable || ageDays === null || ageDays > BACKUP_WARN_DAYS;
  return { folder, reachable, dailyAt: settings.dailyAt, lastVerifiedAt, ageDays: ageDays === null ? null : Math.round(ageDays * 10) / 10, warn };
}

/**
 * Judges a copy of a backup (inside the data folder, nothing else touched yet) from its check (see
 * checkCandidate): the checksum recorded when it was made, integrity and page check, audit chain and
 * its head against the record, and a schema this app knows. Throws a typed error naming what failed.
 */
function judgeCandidate(core: AppCore, sidecar: Sidecar | null, checked: CandidateCheck): BackupVerification {
  if (sidecar && sidecar.sha256 !== checked.sha256) {
    throw new AppError('database_corrupt', '该备份文件与备份时记录的校验值不符（已被改动或损坏），未做任何改动');
  }
  const { verification } = checked;
  if (!verification.ok) {
    throw new AppError('database_corrupt', `该备份未通过检查（${verification.problems.slice(0, 2).join('；').slice(0, 200)}），未做任何改动`, {
      details: { problems: verification.problems.slice(0, 5) },
    });
  }
  if (sidecar?.auditHead && verification.auditHead && (sidecar.auditHead.hash !== verification.auditHead.hash || sidecar.auditHead.count !== verification.auditHead.count)) {
    throw new AppError('database_corrupt', '该备份的审计记录与备份时记录的链头不符，未做任何改动');
  }
  const known = new Set(core.migrations.map((m) => m.tag));
  const unknown = verification.migrations.filter((t) => !known.has(t));
  if (unknown.length > 0) throw new SchemaTooNewError(unknown);
  return verification;
}

/** Checks a copy on this thread: for a new computer, where no database is open and nothing else is served. */
function checkCandidate(core: AppCore, copy: string, sidecar: Sidecar | null, key: Buffer): BackupVerification {
  return judgeCandidate(core, sidecar, checkCandidateFile(copy, key, core.nativeBinding));
}

/**
 * Checks a copy in a worker thread (seconds at 10,000 children), while the open database serves every
 * desk: under the live key, or — a backup made before a key change — under `olderKey`, sent with the task.
 */
async function checkCandidateOffThread(core: AppCore, actor: Actor | null, copy: string, sidecar: Sidecar | null, olderKey: Buffer | null): Promise<BackupVerification> {
  const key = olderKey ? new Uint8Array(olderKey) : null;
  try {
    return judgeCandidate(core, sidecar, await core.workers.run<CandidateCheck>('backup.checkCandidate', { file: copy, key }, actor));
  } finally {
    key?.fill(0);
  }
}

/** Opens a backup's recovery envelope with a typed code, or says which code (by short id) it needs. */
function unsealBackupKey(sidecar: Sidecar, code: string): Buffer {
  if (!sidecar.key) throw new AppError('wrong_key', '此备份没有附带恢复码密封的密钥（由旧版本程序制作），只能在原电脑上恢复', { field: 'recoveryCode' });
  try {
    return openRecoveryEnvelope(sidecar.key, code);
  } catch (error) {
    if (!(error instanceof WrongKeyError)) throw error;
    const id = sidecar.key.recoveryId;
    throw new AppError('wrong_key', id ? `恢复码不正确：此备份需要编号为 ${id} 的恢复码（打印的恢复码单上写有编号），数据未被改动` : '恢复码不正确：无法打开此备份，数据未被改动', {
      field: 'recoveryCode',
    });
  }
}

function uniqueDir(base: string): string {
  let dir = base;
  for (let n = 2; existsSync(dir); n += 1) dir = `${base}-${n}`;
  return dir;
}

/**
 * Replaces the live database by a backup. The backup is copied into the data folder and checked
 * (checksum, integrity, audit chain, not newer than this app) before anything moves. A backup made
 * before a key change is opened with the recovery code in force when it was made and re-encrypted
 * under the current key, so the current recovery code keeps opening everything. Then the live
 * database (and -wal/-shm) is moved to `replaced-<time>/` (never deleted), the copy takes its place
 * and is opened (pending migrations apply). Any failure puts the original back. Audited in the
 * restored database. The caller ends every session. The copy is checked in a worker thread, so the
 * other desks are served until the swap; a backup under way ends first, and none starts meanwhile.
 */
export async function restoreBackup(core: AppCore, actor: Actor | null, fileName: string, recoveryCode: string | null = null): Promise<{ replacedDir: string }> {
  if (!BACKUP_FILE_PATTERN.test(fileName) || basename(fileName) !== fileName) throw new ValidationError('file', '不是童护的备份文件名');
  if (restoring.has(core)) throw new AppError('not_ready', '正在从备份恢复数据，请稍候');
  restoring.add(core);
  try {
    // A backup under way reads the live database in a worker: the swap waits until it has ended.
    await backupSettled(core);
    return await restoreChecked(core, actor, fileName, recoveryCode);
  } finally {
    restoring.delete(core);
  }
}

async function restoreChecked(core: AppCore, actor: Actor | null, fileName: string, recoveryCode: string | null): Promise<{ replacedDir: string }> {
  const folder = requireFolder(core);
  const source = join(folder, fileName);
  if (!existsSync(source)) throw new AppError('not_found', '找不到该备份文件', { field: 'file' });
  const current = core.keyMaterial();
  const sidecar = readSidecar(source);
  let key = current.key;
  const olderKey = sidecar?.key !== undefined && sidecar.key.keyCheck !== current.keyCheck;
  if (olderKey && sidecar) {
    if (!recoveryCode) {
      const id = sidecar.key?.recoveryId;
      throw new ValidationError('recoveryCode', id ? `此备份是在更换密钥之前做的，请输入当时的恢复码（编号 ${id}）` : '此备份是在更换密钥之前做的，请输入当时的恢复码');
    }
    key = unsealBackupKey(sidecar, recoveryCode);
  }
  const incoming = join(core.dataDir, 'restore-incoming.db');
  const now = core.context(actor).clock.now();
  const stamp = localStamp(now);
  const replacedDir = uniqueDir(join(core.dataDir, `replaced-${stamp.day}-${stamp.time}`));
  rmSync(incoming, { force: true });
  try {
    copyFileSync(source, incoming);
    chmodSync(incoming, 0o600);
    fsyncFile(incoming);
    try {
      await checkCandidateOffThread(core, actor, incoming, sidecar, olderKey ? key : null);
    } catch (error) {
      if (error instanceof AppError && error.code === 'database_corrupt' && !olderKey && !sidecar?.key) {
        throw new AppError('database_corrupt', '该备份无法用当前密钥打开或已损坏（更换密钥前的备份需用当时的恢复码），未做任何改动');
      }
      throw error;
    }
    if (olderKey) reencrypt(core, incoming, key, current.key);
    core.replaceDatabase((dbFile) => {
      ensurePrivateDir(replacedDir);
      const moved: string[] = [];
      const undo = () => {
        if (existsSync(dbFile)) renameSync(dbFile, incoming);
        for (const suffix of ['-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
        for (const suffix of moved) renameSync(join(replacedDir, basename(dbFile) + suffix), dbFile + suffix);
        try {
          rmdirSync(replacedDir);
        } catch {
          // Not empty: leave it.
        }
      };
      try {
        for (const suffix of ['', '-wal', '-shm']) {
          if (existsSync(dbFile + suffix)) {
            renameSync(dbFile + suffix, join(replacedDir, basename(dbFile) + suffix));
            moved.push(suffix);
          }
        }
        renameSync(incoming, dbFile);
      } catch (error) {
        undo();
        throw error;
      }
      return undo;
    });
  } finally {
    rmSync(incoming, { force: true });
    rmSync(`${incoming}-journal`, { force: true });
  }
  const ctx = core.context(actor);
  ctx.sqlite.transaction(() => {
    appendAudit(ctx, { action: 'backup.restored', detail: { file: fileName, replacedDir: basename(replacedDir), recoveryId: sidecar?.key?.recoveryId ?? null, olderKey } });
  })();
  core.recordAuditAnchor();
  log.info('backup restored', { file: fileName, olderKey });
  return { replacedDir };
}

/** Re-encrypts a checked copy from the key it was made under to the current key (outside WAL; see rekey.ts). */
function reencrypt(core: AppCore, file: string, fromKey: Buffer, toKey: Buffer): void {
  let sqlite: SqliteDb | null = null;
  try {
    sqlite = openReadWrite(file, fromKey, core.nativeBinding);
    rekeyConnection(sqlite, toKey);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite?.close();
  }
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
}

function openReadWrite(file: string, key: Buffer, nativeBinding?: string): SqliteDb {
  const ro = openReadOnly(file, key, nativeBinding);
  ro.close();
  const sqlite = new Database(file, { fileMustExist: true, nativeBinding });
  applyKey(sqlite, key);
  return sqlite;
}

/** The backups a folder (or one file) offers for a recovery code: that code's backups first, newest first. */
function candidatesFor(source: string, code: string): { file: string; sidecar: Sidecar }[] {
  const path = resolve(source);
  let files: string[];
  try {
    if (statSync(path).isDirectory()) {
      files = readdirSync(path)
        .filter((n) => BACKUP_FILE_PATTERN.test(n))
        .sort()
        .reverse()
        .map((n) => join(path, n));
    } else {
      files = [path];
    }
  } catch {
    throw new ValidationError('source', '找不到该文件或文件夹（U盘是否已插好？）');
  }
  const withSidecars = files.map((file) => ({ file, sidecar: readSidecar(file) })).filter((c): c is { file: string; sidecar: Sidecar } => c.sidecar !== null);
  if (withSidecars.length === 0) {
    throw new ValidationError('source', files.length === 0 ? '该文件夹中没有童护的备份（tonghu-日期-时间.db）' : '找不到备份的记录文件（与备份同名的 .json），无法恢复');
  }
  const id = recoveryIdOf(code);
  const matching = withSidecars.filter((c) => c.sidecar.key && (c.sidecar.key.recoveryId === id || c.sidecar.key.recoveryId === null));
  if (matching.length === 0) {
    const ids = [...new Set(withSidecars.map((c) => c.sidecar.key?.recoveryId).filter((x): x is string => typeof x === 'string'))];
    throw new AppError('wrong_key', ids.length > 0 ? `这个恢复码打不开这里的任何备份：这些备份需要编号为 ${ids.join('、')} 的恢复码` : '这里的备份没有附带恢复码密封的密钥，无法在新电脑上恢复', {
      field: 'recoveryCode',
    });
  }
  // Verified ones first (newest first), then the rest: a damaged newest backup falls back to an older one only when asked for by file.
  return [...matching.filter((c) => c.sidecar.verified), ...matching.filter((c) => !c.sidecar.verified)];
}

/**
 * A new computer, or a lost passphrase: from nothing but a backup (file or folder) and the recovery
 * code in force when it was made. The chosen backup is copied into the data folder and checked
 * (checksum, integrity, page check, audit chain against its record, schema) before anything already
 * there moves; then its key is sealed for this machine (the host's keychain, or `passphrase`), keeping
 * the recovery box: the same printed code keeps opening it. Audited in the restored database. The
 * check runs on this thread: no database is open yet, so no request that reads data is being served.
 */
export function restoreFromFile(core: AppCore, input: { source: string; recoveryCode: string; passphrase: string | null }): { file: string; recoveryId: string | null; createdAt: string; children: number; auditRows: number } {
  if (core.phase() === 'ready') throw new AppError('already_initialized', '数据已打开：请在“系统管理 → 备份”中恢复');
  if (core.passphraseRequired && !input.passphrase) throw new ValidationError('passphrase', '请为本机设置新的数据库口令（至少12个字符）');
  const candidates = candidatesFor(input.source, input.recoveryCode);
  let chosen: { file: string; sidecar: Sidecar; key: Buffer } | null = null;
  let lastError: unknown = null;
  for (const c of candidates) {
    try {
      chosen = { ...c, key: unsealBackupKey(c.sidecar, input.recoveryCode) };
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (!chosen) throw lastError;
  ensurePrivateDir(core.dataDir);
  const incoming = join(core.dataDir, 'restore-incoming.db');
  rmSync(incoming, { force: true });
  let verification: BackupVerification;
  try {
    copyFileSync(chosen.file, incoming);
    chmodSync(incoming, 0o600);
    fsyncFile(incoming);
    verification = checkCandidate(core, incoming, chosen.sidecar, chosen.key);
    core.adoptDatabase(incoming, chosen.key, chosen.sidecar.key as RecoveryEnvelope, input.passphrase);
  } finally {
    rmSync(incoming, { force: true });
  }
  const ctx = core.context(null);
  ctx.sqlite.transaction(() => {
    appendAudit(ctx, { action: 'backup.restored', detail: { file: basename(chosen.file), recoveryId: chosen.sidecar.key?.recoveryId ?? null, newComputer: true } });
  })();
  core.recordAuditAnchor();
  log.info('restored from a backup on a fresh data folder', { file: basename(chosen.file) });
  return {
    file: basename(chosen.file),
    recoveryId: chosen.sidecar.key?.recoveryId ?? null,
    createdAt: chosen.sidecar.createdAt,
    children: verification.children ?? 0,
    auditRows: verification.auditHead?.count ?? 0,
  };
}

/**
 * Every anchor of the audit chain this computer can find: the head beside the sealed key (clean
 * shutdown, last backup) and the head in each backup's record. Backups made before the last restore
 * are left out: a restore legitimately goes back to an earlier chain (the restore itself is audited).
 */
export function collectAuditAnchors(core: AppCore): AuditAnchorSource[] {
  const anchors: AuditAnchorSource[] = [];
  const kept = core.auditAnchor();
  if (kept) anchors.push({ source: '密钥文件旁的记录', head: { hash: kept.hash, count: kept.count }, at: kept.at });
  const ctx = core.context(null);
  const lastRestore = (ctx.sqlite.prepare(`SELECT at FROM audit_log WHERE action = 'backup.restored' ORDER BY id DESC LIMIT 1`).get() as { at: string } | undefined)?.at ?? null;
  const { folder } = getBackupSettings(core);
  if (folder && existsSync(folder)) {
    for (const name of readdirSync(folder).filter((n) => BACKUP_FILE_PATTERN.test(n))) {
      const sidecar = readSidecar(join(folder, name));
      if (!sidecar?.auditHead || !sidecar.verified) continue;
      if (lastRestore !== null && sidecar.createdAt < lastRestore) continue;
      anchors.push({ source: `备份 ${name}`, head: sidecar.auditHead, at: sidecar.createdAt });
    }
  }
  return anchors;
}

/** The chain walked from its first row (in a worker thread), then compared with every anchor; the message names where they part. */
export async function verifyAuditWithAnchors(core: AppCore): Promise<{ ok: boolean; firstPartingRow?: number; firstBrokenId?: number; reason?: string }> {
  const chain = await core.workers.run<ReturnType<typeof verifyAuditChain>>('audit.chain', null, null);
  if (!chain.ok) return { ok: false, firstBrokenId: chain.firstBrokenId, reason: `第 ${chain.firstBrokenId} 行${chain.reason}` };
  const compared = compareAuditAnchors(core.context(null).sqlite, collectAuditAnchors(core));
  return compared.ok ? { ok: true } : { ok: false, firstPartingRow: compared.firstPartingRow, reason: compared.message };
}

/**
 * At open: compares the chain with its anchors (a few indexed reads, not a walk of the whole chain: that
 * is audit:verify's and each backup's check) and tells the core what an administrator must see.
 */
export function checkAuditAnchorsAtOpen(core: AppCore): void {
  if (core.phase() !== 'ready') return;
  const compared = compareAuditAnchors(core.context(null).sqlite, collectAuditAnchors(core));
  core.setAuditWarning(compared.ok ? null : `审计记录核对未通过：${compared.message}`);
  if (!compared.ok) log.error('audit chain does not match its anchors', { firstPartingRow: compared.firstPartingRow });
}

/** A dated checkpoint of the audit chain for the supervisor to sign and file; itself audited. */
export async function auditCheckpoint(core: AppCore, actor: Actor | null): Promise<{ hash: string; count: number; at: string; institutionName: string | null; verified: boolean }> {
  const verified = (await verifyAuditWithAnchors(core)).ok;
  const ctx = core.context(actor);
  const head = auditHead(ctx.sqlite);
  const at = ctx.clock.now().toISOString();
  ctx.sqlite.transaction(() => appendAudit(ctx, { action: 'audit.checkpoint', detail: { count: head.count, hash: head.hash, verified } }))();
  return { hash: head.hash, count: head.count, at, institutionName: core.institutionName(), verified };
}

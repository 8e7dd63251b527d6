import { createHash } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
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
import { DatabaseCorruptError, SchemaTooNewError, classifySqliteError } from '../../../db/errors';
import { type SqliteDb, applyKey, ensurePrivateDir, verifyDatabase } from '../../../db/open';
import { BACKUP_FILE_PATTERN, type BackupEntry, type BackupSettings, backupSettingsSchema } from '../../../shared/contract/backup';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import type { AppCore } from '../app/app-core';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../core/context';
import { createLogger } from '../core/logger';
import { getSetting, setSetting } from '../core/settings';

const log = createLogger('backup');

const SETTINGS_KEY = 'backup.settings';
const DEFAULT_BACKUP_SETTINGS: BackupSettings = { folder: null, dailyAt: null, keep: 30 };
const MIGRATIONS_LEDGER = '__tonghu_migrations';

type Sidecar = { version: 1; file: string; createdAt: string; size: number; sha256: string; verified: boolean; problems: string[]; reason: string };

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

export function saveBackupSettings(core: AppCore, actor: Actor | null, input: BackupSettings): BackupSettings {
  const folder = input.folder === null ? null : prepareFolder(input.folder);
  const dataDir = resolve(core.dataDir);
  if (folder && (folder === dataDir || folder.startsWith(`${dataDir}/`))) {
    throw new ValidationError('folder', '备份文件夹不能在数据文件夹之内，请选择另一个位置（最好是另一块磁盘）');
  }
  const settings: BackupSettings = { folder, dailyAt: input.dailyAt, keep: input.keep };
  const ctx = core.context(actor);
  ctx.sqlite.transaction(() => {
    setSetting(ctx, SETTINGS_KEY, settings);
    appendAudit(ctx, { action: 'backup.settingsChanged', detail: { dailyAt: settings.dailyAt, keep: settings.keep, folderSet: folder !== null } });
  })();
  return settings;
}

function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Opens a database file read-only with the key (nothing is written to it). */
function openReadOnly(file: string, key: Buffer, nativeBinding?: string): SqliteDb {
  let sqlite: SqliteDb;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  } catch (error) {
    throw classifySqliteError(error);
  }
  try {
    applyKey(sqlite, key);
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    // integrity_check revisits table pages while checking each index; with SQLite's default 2 MB cache
    // every revisit decrypts and authenticates the page again. 64 MB keeps most of them decrypted.
    sqlite.pragma('cache_size = -65536');
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw classifySqliteError(error);
  }
}

/** integrity_check and foreign_key_check of a backup file under `key`; never throws for a bad file. */
export function verifyBackupFile(file: string, key: Buffer, nativeBinding?: string): { ok: boolean; problems: string[] } {
  let sqlite: SqliteDb;
  try {
    sqlite = openReadOnly(file, key, nativeBinding);
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
  try {
    const integrity = verifyDatabase(sqlite);
    const problems = integrity.ok ? [] : integrity.problems.slice(0, 20);
    const fk = sqlite.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) problems.push(`foreign_key_check: ${fk.length} 处外键不一致`);
    return { ok: problems.length === 0, problems };
  } catch (error) {
    const classified = classifySqliteError(error);
    return { ok: false, problems: [classified instanceof Error ? classified.message : String(classified)] };
  } finally {
    sqlite.close();
  }
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

function listIn(folder: string): BackupEntry[] {
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
      };
    });
}

export function listBackups(core: AppCore): { folder: string | null; entries: BackupEntry[] } {
  const { folder } = getBackupSettings(core);
  return { folder, entries: folder ? listIn(folder) : [] };
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

/**
 * A backup now: `VACUUM INTO` a timestamped file in the folder (same key, so it is as encrypted as
 * the live database), reopened read-only for integrity_check and foreign_key_check, the result in a
 * sidecar JSON (date, size, sha256, verified); then the oldest beyond `keep` are removed. Audited.
 */
export function runBackup(core: AppCore, actor: Actor | null, reason: 'manual' | 'scheduled' = 'manual'): BackupEntry {
  const settings = getBackupSettings(core);
  const folder = requireFolder(core);
  const ctx = core.context(actor);
  const { key } = core.keyMaterial();
  const now = ctx.clock.now();
  const stamp = localStamp(now);
  let name = `tonghu-${stamp.day}-${stamp.time}.db`;
  for (let n = 2; existsSync(join(folder, name)); n += 1) name = `tonghu-${stamp.day}-${stamp.time}-${n}.db`;
  const target = join(folder, name);
  const partial = join(folder, `.${name}.partial`);
  rmSync(partial, { force: true });
  try {
    ctx.sqlite.prepare('VACUUM INTO ?').run(partial);
    chmodSync(partial, 0o600);
    fsyncFile(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    const classified = classifySqliteError(error);
    if (classified instanceof Error && classified !== error) throw classified;
    throw new AppError('internal', '备份未能写入该文件夹（磁盘已满或已拔出？），现有数据不受影响');
  }
  const verification = verifyBackupFile(partial, key, core.nativeBinding);
  const size = statSync(partial).size;
  const sidecar: Sidecar = {
    version: 1,
    file: name,
    createdAt: now.toISOString(),
    size,
    sha256: sha256File(partial),
    verified: verification.ok,
    problems: verification.problems,
    reason,
  };
  renameSync(partial, target);
  writeFileSync(`${target}.json`, JSON.stringify(sidecar, null, 2), { mode: 0o600 });
  chmodSync(`${target}.json`, 0o600);
  const removed = prune(folder, settings.keep);
  ctx.sqlite.transaction(() => {
    appendAudit(ctx, { action: 'backup.created', detail: { file: name, size, verified: verification.ok, reason, pruned: removed.length } });
  })();
  if (!verification.ok) log.warn('backup failed verification', { file: name, problems: verification.problems.length });
  else log.info('backup made', { file: name, size });
  return { file: name, createdAt: sidecar.createdAt, size, sha256: sidecar.sha256, verified: sidecar.verified, problems: sidecar.problems };
}

/** Runs the daily backup when its time has come today and no backup of today exists yet. */
export function runDueBackup(core: AppCore, now: Date): BackupEntry | null {
  if (core.phase() !== 'ready') return null;
  const settings = getBackupSettings(core);
  if (!settings.folder || !settings.dailyAt) return null;
  const stamp = localStamp(now);
  if (stamp.hhmm < settings.dailyAt) return null;
  if (existsSync(settings.folder) && readdirSync(settings.folder).some((n) => BACKUP_FILE_PATTERN.test(n) && n.startsWith(`tonghu-${stamp.day}-`))) return null;
  return runBackup(core, null, 'scheduled');
}

function migrationTags(sqlite: SqliteDb): string[] {
  const exists = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATIONS_LEDGER);
  if (!exists) return [];
  return (sqlite.prepare(`SELECT tag FROM ${MIGRATIONS_LEDGER} ORDER BY idx`).all() as { tag: string }[]).map((r) => r.tag);
}

/** Checks a candidate restore file before anything moves: opens with the current key, integrity, schema. */
function checkRestoreCandidate(core: AppCore, file: string, key: Buffer): void {
  let sqlite: SqliteDb;
  try {
    sqlite = openReadOnly(file, key, core.nativeBinding);
  } catch (error) {
    if (error instanceof DatabaseCorruptError) {
      throw new AppError('database_corrupt', '该备份无法用当前密钥打开或已损坏（更换密钥前的备份需用旧密钥），未做任何改动');
    }
    throw error;
  }
  try {
    const integrity = verifyDatabase(sqlite);
    if (!integrity.ok) throw new AppError('database_corrupt', '该备份未通过完整性检查，未做任何改动', { details: { problems: integrity.problems.slice(0, 5) } });
    const known = new Set(core.migrations.map((m) => m.tag));
    const unknown = migrationTags(sqlite).filter((t) => !known.has(t));
    if (unknown.length > 0) throw new SchemaTooNewError(unknown);
  } catch (error) {
    const classified = classifySqliteError(error);
    if (classified instanceof DatabaseCorruptError) throw new AppError('database_corrupt', '该备份已损坏，未做任何改动');
    throw classified;
  } finally {
    sqlite.close();
  }
}

/**
 * Replaces the live database by a backup. The backup is copied into the data folder and checked
 * (current key, integrity_check, not newer than this app) before anything moves; then the live
 * database (and -wal/-shm) is moved to `replaced-<time>/` (never deleted), the copy takes its place
 * and is opened (pending migrations apply). Any failure puts the original back. Audited in the
 * restored database. The caller ends every session.
 */
export function restoreBackup(core: AppCore, actor: Actor | null, fileName: string): { replacedDir: string } {
  if (!BACKUP_FILE_PATTERN.test(fileName) || basename(fileName) !== fileName) throw new ValidationError('file', '不是童护的备份文件名');
  const folder = requireFolder(core);
  const source = join(folder, fileName);
  if (!existsSync(source)) throw new AppError('not_found', '找不到该备份文件', { field: 'file' });
  const { key } = core.keyMaterial();
  const sidecar = readSidecar(source);
  const incoming = join(core.dataDir, 'restore-incoming.db');
  const now = core.context(actor).clock.now();
  const stamp = localStamp(now);
  let replacedDir = join(core.dataDir, `replaced-${stamp.day}-${stamp.time}`);
  for (let n = 2; existsSync(replacedDir); n += 1) replacedDir = join(core.dataDir, `replaced-${stamp.day}-${stamp.time}-${n}`);
  rmSync(incoming, { force: true });
  try {
    copyFileSync(source, incoming);
    chmodSync(incoming, 0o600);
    fsyncFile(incoming);
    if (sidecar && sidecar.sha256 !== sha256File(incoming)) {
      throw new AppError('database_corrupt', '该备份文件与备份时的记录不符（已被改动或损坏），未做任何改动');
    }
    checkRestoreCandidate(core, incoming, key);
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
  }
  const ctx = core.context(actor);
  ctx.sqlite.transaction(() => {
    appendAudit(ctx, { action: 'backup.restored', detail: { file: fileName, replacedDir: basename(replacedDir) } });
  })();
  log.info('backup restored', { file: fileName });
  return { replacedDir };
}

import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../../db/schema';
import { DatabaseCorruptError, SchemaTooNewError, WrongKeyError } from '../../../db/errors';
import { type Migration, readMigrations } from '../../../db/migrate';
import { type OpenedDatabase, applyKey, ensurePrivateDir, openDatabase } from '../../../db/open';
import type { AppStatus } from '../../../shared/contract/app';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import type { Clock } from '../core/clock';
import type { Actor, ServiceContext } from '../core/context';
import { keyCheckValue } from '../../../db/key-check';
import { type AuditAnchor, type KeySealer, type RecoveryEnvelope, createKeyStore, passphraseSealer } from '../keys/key-store';
import { auditHead, missingAuditTriggers } from '../audit/audit';
import { createLogger } from '../core/logger';
import { type RekeyHooks, rekeyConnection } from '../keys/rekey';
import { getSetting, setSetting } from '../core/settings';
import { backfillNamePinyin } from '../record/pinyin-backfill';
import { createUser } from '../users/users';
import { type WorkerPool, createWorkerPool } from '../core/worker-pool';
import { checkDatabaseFile } from './database-check';

const log = createLogger('app-core');

export const DB_FILE = 'tonghu.db';
export const KEYSTORE_FILE = 'keystore.json';

/** The open database failed its check: served read-only, every write refused, the file never changed. */
export type Damage = { at: string; problems: string[]; message: string };

export { checkDatabaseFile } from './database-check';

/** The app's version (package.json beside db/), recorded in each backup. */
function readAppVersion(migrationsDir: string): string {
  try {
    return (JSON.parse(readFileSync(resolve(migrationsDir, '..', '..', 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

type DemoLoader = (ctx: ServiceContext, options: { children: number }) => void;

export type AppCoreOptions = {
  dataDir: string;
  keyMode: AppStatus['keyMode'];
  /** A sealer available without asking the person (safeStorage, or the host's passphrase). */
  sealer: KeySealer | null;
  clock: Clock;
  migrationsDir: string;
  nativeBinding?: string;
  demoLoader?: DemoLoader;
  demoChildren?: number;
  /** Called each time the database has been opened (start-up, unlock, set-up, reopen after a restore). */
  onOpened?: (db: OpenedDatabase) => void;
};

type SetupInput = {
  institutionName: string;
  displayName: string;
  username: string;
  password: string;
  passphrase: string | null;
  loadDemo: boolean;
};

type Phase = AppStatus['phase'];
type Problem = AppStatus['problem'];

/** The application's life: first run, unlocking the key, the open database. Shared by Electron and the browser host. */
export type AppCore = {
  dataDir: string;
  phase: () => Phase;
  problem: () => Problem;
  keyMode: AppStatus['keyMode'];
  passphraseRequired: boolean;
  institutionName: () => string | null;
  /** A context for services; throws `not_ready` until the database is open. */
  context: (actor: Actor | null) => ServiceContext;
  opened: () => OpenedDatabase | null;
  setup: (input: SetupInput) => { recoveryCode: string };
  /** With the recovery code, `newPassphrase` (where no keychain exists) becomes this machine's new key protection. */
  unlock: (method: 'passphrase' | 'recoveryCode', secret: string, newPassphrase?: string | null) => void;
  close: () => void;
  migrations: Migration[];
  nativeBinding?: string;
  dbFile: string;
  /** The key the open database is under, with its check value (main process only; never crosses IPC). */
  keyMaterial: () => { key: Buffer; keyCheck: string };
  /** Whether the current recovery code may never have been shown (an interrupted key change finished at start). */
  recoveryUnseen: () => boolean;
  /**
   * Closes the database, lets `swap` change the files (it returns how to undo that), and opens the
   * database again with the same key. If the swap or the reopen fails, the undo runs and the original
   * database is opened again before the error is rethrown.
   */
  replaceDatabase: (swap: (dbFile: string) => () => void) => void;
  /** A new random key: rekey the database and the key store; returns the new recovery code (shown once). See rekey.ts. */
  changeKey: (hooks?: RekeyHooks) => { recoveryCode: string };
  /** Worker threads for long reads, each on its own read-only connection with the key (worker-pool.ts). */
  workers: WorkerPool;
  appVersion: string;
  /** The key sealed by the current recovery code (what each backup carries). */
  recoveryEnvelope: () => RecoveryEnvelope;
  /**
   * Puts a checked database file (`incoming`, under `key`) in place of whatever the data folder holds
   * (moved to `replaced-<time>/`, never deleted), seals the key for this machine with `sealer` (or the
   * host's) keeping the recovery box, and opens it. For a restore on a new computer or a lost passphrase.
   */
  adoptDatabase: (incoming: string, key: Buffer, envelope: RecoveryEnvelope, passphrase: string | null) => { replacedDir: string | null };
  /** The recovery code not yet confirmed as saved (sealed in the key store until then), or null. */
  unconfirmedRecoveryCode: () => string | null;
  confirmRecoveryCode: () => void;
  /** Set when the database failed its check at open or in the daily check: it is served read-only. */
  damage: () => Damage | null;
  /** Runs the full check now (daily) in a worker thread; on damage, reopens read-only. */
  runFullCheck: () => Promise<{ ok: boolean; problems: string[] }>;
  /** The audit head last recorded beside the sealed key (clean shutdown, backup). */
  auditAnchor: () => AuditAnchor | null;
  recordAuditAnchor: () => void;
  /** What comparing the audit chain with its anchors found at open (set by the host), or null. */
  auditWarning: () => string | null;
  setAuditWarning: (message: string | null) => void;
};

/** The append-only triggers of the audit trail are gone or altered: the app refuses to start on that database. */
export class AuditTriggersMissingError extends Error {
  constructor(readonly triggers: string[]) {
    super(`审计记录的防篡改触发器缺失或被改动（${triggers.join('、')}），有人绕过程序改动了数据库。程序拒绝打开此数据库，请联系管理员从备份恢复，并保留当前数据文件夹以供核查。`);
    this.name = 'AuditTriggersMissingError';
  }
}

/** Creates the core and tries to open an existing database with the sealer at hand. */
export function createAppCore(options: AppCoreOptions): AppCore {
  const dbFile = join(options.dataDir, DB_FILE);
  /** A copy of the database (under the old key) kept only while a key change is under way. */
  const preRekeyFile = `${dbFile}.pre-rekey`;
  const keyStore = createKeyStore(join(options.dataDir, KEYSTORE_FILE));
  const migrations = readMigrations(options.migrationsDir);
  let opened: OpenedDatabase | null = null;
  let phase: Phase = 'setup';
  let problem: Problem = null;
  let institutionName: string | null = null;
  let current: { key: Buffer; keyCheck: string } | null = null;
  /** The sealer the key was last unsealed with (the host's, or the passphrase typed in): used to seal a new key. */
  let activeSealer: KeySealer | null = options.sealer;

  let damage: Damage | null = null;
  let auditWarning: string | null = null;

  /** Whether the last run ended with close() and nothing touched the file since (size and mtime as recorded). */
  const stoppedCleanly = (): boolean => {
    try {
      const marker = keyStore.readCleanShutdown();
      if (!marker) return false;
      const st = statSync(dbFile);
      return marker.size === st.size && marker.mtimeMs === st.mtimeMs && !existsSync(`${dbFile}-wal`);
    } catch {
      return false;
    }
  };

  /** The damaged database, read-only: reads work, every write fails (SQLITE_READONLY), nothing is written. */
  const openDamaged = (key: Buffer, keyCheck: string, problems: string[]): void => {
    const sqlite = new Database(dbFile, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
    applyKey(sqlite, key);
    sqlite.pragma('busy_timeout = 5000');
    const db = drizzle(sqlite, { schema });
    opened = { db, sqlite, file: dbFile, migrations: { applied: [], alreadyApplied: 0 }, close: () => sqlite.open && sqlite.close() };
    current = { key, keyCheck };
    damage = {
      at: options.clock.now().toISOString(),
      problems,
      // Plain Chinese for staff: what was found, that it is open read-only, how to restore. The check's own
      // (English, technical) output stays in `problems` and the log, never in this sentence.
      message: `数据库文件检查发现损坏（共 ${problems.length} 处问题，详情已记入程序日志）。为保护数据，程序以只读方式打开，不接受任何修改，文件未被改动。请由管理员从最近一次通过校验的备份恢复（系统管理 → 备份 → 恢复，或在新安装时选择“从备份恢复”）。`,
    };
    try {
      institutionName = getSetting(opened, 'institutionName', null as string | null);
    } catch {
      institutionName = null;
    }
    phase = 'ready';
    problem = null;
    log.error('database damaged: opened read-only', { problems: problems.length, found: problems.slice(0, 10).map((p) => p.slice(0, 200)) });
  };

  const open = (key: Buffer, keyCheck: string | null): void => {
    damage = null;
    if (keyCheck !== null && existsSync(dbFile) && !stoppedCleanly()) {
      // The quick check stays on this thread: it runs before the database is open (start-up, unlock),
      // when no request that reads data can be served, and the worker pool only serves an open database.
      const check = checkDatabaseFile(dbFile, key, options.nativeBinding);
      if (!check.ok) {
        const notADatabase = check.problems.some((p) => p.startsWith('SQLITE_NOTADB'));
        // During an interrupted key change a page check under one key fails by design: the key-change
        // recovery (unlockAndOpen) decides which key the file is under, so report it as unreadable.
        if (keyStore.hasPending()) throw new DatabaseCorruptError(undefined, check.problems[0]);
        if (!notADatabase) {
          openDamaged(key, keyCheck, check.problems);
          return;
        }
      }
    }
    opened = openDatabase({ file: dbFile, key, keyCheck, migrations, nativeBinding: options.nativeBinding });
    const missing = missingAuditTriggers(opened.sqlite);
    if (missing.length > 0) {
      opened.sqlite.close();
      opened = null;
      throw new AuditTriggersMissingError(missing);
    }
    const repinyined = backfillNamePinyin(opened);
    if (repinyined > 0) log.info('recomputed stored name pinyin', { children: repinyined });
    keyStore.writeCleanShutdown(null);
    current = { key, keyCheck: keyCheck ?? keyCheckValue(key) };
    institutionName = getSetting(opened, 'institutionName', null as string | null);
    phase = 'ready';
    problem = null;
    options.onOpened?.(opened);
  };

  const fail = (error: unknown): void => {
    if (error instanceof WrongKeyError) {
      phase = 'unlock';
      problem = { code: 'wrong_key', message: error.message };
    } else if (error instanceof DatabaseCorruptError) {
      phase = 'error';
      problem = { code: 'database_corrupt', message: error.message };
    } else if (error instanceof SchemaTooNewError) {
      phase = 'error';
      problem = { code: 'schema_too_new', message: error.message };
    } else if (error instanceof AuditTriggersMissingError) {
      phase = 'error';
      problem = { code: 'audit_triggers_missing', message: error.message };
    } else {
      throw error;
    }
    log.warn('database not opened', { code: problem.code });
  };

  /**
   * Opens the database with the stored key, or — when a key change was interrupted (keystore.json.new
   * still beside keystore.json) — with whichever of the two keys the database is under: the old key
   * first (drop the new key store), then the new one (commit it), and when neither reads the file
   * (killed inside the rekey) the pre-rekey copy is put back. The full account is in rekey.ts.
   */
  /**
   * After an interrupted key change was resolved by opening with one of the keys (the database is back in
   * WAL mode, which never reads a rollback journal), a journal the rekey left behind is stale; it is put
   * aside rather than left where a later switch to rollback mode could mistake it for a hot journal.
   */
  const setAsideStaleJournal = (): void => {
    const journal = `${dbFile}-journal`;
    if (!existsSync(journal)) return;
    const aside = join(options.dataDir, `replaced-interrupted-rekey-${options.clock.now().getTime()}`);
    ensurePrivateDir(aside);
    renameSync(journal, join(aside, `${DB_FILE}-journal`));
    log.warn('set aside the rollback journal an interrupted key change left behind');
  };

  const unlockAndOpen = (unsealCurrent: () => { key: Buffer; keyCheck: string }, unsealPending: () => { key: Buffer; keyCheck: string }): { key: Buffer } => {
    const unlocked = unsealCurrent();
    if (!keyStore.hasPending()) {
      open(unlocked.key, unlocked.keyCheck);
      rmSync(preRekeyFile, { force: true });
      return unlocked;
    }
    try {
      open(unlocked.key, unlocked.keyCheck);
      keyStore.discardPending();
      rmSync(preRekeyFile, { force: true });
      setAsideStaleJournal();
      log.warn('dropped an interrupted key change: the database is still under the old key');
      return unlocked;
    } catch (error) {
      if (!(error instanceof DatabaseCorruptError)) throw error;
      let pending: { key: Buffer; keyCheck: string } | null = null;
      try {
        pending = unsealPending();
      } catch {
        pending = null;
      }
      if (pending) {
        try {
          open(pending.key, pending.keyCheck);
          keyStore.commitPending({ recoveryUnseen: true });
          rmSync(preRekeyFile, { force: true });
          setAsideStaleJournal();
          log.warn('finished an interrupted key change: the database is under the new key');
          return pending;
        } catch {
          // Neither key reads it: killed inside the rekey itself. Fall back to the copy made before it.
        }
      }
      // Only when both keys were tried (the secret given unseals the new key too) is the copy put back;
      // otherwise (e.g. the old recovery code typed) the folder is left exactly as it is.
      if (!pending || !existsSync(preRekeyFile)) throw error;
      const aside = join(options.dataDir, `replaced-interrupted-rekey-${options.clock.now().getTime()}`);
      ensurePrivateDir(aside);
      for (const suffix of ['', '-journal', '-wal', '-shm']) {
        if (existsSync(dbFile + suffix)) renameSync(dbFile + suffix, join(aside, DB_FILE + suffix));
      }
      copyFileSync(preRekeyFile, dbFile);
      open(unlocked.key, unlocked.keyCheck);
      // The new key store goes aside with the half-rekeyed file it belongs to (never deleted).
      renameSync(keyStore.pendingFile, join(aside, `${KEYSTORE_FILE}.new`));
      rmSync(preRekeyFile, { force: true });
      log.warn('an interrupted key change was undone from the copy made before it; the half-rekeyed file is kept aside');
      return unlocked;
    }
  };

  const init = (): void => {
    if (!keyStore.exists()) {
      if (existsSync(dbFile)) {
        phase = 'error';
        problem = { code: 'keystore_missing', message: '数据文件存在但缺少密钥文件（keystore.json）：请用“从备份恢复”（备份文件夹和打印的恢复码），或从原电脑复制完整的数据文件夹' };
        return;
      }
      phase = 'setup';
      return;
    }
    if (!options.sealer) {
      phase = 'unlock';
      problem = { code: 'no_passphrase', message: '请输入数据库口令或恢复码以打开数据' };
      return;
    }
    const sealer = options.sealer;
    try {
      unlockAndOpen(
        () => keyStore.unlock(sealer),
        () => keyStore.unlockPending(sealer),
      );
    } catch (error) {
      fail(error);
    }
  };

  init();

  const workers = createWorkerPool({
    database: () => (opened && current && phase === 'ready' ? { file: dbFile, key: current.key, nativeBinding: options.nativeBinding } : null),
    clock: options.clock,
  });

  const core: AppCore = {
    workers,
    dataDir: options.dataDir,
    keyMode: options.keyMode,
    passphraseRequired: options.sealer === null,
    migrations,
    phase: () => phase,
    problem: () => problem,
    institutionName: () => institutionName,
    opened: () => opened,
    context: (actor) => {
      if (!opened || phase !== 'ready') throw new AppError('not_ready', '数据库尚未打开');
      return { db: opened.db, sqlite: opened.sqlite, clock: options.clock, actor };
    },
    setup: (input) => {
      if (phase !== 'setup' || keyStore.exists() || existsSync(dbFile)) throw new AppError('already_initialized', '本机已完成初始设置');
      let sealer = options.sealer;
      if (!sealer) {
        if (!input.passphrase) throw new ValidationError('passphrase', '请设置数据库口令（本机没有安全的系统钥匙串）');
        sealer = passphraseSealer(input.passphrase);
      }
      activeSealer = sealer;
      ensurePrivateDir(options.dataDir);
      const created = keyStore.create(sealer);
      try {
        open(created.key, null);
        const ctx = core.context(null);
        ctx.sqlite.transaction(() => {
          setSetting(ctx, 'institutionName', input.institutionName);
        })();
        institutionName = input.institutionName;
        createUser(ctx, {
          username: input.username,
          displayName: input.displayName,
          password: input.password,
          roles: ['administrator', 'caseworker'],
        });
        if (input.loadDemo && options.demoLoader) options.demoLoader(ctx, { children: options.demoChildren ?? 200 });
      } catch (error) {
        // Nothing of value exists yet: remove the half-made key and database so set-up can be retried.
        opened?.close();
        opened = null;
        for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, keyStore.file]) rmSync(f, { force: true });
        phase = 'setup';
        throw error;
      }
      return { recoveryCode: created.recoveryCode };
    },
    unlock: (method, secret, newPassphrase = null) => {
      if (phase === 'ready') return;
      if (!keyStore.exists()) throw new AppError('not_ready', '没有可解锁的数据');
      try {
        const typed = method === 'passphrase' ? passphraseSealer(secret) : null;
        const unlocked = typed
          ? unlockAndOpen(
              () => keyStore.unlock(typed),
              () => keyStore.unlockPending(typed),
            )
          : unlockAndOpen(
              () => keyStore.unlockWithRecoveryCode(secret),
              () => keyStore.unlockPendingWithRecoveryCode(secret),
            );
        if (typed) activeSealer = typed;
        if (method === 'recoveryCode' && options.sealer) keyStore.reseal(unlocked.key, options.sealer);
        else if (method === 'recoveryCode' && newPassphrase) {
          // A lost passphrase: the recovery code opened the data, a new passphrase protects it from now on.
          const sealer = passphraseSealer(newPassphrase);
          keyStore.reseal(unlocked.key, sealer);
          activeSealer = sealer;
        }
      } catch (error) {
        if (error instanceof WrongKeyError) {
          throw new AppError('wrong_key', method === 'passphrase' ? '口令不正确，数据未被改动' : '恢复码不正确，数据未被改动', { field: 'secret' });
        }
        fail(error);
        throw new AppError(problem?.code === 'schema_too_new' ? 'schema_too_new' : 'database_corrupt', problem?.message ?? '无法打开数据库');
      }
    },
    close: () => {
      void workers.close();
      const wasOpen = opened !== null && damage === null && phase === 'ready';
      if (wasOpen) {
        try {
          core.recordAuditAnchor();
        } catch (error) {
          log.warn('audit anchor not recorded at shutdown', { message: String((error as Error)?.message ?? error).slice(0, 200) });
        }
      }
      opened?.close();
      opened = null;
      // A clean shutdown: the next start skips the page check unless the file changed since.
      if (wasOpen && existsSync(dbFile) && !existsSync(`${dbFile}-wal`)) {
        const st = statSync(dbFile);
        keyStore.writeCleanShutdown({ size: st.size, mtimeMs: st.mtimeMs, at: options.clock.now().toISOString() });
      }
    },
    nativeBinding: options.nativeBinding,
    dbFile,
    keyMaterial: () => {
      if (!current || phase !== 'ready') throw new AppError('not_ready', '数据库尚未打开');
      return current;
    },
    recoveryUnseen: () => keyStore.exists() && keyStore.recoveryUnseen(),
    replaceDatabase: (swap) => {
      if (!opened || !current || phase !== 'ready') throw new AppError('not_ready', '数据库尚未打开');
      const { key, keyCheck } = current;
      opened.close();
      opened = null;
      let undo: (() => void) | null = null;
      try {
        undo = swap(dbFile);
        open(key, keyCheck);
      } catch (error) {
        try {
          (opened as OpenedDatabase | null)?.close();
        } catch {
          // The failed database is closed as far as it can be; the original is what matters now.
        }
        opened = null;
        if (undo) undo();
        try {
          open(key, keyCheck);
        } catch (reopenError) {
          fail(reopenError);
        }
        throw error;
      }
    },
    changeKey: (hooks) => {
      if (!opened || !current || phase !== 'ready') throw new AppError('not_ready', '数据库尚未打开');
      if (!activeSealer) throw new AppError('not_ready', '本次是用恢复码打开的，请先用数据库口令重新打开程序，再更换密钥');
      const newKey = randomBytes(32);
      // 1. The new key, sealed and with a new recovery code, beside the current key store.
      // 1. A copy of the whole database under the old key: a rekey killed half-way leaves a file that
      //    neither key reads, and the next start puts this copy back.
      opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      copyFileSync(dbFile, preRekeyFile);
      const fd = openSync(preRekeyFile, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      // 2. The new key, sealed and with a new recovery code, beside the current key store.
      const prepared = keyStore.preparePending(newKey, activeSealer);
      hooks?.afterPrepare?.();
      // 3. The database itself (outside WAL); on failure it is still under the old key.
      try {
        rekeyConnection(opened.sqlite, newKey);
      } catch (error) {
        keyStore.discardPending();
        rmSync(preRekeyFile, { force: true });
        throw error;
      }
      current = { key: newKey, keyCheck: prepared.keyCheck };
      hooks?.afterRekey?.();
      // 4. The new key store replaces the old one. Should this fail, the next start finishes it.
      keyStore.commitPending();
      rmSync(preRekeyFile, { force: true });
      log.info('database key changed');
      return { recoveryCode: prepared.recoveryCode };
    },
    appVersion: readAppVersion(options.migrationsDir),
    recoveryEnvelope: () => keyStore.envelope(),
    adoptDatabase: (incoming, key, envelope, passphrase) => {
      if (phase === 'ready') throw new AppError('already_initialized', '数据已打开：请在“系统管理 → 备份”中恢复');
      let sealer = options.sealer;
      if (!sealer) {
        if (!passphrase) throw new ValidationError('passphrase', '请为本机设置新的数据库口令（至少12个字符）');
        sealer = passphraseSealer(passphrase);
      }
      ensurePrivateDir(options.dataDir);
      opened?.close();
      opened = null;
      let replacedDir: string | null = null;
      const present = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, `${DB_FILE}-journal`, `${DB_FILE}.pre-rekey`, KEYSTORE_FILE, `${KEYSTORE_FILE}.new`].filter((f) =>
        existsSync(join(options.dataDir, f)),
      );
      if (present.length > 0) {
        replacedDir = join(options.dataDir, `replaced-before-restore-${options.clock.now().getTime()}`);
        ensurePrivateDir(replacedDir);
        for (const f of present) renameSync(join(options.dataDir, f), join(replacedDir, f));
      }
      renameSync(incoming, dbFile);
      keyStore.adopt(key, sealer, envelope);
      activeSealer = sealer;
      try {
        open(key, envelope.keyCheck);
      } catch (error) {
        fail(error);
        throw error;
      }
      log.info('database adopted from a backup', { replaced: replacedDir ? basename(replacedDir) : null });
      return { replacedDir };
    },
    unconfirmedRecoveryCode: () => {
      if (!keyStore.exists()) return null;
      const sealer = activeSealer ?? options.sealer;
      return sealer ? keyStore.unconfirmedCode(sealer) : null;
    },
    confirmRecoveryCode: () => keyStore.confirmCode(),
    damage: () => damage,
    runFullCheck: async () => {
      if (!opened || !current || phase !== 'ready') throw new AppError('not_ready', '数据库尚未打开');
      if (damage) return { ok: false, problems: damage.problems };
      const checking = opened;
      const { key, keyCheck } = current;
      opened.sqlite.pragma('wal_checkpoint(PASSIVE)');
      // integrity_check reads every page (seconds at 10,000 children): in a worker on its own read-only
      // connection, so every desk is served meanwhile.
      const result = await workers.run<{ ok: boolean; problems: string[] }>('database.check', { full: true }, null);
      // Judge only the database the worker read: it may have been closed, restored or rekeyed meanwhile.
      if (!result.ok && opened === checking && current?.keyCheck === keyCheck && damage === null) {
        // The writer stops here: nothing more is written to a file found damaged.
        checking.sqlite.close();
        opened = null;
        openDamaged(key, keyCheck, result.problems);
      }
      return result;
    },
    auditAnchor: () => (keyStore.exists() ? keyStore.readAnchor() : null),
    recordAuditAnchor: () => {
      if (!opened || damage) return;
      keyStore.writeAnchor({ ...auditHead(opened.sqlite), at: options.clock.now().toISOString() });
    },
    auditWarning: () => auditWarning,
    setAuditWarning: (message) => {
      auditWarning = message;
    },
  };
  return core;
}

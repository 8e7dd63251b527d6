import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseCorruptError, SchemaTooNewError, WrongKeyError } from '../../../db/errors';
import { type Migration, readMigrations } from '../../../db/migrate';
import { type OpenedDatabase, ensurePrivateDir, openDatabase } from '../../../db/open';
import type { AppStatus } from '../../../shared/contract/app';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import type { Clock } from '../core/clock';
import type { Actor, ServiceContext } from '../core/context';
import { keyCheckValue } from '../../../db/key-check';
import { type KeySealer, createKeyStore, passphraseSealer } from '../keys/key-store';
import { createLogger } from '../core/logger';
import { type RekeyHooks, rekeyConnection } from '../keys/rekey';
import { getSetting, setSetting } from '../core/settings';
import { createUser } from '../users/users';
import { type WorkerPool, createWorkerPool } from '../core/worker-pool';

const log = createLogger('app-core');

export const DB_FILE = 'tonghu.db';
export const KEYSTORE_FILE = 'keystore.json';

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
  unlock: (method: 'passphrase' | 'recoveryCode', secret: string) => void;
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
};

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

  const open = (key: Buffer, keyCheck: string | null): void => {
    opened = openDatabase({ file: dbFile, key, keyCheck, migrations, nativeBinding: options.nativeBinding });
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
        problem = { code: 'keystore_missing', message: '数据文件存在但缺少密钥文件（keystore.json），请从原电脑复制完整的数据文件夹' };
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
    unlock: (method, secret) => {
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
      opened?.close();
      opened = null;
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
  };
  return core;
}

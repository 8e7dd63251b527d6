import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseCorruptError, SchemaTooNewError, WrongKeyError } from '../../db/errors';
import { type Migration, readMigrations } from '../../db/migrate';
import { type OpenedDatabase, ensurePrivateDir, openDatabase } from '../../db/open';
import type { AppStatus } from '../../shared/contract/app';
import { AppError, ValidationError } from '../../shared/contract/errors';
import type { Clock } from './clock';
import type { Actor, ServiceContext } from './context';
import { type KeySealer, createKeyStore, passphraseSealer } from './key-store';
import { createLogger } from './logger';
import { getSetting, setSetting } from './settings';
import { createUser } from './users';

const log = createLogger('app-core');

export const DB_FILE = 'tonghu.db';
export const KEYSTORE_FILE = 'keystore.json';

export type DemoLoader = (ctx: ServiceContext, options: { children: number }) => void;

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
};

export type SetupInput = {
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
};

/** Creates the core and tries to open an existing database with the sealer at hand. */
export function createAppCore(options: AppCoreOptions): AppCore {
  const dbFile = join(options.dataDir, DB_FILE);
  const keyStore = createKeyStore(join(options.dataDir, KEYSTORE_FILE));
  const migrations = readMigrations(options.migrationsDir);
  let opened: OpenedDatabase | null = null;
  let phase: Phase = 'setup';
  let problem: Problem = null;
  let institutionName: string | null = null;

  const open = (key: Buffer, keyCheck: string | null): void => {
    opened = openDatabase({ file: dbFile, key, keyCheck, migrations, nativeBinding: options.nativeBinding });
    institutionName = getSetting(opened, 'institutionName', null as string | null);
    phase = 'ready';
    problem = null;
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
    try {
      const { key, keyCheck } = keyStore.unlock(options.sealer);
      open(key, keyCheck);
    } catch (error) {
      fail(error);
    }
  };

  init();

  const core: AppCore = {
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
        const unlocked = method === 'passphrase' ? keyStore.unlock(passphraseSealer(secret)) : keyStore.unlockWithRecoveryCode(secret);
        open(unlocked.key, unlocked.keyCheck);
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
      opened?.close();
      opened = null;
    },
  };
  return core;
}

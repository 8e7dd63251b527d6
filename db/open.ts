import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { DatabaseCorruptError, WrongKeyError, classifySqliteError } from './errors';
import { keyMatchesCheck } from './key-check';
import { type Migration, type MigrationReport, runMigrations } from './migrate';
import * as schema from './schema';

type Schema = typeof schema;
export type Db = BetterSQLite3Database<Schema>;
export type SqliteDb = Database.Database;

export type OpenedDatabase = {
  db: Db;
  sqlite: SqliteDb;
  file: string;
  migrations: MigrationReport;
  close: () => void;
};

type OpenOptions = {
  file: string;
  /** The raw 32-byte database key. */
  key: Buffer;
  /**
   * The key check value stored beside the wrapped key; null only when creating a new database.
   * With it, a key that does not match is a WrongKeyError before the file is touched, and a file
   * that will not decrypt under the right key is a DatabaseCorruptError.
   */
  keyCheck: string | null;
  migrations: Migration[];
  /** Path to a native driver build (the Electron build is kept apart from the Node one). */
  nativeBinding?: string;
};

const REQUIRED_PRAGMAS = { journal_mode: 'wal', synchronous: 2, foreign_keys: 1 } as const;

/** Creates a folder readable by its owner only. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Applies the cipher settings and the raw key: the first statements on any connection. */
export function applyKey(sqlite: SqliteDb, key: Buffer): void {
  if (key.length !== 32) throw new Error('database key must be 32 bytes');
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  sqlite.pragma(`key="x'${key.toString('hex')}'"`);
}

function restrictFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    const f = file + suffix;
    if (existsSync(f)) chmodSync(f, 0o600);
  }
}

/** Opens a connection with the key and checks that page 1 decrypts; classifies failures. */
export function openConnection(file: string, key: Buffer, keyCheck: string | null, nativeBinding?: string): SqliteDb {
  if (keyCheck !== null && !keyMatchesCheck(key, keyCheck)) throw new WrongKeyError();
  const exists = existsSync(file);
  if (!exists && keyCheck !== null) throw new DatabaseCorruptError('数据库文件不存在（密钥存在但数据文件缺失）');
  if (exists && keyCheck === null) throw new WrongKeyError('没有该数据库的密钥校验值，拒绝打开');
  ensurePrivateDir(dirname(file));
  let sqlite: SqliteDb;
  try {
    sqlite = new Database(file, { fileMustExist: exists, nativeBinding });
  } catch (error) {
    throw classifySqliteError(error);
  }
  try {
    applyKey(sqlite, key);
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    if (exists) assertNotTruncated(sqlite, file);
  } catch (error) {
    sqlite.close();
    const classified = classifySqliteError(error);
    throw classified;
  }
  return sqlite;
}

/** A file shorter than the page count in its header has lost pages (when no WAL holds them). */
function assertNotTruncated(sqlite: SqliteDb, file: string): void {
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) return;
  const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
  const pageCount = Number(sqlite.pragma('page_count', { simple: true }));
  const size = statSync(file).size;
  // An empty file where a database is expected (a key check exists) has lost everything: refuse it
  // rather than let the migrations build a new, empty database over it.
  if (size === 0) throw new DatabaseCorruptError(undefined, 'database file is empty');
  if (size % pageSize !== 0 || size < pageSize * pageCount) {
    throw new DatabaseCorruptError(undefined, `file size ${size} does not hold ${pageCount} pages of ${pageSize}`);
  }
}

/**
 * A read-only connection to the encrypted database with the same key, for a worker thread's long
 * reads (exports, statistics, checks): the writer keeps the only write connection. WAL lets it read a
 * consistent snapshot while the writer goes on.
 */
export function openReadConnection(file: string, key: Buffer, nativeBinding?: string): { db: Db; sqlite: SqliteDb } {
  let sqlite: SqliteDb;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  } catch (error) {
    throw classifySqliteError(error);
  }
  try {
    applyKey(sqlite, key);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('query_only = 1');
    sqlite.pragma('cache_size = -32768');
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    sqlite.close();
    throw classifySqliteError(error);
  }
  return { db: drizzle(sqlite, { schema }), sqlite };
}

/** Sets and asserts the pragmas every connection must run with. */
export function applyPragmas(sqlite: SqliteDb): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('temp_store = MEMORY');
  // Each page read from the file is decrypted and authenticated; a 32 MB page cache (SQLite's default
  // is 2 MB) keeps the pages of the record tables the worklist and the lists read decrypted between reads.
  sqlite.pragma('cache_size = -32768');
  const actual = {
    journal_mode: String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase(),
    synchronous: Number(sqlite.pragma('synchronous', { simple: true })),
    foreign_keys: Number(sqlite.pragma('foreign_keys', { simple: true })),
  };
  for (const [name, expected] of Object.entries(REQUIRED_PRAGMAS)) {
    if (actual[name as keyof typeof actual] !== expected) {
      throw new Error(`pragma ${name} is ${String(actual[name as keyof typeof actual])}, expected ${expected}`);
    }
  }
}

/** Opens (or creates) the encrypted database, asserts its pragmas and applies pending migrations. */
export function openDatabase(options: OpenOptions): OpenedDatabase {
  const sqlite = openConnection(options.file, options.key, options.keyCheck, options.nativeBinding);
  try {
    applyPragmas(sqlite);
    const report = runMigrations(sqlite, options.migrations);
    restrictFiles(options.file);
    const db = drizzle(sqlite, { schema });
    return {
      db,
      sqlite,
      file: options.file,
      migrations: report,
      close: () => {
        if (sqlite.open) {
          try {
            sqlite.pragma('wal_checkpoint(TRUNCATE)');
          } finally {
            sqlite.close();
          }
        }
      },
    };
  } catch (error) {
    sqlite.close();
    throw classifySqliteError(error);
  }
}

/**
 * Full verification: SQLite's integrity_check and SQLCipher's page HMAC check. Reads every page,
 * so it is for backups and the administrator's "verify", not for every start.
 */
export function verifyDatabase(sqlite: SqliteDb): { ok: true } | { ok: false; problems: string[] } {
  try {
    const integrity = sqlite.pragma('integrity_check') as { integrity_check: string }[];
    const problems = integrity.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    return problems.length === 0 ? { ok: true } : { ok: false, problems };
  } catch (error) {
    const classified = classifySqliteError(error);
    if (classified instanceof DatabaseCorruptError) return { ok: false, problems: [classified.detail ?? classified.message] };
    throw classified;
  }
}

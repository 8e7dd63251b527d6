/** The database was opened with a key that is not the one it was written with. */
export class WrongKeyError extends Error {
  readonly code = 'wrong_key' as const;
  constructor(message = '密钥不正确：无法用此密钥打开数据库（文件未被改动）') {
    super(message);
    this.name = 'WrongKeyError';
  }
}

/** The key is right but the file cannot be read as a database: truncated, damaged or not ours. */
export class DatabaseCorruptError extends Error {
  readonly code = 'database_corrupt' as const;
  constructor(message = '数据库文件已损坏或不完整（文件未被改动，请从备份恢复）', readonly detail?: string) {
    super(message);
    this.name = 'DatabaseCorruptError';
  }
}

/** The database has migrations this version of the app does not know: it was written by a newer app. */
export class SchemaTooNewError extends Error {
  readonly code = 'schema_too_new' as const;
  constructor(readonly unknownMigrations: string[]) {
    super(`数据库由更新版本的童护写入（未知的迁移：${unknownMigrations.join(', ')}），请升级本程序`);
    this.name = 'SchemaTooNewError';
  }
}

/** A landed migration's SQL changed after it was applied. */
export class MigrationMismatchError extends Error {
  constructor(readonly tag: string) {
    super(`迁移 ${tag} 在应用后被修改，拒绝继续`);
    this.name = 'MigrationMismatchError';
  }
}

/** A write failed because the disk (or its quota) is full. */
export class StorageFullError extends Error {
  readonly code = 'storage_full' as const;
  constructor(message = '磁盘空间不足，未能保存。已保存的数据不受影响。') {
    super(message);
    this.name = 'StorageFullError';
  }
}

/** A write reached a database open read-only (it was found damaged): nothing was saved. */
export class ReadOnlyDatabaseError extends Error {
  readonly code = 'read_only' as const;
  constructor(message = '数据库已损坏，目前以只读方式打开：不能保存任何修改。请由管理员从最近一次通过校验的备份恢复。') {
    super(message);
    this.name = 'ReadOnlyDatabaseError';
  }
}

type SqliteLikeError = { code?: unknown; message?: unknown };

/** SQLite result codes that mean the file cannot be trusted as a database. */
const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);

/** Maps a driver error to our typed errors where one applies; returns the error unchanged otherwise. */
export function classifySqliteError(error: unknown): unknown {
  const e = error as SqliteLikeError;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (CORRUPT_CODES.has(code)) return new DatabaseCorruptError(undefined, code);
  if (code === 'SQLITE_READONLY') return new ReadOnlyDatabaseError();
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) {
    if (code === 'SQLITE_FULL' || /disk|full|space/i.test(String(e.message))) return new StorageFullError();
  }
  return error;
}

/** Acceptance (issue 2): pragmas after open are journal_mode=wal, synchronous=2 (FULL), foreign_keys=1. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../../db/migrate';
import { applyPragmas, openConnection, openDatabase } from '../../db/open';
import { MIGRATIONS_DIR, tempDatabase, tempDir } from '../helpers/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function pragmas(sqlite: Database.Database) {
  return {
    journal_mode: sqlite.pragma('journal_mode', { simple: true }),
    synchronous: sqlite.pragma('synchronous', { simple: true }),
    foreign_keys: sqlite.pragma('foreign_keys', { simple: true }),
  };
}

const REQUIRED = { journal_mode: 'wal', synchronous: 2, foreign_keys: 1 };

describe('connection pragmas', () => {
  it('a driver connection left alone is not what we require (control: the checks below can fail)', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const raw = new Database(join(t.dir, 'plain.db'));
    cleanups.push(() => raw.close());
    const p = pragmas(raw);
    expect(p.journal_mode).not.toBe('wal');
    // (foreign_keys may already be 1: this driver is compiled with SQLITE_DEFAULT_FOREIGN_KEYS=1.)
  });

  it('a newly created database: wal, FULL, foreign keys on — also after the migrations turned them off', () => {
    // runMigrations switches foreign keys off around each migration; a fresh database runs all of
    // them, so a runner that forgot to switch them back on fails the foreign_keys check here.
    const db = tempDatabase();
    cleanups.push(db.cleanup);
    expect(db.opened.migrations.applied.length).toBeGreaterThan(0);
    expect(pragmas(db.opened.sqlite)).toEqual(REQUIRED);
  });

  it('an existing database reopened with its key: wal, FULL, foreign keys on', () => {
    const db = tempDatabase();
    cleanups.push(db.cleanup);
    db.close();
    const reopened = openDatabase({ file: db.file, key: db.key, keyCheck: db.keyCheck, migrations: readMigrations(MIGRATIONS_DIR) });
    cleanups.push(() => reopened.close());
    expect(reopened.migrations.applied).toEqual([]);
    expect(pragmas(reopened.sqlite)).toEqual(REQUIRED);
  });

  it('applyPragmas sets them on a bare keyed connection (synchronous would otherwise be NORMAL in WAL)', () => {
    const db = tempDatabase();
    cleanups.push(db.cleanup);
    db.close();
    const sqlite = openConnection(db.file, db.key, db.keyCheck);
    cleanups.push(() => sqlite.close());
    // The database is in WAL mode already (persistent), but synchronous is the driver's WAL default, NORMAL.
    expect(sqlite.pragma('synchronous', { simple: true })).not.toBe(2);
    applyPragmas(sqlite);
    expect(pragmas(sqlite)).toEqual(REQUIRED);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
  });
});

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { MigrationMismatchError, SchemaTooNewError } from './errors';

export type Migration = { idx: number; tag: string; sql: string; hash: string };

type Journal = { entries: { idx: number; tag: string }[] };

/** Reads drizzle-kit's journal and SQL files from a migrations folder, in order. */
export function readMigrations(dir: string): Migration[] {
  const journalPath = join(dir, 'meta', '_journal.json');
  if (!existsSync(journalPath)) throw new Error(`migrations journal not found: ${journalPath}`);
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
  return journal.entries
    .slice()
    .sort((a, b) => a.idx - b.idx)
    .map((entry) => {
      const sql = readFileSync(join(dir, `${entry.tag}.sql`), 'utf8').replace(/\r\n/g, '\n');
      return { idx: entry.idx, tag: entry.tag, sql, hash: createHash('sha256').update(sql).digest('hex') };
    });
}

const LEDGER = '__tonghu_migrations';

function splitStatements(sql: string): string[] {
  return sql
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export type MigrationReport = { applied: string[]; alreadyApplied: number };

/**
 * Applies pending migrations one at a time: foreign keys off outside the transaction (SQLite ignores
 * the pragma inside one), the migration in its own transaction, `foreign_key_check` before commit,
 * a ledger row with the SQL's hash, then foreign keys on again. Refuses a database that has applied
 * migrations this app does not know (SchemaTooNewError) or whose applied SQL has changed.
 */
export function runMigrations(sqlite: Database.Database, migrations: Migration[]): MigrationReport {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS ${LEDGER} (
    idx INTEGER PRIMARY KEY,
    tag TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = sqlite.prepare(`SELECT idx, tag, hash FROM ${LEDGER} ORDER BY idx`).all() as {
    idx: number;
    tag: string;
    hash: string;
  }[];
  const known = new Map(migrations.map((m) => [m.tag, m]));
  const unknown = applied.filter((a) => !known.has(a.tag)).map((a) => a.tag);
  if (unknown.length > 0) throw new SchemaTooNewError(unknown);
  for (const a of applied) {
    if (known.get(a.tag)!.hash !== a.hash) throw new MigrationMismatchError(a.tag);
  }
  const done = new Set(applied.map((a) => a.tag));
  const report: MigrationReport = { applied: [], alreadyApplied: applied.length };
  for (const migration of migrations) {
    if (done.has(migration.tag)) continue;
    sqlite.pragma('foreign_keys = OFF');
    if (sqlite.pragma('foreign_keys', { simple: true }) !== 0) throw new Error('could not turn foreign keys off');
    try {
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        for (const statement of splitStatements(migration.sql)) sqlite.exec(statement);
        const violations = sqlite.pragma('foreign_key_check') as unknown[];
        if (violations.length > 0) {
          throw new Error(`migration ${migration.tag} leaves ${violations.length} foreign key violation(s)`);
        }
        sqlite
          .prepare(`INSERT INTO ${LEDGER} (idx, tag, hash, applied_at) VALUES (?, ?, ?, ?)`)
          .run(migration.idx, migration.tag, migration.hash, new Date().toISOString());
        sqlite.exec('COMMIT');
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw error;
      }
    } finally {
      sqlite.pragma('foreign_keys = ON');
    }
    report.applied.push(migration.tag);
  }
  return report;
}

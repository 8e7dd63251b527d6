/**
 * Acceptance (issue 2): a migration that rebuilds a parent table referenced with ON DELETE CASCADE
 * keeps every child row; a database with a newer applied migration than the app knows is refused
 * with SchemaTooNewError. Plus the runner's other promises: hashes in the ledger, a changed
 * migration refused, a failing one rolled back whole, foreign_key_check before commit.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as drizzleMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { MigrationMismatchError, SchemaTooNewError } from '../../db/errors';
import { keyCheckValue } from '../../db/key-check';
import { readMigrations, runMigrations } from '../../db/migrate';
import { applyPragmas, openConnection, openDatabase } from '../../db/open';
import type { AppStatus } from '../../shared/contract/app';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp-db';
import { makeHost, ok, setupAndLogin, snapshotFolder } from './support/host';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'migrations-cascade');
const LEDGER = '__tonghu_migrations';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function scratch(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** A new encrypted database connection set up as the app sets up every connection (foreign keys on). */
function freshConnection(): Database.Database {
  const sqlite = openConnection(join(scratch(), 'test.db'), randomBytes(32), null);
  cleanups.push(() => sqlite.open && sqlite.close());
  applyPragmas(sqlite);
  return sqlite;
}

/** A copy of the fixture folder whose journal lists only the first `count` entries, plus extra files. */
function migrationsFolder(options: { count?: number; extra?: { tag: string; sql: string }[]; edit?: Record<string, string> } = {}): string {
  const dir = join(scratch(), 'migrations');
  cpSync(FIXTURE, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
  journal.entries = journal.entries.slice(0, options.count ?? journal.entries.length);
  for (const extra of options.extra ?? []) {
    const idx = journal.entries.length;
    journal.entries.push({ idx, version: '6', when: 1780000000000 + idx * 1000, tag: extra.tag, breakpoints: true } as never);
    writeFileSync(join(dir, `${extra.tag}.sql`), extra.sql);
  }
  for (const [tag, sql] of Object.entries(options.edit ?? {})) writeFileSync(join(dir, `${tag}.sql`), sql);
  writeFileSync(journalPath, JSON.stringify(journal, null, 2));
  return dir;
}

const count = (sqlite: Database.Database, table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const tableExists = (sqlite: Database.Database, name: string) =>
  sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
const ledger = (sqlite: Database.Database) =>
  sqlite.prepare(`SELECT idx, tag, hash FROM ${LEDGER} ORDER BY idx`).all() as { idx: number; tag: string; hash: string }[];
const schemaSql = (sqlite: Database.Database) =>
  sqlite.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY type, name`).all();

describe('table rebuild under ON DELETE CASCADE', () => {
  const fixture = readMigrations(FIXTURE);

  it('the fixture rebuilds the parent the way drizzle-kit does (drop the old table, rename the new)', () => {
    expect(fixture.map((m) => m.tag)).toEqual(['0000_households', '0001_rebuild_households']);
    expect(fixture[1].sql).toMatch(/DROP TABLE `households`/);
    expect(fixture[1].sql).toMatch(/ALTER TABLE `__new_households` RENAME TO `households`/);
    expect(fixture[0].sql).toMatch(/ON DELETE cascade/);
  });

  it('runMigrations keeps every child row when applied to an existing database', () => {
    const sqlite = freshConnection();
    expect(runMigrations(sqlite, fixture.slice(0, 1)).applied).toEqual(['0000_households']);
    const before = sqlite.prepare('SELECT * FROM members ORDER BY id').all();
    expect(before).toHaveLength(5);

    expect(runMigrations(sqlite, fixture).applied).toEqual(['0001_rebuild_households']);
    expect(sqlite.prepare('SELECT * FROM members ORDER BY id').all()).toEqual(before);
    expect(sqlite.prepare('SELECT id, district FROM households ORDER BY id').all()).toEqual([
      { id: 1, district: '310101' },
      { id: 2, district: '310101' },
      { id: 3, district: '310101' },
    ]);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    // The rebuilt parent is still the cascade's parent: the relation survived the rename.
    sqlite.prepare('DELETE FROM households WHERE id = 3').run();
    expect(count(sqlite, 'members')).toBe(3);
  });

  it('runMigrations keeps them when both migrations run on a fresh database', () => {
    const sqlite = freshConnection();
    expect(runMigrations(sqlite, fixture).applied).toEqual(['0000_households', '0001_rebuild_households']);
    expect(count(sqlite, 'members')).toBe(5);
  });

  it("control: drizzle's migrate() (one transaction, foreign keys on) loses the child rows", () => {
    const sqlite = freshConnection();
    const db = drizzle(sqlite);
    drizzleMigrate(db, { migrationsFolder: migrationsFolder({ count: 1 }) });
    expect(count(sqlite, 'members')).toBe(5);
    drizzleMigrate(db, { migrationsFolder: FIXTURE });
    expect(count(sqlite, 'households')).toBe(3);
    expect(count(sqlite, 'members')).toBe(0);
  });

  it('control: the same SQL by hand in one transaction with foreign keys on loses them too', () => {
    const sqlite = freshConnection();
    runMigrations(sqlite, fixture.slice(0, 1));
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    sqlite.exec('BEGIN');
    for (const statement of fixture[1].sql.split('--> statement-breakpoint')) sqlite.exec(statement);
    sqlite.exec('COMMIT');
    expect(count(sqlite, 'members')).toBe(0);
  });
});

describe('refusals and rollback', () => {
  it('an applied migration the app does not know → SchemaTooNewError naming it; nothing applied', () => {
    const sqlite = freshConnection();
    const all = readMigrations(FIXTURE);
    runMigrations(sqlite, all);
    const ledgerBefore = ledger(sqlite);
    let error: unknown;
    try {
      runMigrations(sqlite, all.slice(0, 1));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect((error as SchemaTooNewError).unknownMigrations).toEqual(['0001_rebuild_households']);
    expect((error as Error).message).toContain('0001_rebuild_households');
    expect(ledger(sqlite)).toEqual(ledgerBefore);
  });

  it('is refused before pending migrations of the app run (an older app never writes to a newer db)', () => {
    const sqlite = freshConnection();
    runMigrations(sqlite, readMigrations(migrationsFolder({ count: 1 })));
    sqlite.prepare(`INSERT INTO ${LEDGER} (idx, tag, hash, applied_at) VALUES (7, '0007_future', 'abc', 'x')`).run();
    // The app knows 0000 and 0001, the database has 0000 and 0007: 0001 must not be applied.
    expect(() => runMigrations(sqlite, readMigrations(FIXTURE))).toThrow(SchemaTooNewError);
    expect(sqlite.prepare('SELECT name FROM pragma_table_info(?)').all('households')).toEqual([{ name: 'id' }, { name: 'name' }]);
  });

  it('openDatabase and the app host refuse the real database with a future ledger row, leaving the file unchanged', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dataDir = join(t.dir, 'data');
    const host = makeHost(dataDir);
    await setupAndLogin(host);
    const sqlite = host.core.opened()!.sqlite;
    sqlite.prepare(`INSERT INTO ${LEDGER} (idx, tag, hash, applied_at) VALUES (99, '0099_from_the_future', ?, 'x')`).run('f'.repeat(64));
    host.close();

    const before = snapshotFolder(dataDir);
    const again = makeHost(dataDir);
    const status = ok<AppStatus>(await again.router.dispatch('x', 'app:status', null));
    expect(status.phase).toBe('error');
    expect(status.problem?.code).toBe('schema_too_new');
    expect(status.problem?.message).toContain('0099_from_the_future');
    again.close();
    expect(snapshotFolder(dataDir)).toEqual(before);
  });

  it('an applied migration whose SQL changed since → MigrationMismatchError naming it', () => {
    const sqlite = freshConnection();
    runMigrations(sqlite, readMigrations(FIXTURE));
    const edited = readMigrations(
      migrationsFolder({ edit: { '0000_households': `${readFileSync(join(FIXTURE, '0000_households.sql'), 'utf8')}\n-- edited after landing\n` } }),
    );
    let error: unknown;
    try {
      runMigrations(sqlite, edited);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MigrationMismatchError);
    expect((error as MigrationMismatchError).tag).toBe('0000_households');
  });

  it('a migration that fails half-way is rolled back whole: no ledger row, no partial table, data as before', () => {
    const sqlite = freshConnection();
    const broken = readMigrations(
      migrationsFolder({
        extra: [
          {
            tag: '0002_broken',
            sql: [
              'CREATE TABLE `partial` (`id` integer PRIMARY KEY);',
              "INSERT INTO `members` (`household_id`, `name`) VALUES (1, '己');",
              'INSERT INTO `no_such_table` VALUES (1);',
            ].join('--> statement-breakpoint\n'),
          },
        ],
      }),
    );
    expect(() => runMigrations(sqlite, broken)).toThrow(/no_such_table/);
    // 0000 and 0001 were applied (each in its own transaction) before 0002 failed.
    expect(ledger(sqlite).map((r) => r.tag)).toEqual(['0000_households', '0001_rebuild_households']);
    expect(tableExists(sqlite, 'partial')).toBe(false);
    expect(count(sqlite, 'members')).toBe(5);
    expect(sqlite.inTransaction).toBe(false);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('a migration that leaves a foreign key violation is refused by foreign_key_check and rolled back', () => {
    const sqlite = freshConnection();
    const orphaning = readMigrations(
      migrationsFolder({ extra: [{ tag: '0002_orphan', sql: "INSERT INTO `members` (`id`, `household_id`, `name`) VALUES (99, 12345, '孤');" }] }),
    );
    // Foreign keys are off while a migration runs, so only the explicit check can catch this.
    expect(() => runMigrations(sqlite, orphaning)).toThrow(/foreign key/);
    expect(sqlite.prepare('SELECT id FROM members WHERE id = 99').get()).toBeUndefined();
    expect(ledger(sqlite).map((r) => r.tag)).not.toContain('0002_orphan');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('the real migrations', () => {
  const real = readMigrations(MIGRATIONS_DIR);
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };

  it('apply in journal order to an empty database; re-running is a no-op', () => {
    const sqlite = freshConnection();
    const first = runMigrations(sqlite, real);
    const tags = journal.entries.slice().sort((a, b) => a.idx - b.idx).map((e) => e.tag);
    expect(first).toEqual({ applied: tags, alreadyApplied: 0 });
    for (const table of ['users', 'settings', 'audit_log', 'children']) expect(tableExists(sqlite, table)).toBe(true);

    const schema = schemaSql(sqlite);
    const ledgerRows = sqlite.prepare(`SELECT * FROM ${LEDGER} ORDER BY idx`).all();
    expect(runMigrations(sqlite, real)).toEqual({ applied: [], alreadyApplied: tags.length });
    expect(schemaSql(sqlite)).toEqual(schema);
    expect(sqlite.prepare(`SELECT * FROM ${LEDGER} ORDER BY idx`).all()).toEqual(ledgerRows);
  });

  it('the ledger records each migration with the SHA-256 of its SQL file', () => {
    const sqlite = freshConnection();
    runMigrations(sqlite, real);
    const expected = journal.entries.map((e) => {
      const text = readFileSync(join(MIGRATIONS_DIR, `${e.tag}.sql`), 'utf8').replace(/\r\n/g, '\n');
      return { idx: e.idx, tag: e.tag, hash: createHash('sha256').update(text).digest('hex') };
    });
    expect(ledger(sqlite)).toEqual(expected);
  });

  it('a database made by openDatabase reopens without applying anything', () => {
    const dir = scratch();
    const key = randomBytes(32);
    const file = join(dir, 'tonghu.db');
    const created = openDatabase({ file, key, keyCheck: null, migrations: real });
    expect(created.migrations.applied).toHaveLength(real.length);
    created.close();
    const reopened = openDatabase({ file, key, keyCheck: keyCheckValue(key), migrations: real });
    expect(reopened.migrations).toEqual({ applied: [], alreadyApplied: real.length });
    reopened.close();
  });
});

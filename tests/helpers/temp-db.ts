import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readMigrations } from '../../db/migrate';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { keyCheckValue } from '../../db/key-check';
import { fixedClock, type Clock } from '../../electron/services/core/clock';
import type { Actor, ServiceContext } from '../../electron/services/core/context';

export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'db', 'migrations');

export function tempDir(prefix = 'tonghu-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh encrypted database in a temp folder, with all migrations applied. */
export function tempDatabase(options: { clock?: Clock; actor?: Actor | null } = {}) {
  const { dir, cleanup } = tempDir();
  const key = randomBytes(32);
  const file = join(dir, 'data', 'tonghu.db');
  const opened: OpenedDatabase = openDatabase({ file, key, keyCheck: null, migrations: readMigrations(MIGRATIONS_DIR) });
  const clock = options.clock ?? fixedClock('2026-11-29T09:00:00+08:00');
  const ctx: ServiceContext = {
    db: opened.db,
    sqlite: opened.sqlite,
    clock,
    actor: options.actor === undefined ? { userId: 1, username: 'tester', roles: ['caseworker'] } : options.actor,
  };
  return {
    dir,
    file,
    key,
    keyCheck: keyCheckValue(key),
    opened,
    ctx,
    close: () => opened.close(),
    cleanup: () => {
      if (opened.sqlite.open) opened.close();
      cleanup();
    },
  };
}

import type { SqliteDb } from '../../../db/open';

/**
 * Changing the database key (issue 7, DESIGN.md "Data").
 *
 * Order of steps, driven by AppCore.changeKey:
 *   1. checkpoint, then a copy of the database file (still under the old key) to `tonghu.db.pre-rekey`,
 *      fsynced. Needed because SQLite3MC's in-place rekey is NOT crash-safe: a kill -9 while it
 *      writes pages (rekey-crash.test.ts measured it) leaves a file that neither the old nor the new
 *      key reads, with a rollback journal that does not play back;
 *   2. a new random 32-byte key is sealed (with the same sealer) and written with a NEW recovery code
 *      and key check value to `keystore.json.new`; `keystore.json` (old key, old recovery code) stays;
 *   3. the database is rekeyed outside WAL (rekeyConnection below): checkpoint TRUNCATE →
 *      journal_mode=DELETE → `PRAGMA rekey` → journal_mode=WAL;
 *   4. `keystore.json.new` is renamed over `keystore.json` (atomic, folder fsynced) and the pre-rekey
 *      copy is removed.
 *
 * Both sealed keys are kept until the database is known to be under one of them. A start that finds
 * `keystore.json.new` (AppCore, unlockAndOpen) tries, in this order:
 *   - the old key (a key that does not decrypt page 1 writes nothing): it opens → the rekey never
 *     happened or was rolled back; `keystore.json.new` and the copy are dropped, the old recovery code
 *     stays valid (the new one was never shown);
 *   - the new key: it opens → killed between step 3 and step 4; the rename is finished. The new
 *     recovery code may never have been shown, so the key store is marked `recoveryUnseen` and the key
 *     page asks the administrator to change the key again (issuing a code they do see);
 *   - neither opens → killed inside step 3: the half-rekeyed file (and its journal) is moved to
 *     `replaced-interrupted-rekey-<time>/` (never deleted), the pre-rekey copy is put back and opened
 *     with the old key; `keystore.json.new` is dropped.
 * A change needs free disk space for one more copy of the database while it runs.
 *
 * Backups made before a key change stay under the old key: their sidecar carries that key sealed by the
 * recovery code of their time, so they restore with that code (backup.ts re-encrypts them under the
 * current key); the handler makes a verified backup under the new key right after the change.
 */
export type RekeyHooks = {
  /** Test-only: runs after keystore.json.new is written, before the database is rekeyed. */
  afterPrepare?: () => void;
  /** Test-only: runs after the database is rekeyed, before keystore.json.new is renamed. */
  afterRekey?: () => void;
};

function journalMode(sqlite: SqliteDb, mode: 'DELETE' | 'WAL'): void {
  const result = String(sqlite.pragma(`journal_mode = ${mode}`, { simple: true })).toLowerCase();
  if (result !== mode.toLowerCase()) throw new Error(`journal_mode is ${result}, expected ${mode.toLowerCase()}`);
}

/** Re-encrypts every page of the open database under `newKey`; leaves it in WAL mode either way. */
export function rekeyConnection(sqlite: SqliteDb, newKey: Buffer): void {
  if (newKey.length !== 32) throw new Error('database key must be 32 bytes');
  const checkpoint = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (checkpoint[0]?.busy) throw new Error('WAL checkpoint could not complete (database busy)');
  journalMode(sqlite, 'DELETE');
  try {
    sqlite.pragma(`rekey="x'${newKey.toString('hex')}'"`);
  } finally {
    journalMode(sqlite, 'WAL');
  }
  // The connection must still read its own pages (under the new key).
  sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
}

import Database from 'better-sqlite3';
import { type SqliteDb, applyKey } from '../../../db/open';

/**
 * Reads a database file without writing to it: SQLCipher's page check and quick_check (or, `full`,
 * integrity_check). Never throws for a bad file. Plain data in and out, so the full check can run in a
 * worker thread (the 'database.check' task, electron/workers/long-work.ts) on its own connection.
 */
export function checkDatabaseFile(file: string, key: Buffer, nativeBinding?: string, full = false): { ok: boolean; problems: string[] } {
  let sqlite: SqliteDb | null = null;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
    applyKey(sqlite, key);
    sqlite.pragma('cache_size = -65536');
    const problems: string[] = [];
    const cipher = sqlite.pragma('cipher_integrity_check') as Record<string, unknown>[];
    for (const row of cipher) problems.push(`cipher_integrity_check: ${Object.values(row).join(' ')}`);
    const rows = sqlite.pragma(full ? 'integrity_check' : 'quick_check') as Record<string, string>[];
    for (const row of rows) {
      const text = Object.values(row).join(' ');
      if (text !== 'ok') problems.push(text);
    }
    return { ok: problems.length === 0, problems: problems.slice(0, 20) };
  } catch (error) {
    const code = (error as { code?: unknown })?.code;
    return { ok: false, problems: [`${typeof code === 'string' ? code : 'error'}: ${(error as Error)?.message ?? String(error)}`] };
  } finally {
    sqlite?.close();
  }
}

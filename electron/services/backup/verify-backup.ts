import Database from 'better-sqlite3';
import { classifySqliteError } from '../../../db/errors';
import { type SqliteDb, applyKey, verifyDatabase } from '../../../db/open';
import { type AuditHead, auditHead, missingAuditTriggers, verifyAuditChain } from '../audit/audit';

const MIGRATIONS_LEDGER = '__tonghu_migrations';

/** What checking a backup file found. Plain data, so the check can run in a worker thread. */
export type BackupVerification = {
  ok: boolean;
  problems: string[];
  /** The audit chain's head inside the file (null when the file could not be read). */
  auditHead: AuditHead | null;
  /** Applied migrations (the schema version), in order. */
  migrations: string[];
  children: number | null;
};

/** Opens a database file read-only with the key (nothing is written to it). */
export function openReadOnly(file: string, key: Buffer, nativeBinding?: string): SqliteDb {
  let sqlite: SqliteDb;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  } catch (error) {
    throw classifySqliteError(error);
  }
  try {
    applyKey(sqlite, key);
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    // integrity_check revisits table pages while checking each index; with SQLite's default 2 MB cache
    // every revisit decrypts and authenticates the page again. 64 MB keeps most of them decrypted.
    sqlite.pragma('cache_size = -65536');
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw classifySqliteError(error);
  }
}

/**
 * Checks a backup file under `key`: SQLite's integrity_check (every page read, so SQLCipher's page
 * HMACs are checked too), cipher_integrity_check, foreign_key_check, the audit chain walked from its
 * first row and its append-only triggers. Never throws for a bad file. The one entry point for
 * verification (a worker can call it as is: file path and key in, plain data out).
 */
export function verifyBackupFile(file: string, key: Buffer, nativeBinding?: string): BackupVerification {
  let sqlite: SqliteDb;
  try {
    sqlite = openReadOnly(file, key, nativeBinding);
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)], auditHead: null, migrations: [], children: null };
  }
  try {
    const integrity = verifyDatabase(sqlite);
    const problems = integrity.ok ? [] : integrity.problems.slice(0, 20);
    const cipher = sqlite.pragma('cipher_integrity_check') as Record<string, unknown>[];
    for (const row of cipher.slice(0, 20)) problems.push(`cipher_integrity_check: ${Object.values(row).join(' ')}`);
    const fk = sqlite.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) problems.push(`foreign_key_check: ${fk.length} 处外键不一致`);
    const hasLedger = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATIONS_LEDGER);
    const migrations = hasLedger ? (sqlite.prepare(`SELECT tag FROM ${MIGRATIONS_LEDGER} ORDER BY idx`).all() as { tag: string }[]).map((r) => r.tag) : [];
    let head: AuditHead | null = null;
    let children: number | null = null;
    const hasAudit = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'`).get();
    if (hasAudit) {
      const chain = verifyAuditChain(sqlite);
      if (!chain.ok) problems.push(`审计记录第 ${chain.firstBrokenId} 行${chain.reason}`);
      const missing = missingAuditTriggers(sqlite);
      if (missing.length > 0) problems.push(`审计记录的防篡改触发器缺失：${missing.join('、')}`);
      head = auditHead(sqlite);
      children = (sqlite.prepare('SELECT count(*) AS n FROM children').get() as { n: number }).n;
    } else {
      problems.push('不是童护的数据库（没有审计记录）');
    }
    return { ok: problems.length === 0, problems, auditHead: head, migrations, children };
  } catch (error) {
    const classified = classifySqliteError(error);
    return { ok: false, problems: [classified instanceof Error ? classified.message : String(classified)], auditHead: null, migrations: [], children: null };
  } finally {
    sqlite.close();
  }
}

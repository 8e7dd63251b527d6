import { createHash } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readSync, statSync } from 'node:fs';
import { classifySqliteError } from '../../../db/errors';
import { openReadConnection } from '../../../db/open';
import { AppError, isErrorCode } from '../../../shared/contract/errors';
import { type BackupVerification, verifyBackupFile } from './verify-backup';

/** What the worker hands back after making and checking a backup copy: plain data. */
export type BackupCopy = { verification: BackupVerification; size: number; sha256: string };

/** What the worker hands back after checking a candidate for a restore. */
export type CandidateCheck = { verification: BackupVerification; sha256: string };

/** The SHA-256 of a file, read in 1 MB pieces (a backup at 10,000 children is hundreds of MB; the worker's heap is capped). */
export function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      hash.update(chunk.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The heavy part of a backup, run in a worker thread (the 'backup.make' task): `VACUUM INTO` `partial`
 * from a read-only connection of its own to the live database (a consistent snapshot; the copy is
 * encrypted with the connection's key and cipher settings, the same as the live file's), made 0600
 * and fsynced, then checked under the same key (verifyBackupFile) and hashed. Writes nothing but
 * `partial`; the caller names it, records it and writes the audit line on the writer connection.
 * Throws when the copy cannot be written; the caller removes `partial` then.
 */
export function makeBackupCopy(database: { file: string; key: Buffer; nativeBinding?: string }, partial: string): BackupCopy {
  try {
    const { sqlite } = openReadConnection(database.file, database.key, database.nativeBinding);
    try {
      // The connection is opened read-only (SQLITE_OPEN_READONLY), so the live file cannot be written
      // whatever this pragma says; query_only would also refuse VACUUM INTO, which writes only the copy.
      sqlite.pragma('query_only = 0');
      sqlite.prepare('VACUUM INTO ?').run(partial);
    } finally {
      sqlite.close();
    }
    chmodSync(partial, 0o600);
    fsyncFile(partial);
  } catch (error) {
    throw copyError(error);
  }
  const verification = verifyBackupFile(partial, database.key, database.nativeBinding);
  return { verification, size: statSync(partial).size, sha256: sha256File(partial) };
}

/** A restore's candidate (a copy already in the data folder) checked under `key` in a worker: checksum and verifyBackupFile. */
export function checkCandidateFile(file: string, key: Buffer, nativeBinding?: string): CandidateCheck {
  return { sha256: sha256File(file), verification: verifyBackupFile(file, key, nativeBinding) };
}

/**
 * A failed copy as a typed error that keeps its code across the worker boundary. Only a full disk is
 * called full (an I/O error writing the copy is as often a USB disk pulled out); reading the live
 * database keeps the driver's classification (damaged, wrong key).
 */
function copyError(error: unknown): unknown {
  const code = (error as { code?: unknown })?.code;
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return new AppError('storage_full', '备份文件夹所在的磁盘空间不足，备份未完成，未留下不完整的文件；现有数据不受影响');
  if (typeof code === 'string' && code.startsWith('SQLITE_IOERR')) return error;
  const classified = classifySqliteError(error) as { code?: unknown; message?: unknown };
  if (classified !== error && typeof classified.code === 'string' && isErrorCode(classified.code)) return new AppError(classified.code, String(classified.message));
  return error;
}

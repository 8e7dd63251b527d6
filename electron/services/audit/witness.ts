import type { SqliteDb } from '../../../db/open';

/** A point of the audit chain: how many rows it had and the hash of the last one. */
export type AuditHead = { count: number; hash: string };

export type WitnessCheck =
  | { ok: true; head: AuditHead }
  | { ok: false; head: AuditHead; reason: 'cut' | 'rewritten' };

const GENESIS = { count: 0, hash: '0'.repeat(64) };

/** The chain's head now: its row count and the last row's hash. */
export function auditHead(sqlite: SqliteDb): AuditHead {
  const row = sqlite.prepare('SELECT count(*) AS n, (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS hash FROM audit_log').get() as {
    n: number;
    hash: string | null;
  };
  return row.n === 0 ? GENESIS : { count: row.n, hash: row.hash ?? GENESIS.hash };
}

/**
 * Whether the chain extends a head a witness saw earlier: it has at least as many rows, and its row at
 * that position carries the same hash (each hash covers every row before it, so an earlier row
 * rewritten, removed or reordered changes it). Fewer rows → 'cut'; another hash → 'rewritten'.
 */
export function checkAuditWitness(sqlite: SqliteDb, witness: AuditHead): WitnessCheck {
  const head = auditHead(sqlite);
  if (witness.count === 0) return { ok: true, head };
  if (head.count < witness.count) return { ok: false, head, reason: 'cut' };
  const row = sqlite.prepare('SELECT hash FROM audit_log ORDER BY id LIMIT 1 OFFSET ?').get(witness.count - 1) as { hash: string } | undefined;
  if (!row || row.hash !== witness.hash) return { ok: false, head, reason: 'rewritten' };
  return { ok: true, head };
}

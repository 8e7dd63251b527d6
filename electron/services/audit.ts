import { createHash } from 'node:crypto';
import type { SqliteDb } from '../../db/open';
import type { ServiceContext } from './context';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditEntry = {
  action: string;
  entity?: string | null;
  entityId?: number | null;
  childId?: number | null;
  detail?: unknown;
};

export type FieldChange = { field: string; before: unknown; after: unknown };

type AuditRow = {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string | null;
  entity_id: number | null;
  child_id: number | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
};

/** The hash of one row: SHA-256 over the previous hash and the row's content, in a fixed order. */
export function auditRowHash(row: Omit<AuditRow, 'id' | 'hash'>): string {
  const canonical = JSON.stringify([
    row.prev_hash,
    row.at,
    row.user_id,
    row.username,
    row.action,
    row.entity,
    row.entity_id,
    row.child_id,
    row.detail,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one row to the audit trail, chained to the last. Call inside the write's transaction. */
export function appendAudit(ctx: Pick<ServiceContext, 'sqlite' | 'clock' | 'actor'>, entry: AuditEntry): void {
  const last = ctx.sqlite.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const row = {
    prev_hash: last?.hash ?? GENESIS_HASH,
    at: ctx.clock.now().toISOString(),
    user_id: ctx.actor?.userId ?? null,
    username: ctx.actor?.username ?? null,
    action: entry.action,
    entity: entry.entity ?? null,
    entity_id: entry.entityId ?? null,
    child_id: entry.childId ?? null,
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
  };
  const hash = auditRowHash(row);
  ctx.sqlite
    .prepare(
      `INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, child_id, detail, prev_hash, hash)
       VALUES (@at, @user_id, @username, @action, @entity, @entity_id, @child_id, @detail, @prev_hash, @hash)`,
    )
    .run({ ...row, hash });
}

/** Walks the chain from the first row; names the first row whose hash or link does not hold. */
export function verifyAuditChain(sqlite: SqliteDb): { ok: true; rows: number } | { ok: false; rows: number; firstBrokenId: number; reason: string } {
  let prev = GENESIS_HASH;
  let count = 0;
  for (const row of sqlite.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    count += 1;
    if (row.prev_hash !== prev) return { ok: false, rows: count, firstBrokenId: row.id, reason: '与上一行的链接不符' };
    const { id: _id, hash, ...rest } = row;
    if (auditRowHash(rest) !== hash) return { ok: false, rows: count, firstBrokenId: row.id, reason: '内容与其哈希不符（被改动）' };
    prev = hash;
  }
  return { ok: true, rows: count };
}

/** Lists the fields whose values differ between two versions of a record. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>, fields: string[]): FieldChange[] {
  return fields
    .filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    .map((f) => ({ field: f, before: before[f] ?? null, after: after[f] ?? null }));
}

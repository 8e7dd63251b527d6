import { createHash, randomInt } from 'node:crypto';
import type { SqliteDb } from '../../../db/open';
import { AppError } from '../../../shared/contract/errors';
import type { WorkstationRow } from '../../../shared/contract/desks';
import type { Result } from '../../../shared/contract/errors';
import { appendAudit } from '../../services/audit/audit';
import type { ServiceContext } from '../../services/core/context';
import { type RequestMeta } from '../router';

/** How long an enrollment code is good for. */
export const CODE_MINUTES = 15;
/** How long the answer to a write is kept for a retry (at least ten minutes; kept an hour). */
export const ANSWER_KEEP_MS = 60 * 60_000;

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

export type HostRow = {
  address: string;
  port: number;
  listening: number;
  ca_cert: string;
  ca_key: string;
  server_cert: string;
  server_key: string;
};

type WorkstationDbRow = {
  id: number;
  name: string;
  cert_fingerprint: string;
  enrolled_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  enrolled_by_name: string | null;
};

export function hostRow(sqlite: SqliteDb): HostRow | null {
  return (sqlite.prepare('SELECT * FROM data_host WHERE id = 1').get() as HostRow | undefined) ?? null;
}

export function saveHostRow(ctx: ServiceContext, row: HostRow, created: boolean): void {
  const now = ctx.clock.now().toISOString();
  ctx.sqlite
    .transaction(() => {
      ctx.sqlite
        .prepare(
          `INSERT INTO data_host (id, address, port, listening, ca_cert, ca_key, server_cert, server_key, created_at, updated_at)
           VALUES (1, @address, @port, @listening, @ca_cert, @ca_key, @server_cert, @server_key, @now, @now)
           ON CONFLICT(id) DO UPDATE SET address = @address, port = @port, listening = @listening,
             server_cert = @server_cert, server_key = @server_key, updated_at = @now`,
        )
        .run({ ...row, now });
      appendAudit(ctx, { action: created ? 'desk.caCreated' : 'desk.listenerChanged', detail: { address: row.address, port: row.port, listening: row.listening === 1 } });
    })
    .immediate();
}

export function setListening(ctx: ServiceContext, listening: boolean): void {
  ctx.sqlite
    .transaction(() => {
      ctx.sqlite.prepare('UPDATE data_host SET listening = ?, updated_at = ? WHERE id = 1').run(listening ? 1 : 0, ctx.clock.now().toISOString());
      appendAudit(ctx, { action: listening ? 'desk.listenerOn' : 'desk.listenerOff' });
    })
    .immediate();
}

function hashCode(code: string): string {
  return createHash('sha256').update(code.toUpperCase().replace(/[^0-9A-Z]/g, '')).digest('hex');
}

/** A new one-time code (`XXXX-XXXX`, about 39 bits), kept only as its hash, good for 15 minutes. */
export function issueCode(ctx: ServiceContext): { code: string; expiresAt: string } {
  const chars = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const code = `${chars.slice(0, 4)}-${chars.slice(4)}`;
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + CODE_MINUTES * 60_000).toISOString();
  ctx.sqlite
    .transaction(() => {
      const info = ctx.sqlite
        .prepare('INSERT INTO enrollment_codes (code_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?)')
        .run(hashCode(code), ctx.actor?.userId ?? null, now.toISOString(), expiresAt);
      appendAudit(ctx, { action: 'desk.codeIssued', entity: 'enrollmentCode', entityId: Number(info.lastInsertRowid), detail: { expiresAt } });
    })
    .immediate();
  return { code, expiresAt };
}

/** Voids every code not yet used (after too many wrong tries). */
export function voidOpenCodes(ctx: ServiceContext, reason: string): void {
  ctx.sqlite
    .transaction(() => {
      const n = ctx.sqlite.prepare('UPDATE enrollment_codes SET expires_at = ? WHERE used_at IS NULL AND expires_at > ?').run(ctx.clock.now().toISOString(), ctx.clock.now().toISOString()).changes;
      appendAudit(ctx, { action: 'desk.codesVoided', detail: { reason, codes: n } });
    })
    .immediate();
}

/**
 * Claims a code for a new workstation in one transaction: the code must exist, be unused and
 * unexpired; it is marked used and a workstation row made (its certificate comes next). A wrong,
 * used or expired code is refused alike, and the refusal is audited.
 */
export function claimCode(ctx: ServiceContext, code: string, name: string): { workstationId: number; createdBy: number | null } {
  const now = ctx.clock.now().toISOString();
  return ctx.sqlite
    .transaction(() => {
      const row = ctx.sqlite.prepare('SELECT id, created_by, used_at, expires_at FROM enrollment_codes WHERE code_hash = ?').get(hashCode(code)) as
        | { id: number; created_by: number | null; used_at: string | null; expires_at: string }
        | undefined;
      const why = !row ? 'wrong' : row.used_at !== null ? 'used' : row.expires_at <= now ? 'expired' : null;
      if (why !== null || !row) {
        appendAudit(ctx, { action: 'desk.enrollRefused', entity: 'enrollmentCode', entityId: row?.id ?? null, detail: { why, name } });
        return null;
      }
      const ws = ctx.sqlite
        .prepare("INSERT INTO workstations (name, cert_fingerprint, cert_serial, enrolled_by, enrolled_at) VALUES (?, ?, '', ?, ?)")
        .run(name, `pending-${row.id}`, row.created_by, now);
      const workstationId = Number(ws.lastInsertRowid);
      ctx.sqlite.prepare('UPDATE enrollment_codes SET used_at = ?, workstation_id = ? WHERE id = ?').run(now, workstationId, row.id);
      return { workstationId, createdBy: row.created_by };
    })
    .immediate() ?? refuseCode();
}

function refuseCode(): never {
  throw new AppError('bad_credentials', '配对码无效、已用过或已过期（15分钟内有效，只能用一次）', { field: 'code' });
}

export function completeEnrollment(ctx: ServiceContext, workstationId: number, fingerprint: string, serial: string): void {
  ctx.sqlite
    .transaction(() => {
      ctx.sqlite.prepare('UPDATE workstations SET cert_fingerprint = ?, cert_serial = ? WHERE id = ?').run(fingerprint, serial, workstationId);
      const row = ctx.sqlite.prepare('SELECT name, enrolled_by FROM workstations WHERE id = ?').get(workstationId) as { name: string; enrolled_by: number | null };
      appendAudit(ctx, { action: 'desk.enrolled', entity: 'workstation', entityId: workstationId, detail: { name: row.name, fingerprint: fingerprint.slice(0, 32), codeIssuedBy: row.enrolled_by } });
    })
    .immediate();
}

export function failEnrollment(ctx: ServiceContext, workstationId: number): void {
  ctx.sqlite.prepare('UPDATE workstations SET revoked_at = ? WHERE id = ?').run(ctx.clock.now().toISOString(), workstationId);
}

/** Every revoked desk that was issued a certificate: its serial and when it was revoked (the CA's revocation list). */
export function revokedCertificates(sqlite: SqliteDb): { serial: string; revokedAt: Date }[] {
  const rows = sqlite.prepare("SELECT cert_serial, revoked_at FROM workstations WHERE revoked_at IS NOT NULL AND cert_serial <> '' ORDER BY id").all() as { cert_serial: string; revoked_at: string }[];
  return rows.map((r) => ({ serial: r.cert_serial, revokedAt: new Date(r.revoked_at) }));
}

/** Whether this certificate (by fingerprint) belonged to a desk that has been revoked. */
export function isRevokedFingerprint(sqlite: SqliteDb, fingerprint: string): boolean {
  return sqlite.prepare("SELECT 1 FROM workstations WHERE cert_fingerprint = ? AND revoked_at IS NOT NULL AND cert_serial <> ''").get(fingerprint) !== undefined;
}

/** Active (not revoked) workstations by certificate fingerprint. */
export function activeWorkstations(sqlite: SqliteDb): Map<string, number> {
  const rows = sqlite.prepare("SELECT id, cert_fingerprint FROM workstations WHERE revoked_at IS NULL AND cert_serial <> ''").all() as { id: number; cert_fingerprint: string }[];
  return new Map(rows.map((r) => [r.cert_fingerprint, r.id]));
}

function toRow(r: WorkstationDbRow): WorkstationRow {
  return {
    id: r.id,
    name: r.name,
    enrolledBy: r.enrolled_by_name,
    enrolledAt: r.enrolled_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
    fingerprint: r.cert_fingerprint.startsWith('pending-') ? '' : r.cert_fingerprint,
  };
}

const SELECT_ROWS = `SELECT w.id, w.name, w.cert_fingerprint, w.enrolled_at, w.last_seen_at, w.revoked_at, u.display_name AS enrolled_by_name
                       FROM workstations w LEFT JOIN users u ON u.id = w.enrolled_by`;

export function listWorkstations(sqlite: SqliteDb): WorkstationRow[] {
  return (sqlite.prepare(`${SELECT_ROWS} ORDER BY w.revoked_at IS NOT NULL, w.id`).all() as WorkstationDbRow[]).map(toRow);
}

function getWorkstation(sqlite: SqliteDb, id: number): WorkstationRow {
  const row = sqlite.prepare(`${SELECT_ROWS} WHERE w.id = ?`).get(id) as WorkstationDbRow | undefined;
  if (!row) throw new AppError('not_found', '没有这台工作站');
  return toRow(row);
}

export function renameWorkstation(ctx: ServiceContext, id: number, name: string): WorkstationRow {
  return ctx.sqlite
    .transaction(() => {
      const before = getWorkstation(ctx.sqlite, id);
      ctx.sqlite.prepare('UPDATE workstations SET name = ? WHERE id = ?').run(name, id);
      appendAudit(ctx, { action: 'desk.renamed', entity: 'workstation', entityId: id, detail: [{ field: 'name', before: before.name, after: name }] });
      return getWorkstation(ctx.sqlite, id);
    })
    .immediate();
}

export function revokeWorkstation(ctx: ServiceContext, id: number): WorkstationRow {
  return ctx.sqlite
    .transaction(() => {
      const before = getWorkstation(ctx.sqlite, id);
      if (before.revokedAt) return before;
      ctx.sqlite.prepare('UPDATE workstations SET revoked_at = ?, revoked_by = ? WHERE id = ?').run(ctx.clock.now().toISOString(), ctx.actor?.userId ?? null, id);
      appendAudit(ctx, { action: 'desk.revoked', entity: 'workstation', entityId: id, detail: { name: before.name } });
      return getWorkstation(ctx.sqlite, id);
    })
    .immediate();
}

export function touchWorkstation(sqlite: SqliteDb, id: number, at: string): void {
  sqlite.prepare('UPDATE workstations SET last_seen_at = ? WHERE id = ?').run(at, id);
}

/** The answers to writes by request id, in the encrypted database beside the writes themselves. */
export function answerStore(sqlite: SqliteDb, now: () => Date) {
  let lastPurge = 0;
  const keepAnswer = (meta: RequestMeta, channel: string, answer: Result<unknown>): void => {
    const at = now();
    sqlite
      .prepare('INSERT OR REPLACE INTO request_answers (workstation_id, request_id, channel, at, answer) VALUES (?, ?, ?, ?, ?)')
      .run(meta.scope, meta.requestId, channel, at.toISOString(), JSON.stringify(answer));
    if (at.getTime() - lastPurge > 60_000) {
      lastPurge = at.getTime();
      sqlite.prepare('DELETE FROM request_answers WHERE at < ?').run(new Date(at.getTime() - ANSWER_KEEP_MS).toISOString());
    }
  };
  /** Set when keeping an answer failed inside `atomically`: then the write goes too (never one without the other). */
  let keepFailed = false;
  return {
    find: (meta: RequestMeta): Result<unknown> | null => {
      const row = sqlite.prepare('SELECT answer FROM request_answers WHERE workstation_id = ? AND request_id = ?').get(meta.scope, meta.requestId) as { answer: string } | undefined;
      return row ? (JSON.parse(row.answer) as Result<unknown>) : null;
    },
    keep: (meta: RequestMeta, channel: string, answer: Result<unknown>): void => {
      try {
        keepAnswer(meta, channel, answer);
      } catch (error) {
        keepFailed = true;
        throw error;
      }
    },
    atomically: <T>(fn: () => T): T => {
      if (sqlite.inTransaction) return fn();
      sqlite.exec('BEGIN IMMEDIATE');
      keepFailed = false;
      let value: T;
      try {
        value = fn();
      } catch (error) {
        // The handler failed: what its own transactions completed stays, exactly as without this wrapper
        // (a failed transaction of its own was already rolled back to its savepoint, and a refusal may
        // have recorded itself in the audit trail); only no answer is kept, so a retry runs it again.
        if (sqlite.inTransaction && keepFailed) sqlite.exec('ROLLBACK');
        if (sqlite.inTransaction) {
          try {
            sqlite.exec('COMMIT');
          } catch {
            if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          }
        }
        throw error;
      }
      try {
        sqlite.exec('COMMIT');
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw error;
      }
      return value;
    },
  };
}

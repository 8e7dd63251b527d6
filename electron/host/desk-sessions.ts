import { createHash } from 'node:crypto';
import type { SqliteDb } from '../../db/open';
import type { ServiceContext } from '../services/core/context';
import { createLogger } from '../services/core/logger';
import { getUser } from '../services/users/users';
import type { Session, SessionPersistence } from './sessions';

const log = createLogger('desk-sessions');

/** A desk session unused for this long ends (kept or in memory): a desk left overnight signs in again next day. */
export const DESK_SESSION_EXPIRES_MS = 12 * 60 * 60_000;
/** Activity is written at most this often per session (a lock, an unlock, a sign-in are written at once). */
const ACTIVITY_WRITE_EVERY_MS = 30_000;

const DESK_CONNECTION = /^ws:(\d+):/;

/** What is kept instead of the session's key: its SHA-256 (the key is `ws:<desk>:<page id>`, the page id random). */
export function sessionKeyHash(connection: string): string {
  return createHash('sha256').update(connection, 'utf8').digest('hex');
}

type Row = { user_id: number; workstation_id: number; cert_fingerprint: string; last_activity_at: string; locked: number; expires_at: string };

/**
 * The data host's desk sessions kept in the encrypted database (table `desk_sessions`, migration 0020),
 * so a restart of the host (or a kill -9) signs nobody out and a write retried after it is still
 * admitted. Only sessions of workstations' pages are kept: the host's own window and the browser host
 * keep theirs in memory, because those end with the process that shows them (a restart there reloads
 * the page, which then signs in anyway), and they have no desk certificate to bind a kept session to.
 * A kept session comes back only while its desk is active with the same certificate, its person's
 * account is active, and it has not expired; its idle time and lock come back with it, so the
 * idle-lock rule carries on across the restart.
 */
export function deskSessionPersistence(context: () => ServiceContext | null): SessionPersistence {
  const written = new Map<string, number>();
  const nowIso = () => context()?.clock.now().toISOString() ?? new Date().toISOString();
  /** Runs a write or read on the open database; a closed or busy database only loses the bookkeeping, never a request. */
  const withDb = <T>(what: string, fallback: T, fn: (db: SqliteDb, ctx: ServiceContext) => T): T => {
    const ctx = context();
    if (!ctx || ctx.sqlite.readonly) return fallback;
    try {
      return fn(ctx.sqlite, ctx);
    } catch (error) {
      log.warn(`desk session ${what} failed`, { message: String((error as Error)?.message ?? error).slice(0, 160) });
      return fallback;
    }
  };
  const workstationOf = (connection: string): number | null => {
    const m = DESK_CONNECTION.exec(connection);
    return m ? Number(m[1]) : null;
  };
  return {
    keeps: (connection) => workstationOf(connection) !== null,
    expiresAfterMs: DESK_SESSION_EXPIRES_MS,
    load: (connection) =>
      withDb('load', null, (db, ctx): Session | null => {
        const hash = sessionKeyHash(connection);
        const row = db.prepare('SELECT user_id, workstation_id, cert_fingerprint, last_activity_at, locked, expires_at FROM desk_sessions WHERE token_hash = ?').get(hash) as Row | undefined;
        if (!row) return null;
        const desk = db.prepare('SELECT cert_fingerprint FROM workstations WHERE id = ? AND revoked_at IS NULL').get(row.workstation_id) as { cert_fingerprint: string } | undefined;
        const user = getUser(ctx, row.user_id);
        const good = row.workstation_id === workstationOf(connection) && desk?.cert_fingerprint === row.cert_fingerprint && user !== null && row.expires_at > nowIso();
        if (!good) {
          db.prepare('DELETE FROM desk_sessions WHERE token_hash = ?').run(hash);
          return null;
        }
        written.set(connection, Date.parse(row.last_activity_at));
        return { user, lastActivity: Date.parse(row.last_activity_at), locked: row.locked === 1 };
      }),
    save: (connection, session, change) => {
      const workstationId = workstationOf(connection);
      if (workstationId === null) return;
      if (change === 'activity' && session.lastActivity - (written.get(connection) ?? 0) < ACTIVITY_WRITE_EVERY_MS) return;
      withDb('save', undefined, (db) => {
        const activity = new Date(session.lastActivity).toISOString();
        const expires = new Date(session.lastActivity + DESK_SESSION_EXPIRES_MS).toISOString();
        const hash = sessionKeyHash(connection);
        if (change === 'start') {
          const desk = db.prepare('SELECT cert_fingerprint FROM workstations WHERE id = ? AND revoked_at IS NULL').get(workstationId) as { cert_fingerprint: string } | undefined;
          if (!desk) return;
          db.prepare(
            `INSERT INTO desk_sessions (token_hash, user_id, workstation_id, cert_fingerprint, created_at, last_activity_at, locked, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT(token_hash) DO UPDATE SET user_id = excluded.user_id, cert_fingerprint = excluded.cert_fingerprint, created_at = excluded.created_at,
               last_activity_at = excluded.last_activity_at, locked = excluded.locked, expires_at = excluded.expires_at`,
          ).run(hash, session.user.id, workstationId, desk.cert_fingerprint, nowIso(), activity, session.locked ? 1 : 0, expires);
        } else {
          db.prepare('UPDATE desk_sessions SET user_id = ?, last_activity_at = ?, locked = ?, expires_at = ? WHERE token_hash = ?').run(session.user.id, activity, session.locked ? 1 : 0, expires, hash);
        }
        written.set(connection, session.lastActivity);
      });
    },
    remove: (connection) => {
      written.delete(connection);
      withDb('end', undefined, (db) => void db.prepare('DELETE FROM desk_sessions WHERE token_hash = ?').run(sessionKeyHash(connection)));
    },
    removeUser: (userId, except) =>
      withDb('end', undefined, (db) => {
        if (except !== undefined && workstationOf(except) !== null) {
          db.prepare('DELETE FROM desk_sessions WHERE user_id = ? AND token_hash <> ?').run(userId, sessionKeyHash(except));
        } else {
          db.prepare('DELETE FROM desk_sessions WHERE user_id = ?').run(userId);
        }
      }),
    removeWorkstation: (workstationId) => {
      for (const c of [...written.keys()]) if (workstationOf(c) === workstationId) written.delete(c);
      withDb('end', undefined, (db) => void db.prepare('DELETE FROM desk_sessions WHERE workstation_id = ?').run(workstationId));
    },
    keptFor: (workstationId) =>
      withDb('look-up', false, (db) => db.prepare('SELECT 1 FROM desk_sessions WHERE workstation_id = ? AND expires_at > ? LIMIT 1').get(workstationId, nowIso()) !== undefined),
    removeAll: () => {
      written.clear();
      withDb('end', undefined, (db) => void db.prepare('DELETE FROM desk_sessions').run());
    },
  };
}

/** Drops kept desk sessions past their expiry (whenever the database opens). */
export function pruneDeskSessions(sqlite: SqliteDb, now: Date): void {
  if (sqlite.readonly) return;
  sqlite.prepare('DELETE FROM desk_sessions WHERE expires_at <= ?').run(now.toISOString());
}

import type { SessionUser } from '../../shared/contract/common';

export type Session = { user: SessionUser; lastActivity: number; locked: boolean };

/**
 * Where some sessions are also kept, so they outlast the process (the data host's desk sessions, see
 * desk-sessions.ts). The in-memory map stays the working copy: `load` is asked only when a connection
 * is not in it, and brings a kept session back only if it is still good (not expired, its person still
 * active, its desk not revoked).
 */
export type SessionPersistence = {
  /** Whether this connection's session is kept. */
  keeps: (connection: string) => boolean;
  load: (connection: string) => Session | null;
  /** Writes the session's person, activity and lock; `activityOnly` may be skipped if written lately. */
  save: (connection: string, session: Session, change: 'start' | 'state' | 'activity') => void;
  remove: (connection: string) => void;
  removeUser: (userId: number, except?: string) => void;
  removeWorkstation: (workstationId: number) => void;
  /** Whether a kept session (not yet back in memory) exists for this desk. */
  keptFor: (workstationId: number) => boolean;
  removeAll: () => void;
  /** How long a kept session lasts without activity before it ends (ms). */
  expiresAfterMs: number;
};

/**
 * Signed-in sessions, keyed by the connection the transport names (an Electron webContents, a
 * browser-host page, `ws:<workstation>:<page>` at the data host). Idle for longer than the lock time
 * → the session locks; the person unlocks it with their password and keeps their unsaved input.
 */
export type SessionStore = {
  get: (connection: string) => Session | null;
  start: (connection: string, user: SessionUser) => Session;
  end: (connection: string) => void;
  /** Records activity; locks the session first if it has been idle too long. */
  touch: (connection: string) => Session | null;
  lock: (connection: string) => void;
  unlock: (connection: string, user: SessionUser) => void;
  /**
   * Ends every session of a person (account disabled, password reset by an administrator), or every
   * one but `except` (the person changed their own password there).
   */
  endUser: (userId: number, except?: string) => void;
  /** Ends every session whose connection matches. */
  endWhere: (matches: (connection: string) => boolean) => void;
  /** Ends every session at a workstation, kept ones included (the desk was revoked). */
  endWorkstation: (workstationId: number) => void;
  /** Whether some signed-in session's connection matches (a workstation with someone signed in). */
  some: (matches: (connection: string) => boolean) => boolean;
  /** Whether someone is signed in at this workstation, counting kept sessions not yet back in memory. */
  signedInAt: (workstationId: number) => boolean;
  /** Puts a person's changed name and roles into their open sessions, effective at the next request. */
  updateUser: (user: SessionUser) => void;
  setIdleMinutes: (minutes: number) => void;
  idleMinutes: () => number;
  /** Ends every session, kept ones included (a backup was restored: everyone signs in again). */
  clear: () => void;
  /** Lets go of the sessions in memory only (the host is closing; kept sessions come back at its next start). */
  forget: () => void;
};

const NONE: SessionPersistence = {
  keeps: () => false,
  load: () => null,
  save: () => undefined,
  remove: () => undefined,
  removeUser: () => undefined,
  removeWorkstation: () => undefined,
  keptFor: () => false,
  removeAll: () => undefined,
  expiresAfterMs: Number.POSITIVE_INFINITY,
};

const workstationPrefix = (workstationId: number) => `ws:${workstationId}:`;

export function createSessionStore(now: () => number, idleMinutes = 10, persistence: SessionPersistence = NONE): SessionStore {
  const sessions = new Map<string, Session>();
  let idleMs = idleMinutes * 60_000;
  const kept = (c: string) => persistence.keeps(c);
  const drop = (c: string) => {
    sessions.delete(c);
    if (kept(c)) persistence.remove(c);
  };
  /** The session in memory, or a kept one brought back; a kept session unused past its expiry ends. */
  const find = (c: string): Session | null => {
    let s = sessions.get(c) ?? null;
    if (!s && kept(c)) {
      s = persistence.load(c);
      if (s) sessions.set(c, s);
    }
    if (s && kept(c) && now() - s.lastActivity > persistence.expiresAfterMs) {
      drop(c);
      return null;
    }
    return s;
  };
  const save = (c: string, s: Session, change: 'start' | 'state' | 'activity') => {
    if (kept(c)) persistence.save(c, s, change);
  };
  return {
    get: (c) => find(c),
    start: (c, user) => {
      const s = { user, lastActivity: now(), locked: false };
      sessions.set(c, s);
      save(c, s, 'start');
      return s;
    },
    end: (c) => drop(c),
    touch: (c) => {
      const s = find(c);
      if (!s) return null;
      if (!s.locked && now() - s.lastActivity > idleMs) {
        s.locked = true;
        save(c, s, 'state');
      }
      if (!s.locked) {
        s.lastActivity = now();
        save(c, s, 'activity');
      }
      return s;
    },
    lock: (c) => {
      const s = find(c);
      if (s) {
        s.locked = true;
        save(c, s, 'state');
      }
    },
    unlock: (c, user) => {
      const s = find(c);
      if (s) {
        s.locked = false;
        s.user = user;
        s.lastActivity = now();
        save(c, s, 'state');
      }
    },
    endUser: (userId, except) => {
      for (const [c, s] of sessions) if (s.user.id === userId && c !== except) sessions.delete(c);
      persistence.removeUser(userId, except);
    },
    endWhere: (matches) => {
      for (const c of [...sessions.keys()]) if (matches(c)) drop(c);
    },
    endWorkstation: (workstationId) => {
      const prefix = workstationPrefix(workstationId);
      for (const c of [...sessions.keys()]) if (c.startsWith(prefix)) sessions.delete(c);
      persistence.removeWorkstation(workstationId);
    },
    some: (matches) => {
      for (const c of sessions.keys()) if (matches(c)) return true;
      return false;
    },
    signedInAt: (workstationId) => {
      const prefix = workstationPrefix(workstationId);
      for (const c of sessions.keys()) if (c.startsWith(prefix)) return true;
      return persistence.keptFor(workstationId);
    },
    updateUser: (user) => {
      for (const s of sessions.values()) if (s.user.id === user.id) s.user = { ...s.user, displayName: user.displayName, roles: user.roles };
    },
    setIdleMinutes: (m) => {
      idleMs = m * 60_000;
    },
    idleMinutes: () => idleMs / 60_000,
    clear: () => {
      sessions.clear();
      persistence.removeAll();
    },
    forget: () => sessions.clear(),
  };
}

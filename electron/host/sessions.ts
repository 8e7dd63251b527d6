import type { SessionUser } from '../../shared/contract/common';

export type Session = { user: SessionUser; lastActivity: number; locked: boolean };

/**
 * Signed-in sessions, keyed by the connection the transport names (an Electron webContents, a
 * browser-host page). Idle for longer than the lock time → the session locks; the person unlocks
 * it with their password and keeps their unsaved input.
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
  /** Ends every session whose connection matches (a revoked workstation's). */
  endWhere: (matches: (connection: string) => boolean) => void;
  /** Whether some signed-in session's connection matches (a workstation with someone signed in). */
  some: (matches: (connection: string) => boolean) => boolean;
  /** Puts a person's changed name and roles into their open sessions, effective at the next request. */
  updateUser: (user: SessionUser) => void;
  setIdleMinutes: (minutes: number) => void;
  idleMinutes: () => number;
  clear: () => void;
};

export function createSessionStore(now: () => number, idleMinutes = 10): SessionStore {
  const sessions = new Map<string, Session>();
  let idleMs = idleMinutes * 60_000;
  return {
    get: (c) => sessions.get(c) ?? null,
    start: (c, user) => {
      const s = { user, lastActivity: now(), locked: false };
      sessions.set(c, s);
      return s;
    },
    end: (c) => void sessions.delete(c),
    touch: (c) => {
      const s = sessions.get(c);
      if (!s) return null;
      if (!s.locked && now() - s.lastActivity > idleMs) s.locked = true;
      if (!s.locked) s.lastActivity = now();
      return s;
    },
    lock: (c) => {
      const s = sessions.get(c);
      if (s) s.locked = true;
    },
    unlock: (c, user) => {
      const s = sessions.get(c);
      if (s) {
        s.locked = false;
        s.user = user;
        s.lastActivity = now();
      }
    },
    endUser: (userId, except) => {
      for (const [c, s] of sessions) if (s.user.id === userId && c !== except) sessions.delete(c);
    },
    endWhere: (matches) => {
      for (const c of [...sessions.keys()]) if (matches(c)) sessions.delete(c);
    },
    some: (matches) => {
      for (const c of sessions.keys()) if (matches(c)) return true;
      return false;
    },
    updateUser: (user) => {
      for (const s of sessions.values()) if (s.user.id === user.id) s.user = { ...s.user, displayName: user.displayName, roles: user.roles };
    },
    setIdleMinutes: (m) => {
      idleMs = m * 60_000;
    },
    idleMinutes: () => idleMs / 60_000,
    clear: () => sessions.clear(),
  };
}

/**
 * The change feed (issue 19.4): after every successful write the host publishes what changed, and each
 * transport delivers it to its open pages — Electron IPC with `webContents.send`, the browser host and
 * the data host as server-sent events. Transport-neutral: a transport subscribes with the connection it
 * serves (so a page is told which changes were its own) and a sink; nothing here knows HTTP or Electron.
 */
import { randomUUID } from 'node:crypto';
import type { Channel } from '../../shared/contract';
import type { ChangeEvent } from '../../shared/contract/events';
import type { AppCore } from '../services/app/app-core';
import { createLogger } from '../services/core/logger';
import { APPEND_CHANNELS, EDIT_GUARDS } from './edit-guards';
import type { Handler, HandlerContext, Handlers } from './router';
import type { SessionStore } from './sessions';

const log = createLogger('events');

/** An event as published, before it is addressed to one connection. */
export type PublishedChange = Omit<ChangeEvent, 'mine'> & { origin: string };

export type ChangeSink = (event: ChangeEvent) => void;

export type ChangeFeed = {
  publish: (change: Omit<PublishedChange, 'seq'>) => PublishedChange;
  /**
   * Delivers every later change to `sink` while `connection` has a signed-in session (a page signed out
   * or never signed in is told nothing). Returns the unsubscribe function.
   */
  subscribe: (connection: string, sink: ChangeSink) => () => void;
  /** The changes after `seq` still kept, for a transport reconnecting; null when some were dropped. */
  since: (seq: number, connection: string) => ChangeEvent[] | null;
  /** The seq of the last change published (0 before any). */
  lastSeq: () => number;
  /**
   * This feed's run: a new random id every time the feed is made (a host start). Seqs count from 0 in
   * each run, so a reconnecting stream names the run its last id came from (`<run>:<seq>`), and an id
   * from another run means a reset, however its seq compares.
   */
  runId: () => string;
  subscribers: () => number;
  /**
   * Every later change as published, origin included, with no session check: for a transport that
   * checks for itself (the data host's stream to a workstation). Returns the unsubscribe function.
   */
  watch: (sink: (change: PublishedChange) => void) => () => void;
  /** The published changes after `seq` still kept, origin included; null when some were dropped. */
  keptSince: (seq: number) => PublishedChange[] | null;
};

const KEEP = 200;

export function createChangeFeed(sessions: Pick<SessionStore, 'get'>): ChangeFeed {
  const subscribers = new Map<number, { connection: string; sink: ChangeSink }>();
  const watchers = new Map<number, (change: PublishedChange) => void>();
  const kept: PublishedChange[] = [];
  let seq = 0;
  let nextId = 0;
  const run = randomUUID();
  const address = (change: PublishedChange, connection: string): ChangeEvent => {
    const { origin, ...rest } = change;
    return { ...rest, mine: origin === connection };
  };
  return {
    publish: (change) => {
      seq += 1;
      const published = { ...change, seq };
      kept.push(published);
      if (kept.length > KEEP) kept.shift();
      for (const { connection, sink } of [...subscribers.values()]) {
        if (!sessions.get(connection)) continue;
        try {
          sink(address(published, connection));
        } catch (error) {
          log.warn('a change sink failed', { message: String((error as Error)?.message ?? error).slice(0, 200) });
        }
      }
      for (const sink of [...watchers.values()]) {
        try {
          sink(published);
        } catch (error) {
          log.warn('a change watcher failed', { message: String((error as Error)?.message ?? error).slice(0, 200) });
        }
      }
      return published;
    },
    subscribe: (connection, sink) => {
      nextId += 1;
      const id = nextId;
      subscribers.set(id, { connection, sink });
      return () => void subscribers.delete(id);
    },
    since: (after, connection) => {
      if (!sessions.get(connection)) return [];
      if (after >= seq) return [];
      const first = kept[0];
      if (!first || first.seq > after + 1) return null;
      return kept.filter((c) => c.seq > after).map((c) => address(c, connection));
    },
    lastSeq: () => seq,
    runId: () => run,
    subscribers: () => subscribers.size + watchers.size,
    watch: (sink) => {
      nextId += 1;
      const id = nextId;
      watchers.set(id, sink);
      return () => void watchers.delete(id);
    },
    keptSince: (after) => {
      if (after >= seq) return [];
      const first = kept[0];
      if (!first || first.seq > after + 1) return null;
      return kept.filter((c) => c.seq > after);
    },
  };
}

/** Write channels that change no child's record but still change what other pages show. */
const SHARED_WRITES = new Set<string>([...Object.keys(EDIT_GUARDS), ...APPEND_CHANNELS, 'caseload:assign', 'caseload:end', 'import:run', 'backup:restore']);

function maxChildVersion(core: AppCore): number | null {
  const db = core.opened();
  if (!db) return null;
  return (db.sqlite.prepare('SELECT coalesce(max(version), 0) AS v FROM child_versions').get() as { v: number }).v;
}

function childrenChangedSince(core: AppCore, version: number): number[] {
  const db = core.opened();
  if (!db) return [];
  return (db.sqlite.prepare('SELECT child_id AS id FROM child_versions WHERE version > ? ORDER BY child_id').all(version) as { id: number }[]).map((r) => r.id);
}

/**
 * Wraps every handler: after a call that changed a child's record (its version moved: triggers, migration
 * 0011) or one of the shared writes above succeeds, publishes the change. Reads publish nothing.
 */
export function withChangeFeed(core: AppCore, handlers: Handlers, feed: ChangeFeed, now: () => Date): Handlers {
  const wrapped = { ...handlers } as Record<string, Handler<Channel>>;
  for (const name of Object.keys(handlers) as Channel[]) {
    const inner = handlers[name] as Handler<Channel>;
    const after = (ctx: HandlerContext, before: number | null) => {
      const childIds = before === null ? [] : childrenChangedSince(core, before);
      if (childIds.length === 0 && !SHARED_WRITES.has(name)) return;
      const user = ctx.session?.user ?? null;
      feed.publish({ at: now().toISOString(), channel: name, by: user?.displayName ?? null, byUserId: user?.id ?? null, childIds, origin: ctx.connection });
    };
    wrapped[name] = (input, ctx) => {
      const before = maxChildVersion(core);
      const output = inner(input, ctx);
      if (output instanceof Promise) return output.then((value) => (after(ctx, before), value));
      after(ctx, before);
      return output;
    };
  }
  return wrapped as Handlers;
}

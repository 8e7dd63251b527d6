import type { AppCore, AppCoreOptions } from '../services/app/app-core';
import { createAppCore } from '../services/app/app-core';
import type { BackupEntry } from '../../shared/contract/backup';
import { checkAuditAnchorsAtOpen, runDueBackup } from '../services/backup/backup';
import { loadDemoData } from '../demo/demo';
import { ensureCases } from '../services/reintegration/reintegration';
import { createLogger } from '../services/core/logger';
import { getSetting } from '../services/core/settings';
import type { OpenedDatabase } from '../../db/open';
import { withEditGuards, withVersionedReads } from './edit-guards';
import { type ChangeFeed, createChangeFeed, withChangeFeed } from './events';
import { type HostAbilities, createHandlers } from './handlers';
import { DEFAULT_IDLE_LOCK_MINUTES, IDLE_LOCK_KEY } from './handlers/settings';
import { type DataHost, createDataHost } from './data-host/data-host';
import { type Router, createRouter } from './router';
import { deskSessionPersistence, pruneDeskSessions } from './desk-sessions';
import { type SessionStore, createSessionStore } from './sessions';

const log = createLogger('app-host');

/** How often the daily-backup timer looks at the clock. */
const BACKUP_TICK_MS = 60_000;
/** The full page check of the live database runs once a day in the background. */
const FULL_CHECK_EVERY_MS = 24 * 60 * 60 * 1000;

export type AppHost = {
  core: AppCore;
  sessions: SessionStore;
  router: Router;
  /** The data host's listener and workstations (off until an administrator turns it on). */
  desks: DataHost;
  /** Changes made through the router, for the transports to tell their open pages (issue 19.4). */
  events: ChangeFeed;
  /** Runs the daily backup if its time has come and none exists for the day (the timer calls it every minute). */
  runDueBackups: (now: Date) => Promise<BackupEntry | null>;
  close: () => void;
};

/** Wires the core, the session store and the router: what both transports (Electron IPC, browser host) share. */
export function createAppHost(
  options: Omit<AppCoreOptions, 'demoLoader'> & { demoLoader?: AppCoreOptions['demoLoader'] } & HostAbilities,
): AppHost {
  let desks: DataHost | null = null;
  let coreRef: AppCore | null = null;
  // Desk sessions (ws:<desk>:<page>) are also kept in the database, so a restart of the data host signs nobody out.
  const sessions = createSessionStore(
    () => options.clock.now().getTime(),
    undefined,
    deskSessionPersistence(() => (coreRef?.opened() ? coreRef.context(null) : null)),
  );
  const checkAnchors = (c: AppCore) => {
    try {
      checkAuditAnchorsAtOpen(c);
    } catch (error) {
      log.error('comparing the audit chain with its anchors failed', { message: String((error as Error)?.message ?? error).slice(0, 200) });
    }
  };
  // The saved idle-lock time applies whenever the database opens (start-up, unlock, set-up, restore);
  // the reintegration cases that have fallen due are opened (as the system).
  const onOpened = (db: OpenedDatabase) => {
    sessions.setIdleMinutes(getSetting(db, IDLE_LOCK_KEY, DEFAULT_IDLE_LOCK_MINUTES));
    try {
      pruneDeskSessions(db.sqlite, options.clock.now());
    } catch (error) {
      log.error('dropping expired desk sessions failed', { message: String((error as Error)?.message ?? error).slice(0, 200) });
    }
    try {
      ensureCases({ db: db.db, sqlite: db.sqlite, clock: options.clock, actor: null });
    } catch (error) {
      log.error('opening due reintegration cases failed', { message: String((error as Error)?.message ?? error).slice(0, 200) });
    }
    if (coreRef) checkAnchors(coreRef);
    // The data host's listener comes back when its database does (start-up, unlock, restore).
    queueMicrotask(() => void desks?.resume());
  };
  const core = createAppCore({ demoLoader: loadDemoData, ...options, onOpened });
  coreRef = core;
  checkAnchors(core);
  let lastFullCheck = options.clock.now().getTime();
  const getDesks = (): DataHost => desks!;
  const events = createChangeFeed(sessions);
  const guarded = withVersionedReads(core, withEditGuards(core, createHandlers(core, sessions, { exportPagePdf: options.exportPagePdf }, getDesks)));
  const handlers = withChangeFeed(core, guarded, events, () => options.clock.now());
  const router = createRouter(handlers, sessions, undefined, {
    answers: () => desks?.answers() ?? null,
  });
  desks = createDataHost(core, sessions, () => router, events);
  const runDueBackups = (now: Date): Promise<BackupEntry | null> => runDueBackup(core, now);
  // The backup and the full check run in worker threads; one tick's work at a time, so a slow disk never
  // stacks a second check behind the first.
  let ticking = false;
  const tick = async (): Promise<void> => {
    try {
      await runDueBackups(options.clock.now());
    } catch (error) {
      log.error('daily backup failed', { message: String((error as Error)?.message ?? error).slice(0, 200) });
    }
    const now = options.clock.now().getTime();
    if (core.phase() === 'ready' && now - lastFullCheck >= FULL_CHECK_EVERY_MS) {
      lastFullCheck = now;
      try {
        await core.runFullCheck();
      } catch (error) {
        log.error('daily database check failed', { message: String((error as Error)?.message ?? error).slice(0, 200) });
      }
    }
  };
  const timer = setInterval(() => {
    if (ticking) return;
    ticking = true;
    void tick().finally(() => {
      ticking = false;
    });
  }, BACKUP_TICK_MS);
  timer.unref();
  return {
    core,
    sessions,
    router,
    desks,
    events,
    runDueBackups,
    close: () => {
      clearInterval(timer);
      void desks?.shutdown();
      // Only the memory: the desks' kept sessions come back when the host starts again.
      sessions.forget();
      core.close();
    },
  };
}

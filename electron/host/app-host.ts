import type { AppCore, AppCoreOptions } from '../services/app/app-core';
import { createAppCore } from '../services/app/app-core';
import type { BackupEntry } from '../../shared/contract/backup';
import { runDueBackup } from '../services/backup/backup';
import { loadDemoData } from '../demo/demo';
import { ensureCases } from '../services/reintegration/reintegration';
import { createLogger } from '../services/core/logger';
import { getSetting } from '../services/core/settings';
import type { OpenedDatabase } from '../../db/open';
import { withEditGuards, withVersionedReads } from './edit-guards';
import { type ChangeFeed, createChangeFeed, withChangeFeed } from './events';
import { type HostAbilities, createHandlers } from './handlers';
import { DEFAULT_IDLE_LOCK_MINUTES, IDLE_LOCK_KEY } from './handlers/settings';
import { type Router, createRouter } from './router';
import { type SessionStore, createSessionStore } from './sessions';

const log = createLogger('app-host');

/** How often the daily-backup timer looks at the clock. */
const BACKUP_TICK_MS = 60_000;

export type AppHost = {
  core: AppCore;
  sessions: SessionStore;
  router: Router;
  /** Changes made through the router, for the transports to tell their open pages (issue 19.4). */
  events: ChangeFeed;
  /** Runs the daily backup if its time has come and none exists for the day (the timer calls it every minute). */
  runDueBackups: (now: Date) => BackupEntry | null;
  close: () => void;
};

/** Wires the core, the session store and the router: what both transports (Electron IPC, browser host) share. */
export function createAppHost(
  options: Omit<AppCoreOptions, 'demoLoader'> & { demoLoader?: AppCoreOptions['demoLoader'] } & HostAbilities,
): AppHost {
  const sessions = createSessionStore(() => options.clock.now().getTime());
  // The saved idle-lock time applies whenever the database opens (start-up, unlock, set-up, restore);
  // the reintegration cases that have fallen due are opened (as the system).
  const onOpened = (db: OpenedDatabase) => {
    sessions.setIdleMinutes(getSetting(db, IDLE_LOCK_KEY, DEFAULT_IDLE_LOCK_MINUTES));
    try {
      ensureCases({ db: db.db, sqlite: db.sqlite, clock: options.clock, actor: null });
    } catch (error) {
      log.error('opening due reintegration cases failed', { message: String((error as Error)?.message ?? error).slice(0, 200) });
    }
  };
  const core = createAppCore({ demoLoader: loadDemoData, ...options, onOpened });
  const events = createChangeFeed(sessions);
  const guarded = withVersionedReads(core, withEditGuards(core, createHandlers(core, sessions, { exportPagePdf: options.exportPagePdf })));
  const handlers = withChangeFeed(core, guarded, events, () => options.clock.now());
  const router = createRouter(handlers, sessions);
  const runDueBackups = (now: Date): BackupEntry | null => runDueBackup(core, now);
  const timer = setInterval(() => {
    try {
      runDueBackups(options.clock.now());
    } catch (error) {
      log.error('daily backup failed', { message: String((error as Error)?.message ?? error).slice(0, 200) });
    }
  }, BACKUP_TICK_MS);
  timer.unref();
  return {
    core,
    sessions,
    router,
    events,
    runDueBackups,
    close: () => {
      clearInterval(timer);
      sessions.clear();
      core.close();
    },
  };
}

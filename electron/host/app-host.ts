import type { AppCore, AppCoreOptions } from '../services/app-core';
import { createAppCore } from '../services/app-core';
import { loadDemoData } from '../services/demo';
import { createHandlers } from './handlers';
import { type Router, createRouter } from './router';
import { type SessionStore, createSessionStore } from './sessions';

export type AppHost = { core: AppCore; sessions: SessionStore; router: Router; close: () => void };

/** Wires the core, the session store and the router: what both transports (Electron IPC, browser host) share. */
export function createAppHost(options: Omit<AppCoreOptions, 'demoLoader'> & { demoLoader?: AppCoreOptions['demoLoader'] }): AppHost {
  const core = createAppCore({ demoLoader: loadDemoData, ...options });
  const sessions = createSessionStore(() => options.clock.now().getTime());
  const router = createRouter(createHandlers(core, sessions), sessions);
  return {
    core,
    sessions,
    router,
    close: () => {
      sessions.clear();
      core.close();
    },
  };
}

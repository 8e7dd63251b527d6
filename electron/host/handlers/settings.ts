import type { AppCore } from '../../services/app/app-core';
import { appendAudit } from '../../services/audit/audit';
import { getSetting, setSetting } from '../../services/core/settings';
import type { Handler } from '../router';
import type { SessionStore } from '../sessions';
import { actorOf } from './app';

/** The settings key of the idle-lock time (minutes); app-host applies it whenever the database opens. */
export const IDLE_LOCK_KEY = 'idleLockMinutes';
export const DEFAULT_IDLE_LOCK_MINUTES = 10;

/** Administrator settings: the idle-lock time is saved with an audit row and applied to the session store at once. */
export function settingsHandlers(core: AppCore, sessions: SessionStore) {
  const handlers: { 'settings:idleLock': Handler<'settings:idleLock'> } = {
    'settings:idleLock': (input, ctx) => {
      const service = core.context(actorOf(ctx.session));
      const before = getSetting(service, IDLE_LOCK_KEY, DEFAULT_IDLE_LOCK_MINUTES);
      if (input.minutes === undefined) return { minutes: before };
      const minutes = input.minutes;
      service.sqlite
        .transaction(() => {
          setSetting(service, IDLE_LOCK_KEY, minutes);
          appendAudit(service, { action: 'settings.idleLock', entity: 'settings', detail: { before, after: minutes } });
        })
        .immediate();
      sessions.setIdleMinutes(minutes);
      return { minutes };
    },
  };
  return handlers;
}

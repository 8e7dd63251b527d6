import type { AppCore } from '../../services/app-core';
import type { Handlers } from '../router';
import type { SessionStore } from '../sessions';
import { appHandlers } from './app';
import { backupHandlers } from './backup';
import { auditHandlers } from './audit';
import { childrenHandlers } from './children';
import { eligibilityHandlers } from './eligibility';
import { historyHandlers } from './history';
import { ledgerHandlers } from './ledgers';
import { recordHandlers } from './record';
import { reportsHandlers } from './reports';
import { rehabHandlers } from './rehab';
import { settingsHandlers } from './settings';
import { usersHandlers } from './users';

/** Every channel's handler, built over one AppCore and session store. */
export function createHandlers(core: AppCore, sessions: SessionStore): Handlers {
  return {
    ...appHandlers(core, sessions),
    ...childrenHandlers(core),
    ...recordHandlers(core),
    ...eligibilityHandlers(core),
    ...usersHandlers(core, sessions),
    ...historyHandlers(core),
    ...backupHandlers(core, sessions),
    ...auditHandlers(core),
    ...settingsHandlers(core, sessions),
    ...rehabHandlers(core),
    ...ledgerHandlers(core),
    ...reportsHandlers(core),
  };
}

import type { AppCore } from '../../services/app/app-core';
import type { PagePdfExporter } from '../../services/reintegration/reintegration';
import type { Handlers } from '../router';
import type { SessionStore } from '../sessions';
import { appHandlers } from './app';
import { autismHandlers } from './autism';
import { backupHandlers } from './backup';
import { caseloadHandlers } from './caseload';
import { auditHandlers } from './audit';
import { childrenHandlers } from './children';
import { desksHandlers } from './desks';
import type { DataHost } from '../data-host/data-host';
import { eligibilityHandlers } from './eligibility';
import { historyHandlers } from './history';
import { mentalHealthHandlers } from './mental-health';
import { ledgerHandlers } from './ledgers';
import { jobsHandlers } from './jobs';
import { createJobs } from '../../services/core/jobs';
import { recordHandlers } from './record';
import { reportsHandlers } from './reports';
import { rehabHandlers } from './rehab';
import { reintegrationHandlers } from './reintegration';
import { settingsHandlers } from './settings';
import { usersHandlers } from './users';

/** What only some hosts can do (Electron: a page to PDF). */
export type HostAbilities = { exportPagePdf?: PagePdfExporter };

const noDataHost = (): DataHost => {
  throw new Error('no data host in this build of the handlers');
};

/** Every channel's handler, built over one AppCore and session store. */
export function createHandlers(core: AppCore, sessions: SessionStore, abilities: HostAbilities = {}, desks: () => DataHost = noDataHost): Handlers {
  const jobs = createJobs();
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
    ...mentalHealthHandlers(core),
    ...autismHandlers(core),
    ...reintegrationHandlers(core, abilities.exportPagePdf),
    ...ledgerHandlers(core, jobs),
    ...jobsHandlers(jobs),
    ...reportsHandlers(core),
    ...desksHandlers(core, desks),
    ...caseloadHandlers(core),
  };
}

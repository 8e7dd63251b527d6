import type { AppHost } from '../app-host';
import type { Dispatch } from '../router';
import type { KeySealer } from '../../services/keys/key-store';
import { isEnrolled } from './identity';
import { type WorkstationHost, createWorkstationHost } from './workstation-host';

/**
 * What an install answers with: a workstation once enrolled (everything goes to the data host), and
 * otherwise this computer's own router. A fresh install (no database yet, first-run set-up) may enroll
 * instead of setting up: `desks:probe` and `desks:enroll` then go to a workstation host, which from a
 * successful enrollment on answers everything. Used by the Electron shell and the browser host alike.
 */
export function createInstallDispatch(app: AppHost, options: { dataDir: string; sealer: KeySealer | null; hostHint?: string | null }): { dispatch: Dispatch; workstation: () => WorkstationHost | null; close: () => void } {
  const { dataDir, sealer } = options;
  let desk: WorkstationHost | null = sealer && isEnrolled(dataDir) ? createWorkstationHost({ dataDir, sealer, hostHint: options.hostHint }) : null;
  const dispatch: Dispatch = async (connection, channel, input, meta) => {
    if (desk) return desk.dispatch(connection, channel, input);
    if ((channel === 'desks:probe' || channel === 'desks:enroll') && sealer && app.core.phase() === 'setup') {
      const candidate = createWorkstationHost({ dataDir, sealer });
      const result = await candidate.dispatch(connection, channel, input);
      if (channel === 'desks:enroll' && result.ok) desk = candidate;
      else candidate.close();
      return result;
    }
    return app.router.dispatch(connection, channel, input, meta);
  };
  return {
    dispatch,
    workstation: () => desk,
    close: () => desk?.close(),
  };
}

import type { AppHost } from '../app-host';
import type { ChangeFeed, ChangeSink } from '../events';
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
export function createInstallDispatch(
  app: AppHost,
  options: { dataDir: string; sealer: KeySealer | null; hostHint?: string | null },
): { dispatch: Dispatch; workstation: () => WorkstationHost | null; events: ChangeFeed; close: () => void } {
  const { dataDir, sealer } = options;
  let desk: WorkstationHost | null = sealer && isEnrolled(dataDir) ? createWorkstationHost({ dataDir, sealer, hostHint: options.hostHint }) : null;
  // The change feed of whichever answers (issue 19.4): this computer's own, and from an enrollment on
  // the workstation's (the data host's changes); a page subscribed before the enrollment hears both.
  const open = new Map<number, { connection: string; sink: ChangeSink; offDesk: (() => void) | null }>();
  let nextId = 0;
  const becomeDesk = (enrolled: WorkstationHost) => {
    desk = enrolled;
    for (const s of open.values()) s.offDesk ??= enrolled.events.subscribe(s.connection, s.sink);
  };
  const active = () => desk?.events ?? app.events;
  const events: ChangeFeed = {
    publish: (change) => active().publish(change),
    subscribe: (connection, sink) => {
      nextId += 1;
      const id = nextId;
      const offApp = app.events.subscribe(connection, sink);
      open.set(id, { connection, sink, offDesk: desk ? desk.events.subscribe(connection, sink) : null });
      return () => {
        offApp();
        open.get(id)?.offDesk?.();
        open.delete(id);
      };
    },
    since: (seq, connection) => active().since(seq, connection),
    lastSeq: () => active().lastSeq(),
    runId: () => active().runId(),
    subscribers: () => open.size,
    watch: (sink) => active().watch(sink),
    keptSince: (seq) => active().keptSince(seq),
  };
  const dispatch: Dispatch = async (connection, channel, input, meta) => {
    if (desk) return desk.dispatch(connection, channel, input);
    if ((channel === 'desks:probe' || channel === 'desks:enroll') && sealer && app.core.phase() === 'setup') {
      const candidate = createWorkstationHost({ dataDir, sealer });
      const result = await candidate.dispatch(connection, channel, input);
      if (channel === 'desks:enroll' && result.ok) becomeDesk(candidate);
      else candidate.close();
      return result;
    }
    return app.router.dispatch(connection, channel, input, meta);
  };
  return {
    dispatch,
    workstation: () => desk,
    events,
    close: () => desk?.close(),
  };
}

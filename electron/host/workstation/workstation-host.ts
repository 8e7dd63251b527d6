import { randomUUID } from 'node:crypto';
import type { DeskStatus } from '../../../shared/contract/desks';
import { AppError, type AppErrorShape, type Result } from '../../../shared/contract/errors';
import { contract } from '../../../shared/contract';
import type { KeySealer } from '../../services/keys/key-store';
import { createLogger } from '../../services/core/logger';
import { type ChangeFeed, createChangeFeed } from '../events';
import type { Dispatch } from '../router';
import type { Session } from '../sessions';
import { type ChangeWatch, WorkstationClient } from './client';
import { enrollWorkstation, probeHost } from './enroll';
import { type WorkstationIdentity, loadIdentity, saveIdentity, witnessFiles } from './identity';

const log = createLogger('workstation');

/** How often the desk shows the host its witness of the audit chain (besides at start and after each sign-in). */
const WITNESS_EVERY_MS = 5 * 60_000;

export type WorkstationHost = {
  dispatch: Dispatch;
  status: () => DeskStatus;
  /**
   * The data host's changes (issue 19.4), published again here for this desk's pages: give it to the
   * browser host as `events` (the Electron adapter may subscribe to the same feed with `webContents.send`).
   */
  events: ChangeFeed;
  /** The stream from the data host (tests: drop it and watch it come back). */
  changeStream: () => ChangeWatch | null;
  close: () => void;
};

function errorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  return { code: 'internal', message: '内部错误：操作未完成' };
}

/**
 * A workstation install: no database; `desks:status`, `desks:probe` and `desks:enroll` are answered
 * here, everything else goes to the data host over mutual TLS. Until enrolled, only those three work.
 */
export function createWorkstationHost(options: { dataDir: string; sealer: KeySealer; hostHint?: string | null; now?: () => Date }): WorkstationHost {
  const now = options.now ?? (() => new Date());
  const witness = witnessFiles(options.dataDir);
  let identity: WorkstationIdentity | null = loadIdentity(options.dataDir, options.sealer);
  let client: WorkstationClient | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stream: ChangeWatch | null = null;

  // Sessions live on the data host; here a page (local connection) counts as signed in from a
  // successful sign-in until it signs out or the host answers it `unauthenticated`. The local feed
  // tells only those pages, as the host's own feed does.
  const signedIn = new Map<string, Session>();
  const events = createChangeFeed({ get: (connection) => signedIn.get(connection) ?? null });
  /** The page id sent to the host for each local connection, and back. */
  const connectionOfPage = new Map<string, string>();
  const pageOf = (connection: string) => connection.replace(/[^\w-]/g, '').slice(-64).padStart(8, '0');

  const checkWitness = async () => {
    try {
      await client?.checkWitness();
    } catch (error) {
      log.warn('witness check failed', { message: String((error as Error)?.message ?? error).slice(0, 120) });
    }
  };

  const connect = (id: WorkstationIdentity) => {
    client = new WorkstationClient({ hostUrl: id.hostUrl, certPem: id.certPem, keyPem: id.keyPem, caPem: id.caPem, witness, now });
    void checkWitness();
    timer = setInterval(() => void checkWitness(), WITNESS_EVERY_MS);
    timer.unref();
    stream = client.watchChanges(`desk-${randomUUID()}`, {
      onChange: (change) => {
        const { page, mine: _hostMine, seq: _hostSeq, ...rest } = change;
        events.publish({ ...rest, origin: page !== null ? (connectionOfPage.get(page) ?? '') : '' });
      },
      // The host no longer had what this desk missed: every page reads again (the renderer's `*`).
      onReset: () => events.publish({ at: now().toISOString(), channel: '*', by: null, byUserId: null, childIds: [], origin: '' }),
    });
  };
  if (identity) connect(identity);

  const status = (): DeskStatus => ({
    mode: 'workstation',
    listener: null,
    enrolled: identity !== null,
    workstationName: identity?.name ?? null,
    hostAddress: identity ? identity.hostUrl.replace(/^https:\/\//, '') : (options.hostHint ?? null),
    hostReachable: client?.reachable ?? true,
    revoked: client?.revoked ?? false,
    witnessAlarm: witness.alarm(),
  });

  const local = async (channel: string, rawInput: unknown): Promise<Result<unknown> | null> => {
    if (channel === 'desks:status') return { ok: true, value: status() };
    if (channel !== 'desks:probe' && channel !== 'desks:enroll') return null;
    if (identity) return { ok: false, error: { code: 'already_initialized', message: '本工作站已连接数据主机' } };
    const def = contract[channel];
    const parsed = def.input.safeParse(rawInput);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: { code: 'invalid_input', message: issue?.message ?? '输入无效', field: issue?.path.map(String).join('.') || '(input)' } };
    }
    try {
      if (channel === 'desks:probe') return { ok: true, value: await probeHost((parsed.data as { host: string }).host) };
      const input = parsed.data as { host: string; code: string; name: string; fingerprint: string };
      const enrolled = await enrollWorkstation(input);
      saveIdentity(options.dataDir, options.sealer, enrolled, now());
      identity = enrolled;
      connect(enrolled);
      return { ok: true, value: { name: enrolled.name } };
    } catch (error) {
      return { ok: false, error: errorShape(error) };
    }
  };

  const dispatch: Dispatch = async (connection, channel, rawInput) => {
    const answered = await local(channel, rawInput);
    if (answered) return answered;
    if (!client) return { ok: false, error: { code: 'not_ready', message: '请先连接本院数据主机' } };
    const page = pageOf(connection);
    connectionOfPage.set(page, connection);
    const result = await client.invoke(page, channel, rawInput);
    if (channel === 'auth:login' && result.ok) {
      signedIn.set(connection, { user: result.value as Session['user'], lastActivity: Date.now(), locked: false });
      await checkWitness();
    } else if (channel === 'auth:logout' || (!result.ok && result.error.code === 'unauthenticated')) {
      signedIn.delete(connection);
      connectionOfPage.delete(page);
    }
    return result;
  };

  return {
    dispatch,
    status,
    events,
    changeStream: () => stream,
    close: () => {
      if (timer) clearInterval(timer);
      stream?.stop();
      client?.close();
    },
  };
}

import type { DeskStatus } from '../../../shared/contract/desks';
import { AppError, type AppErrorShape, type Result } from '../../../shared/contract/errors';
import { contract } from '../../../shared/contract';
import type { KeySealer } from '../../services/keys/key-store';
import { createLogger } from '../../services/core/logger';
import type { Dispatch } from '../router';
import { WorkstationClient } from './client';
import { enrollWorkstation, probeHost } from './enroll';
import { type WorkstationIdentity, loadIdentity, saveIdentity, witnessFiles } from './identity';

const log = createLogger('workstation');

/** How often the desk shows the host its witness of the audit chain (besides at start and after each sign-in). */
const WITNESS_EVERY_MS = 5 * 60_000;

export type WorkstationHost = {
  dispatch: Dispatch;
  status: () => DeskStatus;
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
    const page = connection.replace(/[^\w-]/g, '').slice(-64).padStart(8, '0');
    const result = await client.invoke(page, channel, rawInput);
    if (channel === 'auth:login' && result.ok) await checkWitness();
    return result;
  };

  return {
    dispatch,
    status,
    close: () => {
      if (timer) clearInterval(timer);
      client?.close();
    },
  };
}

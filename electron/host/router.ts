import type { z } from 'zod';
import { DatabaseCorruptError, ReadOnlyDatabaseError, SchemaTooNewError, StorageFullError, WrongKeyError, classifySqliteError } from '../../db/errors';
import { type Channel, type ChannelOutput, type ChannelParsedInput, type Contract, contract as defaultContract } from '../../shared/contract';
import { AppError, type AppErrorShape, type Result } from '../../shared/contract/errors';
import { channelKind } from '../../shared/contract/channel-kinds';
import { can } from '../../shared/contract/permissions';
import { createLogger } from '../services/core/logger';
import type { Session, SessionStore } from './sessions';

const log = createLogger('router');

/** What a handler receives besides its parsed input. */
export type HandlerContext = {
  connection: string;
  session: Session | null;
};

export type Handler<C extends Channel> = (
  input: ChannelParsedInput<C>,
  ctx: HandlerContext,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export type Handlers = { [C in Channel]: Handler<C> };

/** What a retrying transport adds to a request: its id, unique within the sender (`scope`, a workstation). */
export type RequestMeta = { requestId: string; scope: number };

/**
 * Where the answers to writes are kept by request id (the data host's table). `atomically` runs a
 * write and the keeping of its answer in one transaction, so a crash leaves both or neither; when the
 * handler throws, what it committed itself stays (as without the wrapper) and no answer is kept.
 */
export type AnswerLog = {
  find: (meta: RequestMeta) => Result<unknown> | null;
  keep: (meta: RequestMeta, channel: string, answer: Result<unknown>) => void;
  atomically: <T>(fn: () => T) => T;
};

/** The transport side: something that can deliver (connection, channel, raw input) and return a Result. */
export type Dispatch = (connection: string, channel: string, rawInput: unknown, meta?: RequestMeta) => Promise<Result<unknown>>;

export type Router = {
  dispatch: Dispatch;
  channels: () => string[];
};

/** Channels that work on a locked screen (so the person can unlock or sign out). */
const ALLOWED_WHEN_LOCKED = new Set<string>(['app:status', 'auth:unlockScreen', 'auth:logout', 'auth:lock']);
/** Channels a person who must change their password may still use. */
const ALLOWED_WHEN_MUST_CHANGE = new Set<string>(['app:status', 'auth:changePassword', 'auth:logout', 'auth:lock', 'auth:unlockScreen']);

function invalidInput(error: z.ZodError): AppErrorShape {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || '(input)';
  return { code: 'invalid_input', message: issue?.message ?? '输入无效', field, details: { issues: error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) } };
}

/** Turns anything thrown by a handler into the closed error list; never leaks internals. */
function toErrorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  if (isZodError(error)) return invalidInput(error);
  const classified = classifySqliteError(error);
  if (classified instanceof WrongKeyError) return { code: 'wrong_key', message: classified.message };
  if (classified instanceof DatabaseCorruptError) return { code: 'database_corrupt', message: classified.message };
  if (classified instanceof SchemaTooNewError) return { code: 'schema_too_new', message: classified.message };
  if (classified instanceof StorageFullError) return { code: 'storage_full', message: classified.message };
  if (classified instanceof ReadOnlyDatabaseError) return { code: 'read_only', message: classified.message };
  log.error('unexpected handler error', { name: (error as Error)?.name, message: String((error as Error)?.message ?? error).slice(0, 200) });
  return { code: 'internal', message: '内部错误：操作未完成，已保存的数据不受影响' };
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function isZodError(error: unknown): error is z.ZodError {
  return typeof error === 'object' && error !== null && (error as { name?: string }).name === 'ZodError' && Array.isArray((error as { issues?: unknown }).issues);
}

/**
 * The one request path: channel → session and permission → zod parse → handler → zod-checked
 * result. Knows nothing of the transport. Refuses a handler map that misses or adds channels.
 */
export function createRouter(
  handlers: Handlers,
  sessions: SessionStore,
  contract: Contract = defaultContract,
  options: { answers?: () => AnswerLog | null } = {},
): Router {
  const names = Object.keys(contract);
  const missing = names.filter((name) => typeof (handlers as Record<string, unknown>)[name] !== 'function');
  const extra = Object.keys(handlers).filter((name) => !(name in contract));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`router: handlers missing for [${missing.join(', ')}], unknown handlers [${extra.join(', ')}]`);
  }

  const dispatch: Dispatch = async (connection, channel, rawInput, meta) => {
    try {
      if (typeof channel !== 'string' || !Object.prototype.hasOwnProperty.call(contract, channel)) {
        return { ok: false, error: { code: 'unknown_channel', message: `未知的请求通道：${String(channel).slice(0, 64)}` } };
      }
      const name = channel as Channel;
      // A write sent again (the answer was lost on the way) is answered from what was kept, not run twice.
      const kind = channelKind(name);
      const answers = meta && (kind === 'write' || kind === 'outside') ? (options.answers?.() ?? null) : null;
      if (answers && meta) {
        const kept = answers.find(meta);
        if (kept) return kept;
      }
      const def = contract[name];
      const session = def.permission === 'public' ? sessions.get(connection) : sessions.touch(connection);
      if (def.permission !== 'public') {
        if (!session) return { ok: false, error: { code: 'unauthenticated', message: '请先登录' } };
        if (session.locked && !ALLOWED_WHEN_LOCKED.has(name)) {
          return { ok: false, error: { code: 'session_locked', message: '屏幕已锁定，请输入密码解锁' } };
        }
        if (session.user.mustChangePassword && !ALLOWED_WHEN_MUST_CHANGE.has(name)) {
          return { ok: false, error: { code: 'password_change_required', message: '请先修改密码' } };
        }
        if (!can(session.user.roles, def.permission)) {
          return { ok: false, error: { code: 'forbidden', message: '您的角色无权进行此操作' } };
        }
      }
      const parsed = def.input.safeParse(rawInput === undefined ? null : rawInput);
      if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
      const handler = handlers[name] as Handler<Channel>;
      const finish = (value: unknown): Result<unknown> => {
        const checked = def.output.safeParse(value);
        if (!checked.success) {
          log.error('handler output does not match the contract', { channel: name, path: checked.error.issues[0]?.path.join('.') });
          throw new AppError('internal', '内部错误：返回的数据不符合约定');
        }
        return { ok: true, value: checked.data };
      };
      const run = () => handler(parsed.data as ChannelParsedInput<Channel>, { connection, session });
      if (!answers || !meta) return finish(await run());
      if (kind === 'outside') {
        const result = finish(await run());
        answers.keep(meta, name, result);
        return result;
      }
      // A synchronous handler's write and its kept answer commit together (its own transaction nests
      // as a savepoint); an asynchronous one's answer is kept as soon as it is known.
      const direct = answers.atomically(() => {
        const value = run();
        if (isPromise(value)) return value;
        const result = finish(value);
        answers.keep(meta, name, result);
        return result;
      });
      if (!isPromise(direct)) return direct;
      const result = finish(await direct);
      answers.keep(meta, name, result);
      return result;
    } catch (error) {
      try {
        return { ok: false, error: toErrorShape(error) };
      } catch {
        // Something thrown whose properties or toString throw in turn: still a Result, never a rejection.
        return { ok: false, error: { code: 'internal', message: '内部错误：操作未完成，已保存的数据不受影响' } };
      }
    }
  };

  return { dispatch, channels: () => names.slice() };
}

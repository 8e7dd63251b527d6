import type { AppErrorShape, Channel, ChannelInput, ChannelOutput, TonghuApi } from '../../shared/contract';

/** A failed call, with the contract's error code and (for invalid input) the field. */
export class ApiError extends Error {
  readonly code: AppErrorShape['code'];
  readonly field?: string;
  readonly details?: unknown;
  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.field = shape.field;
    this.details = shape.details;
  }
}

type Listener = (error: ApiError) => void;
const listeners = new Set<Listener>();

/** Session-level errors (locked, signed out) are announced so the shell can react in one place. */
export function onSessionError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The one place results are unwrapped: returns the value or throws an ApiError. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const api = (window as { api?: TonghuApi }).api;
  if (!api) throw new ApiError({ code: 'internal', message: '无法连接本地服务（window.api 不存在）' });
  const result = await api.invoke(channel, input);
  if (result.ok) return result.value;
  const error = new ApiError(result.error);
  if (error.code === 'session_locked' || error.code === 'unauthenticated' || error.code === 'password_change_required') {
    for (const l of listeners) l(error);
  }
  throw error;
}

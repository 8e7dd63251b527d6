import type { IpcMainInvokeEvent } from 'electron';
import type { Dispatch } from '../host/router';
import type { Result } from '../../shared/contract/errors';
import { createLogger } from '../services/core/logger';
import { type TrustedUrlOptions, isTrustedUrl } from './trusted-url';

const log = createLogger('ipc');

/** The one IPC channel: every request of the renderer goes through it to the router. */
export const INVOKE_CHANNEL = 'tonghu:invoke';
/** Main → page: a change made at some desk (electron/host/events.ts), sent with `webContents.send`. */
export const CHANGE_CHANNEL = 'tonghu:change';

/** The part of an invoke event the sender check reads. */
export type InvokeEventLike = {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
};

/** The part of `ipcMain` the adapter needs; the shell passes the real one, tests a fake. */
export type IpcMainLike = {
  handle: (channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>) => void;
  removeHandler: (channel: string) => void;
};

const FORBIDDEN: Result<never> = { ok: false, error: { code: 'forbidden', message: '请求来源不是本程序的页面，已拒绝' } };

/** The router's name for the caller: one session per web contents. */
export function connectionOf(event: InvokeEventLike): string {
  return `wc:${event.sender.id}`;
}

/**
 * Answers one invoke: refuses any sender that is not the app's own top-level page, then hands
 * the request to the router. Never throws; the router already turns failures into typed errors.
 */
export function createInvokeHandler(dispatch: Dispatch, trusted: TrustedUrlOptions) {
  return async (event: InvokeEventLike, channel: unknown, input: unknown): Promise<Result<unknown>> => {
    const frame = event.senderFrame;
    // A destroyed frame (null) or a subframe is never the app's page, whatever its URL says.
    if (!frame || frame.parent !== null || !isTrustedUrl(frame.url, trusted)) {
      log.warn('refused an invoke from an untrusted sender', { sender: event.sender.id });
      return FORBIDDEN;
    }
    return dispatch(connectionOf(event), typeof channel === 'string' ? channel : String(channel), input);
  };
}

/** Binds the handler to `ipcMain.handle`; returns a function that unbinds it. */
export function registerInvokeHandler(ipcMain: IpcMainLike, dispatch: Dispatch, trusted: TrustedUrlOptions): () => void {
  const handler = createInvokeHandler(dispatch, trusted);
  ipcMain.handle(INVOKE_CHANNEL, (event, channel, input) => handler(event, channel, input));
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

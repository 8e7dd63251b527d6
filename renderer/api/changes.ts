import { useEffect, useRef } from 'react';
import type { TonghuApi } from '../../shared/contract';
import type { ChangeEvent, ChangeListener } from '../../shared/contract/events';

/**
 * Changes made at any desk (issue 19.4), from the transport (IPC in Electron, server-sent events in the
 * browser host and on a workstation). One subscription per page, shared by every listener.
 */
const listeners = new Set<ChangeListener>();
let unsubscribeTransport: (() => void) | null = null;

function ensureSubscribed(): void {
  if (unsubscribeTransport) return;
  const api = (window as { api?: TonghuApi }).api;
  if (!api?.onChange) return;
  unsubscribeTransport = api.onChange((event) => {
    for (const listener of [...listeners]) listener(event);
  });
}

/** Calls `listener` with every change; returns the unsubscribe function. */
export function subscribeChanges(listener: ChangeListener): () => void {
  listeners.add(listener);
  ensureSubscribed();
  return () => void listeners.delete(listener);
}

/** Whether a change may affect what a page about `childId` shows (`*`: the feed lost track: everything). */
export function touchesChild(event: ChangeEvent, childId: number): boolean {
  return event.channel === '*' || event.childIds.includes(childId);
}

/**
 * Runs `handler` on each change while the component is mounted (the latest handler, without
 * resubscribing on every render).
 */
export function useChanges(handler: ChangeListener): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => subscribeChanges((event) => latest.current(event)), []);
}

import { AsyncLocalStorage } from 'node:async_hooks';

/** Where a request came from: the enrolled workstation it was sent through (null: the host's own window). */
export type RequestOrigin = { workstationId: number };

const storage = new AsyncLocalStorage<RequestOrigin>();

/** Runs `fn` with `origin` as the current request's origin (the data host's transport wraps each request). */
export function withOrigin<T>(origin: RequestOrigin, fn: () => T): T {
  return storage.run(origin, fn);
}

/** The origin of the request being served, or null on the host's own window, the timers and the tests. */
export function currentOrigin(): RequestOrigin | null {
  return storage.getStore() ?? null;
}

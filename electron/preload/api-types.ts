import type { TonghuApi } from '../../shared/contract';

declare global {
  /** What the preload exposes to the page (see electron/preload/index.ts); the browser host's shim matches it. */
  interface Window {
    readonly api: TonghuApi;
  }
}

export {};

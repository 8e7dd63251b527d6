import type { Page } from '@playwright/test';

export type RawResult = { ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } };

/** Calls the app's one request path from the page, as the renderer does (window.api.invoke). */
export function invokeRaw(page: Page, channel: string, input: unknown): Promise<RawResult> {
  return page.evaluate(
    async ([c, i]) => (globalThis as unknown as { api: { invoke: (c: string, i: unknown) => Promise<unknown> } }).api.invoke(c as string, i),
    [channel, input] as const,
  ) as Promise<RawResult>;
}

/** The same, unwrapped: the value, or a thrown error naming the channel. */
export async function invoke<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const r = await invokeRaw(page, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error?.message}`);
  return r.value as T;
}

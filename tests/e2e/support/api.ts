import type { Page } from '@playwright/test';
import { type Versions, versionIn } from '../../../shared/contract/versions';

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

/**
 * The version of one part as the page that shows it reads it (issue 19.4): `read` is that page's read
 * (record:get for a child's record, rehab:child, reintegration:get); an edit of the part sends it back.
 */
export async function versionAsRead(page: Page, read: string, input: unknown, entity: string, id: number): Promise<number> {
  const answer = await invoke<{ versions?: Versions }>(page, read, input);
  return versionIn(answer.versions, entity, id);
}

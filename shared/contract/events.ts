import { z } from 'zod';

/**
 * A change made at some desk, told to every open page (issue 19.4) so that lists, the worklist and a
 * child's page refresh without a reload. It names what changed, never the data: a page that cares reads
 * again through the router, with its own permissions.
 */
export const changeEventSchema = z.object({
  /** Grows by one with each event of a run; a gap means events were missed (read everything again). */
  seq: z.number().int(),
  at: z.string(),
  /** The channel that made the change (`record:updateProfile`). */
  channel: z.string(),
  /** Who made it (display name), null for the system. */
  by: z.string().nullable(),
  byUserId: z.number().int().nullable(),
  /** Children whose record changed (empty for users, settings…). */
  childIds: z.array(z.number().int()),
  /** The change was made from this very page (its own save): no "changed by someone else" notice. */
  mine: z.boolean(),
});
export type ChangeEvent = z.infer<typeof changeEventSchema>;
export type ChangeListener = (event: ChangeEvent) => void;

/** What the preload (and the browser host's shim) add to `window.api` for change events. */
export type ChangeSubscribe = (listener: ChangeListener) => () => void;

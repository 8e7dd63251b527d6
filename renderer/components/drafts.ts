/**
 * Drafts of long forms (a rehabilitation plan or revision, a reintegration assessment, a mental-health
 * check), kept in this window's memory only: they survive closing the dialog and moving between pages,
 * and go when saved, when discarded on purpose, and when the person signs out (or another signs in).
 * Never written to disk: browser storage of a desktop app is an unencrypted file, and a draft holds a
 * child's clinical data.
 */
type Draft = { values: unknown; at: number };

const drafts = new Map<string, Draft>();
let owner: number | null = null;

export const draftStore = {
  get<V>(key: string): V | null {
    const d = drafts.get(key);
    return d ? (structuredClone(d.values) as V) : null;
  },
  has(key: string): boolean {
    return drafts.has(key);
  },
  set(key: string, values: unknown): void {
    drafts.set(key, { values: structuredClone(values), at: Date.now() });
  },
  delete(key: string): void {
    drafts.delete(key);
  },
  size(): number {
    return drafts.size;
  },
  /** The signed-in person changed (signed out, session ended, another signed in): every draft goes. */
  setOwner(userId: number | null): void {
    if (userId !== owner) drafts.clear();
    owner = userId;
  },
};

/** A draft's key: the form and the record it belongs to (`rehabPlan:revise:12`). */
export function draftKey(form: string, ...ids: (string | number)[]): string {
  return [form, ...ids].join(':');
}

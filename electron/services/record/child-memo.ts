/**
 * What is worked out from each child's record (the rules' evaluation, the categories, the worklist
 * items) kept in memory only while that record stays exactly as it was.
 *
 * Triggers (migration 0011) give a child a new, higher `child_versions.version` in the same transaction
 * as any change to any row of its record, whichever code path writes it. A memo remembers the highest
 * version it has seen; on each read, the children with a higher version — and only they — are worked
 * out again. A change of day works everything out again. So a memo can never show a record as it was
 * before an edit: the edit's own transaction has already moved the version when the next read looks.
 *
 * Nothing is kept while a transaction is open on the connection (it could still be rolled back, and a
 * later change could then reuse its version number): inside one, the values are worked out afresh.
 */
import { asc, inArray } from 'drizzle-orm';
import type { SqliteDb } from '../../../db/open';
import { children } from '../../../db/schema';
import type { ServiceContext } from '../core/context';
import type { WorkerPool } from '../core/worker-pool';
import { SELECTIVE_LOAD_MAX } from './record-store';

type Memo<T> = { asOf: string; seen: number; values: Map<number, T> };

const memos = new WeakMap<SqliteDb, Map<string, Memo<unknown>>>();

/**
 * Works out the children whose records changed since we last saw them. For the whole data set,
 * `ids` is null. Must return an entry for every child it should hold and leave out any it should not
 * (a child not in care, say): a changed child absent from the result is dropped from the memo.
 */
type ComputeForChildren<T> = (ids: readonly number[] | null) => Map<number, T>;

/** The highest record version so far (a memo seeded from a snapshot is as of the version read before it). */
export function latestVersion(sqlite: SqliteDb): number {
  return (sqlite.prepare('SELECT coalesce(max(version), 0) AS v FROM child_versions').get() as { v: number }).v;
}

/** `name`'s value for every child on `asOf`, worked out only where a record changed since last time. */
export function memoByChild<T>(ctx: ServiceContext, name: string, asOf: string, compute: ComputeForChildren<T>): ReadonlyMap<number, T> {
  const { sqlite } = ctx;
  if (sqlite.inTransaction) return compute(null);
  const latest = latestVersion(sqlite);
  let byName = memos.get(sqlite);
  if (!byName) {
    byName = new Map();
    memos.set(sqlite, byName);
  }
  const memo = byName.get(name) as Memo<T> | undefined;
  if (!memo || memo.asOf !== asOf) {
    const values = compute(null);
    byName.set(name, { asOf, seen: latest, values });
    return values;
  }
  if (latest === memo.seen) return memo.values;
  const changed = (sqlite.prepare('SELECT child_id AS id FROM child_versions WHERE version > ?').all(memo.seen) as { id: number }[]).map((r) => r.id);
  const fresh = compute(changed);
  for (const id of changed) {
    const value = fresh.get(id);
    if (value === undefined) memo.values.delete(id);
    else memo.values.set(id, value);
  }
  memo.seen = latest;
  return memo.values;
}

/** Whether `name`'s memo is already worked out for `asOf` (a read then works out only the changed children). */
export function memoHolds(ctx: ServiceContext, name: string, asOf: string): boolean {
  return memos.get(ctx.sqlite)?.get(name)?.asOf === asOf;
}

/**
 * Keeps `values` — worked out elsewhere (in a worker, from a snapshot no older than version `seen`)
 * — as `name`'s memo for `asOf`. The next read works out again every child changed after `seen`, so a
 * change made while the worker ran is never missed.
 */
export function seedMemo<T>(ctx: ServiceContext, name: string, asOf: string, seen: number, values: Map<number, T>): void {
  let byName = memos.get(ctx.sqlite);
  if (!byName) {
    byName = new Map();
    memos.set(ctx.sqlite, byName);
  }
  byName.set(name, { asOf, seen, values });
}

/**
 * Below this many children the whole set is worked out here: it takes less than a worker's start. At
 * 10,000 children a first read of the day takes seconds, and goes to a worker.
 */
export const OFF_THREAD_MIN_CHILDREN = 1_000;

/**
 * Works `name`'s memo out for `asOf` in a worker (`task`, on its own read connection) when it is not
 * held yet and the data set is large, and keeps it (seedMemo). The read that follows then works out
 * here only the children changed since.
 */
export async function warmMemoOffThread(
  ctx: ServiceContext,
  name: string,
  asOf: string,
  task: string,
  workers: WorkerPool,
  minChildren: number = OFF_THREAD_MIN_CHILDREN,
): Promise<void> {
  if (ctx.sqlite.inTransaction || memoHolds(ctx, name, asOf)) return;
  const { n } = ctx.sqlite.prepare('SELECT count(*) AS n FROM children').get() as { n: number };
  if (n < minChildren) return;
  const seen = latestVersion(ctx.sqlite);
  const entries = await workers.run<[number, unknown][]>(task, { asOf }, ctx.actor);
  if (!memoHolds(ctx, name, asOf)) seedMemo(ctx, name, asOf, seen, new Map(entries));
}

/** Forgets every memo of the connection (tests compare a memo's answer with one worked out afresh). */
export function forgetMemos(sqlite: SqliteDb): void {
  memos.delete(sqlite);
}

/** The columns of a child the memos' computations read: who, in care or not, and what the facts need. */
const MEMO_CHILD_COLUMNS = {
  id: children.id,
  name: children.name,
  status: children.status,
  birthDate: children.birthDate,
  hukouKind: children.hukouKind,
  idNumber: children.idNumber,
  admissionDate: children.admissionDate,
  dischargeDate: children.dischargeDate,
};

/** The children of `ids` (all of them for null), by id, with the columns above. */
export function childRowsFor(ctx: ServiceContext, ids: readonly number[] | null) {
  const query = () => ctx.db.select(MEMO_CHILD_COLUMNS).from(children);
  if (ids !== null && ids.length <= SELECTIVE_LOAD_MAX) return query().where(inArray(children.id, [...ids])).orderBy(asc(children.id)).all();
  const all = query().orderBy(asc(children.id)).all();
  if (ids === null) return all;
  const wanted = new Set(ids);
  return all.filter((c) => wanted.has(c.id));
}

import type { Db, SqliteDb } from '../../../db/open';
import type { Role } from '../../../shared/contract/permissions';
import type { Clock } from './clock';

/** Who is acting: the signed-in person. */
export type Actor = { userId: number; username: string; roles: Role[] };

/** What every service function receives: the database, the clock and the actor. */
export type ServiceContext = { db: Db; sqlite: SqliteDb; clock: Clock; actor: Actor | null };

/** Runs `fn` in one write transaction: all of it is saved, or none of it. */
export function inTransaction<T>(ctx: ServiceContext, fn: () => T): T {
  // A connection open read-only (a damaged database) cannot take the write lock; its writes fail anyway.
  return ctx.sqlite.readonly ? ctx.sqlite.transaction(fn)() : ctx.sqlite.transaction(fn).immediate();
}

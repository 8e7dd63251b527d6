/**
 * Caseloads (我的儿童, issue 18.9): which children each caseworker, therapist and placement officer looks
 * after. An administrator or supervisor assigns and ends assignments; a therapist can be given children
 * before any plan names them. The worklist and the day list put a person's own children first.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { caseloadAssignments, children, users } from '../../../db/schema';
import { type CaseloadAssignInput, type CaseloadRole, type CaseloadRow, caseloadAssignSchema } from '../../../shared/contract/caseload';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import type { Role } from '../../../shared/contract/permissions';
import { appendAudit } from '../audit/audit';
import { type ServiceContext, inTransaction } from '../core/context';

const ROLE_NOUNS: Record<CaseloadRole, string> = { caseworker: '社工', therapist: '康复治疗师', placementOfficer: '安置专员' };

type Filter = { childId?: number; userId?: number };

/** Open assignments, by child name then role. */
export function listCaseload(ctx: ServiceContext, filter: Filter): CaseloadRow[] {
  const conditions = [isNull(caseloadAssignments.endedAt)];
  if (filter.childId !== undefined) conditions.push(eq(caseloadAssignments.childId, filter.childId));
  if (filter.userId !== undefined) conditions.push(eq(caseloadAssignments.userId, filter.userId));
  const rows = ctx.db
    .select({
      id: caseloadAssignments.id,
      childId: caseloadAssignments.childId,
      childName: children.name,
      childPinyin: children.namePinyin,
      userId: caseloadAssignments.userId,
      userName: users.displayName,
      role: caseloadAssignments.role,
      assignedAt: caseloadAssignments.assignedAt,
      assignedById: caseloadAssignments.assignedBy,
    })
    .from(caseloadAssignments)
    .innerJoin(children, eq(children.id, caseloadAssignments.childId))
    .innerJoin(users, eq(users.id, caseloadAssignments.userId))
    .where(and(...conditions))
    .orderBy(asc(children.namePinyin), asc(caseloadAssignments.role), asc(caseloadAssignments.id))
    .all();
  const names = new Map(ctx.db.select({ id: users.id, name: users.displayName }).from(users).all().map((u) => [u.id, u.name]));
  return rows.map(({ childPinyin: _p, assignedById, ...r }) => ({ ...r, assignedBy: assignedById === null ? null : (names.get(assignedById) ?? null) }));
}

/** The children a person looks after (open assignments, any role). */
export function myChildIds(ctx: ServiceContext, userId: number): Set<number> {
  return new Set(
    ctx.db
      .select({ childId: caseloadAssignments.childId })
      .from(caseloadAssignments)
      .where(and(eq(caseloadAssignments.userId, userId), isNull(caseloadAssignments.endedAt)))
      .all()
      .map((r) => r.childId),
  );
}

/** Active accounts that hold a caseload role, with those roles, by name. */
export function caseloadPeople(ctx: ServiceContext): { id: number; name: string; roles: CaseloadRole[] }[] {
  const caseloadRoles = new Set<string>(['caseworker', 'therapist', 'placementOfficer']);
  return ctx.db
    .select({ id: users.id, name: users.displayName, roles: users.roles, active: users.active })
    .from(users)
    .orderBy(asc(users.displayName))
    .all()
    .filter((u) => u.active)
    .map((u) => ({ id: u.id, name: u.name, roles: (u.roles as string[]).filter((r) => caseloadRoles.has(r)) as CaseloadRole[] }))
    .filter((u) => u.roles.length > 0);
}

/** Gives a child in care to a person who holds the role; refuses a duplicate or a person without the role. */
export function assignCaseload(ctx: ServiceContext, raw: CaseloadAssignInput): CaseloadRow {
  const input = caseloadAssignSchema.parse(raw);
  return inTransaction(ctx, () => {
    const child = ctx.db.select({ id: children.id, status: children.status }).from(children).where(eq(children.id, input.childId)).get();
    if (!child) throw new AppError('not_found', '找不到该儿童');
    if (child.status !== 'inCare') throw new ValidationError('childId', '该儿童已离院，不能分配负责人');
    const user = ctx.db.select().from(users).where(eq(users.id, input.userId)).get();
    if (!user) throw new ValidationError('userId', '找不到该账户');
    if (!user.active) throw new ValidationError('userId', '该账户已停用');
    const roles = user.roles as Role[];
    if (!roles.includes(input.role)) throw new ValidationError('userId', `该账户没有“${ROLE_NOUNS[input.role]}”角色`);
    const open = ctx.db
      .select({ id: caseloadAssignments.id })
      .from(caseloadAssignments)
      .where(and(eq(caseloadAssignments.childId, input.childId), eq(caseloadAssignments.userId, input.userId), eq(caseloadAssignments.role, input.role), isNull(caseloadAssignments.endedAt)))
      .get();
    if (open) throw new AppError('duplicate', `该儿童已分配给${user.displayName}（${ROLE_NOUNS[input.role]}）`, { field: 'userId' });
    const row = ctx.db
      .insert(caseloadAssignments)
      .values({ childId: input.childId, userId: input.userId, role: input.role, assignedAt: ctx.clock.now().toISOString(), assignedBy: ctx.actor?.userId ?? null })
      .returning()
      .get();
    appendAudit(ctx, { action: 'caseload.assign', entity: 'caseload', entityId: row.id, childId: input.childId, detail: { userId: input.userId, role: input.role } });
    const listed = listCaseload(ctx, { childId: input.childId }).find((r) => r.id === row.id);
    if (!listed) throw new AppError('internal', '分配未能读回');
    return listed;
  });
}

/** Ends an open assignment; the row stays with its end time. */
export function endCaseload(ctx: ServiceContext, id: number): null {
  return inTransaction(ctx, () => {
    const row = ctx.db.select().from(caseloadAssignments).where(eq(caseloadAssignments.id, id)).get();
    if (!row || row.endedAt !== null) throw new AppError('not_found', '找不到该分配（可能已被他人结束）');
    ctx.db.update(caseloadAssignments).set({ endedAt: ctx.clock.now().toISOString() }).where(eq(caseloadAssignments.id, id)).run();
    appendAudit(ctx, { action: 'caseload.end', entity: 'caseload', entityId: id, childId: row.childId, detail: { userId: row.userId, role: row.role } });
    return null;
  });
}

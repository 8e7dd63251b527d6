/**
 * Session logs (二(七)): a therapist logs a session against the child's plan in force — attended with
 * minutes, or missed with the reason — with the goals worked and a GAS rating where one was made. The
 * author may edit their session for 7 days after logging it; a later correction is an amendment, a new
 * row that replaces the original in every count while the original stays as written. Only the author
 * or a supervisor amends; the amendment keeps the original therapist and records who amended.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { rehabGoals, rehabSessionGoals, rehabSessions } from '../../../db/schema';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import { can } from '../../../shared/contract/permissions';
import {
  type SessionAmendInput,
  type SessionEditInput,
  type SessionLogInput,
  type SessionView,
  sessionAmendSchema,
  sessionEditSchema,
  sessionLogSchema,
} from '../../../shared/contract/rehab';
import { addDays, toIsoDate } from '../../../shared/domain/dates';
import { appendAudit } from '../audit/audit';
import { moveVersion } from '../audit/record-versions';
import { type ServiceContext, inTransaction } from '../core/context';
import { type PlanRow, activePlanOf, childPlans, peopleNames } from './rehab-plans';
import { actorId, nowIso, parseInput, requireChild } from '../record/record-store';

/** How long the author may change a session in place (days after logging it). */
const SESSION_EDIT_DAYS = 7;

type SessionRow = typeof rehabSessions.$inferSelect;
type SessionFields = Pick<ReturnType<typeof parseInput<typeof sessionLogSchema>>, 'sessionOn' | 'attended' | 'minutes' | 'absenceReason' | 'goals' | 'note'>;

/** Whether `row` may still be edited in place by the person acting. */
function editableBy(ctx: ServiceContext, row: Pick<SessionRow, 'createdBy' | 'createdAt'>, amended: boolean): boolean {
  if (amended || row.createdBy === null || row.createdBy !== actorId(ctx)) return false;
  return ctx.clock.today() <= addDays(toIsoDate(new Date(row.createdAt)), SESSION_EDIT_DAYS);
}

/**
 * Whether the person acting may amend `row`: the session's therapist (the author, who logged it) with
 * rehab.write, or a supervisor (rehab.approve). A colleague may not.
 */
function mayAmend(ctx: ServiceContext, row: Pick<SessionRow, 'therapistId'>): boolean {
  const roles = ctx.actor?.roles ?? [];
  const author = row.therapistId !== null && row.therapistId === actorId(ctx) && can(roles, 'rehab.write');
  return author || can(roles, 'rehab.approve');
}

/** Checks a session against its plan: dates, attendance, goals of that plan; returns the goals worked. */
function checkSession(ctx: ServiceContext, input: SessionFields, plan: PlanRow): void {
  if (input.sessionOn > ctx.clock.today()) throw new ValidationError('sessionOn', '训练日期不能晚于今天');
  if (input.sessionOn < plan.startsOn) throw new ValidationError('sessionOn', `训练日期不能早于第 ${plan.version} 版计划的开始日期（${plan.startsOn}）`);
  if (input.attended) {
    if (input.minutes === null) throw new ValidationError('minutes', '请填写时长（分钟）');
    if (input.absenceReason) throw new ValidationError('absenceReason', '已出勤的训练不填写缺席原因');
  } else {
    if (!input.absenceReason) throw new ValidationError('absenceReason', '未出勤时请填写缺席原因');
    if (input.minutes !== null) throw new ValidationError('minutes', '未出勤时不填写时长');
    if (input.goals.length > 0) throw new ValidationError('goals', '未出勤时不记录训练目标与评分');
  }
  const goalIds = new Set(ctx.db.select({ id: rehabGoals.id }).from(rehabGoals).where(eq(rehabGoals.planId, plan.id)).all().map((g) => g.id));
  const seen = new Set<number>();
  input.goals.forEach((g, i) => {
    if (!goalIds.has(g.goalId)) throw new ValidationError(`goals.${i}.goalId`, `该目标不属于第 ${plan.version} 版康复计划`);
    if (seen.has(g.goalId)) throw new ValidationError(`goals.${i}.goalId`, '同一目标重复记录');
    seen.add(g.goalId);
  });
}

function writeGoals(ctx: ServiceContext, sessionId: number, goals: SessionFields['goals']): void {
  ctx.db.delete(rehabSessionGoals).where(eq(rehabSessionGoals.sessionId, sessionId)).run();
  for (const g of goals) ctx.db.insert(rehabSessionGoals).values({ sessionId, goalId: g.goalId, rating: g.rating }).run();
}

const fieldsOf = (input: SessionFields) => ({
  sessionOn: input.sessionOn,
  attended: input.attended,
  minutes: input.attended ? (input.minutes ?? null) : null,
  absenceReason: input.attended ? null : input.absenceReason,
  note: input.note,
});

/** What the audit trail keeps of a session: no free text (note, absence reason), only what was done. */
const auditDetail = (input: SessionFields) => {
  const { note: _note, absenceReason: _absenceReason, ...fields } = fieldsOf(input);
  return { ...fields, goals: input.goals };
};

/** Logs a session against the child's plan in force today. */
export function logSession(ctx: ServiceContext, raw: SessionLogInput): SessionView {
  const input = parseInput(sessionLogSchema, raw);
  const id = inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    const plan = activePlanOf(childPlans(ctx, child.id), ctx.clock.today());
    if (!plan) throw new AppError('conflict', '该儿童没有已批准的康复计划，不能记录训练', { field: 'childId' });
    checkSession(ctx, input, plan);
    const row = ctx.db
      .insert(rehabSessions)
      .values({ childId: child.id, createdAt: nowIso(ctx), createdBy: actorId(ctx), planId: plan.id, therapistId: actorId(ctx), ...fieldsOf(input) })
      .returning()
      .get();
    writeGoals(ctx, row.id, input.goals);
    appendAudit(ctx, { action: 'rehabSession.add', entity: 'rehabSession', entityId: row.id, childId: child.id, detail: auditDetail(input) });
    return row.id;
  });
  return sessionView(ctx, id);
}

function requireSession(ctx: ServiceContext, id: number): SessionRow {
  const row = ctx.db.select().from(rehabSessions).where(eq(rehabSessions.id, id)).get();
  if (!row || row.voidedAt !== null) throw new AppError('not_found', '未找到该训练记录');
  return row;
}

const amendmentOf = (ctx: ServiceContext, id: number) =>
  ctx.db.select({ id: rehabSessions.id }).from(rehabSessions).where(and(eq(rehabSessions.amendsSessionId, id), isNull(rehabSessions.voidedAt))).get();

function planOfSession(ctx: ServiceContext, row: SessionRow): PlanRow {
  const plan = childPlans(ctx, row.childId).find((p) => p.id === row.planId);
  if (!plan) throw new AppError('not_found', '该训练记录所属的康复计划已不存在');
  return plan;
}

/** The author's own change within 7 days of logging; the before/after goes to the audit trail. */
export function editSession(ctx: ServiceContext, raw: SessionEditInput): SessionView {
  const input = parseInput(sessionEditSchema, raw);
  inTransaction(ctx, () => {
    const row = requireSession(ctx, input.sessionId);
    const amendment = amendmentOf(ctx, row.id);
    if (amendment) throw new AppError('conflict', '该记录已被更正，请查看更正后的记录');
    if (row.createdBy !== actorId(ctx)) throw new AppError('forbidden', '只能修改本人记录的训练；如需更正请提交更正记录');
    if (!editableBy(ctx, row, false)) throw new AppError('conflict', `记录已超过 ${SESSION_EDIT_DAYS} 天，不能直接修改，请提交更正记录`);
    checkSession(ctx, input, planOfSession(ctx, row));
    const before = {
      ...auditDetail({ ...row, absenceReason: row.absenceReason, goals: [] }),
      goals: ctx.db.select({ goalId: rehabSessionGoals.goalId, rating: rehabSessionGoals.rating }).from(rehabSessionGoals).where(eq(rehabSessionGoals.sessionId, row.id)).all(),
    };
    const textFields = (['note', 'absenceReason'] as const).filter((k) => (row[k] ?? null) !== (fieldsOf(input)[k] ?? null));
    ctx.db
      .update(rehabSessions)
      .set({ ...fieldsOf(input), updatedAt: nowIso(ctx) })
      .where(eq(rehabSessions.id, row.id))
      .run();
    writeGoals(ctx, row.id, input.goals);
    appendAudit(ctx, { action: 'rehabSession.update', entity: 'rehabSession', entityId: row.id, childId: row.childId, detail: { before, after: auditDetail(input), textFields } });
  });
  return sessionView(ctx, input.sessionId);
}

/** A correction: a new session row amending the latest version of the session, with the reason. */
export function amendSession(ctx: ServiceContext, raw: SessionAmendInput): SessionView {
  const input = parseInput(sessionAmendSchema, raw);
  const id = inTransaction(ctx, () => {
    const row = requireSession(ctx, input.sessionId);
    const amendment = amendmentOf(ctx, row.id);
    if (amendment) throw new AppError('conflict', '该记录已被更正，请在最新的更正记录上再更正', { details: { amendedBy: amendment.id } });
    if (!mayAmend(ctx, row)) throw new AppError('forbidden', '只有记录该训练的治疗师本人或主管可以更正', { field: 'sessionId' });
    checkSession(ctx, input, planOfSession(ctx, row));
    const created = ctx.db
      .insert(rehabSessions)
      .values({
        childId: row.childId,
        createdAt: nowIso(ctx),
        createdBy: actorId(ctx),
        planId: row.planId,
        therapistId: row.therapistId,
        ...fieldsOf(input),
        amendsSessionId: row.id,
        amendReason: input.reason,
      })
      .returning()
      .get();
    writeGoals(ctx, created.id, input.goals);
    // The original is superseded, not updated: its version moves all the same (an edit read before is stale).
    moveVersion(ctx, { entity: 'rehabSession', id: row.id }, row.childId);
    appendAudit(ctx, {
      action: 'rehabSession.amend',
      entity: 'rehabSession',
      entityId: created.id,
      childId: row.childId,
      detail: { amends: row.id, ...auditDetail(input), textFields: ['amendReason'] },
    });
    return created.id;
  });
  return sessionView(ctx, id);
}

/** Every session row of a child (amended originals included, marked), newest first. */
export function childSessions(ctx: ServiceContext, childId: number): SessionView[] {
  const rows = ctx.db
    .select()
    .from(rehabSessions)
    .where(and(eq(rehabSessions.childId, childId), isNull(rehabSessions.voidedAt)))
    .orderBy(asc(rehabSessions.sessionOn), asc(rehabSessions.id))
    .all();
  return sessionViews(ctx, rows).reverse();
}

function sessionView(ctx: ServiceContext, id: number): SessionView {
  return sessionViews(ctx, [requireSession(ctx, id)])[0]!;
}

function sessionViews(ctx: ServiceContext, rows: SessionRow[]): SessionView[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const names = peopleNames(ctx);
  const goals = ctx.db
    .select({ sessionId: rehabSessionGoals.sessionId, goalId: rehabSessionGoals.goalId, rating: rehabSessionGoals.rating, lineageId: rehabGoals.lineageId, title: rehabGoals.title, position: rehabGoals.position })
    .from(rehabSessionGoals)
    .innerJoin(rehabGoals, eq(rehabGoals.id, rehabSessionGoals.goalId))
    .where(inArray(rehabSessionGoals.sessionId, ids))
    .orderBy(asc(rehabGoals.position))
    .all();
  const amendedBy = new Map(
    ctx.db
      .select({ id: rehabSessions.id, amends: rehabSessions.amendsSessionId })
      .from(rehabSessions)
      .where(and(inArray(rehabSessions.amendsSessionId, ids), isNull(rehabSessions.voidedAt)))
      .all()
      .map((r) => [r.amends!, r.id]),
  );
  const versions = new Map(childPlans(ctx, rows[0]!.childId).map((p) => [p.id, p.version]));
  return rows.map((r) => ({
    id: r.id,
    childId: r.childId,
    planId: r.planId,
    planVersion: versions.get(r.planId) ?? 0,
    sessionOn: r.sessionOn,
    attended: r.attended,
    minutes: r.minutes,
    absenceReason: r.absenceReason,
    note: r.note,
    therapist: r.therapistId === null ? null : { id: r.therapistId, name: names.get(r.therapistId) ?? `#${r.therapistId}` },
    goals: goals.filter((g) => g.sessionId === r.id).map((g) => ({ goalId: g.goalId, lineageId: g.lineageId ?? g.goalId, title: g.title, rating: g.rating })),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    amendsSessionId: r.amendsSessionId,
    amendReason: r.amendReason,
    amendedBy: amendedBy.get(r.id) ?? null,
    amender: r.amendsSessionId === null || r.createdBy === null ? null : { id: r.createdBy, name: names.get(r.createdBy) ?? `#${r.createdBy}` },
    editable: editableBy(ctx, r, amendedBy.has(r.id)),
    mayAmend: !amendedBy.has(r.id) && mayAmend(ctx, r),
  }));
}

/**
 * Rehabilitation plans (二(七)): a plan per child in versions. A new plan or a revision is saved as
 * submitted; a supervisor approves it (it becomes active and the version before it is superseded),
 * rejects it or asks for changes, always with who and when; an approved version is never edited, it is
 * revised. Only one version may await a decision at a time.
 */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { rehabGoals, rehabInterventions, rehabPlanDecisions, rehabPlanTherapists, rehabPlans, users } from '../../../db/schema';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import type { Role } from '../../../shared/contract/permissions';
import {
  type PlanDecideInput,
  type PlanSaveInput,
  type PlanStatus,
  type PlanView,
  planDecideSchema,
  planSaveSchema,
} from '../../../shared/contract/rehab';
import { gasWeight } from '../../../shared/domain/rehab';
import { appendAudit } from '../audit/audit';
import { type ServiceContext, inTransaction } from '../core/context';
import { actorId, nowIso, parseInput, requireChild } from '../record/record-store';

export type PlanRow = typeof rehabPlans.$inferSelect;
type GoalRow = typeof rehabGoals.$inferSelect;

/** users.id → display name, for every account (a handful; read once per request). */
export function peopleNames(ctx: ServiceContext): Map<number, string> {
  return new Map(ctx.db.select({ id: users.id, name: users.displayName }).from(users).all().map((u) => [u.id, u.name]));
}

/** Active accounts holding the therapist role: the people a plan may name as responsible. */
export function listTherapists(ctx: ServiceContext): { id: number; name: string }[] {
  return ctx.db
    .select({ id: users.id, name: users.displayName, roles: users.roles, active: users.active })
    .from(users)
    .orderBy(asc(users.displayName))
    .all()
    .filter((u) => u.active && (u.roles as Role[]).includes('therapist'))
    .map(({ id, name }) => ({ id, name }));
}

/** The child's plan versions, newest first (voided ones left out). */
export function childPlans(ctx: ServiceContext, childId: number): PlanRow[] {
  return ctx.db
    .select()
    .from(rehabPlans)
    .where(and(eq(rehabPlans.childId, childId), isNull(rehabPlans.voidedAt)))
    .orderBy(desc(rehabPlans.version))
    .all();
}

const IN_FORCE: readonly PlanStatus[] = ['approved', 'superseded'];

/**
 * The version in force on `asOf`: the highest approved version that has started. A revision approved
 * with a later start leaves the version before it in force until that day.
 */
export function activePlanOf(plans: readonly PlanRow[], asOf: string): PlanRow | null {
  let best: PlanRow | null = null;
  for (const p of plans) {
    if (!IN_FORCE.includes(p.status) || p.startsOn > asOf || p.voidedAt !== null) continue;
    if (!best || p.version > best.version) best = p;
  }
  return best;
}

export const pendingPlanOf = (plans: readonly PlanRow[]): PlanRow | null => plans.find((p) => p.status === 'submitted' || p.status === 'changesRequested') ?? null;

/** A plan's goals in order. */
export function planGoals(ctx: ServiceContext, planIds: number[]): GoalRow[] {
  if (planIds.length === 0) return [];
  return ctx.db.select().from(rehabGoals).where(inArray(rehabGoals.planId, planIds)).orderBy(asc(rehabGoals.planId), asc(rehabGoals.position)).all();
}

function requirePlan(ctx: ServiceContext, planId: number): PlanRow {
  const plan = ctx.db.select().from(rehabPlans).where(eq(rehabPlans.id, planId)).get();
  if (!plan || plan.voidedAt !== null) throw new AppError('not_found', '未找到该康复计划');
  return plan;
}

/** The full view of plan versions: goals (with their latest rating), interventions, therapists, decisions. */
export function planViews(ctx: ServiceContext, plans: readonly PlanRow[], asOf: string, latestByLineage: Map<number, { on: string; level: number }>): PlanView[] {
  if (plans.length === 0) return [];
  const ids = plans.map((p) => p.id);
  const names = peopleNames(ctx);
  const goals = planGoals(ctx, ids);
  const interventions = ctx.db.select().from(rehabInterventions).where(inArray(rehabInterventions.planId, ids)).orderBy(asc(rehabInterventions.id)).all();
  const therapists = ctx.db.select().from(rehabPlanTherapists).where(inArray(rehabPlanTherapists.planId, ids)).all();
  const decisions = ctx.db.select().from(rehabPlanDecisions).where(inArray(rehabPlanDecisions.planId, ids)).orderBy(asc(rehabPlanDecisions.id)).all();
  const active = activePlanOf(plans, asOf);
  const nameOf = (id: number | null) => (id === null ? null : (names.get(id) ?? `#${id}`));
  return plans.map((p) => ({
    id: p.id,
    childId: p.childId,
    version: p.version,
    previousPlanId: p.previousPlanId,
    status: p.status,
    active: active?.id === p.id,
    startsOn: p.startsOn,
    reviewOn: p.reviewOn,
    summary: p.summary,
    therapists: therapists.filter((t) => t.planId === p.id).map((t) => ({ id: t.userId, name: nameOf(t.userId)! })),
    goals: goals
      .filter((g) => g.planId === p.id)
      .map((g) => ({
        id: g.id,
        lineageId: g.lineageId ?? g.id,
        position: g.position,
        title: g.title,
        icfCode: g.icfCode,
        levels: { minus2: g.levelMinus2, minus1: g.levelMinus1, zero: g.level0, plus1: g.levelPlus1, plus2: g.levelPlus2 },
        baseline: g.baseline,
        importance: g.importance,
        difficulty: g.difficulty,
        weight: gasWeight(g.importance, g.difficulty),
        latest: latestByLineage.get(g.lineageId ?? g.id) ?? null,
      })),
    interventions: interventions
      .filter((i) => i.planId === p.id)
      .map((i) => ({
        id: i.id,
        kind: i.kind,
        description: i.description,
        provider: i.provider,
        therapistId: i.therapistId,
        therapistName: nameOf(i.therapistId),
        startsOn: i.startsOn,
        endsOn: i.endsOn,
        frequency: i.frequency,
        weekdays: i.weekdays ? [...i.weekdays].map(Number) : [],
      })),
    decisions: decisions
      .filter((d) => d.planId === p.id)
      .map((d) => ({ id: d.id, decision: d.decision, comment: d.comment, by: nameOf(d.decidedBy), at: d.decidedAt })),
    createdAt: p.createdAt,
    createdBy: nameOf(p.createdBy),
    approvedAt: p.approvedAt,
    approvedBy: nameOf(p.approvedBy),
  }));
}

function planView(ctx: ServiceContext, plan: PlanRow): PlanView {
  const plans = childPlans(ctx, plan.childId);
  return planViews(ctx, [plans.find((p) => p.id === plan.id) ?? plan], ctx.clock.today(), new Map()).map((v) => ({
    ...v,
    active: activePlanOf(plans, ctx.clock.today())?.id === plan.id,
  }))[0]!;
}

type SavedPlan = ReturnType<typeof parseInput<typeof planSaveSchema>>;

/** Cross-field checks of a plan: dates, therapists, goals continued from the version revised. */
function checkPlan(ctx: ServiceContext, input: SavedPlan, birthDate: string, continuable: ReadonlySet<number>): void {
  if (input.startsOn < birthDate) throw new ValidationError('startsOn', `计划开始日期不能早于出生日期（${birthDate}）`);
  if (input.reviewOn < input.startsOn) throw new ValidationError('reviewOn', '复评日期不能早于计划开始日期');
  const therapists = new Set(listTherapists(ctx).map((t) => t.id));
  input.therapistIds.forEach((id, i) => {
    if (!therapists.has(id)) throw new ValidationError(`therapistIds.${i}`, '所选人员不是在用的康复师账号');
  });
  if (new Set(input.therapistIds).size !== input.therapistIds.length) throw new ValidationError('therapistIds', '责任康复师重复');
  const continued = new Set<number>();
  input.goals.forEach((g, i) => {
    if (g.continuesGoalId === null) return;
    if (!continuable.has(g.continuesGoalId)) throw new ValidationError(`goals.${i}.continuesGoalId`, '所延续的目标不属于被修订的计划');
    if (continued.has(g.continuesGoalId)) throw new ValidationError(`goals.${i}.continuesGoalId`, '同一目标只能延续一次');
    continued.add(g.continuesGoalId);
  });
  input.interventions.forEach((iv, i) => {
    if (iv.endsOn !== null && iv.endsOn < iv.startsOn) throw new ValidationError(`interventions.${i}.endsOn`, '结束日期不能早于开始日期');
    if (iv.therapistId !== null && !therapists.has(iv.therapistId)) throw new ValidationError(`interventions.${i}.therapistId`, '所选人员不是在用的康复师账号');
    if (iv.weekdays.length > 0 && iv.kind !== 'training') throw new ValidationError(`interventions.${i}.weekdays`, '只有康复训练需要排定星期');
  });
}

/** Writes a version's goals, interventions and therapists (after clearing an edited version's). */
function writePlanParts(ctx: ServiceContext, planId: number, childId: number, input: SavedPlan, lineageOf: Map<number, number>): void {
  ctx.db.delete(rehabGoals).where(eq(rehabGoals.planId, planId)).run();
  ctx.db.delete(rehabInterventions).where(eq(rehabInterventions.planId, planId)).run();
  ctx.db.delete(rehabPlanTherapists).where(eq(rehabPlanTherapists.planId, planId)).run();
  input.goals.forEach((g, position) => {
    const inserted = ctx.db
      .insert(rehabGoals)
      .values({
        planId,
        childId,
        lineageId: g.continuesGoalId !== null ? (lineageOf.get(g.continuesGoalId) ?? g.continuesGoalId) : null,
        position,
        title: g.title,
        icfCode: g.icfCode,
        levelMinus2: g.levels.minus2,
        levelMinus1: g.levels.minus1,
        level0: g.levels.zero,
        levelPlus1: g.levels.plus1,
        levelPlus2: g.levels.plus2,
        baseline: g.baseline,
        importance: g.importance,
        difficulty: g.difficulty,
      })
      .returning({ id: rehabGoals.id, lineageId: rehabGoals.lineageId })
      .get();
    if (inserted.lineageId === null) ctx.db.update(rehabGoals).set({ lineageId: inserted.id }).where(eq(rehabGoals.id, inserted.id)).run();
  });
  for (const iv of input.interventions) {
    ctx.db
      .insert(rehabInterventions)
      .values({ planId, ...iv, weekdays: iv.weekdays.length > 0 ? iv.weekdays.join('') : null })
      .run();
  }
  for (const userId of input.therapistIds) ctx.db.insert(rehabPlanTherapists).values({ planId, userId }).run();
}

/** What the audit trail keeps of a plan: dates, therapists, how many goals, the kinds of intervention; no clinical text (summary, goals, baselines, descriptions). */
const planDetail = (input: SavedPlan) => ({
  startsOn: input.startsOn,
  reviewOn: input.reviewOn,
  therapistIds: input.therapistIds,
  goals: input.goals.length,
  interventions: input.interventions.map((i) => i.kind),
});

/**
 * Saves a plan as submitted for approval: a first plan (version 1), a revision of the active version
 * (the next version, linked to it; the active one stays in force until the revision is approved), or an
 * edit of a version still awaiting a decision or sent back for changes.
 */
export function savePlan(ctx: ServiceContext, raw: PlanSaveInput): PlanView {
  const input = parseInput(planSaveSchema, raw);
  const saved = inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    const plans = childPlans(ctx, child.id);
    const pending = pendingPlanOf(plans);
    const now = nowIso(ctx);

    if (input.planId !== null) {
      const plan = plans.find((p) => p.id === input.planId);
      if (!plan) throw new AppError('not_found', '未找到该儿童的这份康复计划');
      if (plan.status !== 'submitted' && plan.status !== 'changesRequested') {
        throw new AppError('conflict', `第 ${plan.version} 版计划已${plan.status === 'approved' || plan.status === 'superseded' ? '批准，请提交修订版' : '被退回，不能再修改'}`);
      }
      const previous = plan.previousPlanId !== null ? plans.find((p) => p.id === plan.previousPlanId) : undefined;
      const previousGoals = previous ? planGoals(ctx, [previous.id]) : [];
      checkPlan(ctx, input, child.birthDate, new Set(previousGoals.map((g) => g.id)));
      if (previous && input.startsOn < previous.startsOn) throw new ValidationError('startsOn', `修订版的开始日期不能早于第 ${previous.version} 版（${previous.startsOn}）`);
      ctx.db
        .update(rehabPlans)
        .set({ status: 'submitted', startsOn: input.startsOn, reviewOn: input.reviewOn, summary: input.summary })
        .where(eq(rehabPlans.id, plan.id))
        .run();
      writePlanParts(ctx, plan.id, child.id, input, new Map(previousGoals.map((g) => [g.id, g.lineageId ?? g.id])));
      appendAudit(ctx, { action: 'rehabPlan.update', entity: 'rehabPlan', entityId: plan.id, childId: child.id, detail: { version: plan.version, ...planDetail(input) } });
      return plan.id;
    }

    if (pending) throw new AppError('conflict', `第 ${pending.version} 版计划仍在等待审批，请修改该版本而不是新建`, { field: 'revisesPlanId' });
    let previous: PlanRow | null = null;
    if (input.revisesPlanId !== null) {
      previous = plans.find((p) => p.id === input.revisesPlanId) ?? null;
      if (!previous) throw new AppError('not_found', '未找到被修订的康复计划');
      const latestApproved = plans.find((p) => p.status === 'approved');
      if (previous.id !== latestApproved?.id) throw new AppError('conflict', '只能修订最新批准的计划版本', { field: 'revisesPlanId' });
    } else if (plans.some((p) => p.status === 'approved' || p.status === 'superseded')) {
      throw new AppError('conflict', '该儿童已有批准的康复计划，请提交修订版', { field: 'revisesPlanId' });
    }
    const previousGoals = previous ? planGoals(ctx, [previous.id]) : [];
    checkPlan(ctx, input, child.birthDate, new Set(previousGoals.map((g) => g.id)));
    if (previous && input.startsOn < previous.startsOn) throw new ValidationError('startsOn', `修订版的开始日期不能早于第 ${previous.version} 版（${previous.startsOn}）`);
    const version = Math.max(0, ...plans.map((p) => p.version), ...voidedVersions(ctx, child.id)) + 1;
    const plan = ctx.db
      .insert(rehabPlans)
      .values({
        childId: child.id,
        createdAt: now,
        createdBy: actorId(ctx),
        version,
        previousPlanId: previous?.id ?? null,
        status: 'submitted',
        startsOn: input.startsOn,
        reviewOn: input.reviewOn,
        summary: input.summary,
      })
      .returning()
      .get();
    writePlanParts(ctx, plan.id, child.id, input, new Map(previousGoals.map((g) => [g.id, g.lineageId ?? g.id])));
    appendAudit(ctx, {
      action: previous ? 'rehabPlan.revise' : 'rehabPlan.add',
      entity: 'rehabPlan',
      entityId: plan.id,
      childId: child.id,
      detail: { version, previousPlanId: previous?.id ?? null, ...planDetail(input) },
    });
    return plan.id;
  });
  return planView(ctx, requirePlan(ctx, saved));
}

function voidedVersions(ctx: ServiceContext, childId: number): number[] {
  return ctx.db
    .select({ version: rehabPlans.version })
    .from(rehabPlans)
    .where(eq(rehabPlans.childId, childId))
    .all()
    .map((r) => r.version);
}

/**
 * A supervisor's decision on a submitted version. Approving makes it the version in force from its
 * start date and supersedes the approved version before it; rejecting or asking for changes needs a
 * comment. Nobody decides on a version they wrote themselves.
 */
export function decidePlan(ctx: ServiceContext, raw: PlanDecideInput): PlanView {
  const input = parseInput(planDecideSchema, raw);
  inTransaction(ctx, () => {
    const plan = requirePlan(ctx, input.planId);
    if (plan.status !== 'submitted') {
      throw new AppError('conflict', plan.status === 'changesRequested' ? '该版本已退回修改，待重新提交后再审批' : `第 ${plan.version} 版计划不在待审批状态`);
    }
    if (input.decision !== 'approve' && !input.comment) throw new ValidationError('comment', input.decision === 'reject' ? '不予批准时请写明理由' : '请写明需要修改的内容');
    if (plan.createdBy !== null && plan.createdBy === actorId(ctx)) throw new AppError('forbidden', '不能审批自己提交的计划');
    const now = nowIso(ctx);
    const status: PlanStatus = input.decision === 'approve' ? 'approved' : input.decision === 'reject' ? 'rejected' : 'changesRequested';
    if (status === 'approved') {
      ctx.db
        .update(rehabPlans)
        .set({ status: 'superseded' })
        .where(and(eq(rehabPlans.childId, plan.childId), eq(rehabPlans.status, 'approved'), isNull(rehabPlans.voidedAt)))
        .run();
    }
    ctx.db
      .update(rehabPlans)
      .set({ status, ...(status === 'approved' ? { approvedAt: now, approvedBy: actorId(ctx) } : {}) })
      .where(eq(rehabPlans.id, plan.id))
      .run();
    ctx.db.insert(rehabPlanDecisions).values({ planId: plan.id, decision: input.decision, comment: input.comment, decidedBy: actorId(ctx), decidedAt: now }).run();
    appendAudit(ctx, {
      action: `rehabPlan.${input.decision}`,
      entity: 'rehabPlan',
      entityId: plan.id,
      childId: plan.childId,
      detail: { version: plan.version, ...(input.comment ? { textFields: ['comment'] } : {}) },
    });
  });
  return planView(ctx, requirePlan(ctx, input.planId));
}

/** Versions awaiting a supervisor, oldest first. */
export function pendingPlans(ctx: ServiceContext): { planId: number; childId: number; childName: string; version: number; submittedAt: string; by: string | null }[] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT p.id AS planId, p.child_id AS childId, c.name AS childName, p.version, p.created_at AS submittedAt, u.display_name AS by
         FROM rehab_plans p JOIN children c ON c.id = p.child_id LEFT JOIN users u ON u.id = p.created_by
        WHERE p.status = 'submitted' AND p.voided_at IS NULL AND c.status = 'inCare'
        ORDER BY p.created_at`,
    )
    .all() as { planId: number; childId: number; childName: string; version: number; submittedAt: string; by: string | null }[];
  return rows;
}

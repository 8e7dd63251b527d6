/**
 * A child's rehabilitation file as the tab shows it (plans, sessions, measures, the GAS T-score trend,
 * attendance), and the therapist's list for a day.
 */
import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import { listCaseload } from '../users/caseloads';
import { children, rehabInterventions, rehabPlanTherapists, rehabPlans, rehabSessions } from '../../../db/schema';
import { AppError } from '../../../shared/contract/errors';
import type { RehabChild, SessionView, TodayItem } from '../../../shared/contract/rehab';
import { addMonths } from '../../../shared/domain/dates';
import { INSTRUMENTS, gasTScore, gasWeight, isoWeekday } from '../../../shared/domain/rehab';
import { appendAudit } from '../audit/audit';
import { type ServiceContext, inTransaction } from '../core/context';
import { childMeasures } from './rehab-measures';
import { type PlanRow, activePlanOf, childPlans, peopleNames, pendingPlanOf, planGoals, planViews } from './rehab-plans';
import { childSessions } from './rehab-sessions';
import { requireChild } from '../record/record-store';

/** Sessions that count: not replaced by an amendment. */
const countingSessions = (sessions: readonly SessionView[]) => sessions.filter((s) => s.amendedBy === null);

/** lineage → the latest rating (by session date) among counting sessions. */
function latestRatings(sessions: readonly SessionView[]): Map<number, { on: string; level: number }> {
  const latest = new Map<number, { on: string; level: number }>();
  const oldestFirst = [...countingSessions(sessions)].sort((a, b) => (a.sessionOn < b.sessionOn ? -1 : a.sessionOn > b.sessionOn ? 1 : a.id - b.id));
  for (const s of oldestFirst) {
    for (const g of s.goals) {
      if (g.rating === null) continue;
      latest.set(g.lineageId, { on: s.sessionOn, level: g.rating });
    }
  }
  return latest;
}

/**
 * The plan's T-score at each date one of its goals was rated: every goal at its latest rating on or
 * before that date, an unrated goal at its baseline (DOMAIN.md formula, ρ = 0.3).
 */
function tScoreTrend(
  goals: readonly { lineageId: number; baseline: number; importance: number; difficulty: number }[],
  sessions: readonly SessionView[],
): { on: string; t: number; rated: number }[] {
  const lineages = new Set(goals.map((g) => g.lineageId));
  const ratings = countingSessions(sessions)
    .flatMap((s) => s.goals.filter((g) => g.rating !== null && lineages.has(g.lineageId)).map((g) => ({ on: s.sessionOn, id: s.id, lineageId: g.lineageId, level: g.rating! })))
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id - b.id));
  const dates = [...new Set(ratings.map((r) => r.on))];
  const current = new Map<number, number>();
  const out: { on: string; t: number; rated: number }[] = [];
  let i = 0;
  for (const on of dates) {
    for (; i < ratings.length && ratings[i]!.on <= on; i += 1) current.set(ratings[i]!.lineageId, ratings[i]!.level);
    const t = gasTScore(goals.map((g) => ({ weight: gasWeight(g.importance, g.difficulty), level: current.get(g.lineageId) ?? g.baseline })));
    if (t !== null) out.push({ on, t: Math.round(t * 10) / 10, rated: goals.filter((g) => current.has(g.lineageId)).length });
  }
  return out;
}

/** Sessions per month over the last 12 months (counting sessions only). */
function attendanceByMonth(sessions: readonly SessionView[], today: string): RehabChild['attendance'] {
  const months: string[] = [];
  for (let k = 11; k >= 0; k -= 1) months.push(addMonths(`${today.slice(0, 7)}-01`, -k).slice(0, 7));
  const byMonth = new Map(months.map((m) => [m, { month: m, attended: 0, missed: 0, minutes: 0 }]));
  for (const s of countingSessions(sessions)) {
    const m = byMonth.get(s.sessionOn.slice(0, 7));
    if (!m) continue;
    if (s.attended) {
      m.attended += 1;
      m.minutes += s.minutes ?? 0;
    } else m.missed += 1;
  }
  return [...byMonth.values()];
}

/** The child's rehabilitation tab; audited as a read of the file. */
export function rehabChild(ctx: ServiceContext, childId: number): RehabChild {
  const child = requireChild(ctx, childId);
  const today = ctx.clock.today();
  const plans = childPlans(ctx, child.id);
  const sessions = childSessions(ctx, child.id);
  const latest = latestRatings(sessions);
  const views = planViews(ctx, plans, today, latest);
  const active = activePlanOf(plans, today);
  const shown = views.find((p) => p.id === active?.id) ?? views.find((p) => p.status === 'approved' || p.status === 'superseded') ?? null;
  inTransaction(ctx, () => appendAudit(ctx, { action: 'rehab.read', entity: 'child', entityId: child.id, childId: child.id }));
  return {
    childId: child.id,
    childName: child.name,
    birthDate: child.birthDate,
    plans: views,
    activePlanId: active?.id ?? null,
    pendingPlanId: pendingPlanOf(plans)?.id ?? null,
    sessions,
    measures: childMeasures(ctx, child.id),
    tScores: shown ? tScoreTrend(shown.goals, sessions) : [],
    attendance: attendanceByMonth(sessions, today),
  };
}

/**
 * The person's list for a day: every child in care whose plan in force names them (as responsible
 * therapist or as the one delivering a training) or who is in their caseload as therapist (我的儿童),
 * trainings scheduled that weekday first.
 */
export function todayList(ctx: ServiceContext, date: string | null | undefined): { date: string; items: TodayItem[] } {
  const day = date ?? ctx.clock.today();
  const me = ctx.actor?.userId;
  if (me === undefined) throw new AppError('unauthenticated', '请先登录');
  const mine = new Set([
    ...ctx.db.select({ planId: rehabPlanTherapists.planId }).from(rehabPlanTherapists).where(eq(rehabPlanTherapists.userId, me)).all().map((r) => r.planId),
    ...ctx.db.select({ planId: rehabInterventions.planId }).from(rehabInterventions).where(eq(rehabInterventions.therapistId, me)).all().map((r) => r.planId),
  ]);
  // Children given to the person as their therapist (caseload) are theirs too, before any plan names them.
  const assigned = new Set(listCaseload(ctx, { userId: me }).filter((a) => a.role === 'therapist').map((a) => a.childId));
  if (mine.size === 0 && assigned.size === 0) return { date: day, items: [] };
  const candidateChildren = [
    ...new Set([
      ...(mine.size === 0
        ? []
        : ctx.db
            .select({ childId: rehabPlans.childId })
            .from(rehabPlans)
            .where(inArray(rehabPlans.id, [...mine]))
            .all()
            .map((r) => r.childId)),
      ...assigned,
    ]),
  ];
  const kids = ctx.db
    .select({ id: children.id, name: children.name, pinyin: children.namePinyin })
    .from(children)
    .where(and(inArray(children.id, candidateChildren), eq(children.status, 'inCare')))
    .all();
  const allPlans = ctx.db
    .select()
    .from(rehabPlans)
    .where(and(inArray(rehabPlans.childId, candidateChildren), isNull(rehabPlans.voidedAt), lte(rehabPlans.startsOn, day)))
    .all();
  const active = new Map<number, PlanRow>();
  for (const k of kids) {
    const plan = activePlanOf(
      allPlans.filter((p) => p.childId === k.id),
      day,
    );
    if (plan && (mine.has(plan.id) || assigned.has(k.id))) active.set(k.id, plan);
  }
  const planIds = [...active.values()].map((p) => p.id);
  if (planIds.length === 0) return { date: day, items: [] };
  const goals = planGoals(ctx, planIds);
  const interventions = ctx.db.select().from(rehabInterventions).where(inArray(rehabInterventions.planId, planIds)).all();
  const therapistsOf = ctx.db.select().from(rehabPlanTherapists).where(inArray(rehabPlanTherapists.planId, planIds)).all();
  const logged = ctx.db
    .select()
    .from(rehabSessions)
    .where(and(inArray(rehabSessions.childId, [...active.keys()]), eq(rehabSessions.sessionOn, day), isNull(rehabSessions.voidedAt)))
    .orderBy(asc(rehabSessions.id))
    .all();
  const amended = new Set(
    logged.length === 0
      ? []
      : ctx.db
          .select({ amends: rehabSessions.amendsSessionId })
          .from(rehabSessions)
          .where(and(inArray(rehabSessions.amendsSessionId, logged.map((s) => s.id)), isNull(rehabSessions.voidedAt)))
          .all()
          .map((r) => r.amends!),
  );
  const ratings = latestRatingsOf(ctx, goals.map((g) => g.lineageId ?? g.id));
  const names = peopleNames(ctx);
  const weekday = String(isoWeekday(day));
  const items: (TodayItem & { pinyin: string })[] = [];
  for (const k of kids) {
    const plan = active.get(k.id);
    if (!plan) continue;
    const responsible = therapistsOf.some((t) => t.planId === plan.id && t.userId === me);
    const scheduled = interventions.filter(
      (iv) =>
        iv.planId === plan.id &&
        iv.kind === 'training' &&
        iv.weekdays?.includes(weekday) &&
        iv.startsOn <= day &&
        (iv.endsOn === null || iv.endsOn >= day) &&
        (iv.therapistId === me || (iv.therapistId === null && responsible)),
    );
    items.push({
      childId: k.id,
      childName: k.name,
      pinyin: k.pinyin,
      planId: plan.id,
      planVersion: plan.version,
      scheduled: scheduled.map((iv) => ({ interventionId: iv.id, description: iv.description, frequency: iv.frequency })),
      goals: goals
        .filter((g) => g.planId === plan.id)
        .map((g) => ({ id: g.id, title: g.title, baseline: g.baseline, latest: ratings.get(g.lineageId ?? g.id) ?? null })),
      logged: logged
        .filter((s) => s.childId === k.id && !amended.has(s.id))
        .map((s) => ({ sessionId: s.id, attended: s.attended, minutes: s.minutes, therapist: s.therapistId === null ? null : (names.get(s.therapistId) ?? null) })),
      reviewOn: plan.reviewOn,
    });
  }
  items.sort((a, b) => Number(b.scheduled.length > 0) - Number(a.scheduled.length > 0) || a.pinyin.localeCompare(b.pinyin));
  return { date: day, items: items.map(({ pinyin: _pinyin, ...rest }) => rest) };
}

/** lineage → latest rated level, over counting sessions of the given goal lineages. */
function latestRatingsOf(ctx: ServiceContext, lineages: number[]): Map<number, number> {
  if (lineages.length === 0) return new Map();
  const rows = ctx.sqlite
    .prepare(
      `SELECT COALESCE(g.lineage_id, g.id) AS lineage, sg.rating, s.session_on AS on_date, s.id
         FROM rehab_session_goals sg
         JOIN rehab_sessions s ON s.id = sg.session_id
         JOIN rehab_goals g ON g.id = sg.goal_id
        WHERE sg.rating IS NOT NULL AND s.voided_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM rehab_sessions a WHERE a.amends_session_id = s.id AND a.voided_at IS NULL)
          AND COALESCE(g.lineage_id, g.id) IN (${lineages.map(() => '?').join(',')})
        ORDER BY s.session_on, s.id`,
    )
    .all(...lineages) as { lineage: number; rating: number }[];
  const out = new Map<number, number>();
  for (const r of rows) out.set(r.lineage, r.rating);
  return out;
}

type RehabSummary = {
  plan: { version: number; startsOn: string; reviewOn: string; goals: { title: string; baseline: number; latest: number | null }[] } | null;
  sessions: { attended: number; missed: number; minutes: number; first: string | null; last: string | null };
  tScore: number | null;
  /** The latest result of each instrument, with its reading. */
  measures: { instrument: string; administeredOn: string; field: string; value: number | null; reading: string | null }[];
};

/** A short rehabilitation summary for another document (the reintegration dossier); not audited itself. */
export function rehabSummary(ctx: ServiceContext, childId: number): RehabSummary {
  const today = ctx.clock.today();
  const plans = childPlans(ctx, childId);
  const sessions = childSessions(ctx, childId);
  const latest = latestRatings(sessions);
  const active = activePlanOf(plans, today) ?? plans.find((p) => p.status === 'superseded') ?? null;
  const view = active ? planViews(ctx, [active], today, latest)[0]! : null;
  const counting = countingSessions(sessions);
  const dates = counting.map((s) => s.sessionOn).sort();
  const trend = view ? tScoreTrend(view.goals, sessions) : [];
  const byInstrument = new Map<string, RehabSummary['measures'][number]>();
  for (const m of childMeasures(ctx, childId)) {
    const def = INSTRUMENTS[m.instrument];
    byInstrument.set(m.instrument, { instrument: def.zh, administeredOn: m.administeredOn, field: def.fields.find((f) => f.key === def.primary)!.zh, value: m.scores[def.primary] ?? null, reading: m.interpretation?.label ?? null });
  }
  return {
    plan: view && { version: view.version, startsOn: view.startsOn, reviewOn: view.reviewOn, goals: view.goals.map((g) => ({ title: g.title, baseline: g.baseline, latest: g.latest?.level ?? null })) },
    sessions: {
      attended: counting.filter((s) => s.attended).length,
      missed: counting.filter((s) => !s.attended).length,
      minutes: counting.reduce((sum, s) => sum + (s.minutes ?? 0), 0),
      first: dates[0] ?? null,
      last: dates.at(-1) ?? null,
    },
    tScore: trend.at(-1)?.t ?? null,
    measures: [...byInstrument.values()],
  };
}

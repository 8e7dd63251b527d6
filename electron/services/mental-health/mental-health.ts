/**
 * The mental-health file (四(十二)): the yearly check, its follow-ups, a supervisor's closing of a
 * high-risk check, voiding. Reading the file is audited ('mentalHealth.read'); writes are audited with
 * dates and the risk level only — scores and notes stay in the file, out of the trail's summaries.
 */
import { and, asc, desc, eq, inArray, isNull, lte } from 'drizzle-orm';
import { mentalHealthChecks, mentalHealthFollowUps, users } from '../../../db/schema';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import {
  type MentalHealthCheckAddInput,
  type MentalHealthCheckRow,
  type MentalHealthCloseInput,
  type MentalHealthFile,
  type MentalHealthFollowUpAddInput,
  type MentalHealthFollowUpRow,
  type MentalHealthVoidInput,
  mentalHealthCheckAddSchema,
  mentalHealthCloseSchema,
  mentalHealthFollowUpAddSchema,
  mentalHealthVoidSchema,
} from '../../../shared/contract/mental-health';
import { toIsoDate } from '../../../shared/domain/dates';
import { mentalHealthCheckDue } from '../../rules';
import { appendAudit } from '../audit/audit';
import { type ServiceContext, inTransaction } from '../core/context';
import { voidRow } from '../record/record';
import { actorId, nowIso, parseInput, requireChild } from '../record/record-store';

type CheckRow = typeof mentalHealthChecks.$inferSelect;

function userNames(ctx: ServiceContext, ids: (number | null)[]): Map<number, string> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  return new Map(ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted)).all().map((u) => [u.id, u.name]));
}

function toCheckRow(row: CheckRow, followUps: MentalHealthFollowUpRow[], names: Map<number, string>): MentalHealthCheckRow {
  return {
    ...row,
    scores: row.scores ?? [],
    closedByName: row.closedBy === null ? null : (names.get(row.closedBy) ?? null),
    createdByName: row.createdBy === null ? null : (names.get(row.createdBy) ?? null),
    followUps,
  };
}

function checkOne(ctx: ServiceContext, childId: number, id: number): CheckRow {
  const row = ctx.db
    .select()
    .from(mentalHealthChecks)
    .where(and(eq(mentalHealthChecks.id, id), eq(mentalHealthChecks.childId, childId)))
    .get();
  if (!row) throw new AppError('not_found', '未找到该心理健康监测记录');
  return row;
}

function loadCheckRow(ctx: ServiceContext, row: CheckRow): MentalHealthCheckRow {
  const followUps = ctx.db
    .select()
    .from(mentalHealthFollowUps)
    .where(eq(mentalHealthFollowUps.checkId, row.id))
    .orderBy(asc(mentalHealthFollowUps.followedOn), asc(mentalHealthFollowUps.id))
    .all();
  return toCheckRow(row, followUps, userNames(ctx, [row.createdBy, row.closedBy]));
}

/** A date of the file: not before birth, not after today. */
function checkDate(ctx: ServiceContext, birthDate: string, date: string, field: string, what: string): void {
  if (date < birthDate) throw new ValidationError(field, `${what}不能早于出生日期（${birthDate}）`);
  if (date > ctx.clock.today()) throw new ValidationError(field, `${what}不能晚于今天`);
}

/** The child's mental-health file, newest check first; the read is audited. */
export function getMentalHealthFile(ctx: ServiceContext, childId: number): MentalHealthFile {
  const child = requireChild(ctx, childId);
  const checks = ctx.db
    .select()
    .from(mentalHealthChecks)
    .where(eq(mentalHealthChecks.childId, child.id))
    .orderBy(desc(mentalHealthChecks.checkedOn), desc(mentalHealthChecks.id))
    .all();
  const followUps = ctx.db
    .select()
    .from(mentalHealthFollowUps)
    .where(eq(mentalHealthFollowUps.childId, child.id))
    .orderBy(asc(mentalHealthFollowUps.followedOn), asc(mentalHealthFollowUps.id))
    .all();
  const names = userNames(ctx, checks.flatMap((c) => [c.createdBy, c.closedBy]));
  const rows = checks.map((c) =>
    toCheckRow(
      c,
      followUps.filter((f) => f.checkId === c.id),
      names,
    ),
  );
  const today = ctx.clock.today();
  const live = rows.filter((r) => r.voidedAt === null && r.checkedOn <= today);
  const lastCheckedOn = live.length > 0 ? live[0].checkedOn : null;
  inTransaction(ctx, () => appendAudit(ctx, { action: 'mentalHealth.read', entity: 'child', entityId: child.id, childId: child.id }));
  return {
    childId: child.id,
    checks: rows,
    lastCheckedOn,
    // 四(十二): once in every school year — the last day of the school year the next check falls in.
    nextDueOn: lastCheckedOn === null ? null : mentalHealthCheckDue(lastCheckedOn, today).dueBy,
    openHighRisk: rows.filter((r) => r.voidedAt === null && r.riskLevel === 'high' && r.closedAt === null).length,
  };
}

/** Records a yearly check: dated between birth and today; scores within the instrument's ranges. */
export function addMentalHealthCheck(ctx: ServiceContext, raw: MentalHealthCheckAddInput): MentalHealthCheckRow {
  const input = parseInput(mentalHealthCheckAddSchema, raw);
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    checkDate(ctx, child.birthDate, input.checkedOn, 'checkedOn', '监测日期');
    if (input.referralDate) checkDate(ctx, child.birthDate, input.referralDate, 'referralDate', '转介日期');
    const row = ctx.db
      .insert(mentalHealthChecks)
      .values({
        childId: child.id,
        createdAt: nowIso(ctx),
        createdBy: actorId(ctx),
        checkedOn: input.checkedOn,
        instrument: input.instrument,
        scores: input.scores,
        riskLevel: input.riskLevel,
        riskReason: input.riskReason,
        actions: input.actions,
        referral: input.referral,
        referralDate: input.referralDate,
        note: input.note,
      })
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'mentalHealthCheck.add',
      entity: 'mentalHealthCheck',
      entityId: row.id,
      childId: child.id,
      // No free text (actions, referral, note) in the audit trail: it says what was done, not what was found.
      detail: { checkedOn: row.checkedOn, instrument: row.instrument, riskLevel: row.riskLevel, referred: row.referral !== null },
    });
    return loadCheckRow(ctx, row);
  });
}

/** Adds a follow-up to a live check, dated from the check's day to today. */
export function addMentalHealthFollowUp(ctx: ServiceContext, raw: MentalHealthFollowUpAddInput): MentalHealthFollowUpRow {
  const input = parseInput(mentalHealthFollowUpAddSchema, raw);
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    const check = checkOne(ctx, child.id, input.checkId);
    if (check.voidedAt !== null) throw new AppError('conflict', '该监测记录已作废，不能再添加随访', { field: 'checkId' });
    if (input.followedOn < check.checkedOn) throw new ValidationError('followedOn', `随访日期不能早于监测日期（${check.checkedOn}）`);
    checkDate(ctx, child.birthDate, input.followedOn, 'followedOn', '随访日期');
    const row = ctx.db
      .insert(mentalHealthFollowUps)
      .values({ childId: child.id, createdAt: nowIso(ctx), createdBy: actorId(ctx), checkId: check.id, followedOn: input.followedOn, note: input.note })
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'mentalHealthFollowUp.add',
      entity: 'mentalHealthFollowUp',
      entityId: row.id,
      childId: child.id,
      detail: { checkId: check.id, followedOn: row.followedOn },
    });
    return row;
  });
}

/** A supervisor closes a live, open high-risk check with a comment (never one they recorded themselves); the worklist item goes with it. */
export function closeMentalHealthCheck(ctx: ServiceContext, raw: MentalHealthCloseInput): MentalHealthCheckRow {
  const input = parseInput(mentalHealthCloseSchema, raw);
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    const check = checkOne(ctx, child.id, input.id);
    if (check.voidedAt !== null) throw new AppError('conflict', '该监测记录已作废');
    if (check.riskLevel !== 'high') throw new AppError('conflict', '只有高风险的监测需要结案');
    if (check.closedAt !== null) throw new AppError('conflict', `该高风险监测已于 ${toIsoDate(new Date(check.closedAt))} 结案`);
    if (check.createdBy !== null && check.createdBy === actorId(ctx)) throw new AppError('forbidden', '不能结案自己录入的高风险监测，请由另一位主管结案');
    const closedAt = nowIso(ctx);
    const updated = ctx.db
      .update(mentalHealthChecks)
      .set({ closedAt, closedBy: actorId(ctx), closeComment: input.comment })
      .where(eq(mentalHealthChecks.id, check.id))
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'mentalHealthCheck.close',
      entity: 'mentalHealthCheck',
      entityId: check.id,
      childId: child.id,
      detail: { changes: [{ field: 'closedAt', before: null, after: closedAt }], textFields: ['closeComment'] },
    });
    return loadCheckRow(ctx, updated);
  });
}

/** Voids a mistaken check or follow-up; an open high-risk check must first be closed by a supervisor. */
export function voidMentalHealthEntry(ctx: ServiceContext, raw: MentalHealthVoidInput): { entity: 'check' | 'followUp'; id: number; voidedAt: string } {
  const input = parseInput(mentalHealthVoidSchema, raw);
  return inTransaction(ctx, () => {
    if (input.entity === 'check') {
      const check = checkOne(ctx, input.childId, input.id);
      if (check.voidedAt === null && check.riskLevel === 'high' && check.closedAt === null) {
        throw new AppError('conflict', '高风险监测须先由主管结案，才能作废');
      }
      const done = voidRow(ctx, { table: 'mental_health_checks', noun: '心理健康监测记录', entity: 'mentalHealthCheck', clinical: true }, input.childId, input.id, input.reason);
      return { entity: input.entity, ...done };
    }
    const done = voidRow(ctx, { table: 'mental_health_follow_ups', noun: '随访记录', entity: 'mentalHealthFollowUp', clinical: true }, input.childId, input.id, input.reason);
    return { entity: input.entity, ...done };
  });
}

/** childId → the dates of its live high-risk checks, made by `asOf`, that no supervisor has closed yet (the worklist); only the children of `childIds` when given. */
export function openHighRiskChecks(ctx: ServiceContext, asOf: string, childIds: readonly number[] | null = null): Map<number, string[]> {
  const rows = ctx.db
    .select({ childId: mentalHealthChecks.childId, checkedOn: mentalHealthChecks.checkedOn })
    .from(mentalHealthChecks)
    .where(
      and(
        eq(mentalHealthChecks.riskLevel, 'high'),
        isNull(mentalHealthChecks.closedAt),
        isNull(mentalHealthChecks.voidedAt),
        lte(mentalHealthChecks.checkedOn, asOf),
        childIds === null ? undefined : inArray(mentalHealthChecks.childId, [...childIds]),
      ),
    )
    .orderBy(asc(mentalHealthChecks.checkedOn))
    .all();
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.childId, [...(out.get(r.childId) ?? []), r.checkedOn]);
  return out;
}

/**
 * The age-18 decisions kept in the record (一(四)): comprehensive assessments (round 1 or 2) and
 * vocational rehabilitation. The reintegration case (issue 5) builds on these rows.
 */
import { and, eq } from 'drizzle-orm';
import { reintegrationAssessments, vocationalRehab } from '../../../db/schema';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import {
  type AssessmentAddInput,
  type AssessmentRow,
  type VocationalRehabAddInput,
  type VocationalRehabCompleteInput,
  type VocationalRehabRow,
  type VoidReintegrationInput,
  assessmentAddSchema,
  vocationalRehabAddSchema,
  vocationalRehabCompleteSchema,
  voidReintegrationSchema,
} from '../../../shared/contract/record';
import { dateOfAge } from '../../rules';
import { appendAudit } from '../audit/audit';
import { type ServiceContext, inTransaction } from '../core/context';
import { voidRow } from './record';
import { actorId, nowIso, parseInput, requireChild } from './record-store';

function notInFuture(ctx: ServiceContext, date: string, field: string, what: string): void {
  if (date > ctx.clock.today()) throw new ValidationError(field, `${what}不能晚于今天`);
}

/**
 * Records an assessment's decision, awaiting a supervisor's approval (until then the facts leave it
 * out; the case approves it with 'reintegration:decide'). It cannot be dated in the future or before birth; a second-round
 * assessment needs an earlier live first-round one that found the young person not capable.
 */
export function addAssessment(ctx: ServiceContext, raw: AssessmentAddInput): AssessmentRow {
  const input = parseInput(assessmentAddSchema, raw);
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    if (input.assessedOn < child.birthDate) throw new ValidationError('assessedOn', `评估日期不能早于出生日期（${child.birthDate}）`);
    const eighteenth = dateOfAge(child.birthDate, 18);
    if (input.assessedOn < eighteenth) throw new ValidationError('assessedOn', `综合评估须在年满18周岁（${eighteenth}）之后进行`);
    notInFuture(ctx, input.assessedOn, 'assessedOn', '评估日期');
    if (input.round === 2) {
      const rounds = ctx.db
        .select()
        .from(reintegrationAssessments)
        .where(and(eq(reintegrationAssessments.childId, child.id), eq(reintegrationAssessments.round, 1)))
        .all();
      const first = rounds.find((a) => a.voidedAt === null && a.result === 'notCapable' && a.assessedOn < input.assessedOn);
      if (!first) throw new ValidationError('round', '二次综合评估须在首次综合评估认定“不具备回归社会生活能力”之后进行');
    }
    const row = ctx.db
      .insert(reintegrationAssessments)
      .values({
        childId: child.id,
        createdAt: nowIso(ctx),
        createdBy: actorId(ctx),
        assessedOn: input.assessedOn,
        round: input.round,
        result: input.result,
        panel: input.panel,
        note: input.note,
        reasons: input.reasons,
      })
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'assessment.add',
      entity: 'assessment',
      entityId: row.id,
      childId: child.id,
      detail: { assessedOn: row.assessedOn, round: row.round, result: row.result },
    });
    return row;
  });
}

/** Records vocational rehabilitation, optionally already completed. */
export function addVocationalRehab(ctx: ServiceContext, raw: VocationalRehabAddInput): VocationalRehabRow {
  const input = parseInput(vocationalRehabAddSchema, raw);
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    if (input.from < child.birthDate) throw new ValidationError('from', `开始日期不能早于出生日期（${child.birthDate}）`);
    if (input.completedOn) {
      if (input.completedOn < input.from) throw new ValidationError('completedOn', `完成日期不能早于开始日期（${input.from}）`);
      notInFuture(ctx, input.completedOn, 'completedOn', '完成日期');
    }
    const row = ctx.db
      .insert(vocationalRehab)
      .values({
        childId: child.id,
        createdAt: nowIso(ctx),
        createdBy: actorId(ctx),
        from: input.from,
        completedOn: input.completedOn ?? null,
        provider: input.provider,
        note: input.note,
      })
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'vocationalRehab.add',
      entity: 'vocationalRehab',
      entityId: row.id,
      childId: child.id,
      detail: { from: row.from, completedOn: row.completedOn },
    });
    return row;
  });
}

/** Marks vocational rehabilitation completed on a date (not in the future). */
export function completeVocationalRehab(ctx: ServiceContext, raw: VocationalRehabCompleteInput): VocationalRehabRow {
  const input = parseInput(vocationalRehabCompleteSchema, raw);
  return inTransaction(ctx, () => {
    requireChild(ctx, input.childId);
    const row = ctx.db
      .select()
      .from(vocationalRehab)
      .where(and(eq(vocationalRehab.id, input.id), eq(vocationalRehab.childId, input.childId)))
      .get();
    if (!row || row.voidedAt !== null) throw new AppError('not_found', '未找到该职业康复记录（或已作废）');
    if (row.completedOn !== null) {
      throw new AppError('conflict', `该职业康复已于 ${row.completedOn} 完成；如需更正，请作废后重新登记`, { field: 'completedOn' });
    }
    if (input.completedOn < row.from) throw new ValidationError('completedOn', `完成日期不能早于开始日期（${row.from}）`);
    notInFuture(ctx, input.completedOn, 'completedOn', '完成日期');
    const updated = ctx.db.update(vocationalRehab).set({ completedOn: input.completedOn }).where(eq(vocationalRehab.id, row.id)).returning().get();
    appendAudit(ctx, {
      action: 'vocationalRehab.complete',
      entity: 'vocationalRehab',
      entityId: row.id,
      childId: row.childId,
      detail: [{ field: 'completedOn', before: null, after: input.completedOn }],
    });
    return updated;
  });
}

const REINTEGRATION_TABLES = {
  assessment: { table: 'reintegration_assessments', noun: '综合评估记录', entity: 'assessment', clinical: true },
  vocationalRehab: { table: 'vocational_rehab', noun: '职业康复记录', entity: 'vocationalRehab', clinical: true },
} as const;

/** Voids a mistaken assessment or vocational rehabilitation row, with a reason. */
export function voidReintegrationEntry(
  ctx: ServiceContext,
  raw: VoidReintegrationInput,
): { entity: 'assessment' | 'vocationalRehab'; id: number; voidedAt: string } {
  const input = parseInput(voidReintegrationSchema, raw);
  return inTransaction(ctx, () => {
    const done = voidRow(ctx, REINTEGRATION_TABLES[input.entity], input.childId, input.id, input.reason);
    return { entity: input.entity, ...done };
  });
}

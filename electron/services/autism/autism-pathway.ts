/**
 * The autism full chain (二(七)): events by stage, where the child stands, and how the pathway agrees
 * with the record's autism diagnosis (the status fact kept in the health tab, read here, never copied).
 */
import { and, asc, eq } from 'drizzle-orm';
import { autismPathwayEvents, childStatusFacts } from '../../../db/schema';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import {
  type AutismEventAddInput,
  type AutismEventRow,
  type AutismPathway,
  type AutismVoidInput,
  autismEventAddSchema,
  autismVoidSchema,
} from '../../../shared/contract/autism';
import { autismProgress } from '../../../shared/domain/autism';
import { appendAudit } from '../audit/audit';
import { type ServiceContext, inTransaction } from '../core/context';
import { voidRow } from '../record/record';
import { actorId, nowIso, parseInput, requireChild } from '../record/record-store';

/** How the latest live diagnosis event and the record's autism flag stand together. Pure. */
export function autismConsistency(
  events: readonly Pick<AutismEventRow, 'stage' | 'occurredOn' | 'confirmed' | 'voidedAt' | 'id'>[],
  recordDiagnosis: { value: boolean } | null,
): AutismPathway['consistency'] {
  const diagnoses = events
    .filter((e) => e.voidedAt === null && e.stage === 'diagnosis')
    .sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.id - b.id);
  const latest = diagnoses.at(-1);
  const recorded = recordDiagnosis?.value === true;
  if (latest === undefined) return recorded ? 'eventMissing' : 'none';
  if (latest.confirmed === true) return recorded ? 'consistent' : 'recordMissing';
  return recorded ? 'conflict' : 'consistent';
}

function recordDiagnosisOf(ctx: ServiceContext, childId: number): AutismPathway['recordDiagnosis'] {
  const facts = ctx.db
    .select()
    .from(childStatusFacts)
    .where(and(eq(childStatusFacts.childId, childId), eq(childStatusFacts.kind, 'autismDiagnosis')))
    .orderBy(asc(childStatusFacts.effectiveDate), asc(childStatusFacts.id))
    .all()
    .filter((f) => f.voidedAt === null && f.effectiveDate <= ctx.clock.today());
  const latest = facts.at(-1);
  return latest ? { value: latest.value === true, effectiveDate: latest.effectiveDate } : null;
}

/** The child's pathway, oldest event first, with the current stage and the record's diagnosis; audited as a read. */
export function getAutismPathway(ctx: ServiceContext, childId: number): AutismPathway {
  const child = requireChild(ctx, childId);
  const events = ctx.db
    .select()
    .from(autismPathwayEvents)
    .where(eq(autismPathwayEvents.childId, child.id))
    .orderBy(asc(autismPathwayEvents.occurredOn), asc(autismPathwayEvents.id))
    .all();
  const { current, reachedOn } = autismProgress(events);
  const recordDiagnosis = recordDiagnosisOf(ctx, child.id);
  inTransaction(ctx, () => appendAudit(ctx, { action: 'autismPathway.read', entity: 'child', entityId: child.id, childId: child.id }));
  return { childId: child.id, events, currentStage: current, reachedOn, recordDiagnosis, consistency: autismConsistency(events, recordDiagnosis) };
}

/** Records an event, dated between birth and today. */
export function addAutismEvent(ctx: ServiceContext, raw: AutismEventAddInput): AutismEventRow {
  const input = parseInput(autismEventAddSchema, raw);
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    if (input.occurredOn < child.birthDate) throw new ValidationError('occurredOn', `日期不能早于出生日期（${child.birthDate}）`);
    if (input.occurredOn > ctx.clock.today()) throw new ValidationError('occurredOn', '日期不能晚于今天');
    const row = ctx.db
      .insert(autismPathwayEvents)
      .values({
        childId: child.id,
        createdAt: nowIso(ctx),
        createdBy: actorId(ctx),
        stage: input.stage,
        occurredOn: input.occurredOn,
        tool: input.tool,
        result: input.result,
        confirmed: input.confirmed,
        referral: input.referral,
        note: input.note,
      })
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'autismEvent.add',
      entity: 'autismEvent',
      entityId: row.id,
      childId: child.id,
      detail: { stage: row.stage, occurredOn: row.occurredOn, confirmed: row.confirmed },
    });
    return row;
  });
}

/** Voids a mistaken event with a reason; it stays in the history, marked. */
export function voidAutismEvent(ctx: ServiceContext, raw: AutismVoidInput): AutismEventRow {
  const input = parseInput(autismVoidSchema, raw);
  return inTransaction(ctx, () => {
    voidRow(ctx, { table: 'autism_pathway_events', noun: '孤独症全链条记录', entity: 'autismEvent', clinical: true }, input.childId, input.id, input.reason);
    const row = ctx.db.select().from(autismPathwayEvents).where(eq(autismPathwayEvents.id, input.id)).get();
    if (!row) throw new AppError('not_found', '未找到该孤独症全链条记录');
    return row;
  });
}

/**
 * Standard measures (二(七)): GMFM-88 entered item by item with its percentages computed; the licensed
 * instruments entered as results within their own ranges; the primary score read against the cut-offs
 * in force on the day (versioned configuration rows, rehab_config).
 */
import { and, asc, desc, eq, isNull, lte } from 'drizzle-orm';
import { rehabConfig, rehabMeasures } from '../../../db/schema';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import {
  type CutoffSaveInput,
  type InstrumentConfig,
  type MeasureAddInput,
  type MeasureView,
  cutoffSaveSchema,
  measureAddSchema,
  voidRehabSchema,
} from '../../../shared/contract/rehab';
import { GMFM88_ITEMS_ZH } from '../../../shared/domain/gmfm88-items';
import { INSTRUMENTS, type InstrumentCode, type CutoffConfig, cutoffProblems, gmfm88Scores, GMFM88_ITEM_COUNT, instrumentProblems, interpretScore } from '../../../shared/domain/rehab';
import { appendAudit } from '../audit/audit';
import { type ServiceContext, inTransaction } from '../core/context';
import { peopleNames } from './rehab-plans';
import { actorId, nowIso, parseInput, requireChild } from '../record/record-store';
import { voidRow } from '../record/record';

type ConfigRow = typeof rehabConfig.$inferSelect;

function toConfig(row: ConfigRow): InstrumentConfig {
  const body = JSON.parse(row.body) as CutoffConfig;
  return { instrument: row.key as InstrumentCode, version: row.version, effectiveFrom: row.effectiveFrom, field: body.field, bands: body.bands, note: row.note };
}

/** Every version of every instrument's cut-offs, newest version first per instrument. */
export function listCutoffs(ctx: ServiceContext): InstrumentConfig[] {
  return ctx.db
    .select()
    .from(rehabConfig)
    .where(eq(rehabConfig.kind, 'cutoffs'))
    .orderBy(asc(rehabConfig.key), desc(rehabConfig.version))
    .all()
    .map(toConfig);
}

/** The cut-offs of `instrument` in force on `date`: the highest version effective by then. */
export function cutoffsOn(ctx: ServiceContext, instrument: InstrumentCode, date: string): InstrumentConfig | null {
  const row = ctx.db
    .select()
    .from(rehabConfig)
    .where(and(eq(rehabConfig.kind, 'cutoffs'), eq(rehabConfig.key, instrument), lte(rehabConfig.effectiveFrom, date)))
    .orderBy(desc(rehabConfig.version))
    .get();
  return row ? toConfig(row) : null;
}

/** A new version of an instrument's cut-offs, in force from its date; measures already read keep theirs. */
export function saveCutoffs(ctx: ServiceContext, raw: CutoffSaveInput): InstrumentConfig {
  const input = parseInput(cutoffSaveSchema, raw);
  const problems = cutoffProblems(input.instrument, { field: input.field, bands: input.bands });
  if (problems.length > 0) throw new ValidationError('bands', problems[0]!, { problems });
  return inTransaction(ctx, () => {
    const last = ctx.db
      .select()
      .from(rehabConfig)
      .where(and(eq(rehabConfig.kind, 'cutoffs'), eq(rehabConfig.key, input.instrument)))
      .orderBy(desc(rehabConfig.version))
      .get();
    if (last && input.effectiveFrom < last.effectiveFrom) throw new ValidationError('effectiveFrom', `生效日期不能早于上一版（第 ${last.version} 版，${last.effectiveFrom}）`);
    const row = ctx.db
      .insert(rehabConfig)
      .values({
        kind: 'cutoffs',
        key: input.instrument,
        version: (last?.version ?? 0) + 1,
        effectiveFrom: input.effectiveFrom,
        body: JSON.stringify({ field: input.field, bands: input.bands }),
        note: input.note,
        createdAt: nowIso(ctx),
        createdBy: actorId(ctx),
      })
      .returning()
      .get();
    appendAudit(ctx, { action: 'rehabConfig.add', entity: 'rehabConfig', entityId: row.id, detail: { instrument: input.instrument, version: row.version, effectiveFrom: input.effectiveFrom, bands: input.bands } });
    return toConfig(row);
  });
}

/** Records a measure: GMFM-88 from its 88 items, the others from their results; each checked against its range. */
export function addMeasure(ctx: ServiceContext, raw: MeasureAddInput): MeasureView {
  const input = parseInput(measureAddSchema, raw);
  const id = inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    if (input.administeredOn > ctx.clock.today()) throw new ValidationError('administeredOn', '评估日期不能晚于今天');
    if (input.administeredOn < child.birthDate) throw new ValidationError('administeredOn', `评估日期不能早于出生日期（${child.birthDate}）`);
    const def = INSTRUMENTS[input.instrument];
    let scores: Record<string, number | null>;
    let items: (number | null)[] | null = null;
    if (def.mode === 'computed') {
      if (!input.items || input.items.length !== GMFM88_ITEM_COUNT) throw new ValidationError('items', `GMFM-88 需要逐项录入 ${GMFM88_ITEM_COUNT} 项得分`);
      const bad = input.items.findIndex((v) => v !== null && (!Number.isInteger(v) || v < 0 || v > 3));
      if (bad >= 0) throw new ValidationError(`items.${bad}`, `第 ${bad + 1} 项（${GMFM88_ITEMS_ZH[bad]}）得分应为 0–3 的整数，或标记为未测`);
      if (input.items.every((v) => v === null)) throw new ValidationError('items', '请至少录入一项得分');
      items = input.items;
      const result = gmfm88Scores(items);
      scores = { ...result.dimensions, total: result.total };
    } else {
      scores = input.scores ?? {};
      const problems = instrumentProblems(input.instrument, scores);
      if (problems.length > 0) throw new ValidationError(`scores.${problems[0]!.field}`, problems[0]!.message, { problems });
      scores = Object.fromEntries(def.fields.map((f) => [f.key, scores[f.key] ?? null]));
    }
    const cutoffs = cutoffsOn(ctx, input.instrument, input.administeredOn);
    const value = cutoffs ? scores[cutoffs.field] : null;
    const band = cutoffs && value !== null ? interpretScore(cutoffs, value) : null;
    const row = ctx.db
      .insert(rehabMeasures)
      .values({
        childId: child.id,
        createdAt: nowIso(ctx),
        createdBy: actorId(ctx),
        instrument: input.instrument,
        administeredOn: input.administeredOn,
        assessor: input.assessor,
        items: items ? JSON.stringify(items) : null,
        scores: JSON.stringify(scores),
        interpretation: band ? JSON.stringify({ label: band.label, level: band.level }) : null,
        configVersion: band ? cutoffs!.version : null,
        note: input.note,
      })
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'rehabMeasure.add',
      entity: 'rehabMeasure',
      entityId: row.id,
      childId: child.id,
      detail: { instrument: input.instrument, administeredOn: input.administeredOn, scores },
    });
    return row.id;
  });
  return childMeasures(ctx, input.childId).find((m) => m.id === id)!;
}

export function voidMeasure(ctx: ServiceContext, raw: { id: number; reason: string }): null {
  const input = parseInput(voidRehabSchema, raw);
  inTransaction(ctx, () => {
    const row = ctx.db.select({ childId: rehabMeasures.childId }).from(rehabMeasures).where(eq(rehabMeasures.id, input.id)).get();
    if (!row) throw new AppError('not_found', '未找到该评估记录');
    voidRow(ctx, { table: 'rehab_measures', noun: '评估记录', entity: 'rehabMeasure', clinical: true }, row.childId, input.id, input.reason);
  });
  return null;
}

/** A child's live measures, oldest first. */
export function childMeasures(ctx: ServiceContext, childId: number): MeasureView[] {
  const names = peopleNames(ctx);
  return ctx.db
    .select()
    .from(rehabMeasures)
    .where(and(eq(rehabMeasures.childId, childId), isNull(rehabMeasures.voidedAt)))
    .orderBy(asc(rehabMeasures.administeredOn), asc(rehabMeasures.id))
    .all()
    .map((r) => {
      const interp = r.interpretation ? (JSON.parse(r.interpretation) as { label: string; level: 'low' | 'medium' | 'high' }) : null;
      return {
        id: r.id,
        instrument: r.instrument as InstrumentCode,
        administeredOn: r.administeredOn,
        assessor: r.assessor,
        items: r.items ? (JSON.parse(r.items) as (number | null)[]) : null,
        scores: JSON.parse(r.scores) as Record<string, number | null>,
        interpretation: interp && r.configVersion !== null ? { ...interp, version: r.configVersion } : null,
        note: r.note,
        createdBy: r.createdBy === null ? null : (names.get(r.createdBy) ?? null),
      };
    });
}

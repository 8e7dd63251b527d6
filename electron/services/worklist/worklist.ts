/**
 * The dashboard's worklist: for every child in care, what is due, computed from the record and the
 * rules (never stored; kept in memory only while the child's record is unchanged, child-memo.ts).
 * Kinds the signed-in person may not see are left out (the mental-health section is restricted, 四(十二)).
 */
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import { can } from '../../../shared/contract/permissions';
import { WORKLIST_KINDS, type WorklistItem, type WorklistKind } from '../../../shared/contract/worklist';
import { evaluate } from '../../rules';
import { childRowsFor, memoByChild, warmMemoOffThread } from '../record/child-memo';
import { SELECTIVE_LOAD_MAX } from '../record/record-store';
import type { WorkerPool } from '../core/worker-pool';
import type { ServiceContext } from '../core/context';
import { type TimelineEntry, eligibilityTimeline } from '../eligibility/eligibility-timeline';
import type { ChildFacts, Evaluation } from '../../../shared/domain/rules-types';
import { type FactsRecord, deriveFacts, educationOn } from '../eligibility/facts';
import { loadFactsRecords } from '../eligibility/facts-load';
import { openHighRiskChecks } from '../mental-health/mental-health';
import { ensureCases, overdueByChild } from '../reintegration/reintegration';
import { lastMentalHealthChecks, rehabReviewDates } from './wellbeing-dates';
import { HORIZON, KIND_PERMISSION, worklistItemsForChild } from './worklist-items';
import { addMonths } from '../../../shared/domain/dates';
import { myChildIds } from '../users/caseloads';

const URGENCY_ORDER = { now: 0, soon: 1, upcoming: 2 } as const;

/** The coming changes up to `horizon`, with the education record's expected end of study. */
function allowanceTimeline(record: FactsRecord, facts: ChildFacts, asOf: string, horizon: string, today: Evaluation): TimelineEntry[] {
  const current = educationOn(record.education, asOf).source;
  const expectedStudyEnd = current && current.actualCompletion === null ? current.expectedCompletion : null;
  return eligibilityTimeline(evaluate, facts, asOf, expectedStudyEnd, { until: horizon, today }).entries;
}

/**
 * Every worklist item of the children in care on `asOf` — all kinds, whoever asks — for the children
 * in `ids` (all of them for null), by child.
 */
function itemsByChild(ctx: ServiceContext, asOf: string, ids: readonly number[] | null): Map<number, WorklistItem[]> {
  const inCare = childRowsFor(ctx, ids).filter((c) => c.status === 'inCare' && c.birthDate <= asOf);
  const out = new Map<number, WorklistItem[]>();
  if (inCare.length === 0) return out;
  // After edits only the changed children are worked out again: every per-child read below is then
  // limited to them (an IN list on the child_id indexes), so the work follows the edits, not the roster.
  const only = ids !== null && inCare.length <= SELECTIVE_LOAD_MAX ? inCare.map((c) => c.id) : null;
  const mentalHealth = lastMentalHealthChecks(ctx, asOf, only);
  const highRisk = openHighRiskChecks(ctx, asOf, only);
  const reviews = rehabReviewDates(ctx, asOf, only);
  const reintegrationOverdue = overdueByChild(ctx, asOf, only);
  const records = loadFactsRecords(ctx, inCare);
  const horizon = addMonths(asOf, HORIZON.allowanceStopsMonths);
  for (const child of inCare) {
    const record = records.get(child.id)!;
    const { facts } = deriveFacts(record, asOf);
    const evaluation = evaluate(facts, asOf);
    // The timeline only tells which allowances being received will stop: a child receiving none needs none.
    const timeline = facts.receiving.length === 0 ? [] : allowanceTimeline(record, facts, asOf, horizon, evaluation);
    out.set(
      child.id,
      worklistItemsForChild({
        child: { id: child.id, name: child.name, birthDate: child.birthDate },
        asOf,
        evaluation,
        timeline,
        receiving: facts.receiving,
        lastMentalHealthCheck: mentalHealth.get(child.id) ?? null,
        rehabReviewDate: reviews.get(child.id) ?? null,
        openHighRiskChecks: highRisk.get(child.id) ?? [],
        reintegrationOverdue: reintegrationOverdue.get(child.id) ?? [],
      }),
    );
  }
  return out;
}

export function buildWorklist(ctx: ServiceContext, input: ChannelInput<'worklist:get'>): ChannelOutput<'worklist:get'> {
  // Reading the worklist opens the reintegration cases that have fallen due (idempotent).
  ensureCases(ctx);
  const asOf = input.asOf ?? ctx.clock.today();
  const roles = ctx.actor?.roles ?? [];
  const visibleKinds = WORKLIST_KINDS.filter((k) => can(roles, KIND_PERMISSION[k]));
  const visible = new Set<WorklistKind>(visibleKinds);
  // Worked out from the records on demand, and again only for the children whose record changed since
  // (child-memo.ts): an edit is on the worklist at the next read.
  // Another day than today (a look ahead) is worked out afresh and not kept, so that it does not
  // replace today's memo.
  const byChild = asOf === ctx.clock.today() ? memoByChild(ctx, 'worklist', asOf, (ids) => itemsByChild(ctx, asOf, ids)) : itemsByChild(ctx, asOf, null);
  const counts = Object.fromEntries(visibleKinds.map((k) => [k, 0])) as Record<WorklistKind, number>;
  const wanted = input.kinds && input.kinds.length > 0 ? new Set(input.kinds) : null;
  const items: WorklistItem[] = [];
  for (const list of byChild.values()) {
    for (const item of list) {
      if (!visible.has(item.kind)) continue;
      counts[item.kind] += 1;
      if (wanted === null || wanted.has(item.kind)) items.push(item);
    }
  }
  items.sort((a, b) => URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] || a.dueDate.localeCompare(b.dueDate) || a.childId - b.childId);
  return { asOf, counts, visibleKinds, items: placeForPerson(ctx, items) };
}

/** Kinds whose work is done on the child's reintegration case, not on the child's page. */
const CASE_KINDS = new Set<WorklistKind>(['reintegrationOverdue', 'assessmentDue']);

/**
 * Marks the signed-in person's own children (caseload) and puts them first, most pressing first within
 * each part; a supervisor sees everything in one order (their work is the whole institution's). Items of
 * the reintegration case carry its id, so the worklist opens the case (new objects: memoed items stay as
 * they are).
 */
function placeForPerson(ctx: ServiceContext, items: WorklistItem[]): WorklistItem[] {
  const me = ctx.actor?.userId;
  const mine = me === undefined ? new Set<number>() : myChildIds(ctx, me);
  const caseChildren = [...new Set(items.filter((i) => CASE_KINDS.has(i.kind)).map((i) => i.childId))];
  const caseOf = new Map<number, number>();
  if (caseChildren.length > 0) {
    const rows = ctx.sqlite.prepare('SELECT id, child_id AS childId FROM reintegration_cases WHERE voided_at IS NULL AND closed_on IS NULL').all() as { id: number; childId: number }[];
    for (const r of rows) caseOf.set(r.childId, r.id);
  }
  const placed = items.map((i) => ({ ...i, mine: mine.has(i.childId), ...(CASE_KINDS.has(i.kind) ? { caseId: caseOf.get(i.childId) ?? null } : {}) }));
  const supervisor = (ctx.actor?.roles ?? []).includes('supervisor');
  if (supervisor || mine.size === 0) return placed;
  return [...placed.filter((i) => i.mine), ...placed.filter((i) => !i.mine)];
}

/** Every worklist item of every child in care on `asOf`, by child (a worker's task: reads only). */
export function worklistEntries(ctx: ServiceContext, asOf: string): [number, WorklistItem[]][] {
  return [...itemsByChild(ctx, asOf, null)];
}

/**
 * The worklist, its first read of the day (at scale) worked out in a worker on its own read connection
 * and kept as the memo; later reads work out here only the children changed since (child-memo.ts).
 */
export async function buildWorklistOffThread(
  ctx: ServiceContext,
  input: ChannelInput<'worklist:get'>,
  workers: WorkerPool,
  minChildren?: number,
): Promise<ChannelOutput<'worklist:get'>> {
  const today = ctx.clock.today();
  if ((input.asOf ?? today) === today) {
    // The cases fallen due are opened first (a write, here), so that the worker's snapshot holds them.
    ensureCases(ctx);
    await warmMemoOffThread(ctx, 'worklist', today, 'worklist.items', workers, minChildren);
  }
  return buildWorklist(ctx, input);
}

/**
 * The dashboard's worklist: for every child in care, what is due, computed on demand from the record
 * and the rules (never stored). Kinds the signed-in person may not see are left out (the mental-health
 * section is restricted, 四(十二)).
 */
import { asc, eq } from 'drizzle-orm';
import { children } from '../../db/schema';
import type { ChannelInput, ChannelOutput } from '../../shared/contract';
import { can } from '../../shared/contract/permissions';
import { WORKLIST_KINDS, type WorklistItem, type WorklistKind } from '../../shared/contract/worklist';
import { evaluate } from '../rules';
import type { ServiceContext } from './context';
import { type TimelineEntry, eligibilityTimeline } from './eligibility-timeline';
import type { ChildRecord } from '../../shared/contract/record';
import type { ChildFacts, Evaluation } from '../../shared/domain/rules-types';
import { deriveFacts, educationOn } from './facts';
import { loadRecordsForFacts } from './record-store';
import { openHighRiskChecks } from './mental-health';
import { ensureCases, overdueByChild } from './reintegration';
import { lastMentalHealthChecks, rehabReviewDates } from './wellbeing-dates';
import { HORIZON, KIND_PERMISSION, worklistItemsForChild } from './worklist-items';
import { addMonths } from '../../shared/domain/dates';

const URGENCY_ORDER = { now: 0, soon: 1, upcoming: 2 } as const;

/** The coming changes up to `horizon`, with the education record's expected end of study. */
function allowanceTimeline(record: ChildRecord, facts: ChildFacts, asOf: string, horizon: string, today: Evaluation): TimelineEntry[] {
  const current = educationOn(record.education, asOf).source;
  const expectedStudyEnd = current && current.actualCompletion === null ? current.expectedCompletion : null;
  return eligibilityTimeline(evaluate, facts, asOf, expectedStudyEnd, { until: horizon, today }).entries;
}

export function buildWorklist(ctx: ServiceContext, input: ChannelInput<'worklist:get'>): ChannelOutput<'worklist:get'> {
  // Reading the worklist opens the reintegration cases that have fallen due (idempotent).
  ensureCases(ctx);
  const asOf = input.asOf ?? ctx.clock.today();
  const roles = ctx.actor?.roles ?? [];
  const visibleKinds = WORKLIST_KINDS.filter((k) => can(roles, KIND_PERMISSION[k]));
  const visible = new Set<WorklistKind>(visibleKinds);

  const inCare = ctx.db
    .select()
    .from(children)
    .where(eq(children.status, 'inCare'))
    .orderBy(asc(children.namePinyin))
    .all()
    .filter((c) => c.birthDate <= asOf);
  const mentalHealth = visible.has('mentalHealthDue') ? lastMentalHealthChecks(ctx, asOf) : new Map<number, string>();
  const highRisk = visible.has('mentalHealthHighRisk') ? openHighRiskChecks(ctx, asOf) : new Map<number, string[]>();
  const reviews = visible.has('rehabReviewDue') ? rehabReviewDates(ctx, asOf) : new Map<number, string>();
  const reintegrationOverdue = visible.has('reintegrationOverdue') ? overdueByChild(ctx, asOf) : new Map<number, { dueOn: string; what: string }[]>();

  const records = loadRecordsForFacts(ctx, inCare);
  const horizon = addMonths(asOf, HORIZON.allowanceStopsMonths);
  const all: WorklistItem[] = [];
  for (const child of inCare) {
    const record = records.get(child.id)!;
    const { facts } = deriveFacts(record, asOf);
    const evaluation = evaluate(facts, asOf);
    // The timeline only tells which allowances being received will stop: a child receiving none needs none.
    const timeline = facts.receiving.length === 0 ? [] : allowanceTimeline(record, facts, asOf, horizon, evaluation);
    const items = worklistItemsForChild({
      child: { id: child.id, name: child.name, birthDate: child.birthDate },
      asOf,
      evaluation,
      timeline,
      receiving: facts.receiving,
      lastMentalHealthCheck: mentalHealth.get(child.id) ?? null,
      rehabReviewDate: reviews.get(child.id) ?? null,
      openHighRiskChecks: highRisk.get(child.id) ?? [],
      reintegrationOverdue: reintegrationOverdue.get(child.id) ?? [],
    });
    for (const item of items) if (visible.has(item.kind)) all.push(item);
  }

  const counts = Object.fromEntries(visibleKinds.map((k) => [k, 0])) as Record<WorklistKind, number>;
  for (const item of all) counts[item.kind] += 1;
  const wanted = input.kinds && input.kinds.length > 0 ? new Set(input.kinds) : null;
  const items = all
    .filter((i) => wanted === null || wanted.has(i.kind))
    .sort((a, b) => URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] || a.dueDate.localeCompare(b.dueDate) || a.childId - b.childId);
  return { asOf, counts, visibleKinds, items };
}

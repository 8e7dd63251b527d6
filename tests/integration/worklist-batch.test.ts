/**
 * The worklist's batch path against the plain one, over the demo data at several dates: loading the
 * records of many children at once (whole tables, or only the rows of a few children) gives exactly
 * what loading each child alone gives, and the dashboard worklist (which skips the timeline for a child
 * receiving nothing) holds exactly the items computed child by child with the full timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { children } from '../../db/schema';
import type { WorklistItem } from '../../shared/contract/worklist';
import { addMonths } from '../../shared/domain/dates';
import { evaluate } from '../../electron/rules';
import { loadDemoData } from '../../electron/demo/demo';
import { eligibilityTimeline } from '../../electron/services/eligibility/eligibility-timeline';
import { deriveFacts, educationOn } from '../../electron/services/eligibility/facts';
import { loadFactsRecords } from '../../electron/services/eligibility/facts-load';
import { openHighRiskChecks } from '../../electron/services/mental-health/mental-health';
import { loadRecord, loadRecordsForFacts } from '../../electron/services/record/record-store';
import { overdueByChild } from '../../electron/services/reintegration/reintegration';
import { lastMentalHealthChecks, rehabReviewDates } from '../../electron/services/worklist/wellbeing-dates';
import { buildWorklist } from '../../electron/services/worklist/worklist';
import { HORIZON, worklistItemsForChild } from '../../electron/services/worklist/worklist-items';
import { tempDatabase } from '../helpers/temp-db';

let db: ReturnType<typeof tempDatabase>;

beforeAll(() => {
  db = tempDatabase({ actor: { userId: 1, username: 'tester', roles: ['supervisor'] } });
  // The signed-in person exists before the demo adds its staff accounts (as the administrator does in the app).
  db.ctx.sqlite.prepare(`INSERT INTO users (id, username, display_name, roles, password_hash) VALUES (1, 'tester', '测试', '["supervisor"]', 'x')`).run();
  loadDemoData(db.ctx, { children: 200 });
  // A caseload for the signed-in person, so that the `mine` mark is exercised.
  const someChildren = db.ctx.sqlite.prepare("SELECT id FROM children WHERE status = 'inCare' ORDER BY id LIMIT 15").all() as { id: number }[];
  const assign = db.ctx.sqlite.prepare("INSERT INTO caseload_assignments (child_id, user_id, role, assigned_at) VALUES (?, ?, 'caseworker', '2026-01-01T00:00:00.000Z')");
  for (const { id } of someChildren) assign.run(id, 1);
});
afterAll(() => db?.cleanup());

/** The worklist computed child by child: one record read per child, the full timeline for everyone. */
function worklistChildByChild(asOf: string): WorklistItem[] {
  const ctx = db.ctx;
  const inCare = ctx.db.select().from(children).where(eq(children.status, 'inCare')).orderBy(asc(children.namePinyin)).all().filter((c) => c.birthDate <= asOf);
  const mentalHealth = lastMentalHealthChecks(ctx, asOf);
  const highRisk = openHighRiskChecks(ctx, asOf);
  const reviews = rehabReviewDates(ctx, asOf);
  const overdue = overdueByChild(ctx, asOf);
  const items: WorklistItem[] = [];
  for (const child of inCare) {
    const record = loadRecord(ctx, child.id, { forFacts: true })!;
    const { facts } = deriveFacts(record, asOf);
    const evaluation = evaluate(facts, asOf);
    const current = educationOn(record.education, asOf).source;
    const expectedStudyEnd = current && current.actualCompletion === null ? current.expectedCompletion : null;
    const timeline = eligibilityTimeline(evaluate, facts, asOf, expectedStudyEnd, { until: addMonths(asOf, HORIZON.allowanceStopsMonths) }).entries;
    items.push(
      ...worklistItemsForChild({
        child: { id: child.id, name: child.name, birthDate: child.birthDate },
        asOf,
        evaluation,
        timeline,
        receiving: facts.receiving,
        lastMentalHealthCheck: mentalHealth.get(child.id) ?? null,
        rehabReviewDate: reviews.get(child.id) ?? null,
        openHighRiskChecks: highRisk.get(child.id) ?? [],
        reintegrationOverdue: overdue.get(child.id) ?? [],
      }),
    );
  }
  const order = { now: 0, soon: 1, upcoming: 2 } as const;
  items.sort((a, b) => order[a.urgency] - order[b.urgency] || a.dueDate.localeCompare(b.dueDate) || a.childId - b.childId);
  // The worklist's per-person layer (worklist.ts, placeForPerson), the same on every path: whether the child
  // is in the signed-in person's caseload, and, for items worked on the reintegration case, that case's id.
  // Worked out here from the tables themselves. The test's actor is a supervisor: one order for all.
  const mine = new Set((ctx.sqlite.prepare('SELECT child_id AS c FROM caseload_assignments WHERE user_id = ? AND ended_at IS NULL').all(ctx.actor!.userId) as { c: number }[]).map((r) => r.c));
  const openCase = new Map((ctx.sqlite.prepare('SELECT child_id AS c, id FROM reintegration_cases WHERE voided_at IS NULL AND closed_on IS NULL').all() as { c: number; id: number }[]).map((r) => [r.c, r.id]));
  const onTheCase = new Set(['reintegrationOverdue', 'assessmentDue']);
  return items.map((i) => ({ ...i, mine: mine.has(i.childId), ...(onTheCase.has(i.kind) ? { caseId: openCase.get(i.childId) ?? null } : {}) }));
}

describe('the worklist batch path', () => {
  it('loads the same records in a batch (whole tables or a few children) as one child at a time', () => {
    const rows = db.ctx.db.select().from(children).orderBy(asc(children.id)).all();
    const all = loadRecordsForFacts(db.ctx, rows);
    const few = loadRecordsForFacts(db.ctx, rows.filter((_, i) => i % 7 === 3));
    expect(all.size).toBe(rows.length);
    expect(few.size).toBe(Math.ceil((rows.length - 3) / 7));
    for (const row of rows) {
      const alone = loadRecord(db.ctx, row.id, { forFacts: true });
      expect(all.get(row.id)).toEqual(alone);
      if (few.has(row.id)) expect(few.get(row.id)).toEqual(alone);
    }
    expect(loadRecordsForFacts(db.ctx, []).size).toBe(0);
  });

  it.each(['2026-11-29', '2019-03-01', '2030-11-15'])('derives the same facts and assumptions on %s from the narrow facts load as from the whole record', (asOf) => {
    const rows = db.ctx.db.select().from(children).orderBy(asc(children.id)).all().filter((c) => c.birthDate <= asOf);
    const all = loadFactsRecords(db.ctx, rows);
    const few = loadFactsRecords(db.ctx, rows.filter((_, i) => i % 5 === 1));
    expect(all.size).toBe(rows.length);
    for (const row of rows) {
      const whole = deriveFacts(loadRecord(db.ctx, row.id, { forFacts: true })!, asOf);
      expect(deriveFacts(all.get(row.id)!, asOf), `child ${row.id}`).toEqual(whole);
      if (few.has(row.id)) expect(deriveFacts(few.get(row.id)!, asOf)).toEqual(whole);
    }
  });

  it.each(['2026-11-29', '2026-06-30', '2027-02-28', '2027-08-15', '2028-01-01', '2030-11-15'])(
    'gives exactly the items computed child by child on %s',
    (asOf) => {
      const batch = buildWorklist(db.ctx, { asOf });
      const reference = worklistChildByChild(asOf);
      expect(reference.length).toBeGreaterThan(0);
      expect(batch.items).toEqual(reference);
      if (asOf === '2026-11-29') expect(batch.items.some((i) => i.mine)).toBe(true);
    },
  );

  it('finds allowances that will stop on the demo data (the timeline path is exercised)', () => {
    const kinds = new Set(['2026-11-29', '2027-08-15', '2030-11-15'].flatMap((asOf) => buildWorklist(db.ctx, { asOf }).items.map((i) => i.kind)));
    expect(kinds.has('allowanceStops')).toBe(true);
  });
});

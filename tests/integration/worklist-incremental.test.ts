/**
 * The worklist kept between reads (child-memo.ts) and brought up to date for the changed children only
 * (issue 19, benchmark: the worklist's per-request cost): whatever is written, by whichever path, the
 * next read is exactly the worklist worked out afresh from the whole record; the per-child reads behind
 * an update, limited to the changed children, give exactly what the whole-roster reads give for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../electron/demo/demo';
import type { ServiceContext } from '../../electron/services/core/context';
import { addMentalHealthCheck, closeMentalHealthCheck, openHighRiskChecks } from '../../electron/services/mental-health/mental-health';
import { memoHolds } from '../../electron/services/record/child-memo';
import { addBenefit, endBenefit } from '../../electron/services/record/record-history';
import { updateProfile } from '../../electron/services/record/record';
import { dischargeChild } from '../../electron/services/registry/discharge';
import { decidePlan, savePlan } from '../../electron/services/rehab/rehab-plans';
import { logSession } from '../../electron/services/rehab/rehab-sessions';
import { overdueByChild, updateTask } from '../../electron/services/reintegration/reintegration';
import { lastMentalHealthChecks, rehabReviewDates } from '../../electron/services/worklist/wellbeing-dates';
import { buildWorklist } from '../../electron/services/worklist/worklist';
import { addDays } from '../../shared/domain/dates';
import { tempDatabase } from '../helpers/temp-db';
import { testClock } from './support/host';

const clock = testClock();
let db: ReturnType<typeof tempDatabase>;

beforeAll(() => {
  db = tempDatabase({ clock, actor: { userId: 1, username: 'tester', roles: ['supervisor', 'caseworker', 'therapist'] } });
  const addUser = db.ctx.sqlite.prepare(`INSERT INTO users (id, username, display_name, roles, password_hash) VALUES (?, ?, ?, '["supervisor","caseworker","therapist"]', 'x')`);
  addUser.run(1, 'tester', '测试');
  // A second supervisor: a plan or a high-risk check is decided by someone other than who entered it.
  addUser.run(2, 'other', '另一位主管');
  loadDemoData(db.ctx, { children: 160 });
});
afterAll(() => db?.cleanup());

/** A seeded generator (mulberry32): the same series of writes every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The worklist worked out afresh for everyone: inside a transaction nothing is read from or kept in a memo. */
const fresh = (ctx: ServiceContext) => ctx.sqlite.transaction(() => buildWorklist(ctx, {}))();

const ids = (sql: string, ...params: unknown[]) => (db.ctx.sqlite.prepare(sql).all(...params) as { id: number }[]).map((r) => r.id);

describe('the worklist kept between reads', () => {
  it('reads the per-child dates for a few children exactly as the whole-roster reads give them for those children', () => {
    const asOf = clock.today();
    const all = ids(`SELECT id FROM children ORDER BY id`);
    const pick = rng(7);
    const whole = {
      mh: lastMentalHealthChecks(db.ctx, asOf),
      reviews: rehabReviewDates(db.ctx, asOf),
      high: openHighRiskChecks(db.ctx, asOf),
      overdue: overdueByChild(db.ctx, asOf),
    };
    // The demo data exercises every one of them (else the comparison below would be empty).
    expect(whole.mh.size).toBeGreaterThan(0);
    expect(whole.reviews.size).toBeGreaterThan(0);
    expect(whole.high.size).toBeGreaterThan(0);
    expect(whole.overdue.size).toBeGreaterThan(0);
    const restrict = <T>(m: Map<number, T>, few: number[]) => new Map([...m].filter(([id]) => few.includes(id)));
    const withSomething = [...new Set([...whole.high.keys(), ...whole.overdue.keys()])];
    for (let round = 0; round < 12; round += 1) {
      const few = [...new Set([...all.filter(() => pick() < 0.05), withSomething[round % withSomething.length]!])];
      expect(lastMentalHealthChecks(db.ctx, asOf, few)).toEqual(restrict(whole.mh, few));
      expect(rehabReviewDates(db.ctx, asOf, few)).toEqual(restrict(whole.reviews, few));
      expect(openHighRiskChecks(db.ctx, asOf, few)).toEqual(restrict(whole.high, few));
      expect(overdueByChild(db.ctx, asOf, few)).toEqual(restrict(whole.overdue, few));
    }
    expect(overdueByChild(db.ctx, asOf, [])).toEqual(new Map());
  });

  it('after a random series of writes of every kind, and days passing, each read equals the worklist worked out afresh', () => {
    const { sqlite } = db.ctx;
    const random = rng(19);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const caseworker: ServiceContext = { ...db.ctx, actor: { userId: 1, username: 'tester', roles: ['caseworker'] } };
    const other: ServiceContext = { ...db.ctx, actor: { userId: 2, username: 'other', roles: ['supervisor', 'caseworker', 'therapist'] } };
    const level = (n: number) => `等级${n}`;
    // One child turns 18 in three days: the days passing below cross the birthday.
    const turning = ids(`SELECT id FROM children WHERE status = 'inCare' AND birth_date > '2010-01-01' ORDER BY id LIMIT 1`)[0]!;
    sqlite.prepare('UPDATE children SET birth_date = ? WHERE id = ?').run(addDays(clock.today(), 3).replace(/^\d{4}/, (y) => String(Number(y) - 18)), turning);
    const turningItems = () => buildWorklist(db.ctx, {}).items.filter((i) => i.childId === turning).map((i) => `${i.kind} ${i.urgency}`);
    buildWorklist(db.ctx, {});
    buildWorklist(caseworker, {});
    const beforeBirthday = turningItems();

    const done: Record<string, number> = {};
    const writes: Record<string, () => void> = {
      'benefit added': () => {
        const child = pick(ids(`SELECT id FROM children WHERE status = 'inCare'`));
        addBenefit(db.ctx, { childId: child, code: pick(['minimumLivingAllowance', 'basicLivingAllowance', 'disabledLivingSubsidy', 'educationAid'] as const), from: addDays(clock.today(), -30) });
      },
      'benefit ended': () => {
        const row = pick(db.ctx.sqlite.prepare(`SELECT id, child_id AS childId FROM benefits_received WHERE to_date IS NULL AND voided_at IS NULL`).all() as { id: number; childId: number }[]);
        endBenefit(db.ctx, { childId: row.childId, id: row.id, to: clock.today() });
      },
      'session logged': () => {
        const child = pick(ids(`SELECT DISTINCT child_id AS id FROM rehab_plans WHERE status = 'approved' AND voided_at IS NULL`));
        logSession(db.ctx, { childId: child, sessionOn: clock.today(), attended: true, minutes: 40, goals: [], note: null });
      },
      'plan submitted': () => {
        const child = pick(ids(`SELECT id FROM children c WHERE status = 'inCare' AND NOT EXISTS (SELECT 1 FROM rehab_plans p WHERE p.child_id = c.id)`));
        const goal = { title: '独立进食', icfCode: 'd550', levels: { minus2: level(-2), minus1: level(-1), zero: level(0), plus1: level(1), plus2: level(2) }, baseline: -2, importance: 2, difficulty: 1 };
        savePlan(db.ctx, { childId: child, startsOn: addDays(clock.today(), -200), reviewOn: addDays(clock.today(), pick([-3, 4, 40])), therapistIds: [1], goals: [goal] });
      },
      'plan decided': () => {
        const plan = pick(ids(`SELECT id FROM rehab_plans WHERE status = 'submitted' AND voided_at IS NULL`));
        decidePlan(other, { planId: plan, decision: pick(['approve', 'approve', 'changesRequested'] as const), comment: '同意' });
      },
      'high-risk check added': () => {
        const child = pick(ids(`SELECT id FROM children WHERE status = 'inCare' AND birth_date < ?`, addDays(clock.today(), -365 * 8)));
        addMentalHealthCheck(db.ctx, { childId: child, checkedOn: clock.today(), instrument: null, riskLevel: pick(['high', 'watch', 'none'] as const), riskReason: '访谈所见', scores: [] });
      },
      'high-risk check closed': () => {
        const row = pick(db.ctx.sqlite.prepare(`SELECT id, child_id AS childId FROM mental_health_checks WHERE risk_level = 'high' AND closed_at IS NULL AND voided_at IS NULL`).all() as { id: number; childId: number }[]);
        closeMentalHealthCheck(other, { childId: row.childId, id: row.id, comment: '已转介并随访' });
      },
      'handover task done': () => {
        const row = pick(db.ctx.sqlite.prepare(`SELECT t.id, t.case_id AS caseId FROM reintegration_tasks t JOIN reintegration_cases k ON k.id = t.case_id AND k.closed_on IS NULL AND k.voided_at IS NULL WHERE t.status <> 'done' AND t.voided_at IS NULL`).all() as { id: number; caseId: number }[]);
        updateTask(db.ctx, { caseId: row.caseId, id: row.id, status: 'done', evidenceDocumentIds: [] });
      },
      'profile edited': () => {
        updateProfile(db.ctx, { childId: pick(ids(`SELECT id FROM children WHERE status = 'inCare'`)), notes: `备注 ${random()}` });
      },
      'child discharged': () => {
        dischargeChild(db.ctx, { childId: pick(ids(`SELECT id FROM children WHERE status = 'inCare'`)), date: clock.today(), reason: 'adopted' });
      },
      'dates moved in plain SQL': () => {
        const child = pick(ids(`SELECT id FROM children WHERE status = 'inCare'`));
        sqlite.prepare(`UPDATE rehab_plans SET review_on = ? WHERE child_id = ? AND status = 'approved'`).run(addDays(clock.today(), 5), child);
        sqlite.prepare(`UPDATE mental_health_checks SET voided_at = ?, void_reason = '录入错误' WHERE child_id = ? AND voided_at IS NULL`).run(clock.now().toISOString(), child);
        sqlite.prepare(`UPDATE reintegration_tasks SET due_on = ? WHERE case_id IN (SELECT id FROM reintegration_cases WHERE child_id = ?)`).run(addDays(clock.today(), -2), child);
      },
    };
    const kinds = Object.keys(writes);
    for (let step = 0; step < 60; step += 1) {
      for (let n = 1 + Math.floor(random() * 3); n > 0; n -= 1) {
        const kind = pick(kinds);
        try {
          writes[kind]!();
          done[kind] = (done[kind] ?? 0) + 1;
        } catch (error) {
          // A write the service refuses (nothing left to end, a rule says no) writes nothing; the read must still be right.
          if (!(error instanceof Error) || /no such|SQLITE/.test(error.message)) throw error;
        }
      }
      if (step % 15 === 14) clock.advance(24 * 3600 * 1000);
      for (const ctx of [db.ctx, caseworker]) {
        const today = clock.today();
        const held = memoHolds(ctx, 'worklist', today);
        const read = buildWorklist(ctx, {});
        expect(read, `step ${step}, ${ctx.actor!.roles.join('+')}`).toEqual(fresh(ctx));
        // Within a day the read was an update of the memo kept before it, not a fresh start.
        if (step % 15 !== 14) expect(held).toBe(true);
      }
    }
    // Every kind of write happened (the comparison above covered each), and the worklist moved with them.
    expect(Object.keys(done).sort()).toEqual([...kinds].sort());
    // Four days passed: the child crossed 18, and its items changed at the read after the day changed.
    expect(turningItems()).not.toEqual(beforeBirthday);
    // The caseworker (no mental-health permission) never sees a mental-health item.
    expect(buildWorklist(caseworker, {}).items.some((i) => i.kind === 'mentalHealthDue' || i.kind === 'mentalHealthHighRisk')).toBe(false);
    expect(buildWorklist(db.ctx, {}).items.some((i) => i.kind === 'mentalHealthDue' || i.kind === 'mentalHealthHighRisk')).toBe(true);
  });
});

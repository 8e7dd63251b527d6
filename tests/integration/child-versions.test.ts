/**
 * The child versions (migrations 0010–0011) and the memos kept on them (child-memo.ts): every table of a
 * child's record moves the child's version in the same transaction as a change, whoever writes it; and
 * the worklist, the category filter and the case opening answer after an edit exactly as if worked out
 * afresh — never from the record as it was.
 */
import { addYears } from '../../shared/domain/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetMemos } from '../../electron/services/record/child-memo';
import { categoriesByChild, listChildren } from '../../electron/services/registry/children';
import { loadDemoData } from '../../electron/demo/demo';
import { dischargeChild } from '../../electron/services/registry/discharge';
import { addBenefit, addStatusFact } from '../../electron/services/record/record-history';
import { buildWorklist } from '../../electron/services/worklist/worklist';
import { tempDatabase } from '../helpers/temp-db';

/** Tables that are not a child's record: no version trigger, on purpose (the reason beside each). */
const NOT_A_CHILDS_RECORD_WHY: Record<string, string> = {
  __tonghu_migrations: 'the migration ledger',
  audit_log: 'append-only log of who did what; never read back into a record',
  child_versions: 'the versions themselves',
  rehab_config: 'institution-wide rehabilitation cut-offs',
  settings: 'institution-wide settings',
  users: 'staff accounts',
  record_versions: 'per-record edit versions (0018), moved by their own triggers',
  caseload_assignments: 'which staff member follows which child: a desk assignment, not part of the case file (0018)',
  data_host: 'the data host’s own identity and certificate (0017)',
  workstations: 'enrolled desks (0017)',
  enrollment_codes: 'one-time desk enrolment codes (0017)',
  request_answers: 'answers kept for replayed desk requests (0017)',
  desk_sessions: 'signed-in sessions at the desks, kept across a restart of the data host (0020)',
};
const NOT_A_CHILDS_RECORD = new Set(Object.keys(NOT_A_CHILDS_RECORD_WHY));

let db: ReturnType<typeof tempDatabase>;

beforeAll(() => {
  db = tempDatabase({ actor: { userId: 1, username: 'tester', roles: ['supervisor', 'caseworker'] } });
  loadDemoData(db.ctx, { children: 120 });
});
afterAll(() => db?.cleanup());

const versionOf = (childId: number): number =>
  (db.ctx.sqlite.prepare('SELECT coalesce((SELECT version FROM child_versions WHERE child_id = ?), 0) AS v').get(childId) as { v: number }).v;

/** The worklist through the memo, and the same worked out afresh (memos forgotten). */
function worklistBothWays() {
  const memo = buildWorklist(db.ctx, {});
  forgetMemos(db.ctx.sqlite);
  const fresh = buildWorklist(db.ctx, {});
  return { memo, fresh };
}

describe('child versions', () => {
  it('every table is a versioned part of a child record or listed as not one', () => {
    const tables = (db.ctx.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name);
    const triggers = new Set((db.ctx.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string }[]).map((r) => r.name));
    const missing = tables
      .filter((t) => !NOT_A_CHILDS_RECORD.has(t))
      .flatMap((t) => ['insert', 'update', 'delete'].map((op) => `child_version_${t}_${op}`))
      .filter((name) => !triggers.has(name));
    expect(missing).toEqual([]);
    for (const t of NOT_A_CHILDS_RECORD) if (t !== '__tonghu_migrations') expect(tables).toContain(t);
    // …and a table that is not a child's record carries no child-version trigger.
    const strays = [...triggers].filter((name) => [...NOT_A_CHILDS_RECORD].some((t) => name.startsWith(`child_version_${t}_`)));
    expect(strays).toEqual([]);
  });

  it('an update and a delete of any row of any versioned table move its child’s version, inside the same transaction', () => {
    const { sqlite } = db.ctx;
    const tables = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[])
      .map((r) => r.name)
      .filter((t) => !NOT_A_CHILDS_RECORD.has(t));
    const childOf: Record<string, string> = {
      children: 'SELECT id AS rid, id AS child FROM children',
      rehab_interventions: 'SELECT t.id AS rid, p.child_id AS child FROM rehab_interventions t JOIN rehab_plans p ON p.id = t.plan_id',
      rehab_plan_decisions: 'SELECT t.id AS rid, p.child_id AS child FROM rehab_plan_decisions t JOIN rehab_plans p ON p.id = t.plan_id',
      rehab_plan_therapists: 'SELECT t.rowid AS rid, p.child_id AS child FROM rehab_plan_therapists t JOIN rehab_plans p ON p.id = t.plan_id',
      rehab_session_goals: 'SELECT t.rowid AS rid, s.child_id AS child FROM rehab_session_goals t JOIN rehab_sessions s ON s.id = t.session_id',
      reintegration_assessment_scores: 'SELECT t.rowid AS rid, a.child_id AS child FROM reintegration_assessment_scores t JOIN reintegration_assessments a ON a.id = t.assessment_id',
    };
    const checked: string[] = [];
    for (const table of tables) {
      const row = sqlite.prepare(`${childOf[table] ?? `SELECT rowid AS rid, child_id AS child FROM ${table}`} LIMIT 1`).get() as { rid: number; child: number } | undefined;
      if (!row) continue; // no demo rows in this table (covered by the trigger list above)
      const key = table === 'children' ? 'id' : 'rowid';
      const before = versionOf(row.child);
      sqlite.prepare('SAVEPOINT probe').run();
      try {
        sqlite.prepare(`UPDATE ${table} SET ${key === 'id' ? 'id = id' : 'rowid = rowid'} WHERE ${key} = ?`).run(row.rid);
        const afterUpdate = versionOf(row.child);
        expect(afterUpdate, `${table} update`).toBeGreaterThan(before);
        sqlite.pragma('defer_foreign_keys = ON');
        sqlite.prepare(`DELETE FROM ${table} WHERE ${key} = ?`).run(row.rid);
        expect(versionOf(row.child), `${table} delete`).toBeGreaterThan(afterUpdate);
      } finally {
        sqlite.prepare('ROLLBACK TO probe').run();
        sqlite.prepare('RELEASE probe').run();
      }
      expect(versionOf(row.child), `${table} rolled back`).toBe(before);
      checked.push(table);
    }
    expect(checked.length).toBeGreaterThanOrEqual(20);
  });
});

describe('memos never show a record as it was before an edit', () => {
  it('the worklist after edits through the services and through plain SQL equals the worklist worked out afresh', () => {
    const { sqlite } = db.ctx;
    const warm = buildWorklist(db.ctx, {});
    expect(buildWorklist(db.ctx, {})).toEqual(warm);

    // A child in care with no item: turning 18 in two months puts one on the worklist.
    const quiet = (sqlite.prepare(`SELECT id FROM children WHERE status = 'inCare' AND birth_date > '2012-01-01' ORDER BY id LIMIT 40`).all() as { id: number }[])
      .map((r) => r.id)
      .find((id) => !warm.items.some((i) => i.childId === id))!;
    expect(quiet).toBeDefined();
    sqlite.prepare('UPDATE children SET birth_date = ? WHERE id = ?').run('2009-01-29', quiet);
    let both = worklistBothWays();
    expect(both.memo).toEqual(both.fresh);
    expect(both.memo.items.some((i) => i.childId === quiet && i.kind === 'turning18')).toBe(true);

    // A benefit the child does not qualify for (or one that excludes another): the worklist follows at once.
    const young = (sqlite.prepare(`SELECT id FROM children c WHERE status = 'inCare' AND birth_date > '2015-01-01' AND NOT EXISTS (SELECT 1 FROM benefits_received b WHERE b.child_id = c.id AND b.code = 'minimumLivingAllowance') ORDER BY id DESC LIMIT 1`).get() as { id: number }).id;
    const beforeBenefit = buildWorklist(db.ctx, {});
    addBenefit(db.ctx, { childId: young, code: 'minimumLivingAllowance', from: '2026-01-01' });
    both = worklistBothWays();
    expect(both.memo).toEqual(both.fresh);
    expect(both.memo.items.filter((i) => i.childId === young)).not.toEqual(beforeBenefit.items.filter((i) => i.childId === young));

    // Discharged: the child's items go.
    const withItems = both.memo.items[0]!.childId;
    buildWorklist(db.ctx, {});
    dischargeChild(db.ctx, { childId: withItems, date: '2026-11-28', reason: 'adopted' });
    both = worklistBothWays();
    expect(both.memo).toEqual(both.fresh);
    expect(both.memo.items.some((i) => i.childId === withItems)).toBe(false);
  });

  it('the category filter follows a new status fact at once', () => {
    const { sqlite } = db.ctx;
    const categories = categoriesByChild(db.ctx, db.ctx.clock.today());
    // A child under 18: from 18 a category is listed only while it grounds a line that continues (RULES.md round 2).
    const minor = (id: number) => (sqlite.prepare('SELECT birth_date AS b FROM children WHERE id = ?').get(id) as { b: string }).b > addYears(db.ctx.clock.today(), -18);
    const notOrphan = [...categories].find(([id, codes]) => codes.length === 0 && minor(id))![0];
    const orphansBefore = listChildren(db.ctx, { categories: ['orphan'], status: null, limit: 500 }).total;
    addStatusFact(db.ctx, { childId: notOrphan, fact: { kind: 'parentsStatus', value: { father: 'deceased', mother: 'deceased' } }, effectiveDate: db.ctx.clock.today(), evidence: '死亡证明' });
    const after = listChildren(db.ctx, { categories: ['orphan'], status: null, limit: 500 });
    expect(after.total).toBe(orphansBefore + 1);
    expect(after.rows.some((r) => r.id === notOrphan)).toBe(true);
    forgetMemos(sqlite);
    expect(listChildren(db.ctx, { categories: ['orphan'], status: null, limit: 500 }).total).toBe(after.total);
  });

  it('what is read inside a transaction that is rolled back is not kept', () => {
    const { sqlite } = db.ctx;
    const before = buildWorklist(db.ctx, {});
    const child = (sqlite.prepare(`SELECT id FROM children WHERE status = 'inCare' ORDER BY id DESC LIMIT 1`).get() as { id: number }).id;
    expect(() =>
      sqlite.transaction(() => {
        sqlite.prepare('UPDATE children SET birth_date = ? WHERE id = ?').run('2009-01-15', child);
        const inside = buildWorklist(db.ctx, {});
        expect(inside.items.some((i) => i.childId === child && i.kind === 'turning18')).toBe(true);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(buildWorklist(db.ctx, {})).toEqual(before);
  });
});

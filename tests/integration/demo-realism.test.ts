/**
 * The demo data set is realistic enough to judge the app by (issue 18, item 15): staff accounts that
 * sign in, sessions signed by a therapist, goals fit for the child's age, streets in their own
 * district, approvals dated no later than the step they approve. Checked over every generated row of
 * a 400-child load.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../electron/demo/demo';
import { DEMO_GOALS, goalBand } from '../../electron/demo/demo-rehab';
import { DEMO_STAFF, type DemoAccount } from '../../electron/demo/demo-staff';
import { DISTRICT_STREETS } from '../../electron/demo/streets';
import { authenticate } from '../../electron/services/users/users';
import { ageOn } from '../../shared/domain/dates';
import { SHANGHAI_DISTRICTS } from '../../shared/domain/districts';
import { tempDatabase } from '../helpers/temp-db';

let db: ReturnType<typeof tempDatabase>;
let accounts: DemoAccount[];
const rows = <T>(sql: string, ...params: unknown[]): T[] => db.ctx.sqlite.prepare(sql).all(...params) as T[];

beforeAll(() => {
  db = tempDatabase({ actor: null });
  accounts = loadDemoData(db.ctx, { children: 400 });
}, 120_000);
afterAll(() => db?.cleanup());

describe('demo realism', () => {
  it('creates therapist, supervisor, placement-officer and caseworker accounts whose returned passwords sign in', () => {
    const roles = new Set(accounts.flatMap((a) => a.roles));
    for (const role of ['therapist', 'supervisor', 'placementOfficer', 'caseworker'] as const) expect(roles.has(role), role).toBe(true);
    expect(accounts.map((a) => a.username)).toEqual(DEMO_STAFF.map((s) => s.username));
    expect(new Set(accounts.map((a) => a.password)).size).toBe(accounts.length);
    for (const a of accounts) expect(authenticate(db.ctx, a.username, a.password).roles).toEqual(a.roles);
  });

  it('signs every rehab session with one demo therapist, the same for all of a child’s sessions', () => {
    const therapistIds = new Set(accounts.filter((a) => a.roles.includes('therapist')).map((a) => a.id));
    const sessions = rows<{ child_id: number; therapist_id: number | null }>('SELECT child_id, therapist_id FROM rehab_sessions');
    expect(sessions.length).toBeGreaterThan(1000);
    const byChild = new Map<number, Set<number | null>>();
    for (const s of sessions) {
      expect(therapistIds.has(s.therapist_id as number), `session of child ${s.child_id}`).toBe(true);
      byChild.set(s.child_id, (byChild.get(s.child_id) ?? new Set()).add(s.therapist_id));
    }
    for (const [child, ids] of byChild) expect(ids.size, `child ${child}`).toBe(1);
    // Both therapists carry a caseload.
    expect(new Set(sessions.map((s) => s.therapist_id)).size).toBe(therapistIds.size);
    // The plans' training names the same therapist.
    const trainings = rows<{ therapist_id: number | null }>(`SELECT therapist_id FROM rehab_interventions WHERE kind = 'training'`);
    expect(trainings.every((t) => therapistIds.has(t.therapist_id as number))).toBe(true);
  });

  it('gives each child goals written for their age at the plan’s start (no 认识颜色 for a teenager)', () => {
    const goals = rows<{ title: string; birth_date: string; starts_on: string }>(
      `SELECT g.title, c.birth_date, p.starts_on FROM rehab_goals g JOIN rehab_plans p ON p.id = g.plan_id JOIN children c ON c.id = g.child_id`,
    );
    const titlesOf = (band: 'young' | 'school' | 'adolescent') => new Set(Object.values(DEMO_GOALS).flatMap((pool) => pool[band].map((g) => g.title)));
    const young = titlesOf('young');
    const adolescent = titlesOf('adolescent');
    // The bands do not share goals, so a goal tells its band.
    for (const t of adolescent) expect(young.has(t), t).toBe(false);
    let teenagers = 0;
    for (const g of goals) {
      const age = ageOn(g.birth_date, g.starts_on);
      if (age >= 13) {
        teenagers += 1;
        expect(young.has(g.title), `${g.title} at ${age}`).toBe(false);
        expect(adolescent.has(g.title), `${g.title} at ${age}`).toBe(true);
      }
      if (age >= 7) expect(['认识颜色', '坐位平衡', '自己进食'], `${g.title} at ${age}`).not.toContain(g.title);
      if (age < 7) expect(adolescent.has(g.title), `${g.title} at ${age}`).toBe(false);
      expect(titlesOf(goalBand(age)).has(g.title)).toBe(true);
    }
    expect(teenagers).toBeGreaterThan(0);
    expect(goals.some((g) => ageOn(g.birth_date, g.starts_on) < 7)).toBe(true);
  });

  it('lists streets per district with none in two districts (九亭镇 in 松江区), and every demo case’s street is in its district', () => {
    expect(Object.keys(DISTRICT_STREETS).sort()).toEqual(SHANGHAI_DISTRICTS.map((d) => d.code).sort());
    const owner = new Map<string, string>();
    for (const [code, streets] of Object.entries(DISTRICT_STREETS)) {
      for (const s of streets) {
        expect(owner.get(s), `${s} in ${owner.get(s)} and ${code}`).toBeUndefined();
        owner.set(s, code);
      }
    }
    expect(owner.get('九亭镇')).toBe('310117');
    expect(owner.get('新华路街道')).toBe('310105');
    const cases = rows<{ receiving_district: string | null; receiving_street: string | null }>('SELECT receiving_district, receiving_street FROM reintegration_cases WHERE receiving_street IS NOT NULL');
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expect(DISTRICT_STREETS[c.receiving_district as keyof typeof DISTRICT_STREETS], `${c.receiving_street} / ${c.receiving_district}`).toContain(c.receiving_street);
  });

  it('never dates an approval after the transfer or resettlement it approves', () => {
    const steps = rows<{ child_id: number; transferred_on: string | null; resettled_on: string | null }>(
      'SELECT child_id, transferred_on, resettled_on FROM reintegration_cases WHERE transferred_on IS NOT NULL OR resettled_on IS NOT NULL',
    );
    expect(steps.some((s) => s.transferred_on !== null)).toBe(true);
    expect(steps.some((s) => s.resettled_on !== null)).toBe(true);
    const firstApproval = (childId: number, result: 'capable' | 'notCapable') =>
      rows<{ on: string | null }>(
        `SELECT min(substr(approved_at, 1, 10)) AS "on" FROM reintegration_assessments WHERE child_id = ? AND result = ? AND approved_at IS NOT NULL AND voided_at IS NULL`,
        childId,
        result,
      )[0]!.on;
    for (const s of steps) {
      if (s.transferred_on !== null) {
        const approved = firstApproval(s.child_id, 'notCapable');
        expect(approved, `child ${s.child_id}`).not.toBeNull();
        expect(approved! <= s.transferred_on, `child ${s.child_id}: approved ${approved}, transferred ${s.transferred_on}`).toBe(true);
      }
      if (s.resettled_on !== null) {
        const approved = firstApproval(s.child_id, 'capable');
        expect(approved, `child ${s.child_id}`).not.toBeNull();
        expect(approved! <= s.resettled_on, `child ${s.child_id}: approved ${approved}, resettled ${s.resettled_on}`).toBe(true);
      }
    }
    // Approvals are the supervisor's, never the loader's or a system stamp.
    const supervisor = accounts.find((a) => a.roles.includes('supervisor'))!;
    const approvers = rows<{ approved_by: number | null }>(`SELECT DISTINCT approved_by FROM reintegration_assessments WHERE case_id IS NOT NULL AND approved_at IS NOT NULL`);
    expect(approvers.map((a) => a.approved_by)).toEqual([supervisor.id]);
  });
});

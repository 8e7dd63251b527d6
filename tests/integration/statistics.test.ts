/**
 * The statistics page's figures (issue 8, item 2): children in care on the period's last day by
 * category, placement, age band and district; 18th birthdays per quarter; rehabilitation per therapist
 * and month, agreeing with the monthly rehabilitation ledger; reintegration outcomes per year, agreeing
 * with the board.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createChild } from '../../electron/services/registry/children';
import type { ServiceContext } from '../../electron/services/core/context';
import { loadDemoData } from '../../electron/demo/demo';
import { exportLedgers } from '../../electron/services/ledgers/ledgers';
import { updateProfile } from '../../electron/services/record/record';
import { addPlacement, addStatusFact } from '../../electron/services/record/record-history';
import {
  addCaseAssessment,
  caseOfChild,
  completeRehab,
  decideAssessment,
  pipeline,
  resettle,
  startRehab,
  transfer,
  updateTask,
} from '../../electron/services/reintegration/reintegration';
import { statistics } from '../../electron/services/reports/statistics';
import { createUser } from '../../electron/services/users/users';
import { makeIdNumber } from '../../shared/domain/id-number';
import { caseAssessment, institutionChild } from '../helpers/reintegration';
import { tempDatabase } from '../helpers/temp-db';
import { readWorkbook } from '../helpers/workbook';

let db: ReturnType<typeof tempDatabase>;
afterEach(() => db.cleanup());

const count = (list: { key: string; count: number }[], key: string) => list.find((c) => c.key === key)?.count;

describe('statistics', () => {
  it('counts the children in care on the last day by category, placement, age band and district, and the 18th birthdays per quarter', () => {
    db = tempDatabase();
    const ctx = db.ctx;
    const child = (name: string, birthDate: string, admissionDate: string | null) =>
      createChild(ctx, { name, sex: 'male', birthDate, idNumber: makeIdNumber('310104', birthDate, name.length, 'male'), admissionDate }).id;
    const a = child('甲', '2009-02-15', '2010-01-01'); // 17 on 2026-11-29, 18 on 2027-02-15
    const b = child('乙乙', '2020-05-01', '2021-01-01'); // 6
    child('丙丙丙', '2015-05-01', '2026-11-20'); // admitted after the period ends
    updateProfile(ctx, { childId: a, hukouKind: 'shanghai', hukouDistrictCode: '310115' });
    updateProfile(ctx, { childId: b, hukouKind: 'other' });
    addPlacement(ctx, { childId: a, kind: 'municipalInstitution', from: '2010-01-01' });
    addPlacement(ctx, { childId: b, kind: 'foster', from: '2021-01-01' });
    addStatusFact(ctx, { childId: a, fact: { kind: 'parentsStatus', value: { father: 'deceased', mother: 'deceased' } }, effectiveDate: '2010-01-01' });
    addStatusFact(ctx, { childId: b, fact: { kind: 'guardianship', value: 'missing' }, effectiveDate: '2026-10-01' });

    const s = statistics(ctx, { from: '2026-01-01', to: '2026-09-30' });
    expect(s.inCare).toBe(2);
    expect(count(s.byCategory, 'orphan')).toBe(1);
    expect(count(s.byCategory, 'guardianshipMissing')).toBe(0); // recorded after the period's last day
    expect(count(s.byPlacement, 'municipalInstitution')).toBe(1);
    expect(count(s.byPlacement, 'foster')).toBe(1);
    expect(count(s.byAgeBand, '16-17')).toBe(1);
    expect(count(s.byAgeBand, '6-11')).toBe(1);
    expect(count(s.byDistrict, '310115')).toBe(1);
    expect(count(s.byDistrict, 'other')).toBe(1);
    for (const list of [s.byPlacement, s.byAgeBand, s.byDistrict]) expect(list.reduce((n, c) => n + c.count, 0)).toBe(2);
    expect(s.turning18).toEqual([
      { quarter: '2026Q1', count: 0 },
      { quarter: '2026Q2', count: 0 },
      { quarter: '2026Q3', count: 0 },
    ]);

    const next = statistics(ctx, { from: '2026-11-29', to: '2027-06-30' });
    expect(next.inCare).toBe(3);
    expect(count(next.byCategory, 'guardianshipMissing')).toBe(1);
    expect(count(next.byPlacement, 'none')).toBe(1);
    expect(next.turning18).toEqual([
      { quarter: '2026Q4', count: 0 },
      { quarter: '2027Q1', count: 1 },
      { quarter: '2027Q2', count: 0 },
    ]);
    const audit = ctx.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'reports.read'").get() as { n: number };
    expect(audit.n).toBe(2);
  });

  it('counts rehabilitation per therapist and month as the monthly ledger does', async () => {
    db = tempDatabase();
    loadDemoData(db.ctx, { children: 40 });
    const period = { from: '2026-06-01', to: '2026-11-29' };
    const s = statistics(db.ctx, period);
    expect(s.rehab.length).toBeGreaterThan(0);
    const ledger = (await readWorkbook((await exportLedgers(db.ctx, { ledgers: ['rehabSessions'], ...period })).contentBase64)).sheets.get('康复训练月度台账')!;
    const byMonth = (rows: { month: string; sessions: number; minutes: number }[]) => {
      const out = new Map<string, [number, number]>();
      for (const r of rows) {
        const m = out.get(r.month) ?? [0, 0];
        out.set(r.month, [m[0] + r.sessions, m[1] + r.minutes]);
      }
      return out;
    };
    // 月份 is a real date (the month's first day); the last line is the 合计.
    expect(ledger.at(-1)![0]).toBe('合计');
    const fromLedger = byMonth(ledger.slice(1, -1).map((r) => ({ month: String(r[0]).slice(0, 7), sessions: Number(r[4]), minutes: Number(r[6]) })));
    expect(byMonth(s.rehab)).toEqual(fromLedger);
    for (const r of s.rehab) {
      expect(r.month >= '2026-06' && r.month <= '2026-11').toBe(true);
      expect(r.children).toBeLessThanOrEqual(r.sessions);
    }
  });
});

describe('reintegration outcomes per year', () => {
  it('counts closings, resettlements, transfers and approved decisions per year, as the board shows the cases', () => {
    db = tempDatabase();
    const ctx = db.ctx;
    createUser(ctx, { username: 'po', displayName: '周安置', password: 'Pl@cement-officer1', roles: ['placementOfficer'] });
    const supervisorId = createUser(ctx, { username: 'sv', displayName: '孙主管', password: 'Sup3rvisor!pass', roles: ['supervisor'] }).id;
    const supervisor: ServiceContext = { ...ctx, actor: { userId: supervisorId, username: 'sv', roles: ['supervisor'] } };
    const caseOf = (childId: number) => caseOfChild(ctx, { childId }).caseId!;

    // (b) not capable in 2025 → transferred in 2025 → rehabilitation → capable in 2026 → resettled in 2026.
    const b = caseOf(institutionChild(ctx, '王晓雨', '2007-05-01', { finished: '2025-06-30' }));
    const first = addCaseAssessment(ctx, caseAssessment(b, { assessedOn: '2025-09-01', result: 'notCapable', reasons: '劳动能力不足' }, 50));
    decideAssessment(supervisor, { caseId: b, assessmentId: first.id, approve: true });
    transfer(ctx, { caseId: b, institution: '上海市第三社会福利院', transferredOn: '2025-10-01' });
    const rehab = startRehab(ctx, { caseId: b, programme: '烘焙职业康复', provider: null, from: '2025-10-15', plannedEnd: null });
    completeRehab(ctx, { caseId: b, id: rehab.id, completedOn: '2026-07-01', outcome: '结业' });
    const second = addCaseAssessment(ctx, caseAssessment(b, { round: 2, assessedOn: '2026-08-01' }));
    decideAssessment(supervisor, { caseId: b, assessmentId: second.id, approve: true });
    resettle(ctx, { caseId: b, receivingDistrict: '310115', receivingStreet: '花木街道', resettledOn: '2026-09-01', tasks: [] });

    // (a) capable in 2026 → resettled → the four tasks done → closed today (2026-11-29).
    const a = caseOf(institutionChild(ctx, '陈思远', '2008-03-10'));
    const decision = addCaseAssessment(ctx, caseAssessment(a));
    decideAssessment(supervisor, { caseId: a, assessmentId: decision.id, approve: true });
    const tasks = resettle(ctx, { caseId: a, receivingDistrict: '310104', receivingStreet: '田林街道', resettledOn: '2026-11-01', tasks: [] });
    for (const t of tasks) updateTask(ctx, { caseId: a, id: t.id, contact: null, dueOn: null, status: 'done', evidenceDocumentIds: [] });

    // A decision returned by the supervisor, and one awaiting approval, count for nothing.
    const c = caseOf(institutionChild(ctx, '林一舟', '2008-01-20'));
    const returned = addCaseAssessment(ctx, caseAssessment(c, { assessedOn: '2026-09-01', result: 'notCapable', reasons: '待复核' }, 50));
    decideAssessment(supervisor, { caseId: c, assessmentId: returned.id, approve: false, reason: '评分依据不足' });
    addCaseAssessment(ctx, caseAssessment(c, { assessedOn: '2026-10-01' }));

    const s = statistics(ctx, { from: '2025-01-01', to: '2026-11-29' });
    expect(s.reintegration).toEqual([
      { year: '2025', closed: 0, resettled: 0, transferred: 1, capable: 0, notCapable: 1 },
      { year: '2026', closed: 1, resettled: 2, transferred: 0, capable: 2, notCapable: 0 },
    ]);
    // Closed is the board's stage, case by case.
    const board = pipeline(ctx, {}).cases;
    expect(board.filter((x) => x.stage === 'closed').map((x) => x.id)).toEqual([a]);
    // Only what is dated within the period counts; every year of it is listed.
    expect(statistics(ctx, { from: '2026-10-01', to: '2027-03-31' }).reintegration).toEqual([
      { year: '2026', closed: 1, resettled: 1, transferred: 0, capable: 0, notCapable: 0 },
      { year: '2027', closed: 0, resettled: 0, transferred: 0, capable: 0, notCapable: 0 },
    ]);
  });
});

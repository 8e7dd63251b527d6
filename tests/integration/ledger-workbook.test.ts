/**
 * The ledgers workbook as an office prints and adds it up (issue 18, item 12), read back with exceljs:
 * every sheet prints A4 landscape, fitted to the page width, with the header row repeated; 月份 and the
 * open high-risk check date are real dates; the benefits ledger gives what was paid in the period
 * (standard × months in force) with a 合计 line; the rehabilitation ledger has a 合计 line; the roster's
 * benefits are one row per benefit on their own sheet.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../electron/demo/demo';
import { exportLedgers, monthsPaidIn } from '../../electron/services/ledgers/ledgers';
import { addMentalHealthCheck } from '../../electron/services/mental-health/mental-health';
import { addBenefit } from '../../electron/services/record/record-history';
import { createChild } from '../../electron/services/registry/children';
import type { ServiceContext } from '../../electron/services/core/context';
import { LEDGER_KINDS } from '../../shared/contract/ledgers';
import { BENEFIT_LABELS_ZH } from '../../shared/domain/rules-types';
import { tempDatabase } from '../helpers/temp-db';
import { readWorkbook } from '../helpers/workbook';

let db: ReturnType<typeof tempDatabase> | undefined;
afterEach(() => db?.cleanup());

const PERIOD = { from: '2026-01-01', to: '2026-06-30' };

function supervisorOf(ctx: ServiceContext): ServiceContext {
  return { ...ctx, actor: { userId: 1, username: 'tester', roles: ['caseworker', 'supervisor', 'therapist'] } };
}

describe('months paid in a period', () => {
  it('counts the calendar months of the period in which the benefit is in force', () => {
    expect(monthsPaidIn('2025-06-01', null, '2026-01-01', '2026-06-30')).toBe(6);
    expect(monthsPaidIn('2026-03-15', null, '2026-01-01', '2026-06-30')).toBe(4);
    expect(monthsPaidIn('2025-06-01', '2026-02-10', '2026-01-01', '2026-06-30')).toBe(2);
    expect(monthsPaidIn('2026-07-01', null, '2026-01-01', '2026-06-30')).toBe(0);
    expect(monthsPaidIn('2025-01-01', '2025-12-31', '2026-01-01', '2026-06-30')).toBe(0);
  });
});

describe('the ledgers workbook', () => {
  it('sets A4 landscape, fit to width and the repeated header row on every sheet', async () => {
    db = tempDatabase();
    loadDemoData(db.ctx, { children: 12 });
    const exported = await exportLedgers(supervisorOf(db.ctx), { ledgers: [...LEDGER_KINDS], ...PERIOD });
    const { workbook } = await readWorkbook(exported.contentBase64);
    expect(workbook.worksheets.length).toBe(LEDGER_KINDS.length + 1);
    for (const sheet of workbook.worksheets) {
      expect(sheet.pageSetup, sheet.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      // exceljs reads this back from the workbook's _xlnm.Print_Titles name (the repeated header row).
      expect(sheet.pageSetup.printTitlesRow, sheet.name).toBe('1:1');
      expect(sheet.headerFooter.oddFooter, sheet.name).toContain('&P');
    }
  });

  it('writes the months of the rehabilitation ledger as dates and adds a 合计 line that sums its counts', async () => {
    db = tempDatabase();
    loadDemoData(db.ctx, { children: 20 });
    const exported = await exportLedgers(db.ctx, { ledgers: ['rehabSessions'], from: '2026-06-01', to: '2026-11-29' });
    const { workbook, sheets } = await readWorkbook(exported.contentBase64);
    const sheet = workbook.getWorksheet('康复训练月度台账')!;
    const rows = sheets.get('康复训练月度台账')!;
    expect(rows.length).toBeGreaterThan(3);
    const month = sheet.getRow(2).getCell(1);
    expect(month.value).toBeInstanceOf(Date);
    expect(month.numFmt).toContain('年');
    expect(String(rows[1]![0])).toMatch(/^2026-\d\d-01$/);
    const body = rows.slice(1, -1);
    const totals = rows.at(-1)!;
    expect(totals[0]).toBe('合计');
    for (const c of [4, 5, 6]) expect(totals[c]).toBe(body.reduce((sum, r) => sum + Number(r[c]), 0));
    expect(exported.sheets[0]!.rows).toBe(body.length);
  });

  it('gives the amounts paid in the period with a 合计, and the roster benefits one row each on their own sheet', async () => {
    db = tempDatabase();
    const ctx = db.ctx;
    const a = createChild(ctx, { name: '甲三项', sex: 'male', birthDate: '2012-04-01', idNumber: null }).id;
    const b = createChild(ctx, { name: '乙一项', sex: 'female', birthDate: '2013-05-01', idNumber: null }).id;
    addBenefit(ctx, { childId: a, code: 'basicLivingAllowance', from: '2025-06-01', monthlyAmountFen: 240000 });
    addBenefit(ctx, { childId: a, code: 'disabledLivingSubsidy', from: '2026-03-15', monthlyAmountFen: 10000 });
    addBenefit(ctx, { childId: a, code: 'medicalAid', from: '2026-02-01', to: '2026-03-31', monthlyAmountFen: null });
    addBenefit(ctx, { childId: b, code: 'basicLivingAllowance', from: '2025-01-01', to: '2026-02-10', monthlyAmountFen: 200000 });
    const exported = await exportLedgers(ctx, { ledgers: ['roster', 'benefits'], ...PERIOD });
    const { sheets } = await readWorkbook(exported.contentBase64);

    const paid = sheets.get('保障待遇发放台账')!;
    expect(paid[0]).toEqual(['序号', '姓名', '身份证号', '保障待遇', '开始日期', '结束日期', '月标准（元）', '期间发放月数', '期间发放金额（元）', '备注']);
    const byKey = new Map(paid.slice(1, -1).map((r) => [`${r[1]}/${r[4]}`, r.slice(6, 9)]));
    expect(byKey.get('甲三项/2025-06-01')).toEqual([2400, 6, 14400]);
    expect(byKey.get('甲三项/2026-03-15')).toEqual([100, 4, 400]);
    expect(byKey.get('甲三项/2026-02-01')).toEqual([null, 2, null]);
    expect(byKey.get('乙一项/2025-01-01')).toEqual([2000, 2, 4000]);
    expect(paid.at(-1)!.slice(0, 2)).toEqual(['合计', '4项']);
    expect(paid.at(-1)![8]).toBe(14400 + 400 + 4000);

    // Today (2026-11-29) 甲三项 has two benefits in force, 乙一项 none: two rows, one per benefit.
    const perBenefit = sheets.get('花名册·保障待遇明细')!;
    expect(perBenefit.slice(1, -1).map((r) => [r[1], r[3], r[4]])).toEqual([
      ['甲三项', BENEFIT_LABELS_ZH.basicLivingAllowance, '2025-06-01'],
      ['甲三项', BENEFIT_LABELS_ZH.disabledLivingSubsidy, '2026-03-15'],
    ]);
    expect(perBenefit.at(-1)!.slice(0, 2)).toEqual(['合计', '2项']);
  });

  it('writes the earliest open high-risk check as a date and counts the open checks', async () => {
    db = tempDatabase();
    const ctx = supervisorOf(db.ctx);
    const child = createChild(ctx, { name: '陈高危', sex: 'female', birthDate: '2012-04-01', idNumber: null }).id;
    addMentalHealthCheck(ctx, { childId: child, checkedOn: '2025-10-01', riskLevel: 'high' });
    addMentalHealthCheck(ctx, { childId: child, checkedOn: '2026-03-01', riskLevel: 'high' });
    const exported = await exportLedgers(ctx, { ledgers: ['mentalHealth'], ...PERIOD });
    const { workbook, sheets } = await readWorkbook(exported.contentBase64);
    const rows = sheets.get('心理健康监测台账')!;
    const c = rows[0]!.indexOf('未结案高风险监测日期');
    const cell = workbook.getWorksheet('心理健康监测台账')!.getRow(2).getCell(c + 1);
    expect(cell.value).toBeInstanceOf(Date);
    expect(cell.numFmt).toBe('yyyy-mm-dd');
    expect(rows[1]![c]).toBe('2025-10-01');
    expect(rows[1]![c + 1]).toBe(2);
  });
});

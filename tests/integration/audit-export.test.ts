/**
 * The audit trail in Excel and in words (issue 18, item 6): audit:export gives exactly the rows the
 * audit view gives for the same filters, with real date-times, and is refused where the view is; the
 * view's rows carry their detail for the page to put in words.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import type { AuditRowView } from '../../shared/contract/audit';
import { tempDir } from '../helpers/temp-db';
import { makeHost, ok, setupAndLogin, type TestClock, testClock } from './support/host';

let root: { dir: string; cleanup: () => void };
let host: AppHost;
let clock: TestClock;
const FIRST = 'First!password1';
const OWN = 'Own!password22';

type Page = { total: number; rows: AuditRowView[] };
type Export = { fileName: string; contentBase64: string; rows: number };

async function sheetOf(file: Export): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
  return workbook.getWorksheet('审计日志')!;
}

beforeAll(async () => {
  root = tempDir();
  clock = testClock('2026-11-27T10:00:00+08:00');
  host = makeHost(`${root.dir}/data`, { clock });
  await setupAndLogin(host, 'admin');
  ok(await host.router.dispatch('admin', 'users:create', { username: 'wang.cw', displayName: '王社工', password: FIRST, roles: ['caseworker'] }));
  ok(await host.router.dispatch('cw', 'auth:login', { username: 'wang.cw', password: FIRST }));
  ok(await host.router.dispatch('cw', 'auth:changePassword', { currentPassword: FIRST, newPassword: OWN }));
  ok(await host.router.dispatch('cw', 'children:create', { name: '张小明', sex: 'male', birthDate: '2015-03-07', idNumber: null }));
  ok(await host.router.dispatch('cw', 'children:create', { name: '李小红', sex: 'female', birthDate: '2016-05-01', idNumber: null }));
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('audit:export', () => {
  it('writes the rows the audit view shows for the same filter, with real date-times, and lists itself in the trail', async () => {
    const view = ok<Page>(await host.router.dispatch('admin', 'audit:query', { action: 'child.create', offset: 0, limit: 500 }));
    const file = ok<Export>(await host.router.dispatch('admin', 'audit:export', { action: 'child.create' }));
    expect(file.fileName).toMatch(/^童护审计日志-\d{8}\.xlsx$/);
    expect(file.rows).toBe(view.total);
    const sheet = await sheetOf(file);
    expect(sheet.getRow(1).values).toEqual([undefined, '编号', '时间', '操作人', '账户', '操作', '对象', '儿童', '身份证号', '详情']);
    const ids: number[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) ids.push(Number(row.getCell(1).value));
    });
    expect(ids).toEqual(view.rows.map((r) => r.id));
    const at = sheet.getRow(2).getCell(2);
    expect(at.value).toBeInstanceOf(Date);
    expect(at.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    // China time written as the wall clock: 10:00 on the 27th.
    expect((at.value as Date).toISOString().slice(0, 16)).toBe('2026-11-27T10:00');
    expect(sheet.getRow(2).getCell(3).value).toBe('王社工');
    expect(sheet.getRow(2).getCell(7).value).toBe('李小红');
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1 });
    const again = ok<Page>(await host.router.dispatch('admin', 'audit:query', { action: 'audit.export', offset: 0, limit: 5 }));
    expect(again.total).toBe(1);
  });

  it('is refused to a person who may not read the audit trail', async () => {
    const result = await host.router.dispatch('cw', 'audit:export', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('forbidden');
  });

  it('gives the view its rows’ detail as recorded, for the page to put in words', async () => {
    const view = ok<Page>(await host.router.dispatch('admin', 'audit:query', { action: 'child.create', offset: 0, limit: 5 }));
    expect(view.rows[0]!.detail).toMatchObject({ fields: expect.arrayContaining(['name']) });
  });
});

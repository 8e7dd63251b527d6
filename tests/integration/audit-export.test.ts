/**
 * The audit trail to Excel (issue 18, item 6): audit:export gives exactly the rows the audit view gives
 * for the same filters (no paging), is refused where the view is, and lists itself in the trail; the
 * page writes them into a workbook in the view's words, with real date-times.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { auditSheet, auditWorkbook } from '../../renderer/features/admin/audit-workbook';
import type { Words } from '../../renderer/features/record/history-format';
import { type MessageKey, translator } from '../../renderer/i18n/translate';
import type { AuditRowView } from '../../shared/contract/audit';
import { tempDir } from '../helpers/temp-db';
import { makeHost, ok, setupAndLogin, type TestClock, testClock } from './support/host';

let root: { dir: string; cleanup: () => void };
let host: AppHost;
let clock: TestClock;
const FIRST = 'First!password1';
const OWN = 'Own!password22';

type Page = { total: number; rows: AuditRowView[] };
type Export = { rows: AuditRowView[]; people: { id: number; name: string }[]; truncated: boolean };

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
  it('gives the rows the audit view shows for the same filter, unpaged, and lists itself in the trail', async () => {
    const view = ok<Page>(await host.router.dispatch('admin', 'audit:query', { action: 'child.create', offset: 0, limit: 500 }));
    const exported = ok<Export>(await host.router.dispatch('admin', 'audit:export', { action: 'child.create' }));
    expect(exported.rows.map((r) => r.id)).toEqual(view.rows.map((r) => r.id));
    expect(exported.truncated).toBe(false);
    expect(exported.people.map((p) => p.name)).toContain('王社工');
    const all = ok<Page>(await host.router.dispatch('admin', 'audit:query', { offset: 0, limit: 10 }));
    expect(ok<Export>(await host.router.dispatch('admin', 'audit:export', {})).rows.length).toBe(all.total + 1); // and the export's own row
    const audited = ok<Page>(await host.router.dispatch('admin', 'audit:query', { action: 'audit.export', offset: 0, limit: 5 }));
    expect(audited.total).toBe(2);
  });

  it('is refused to a person who may not read the audit trail', async () => {
    const result = await host.router.dispatch('cw', 'audit:export', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('forbidden');
  });

  it('is written into a workbook in the audit view’s words, with real date-times', async () => {
    const exported = ok<Export>(await host.router.dispatch('admin', 'audit:export', { action: 'child.create' }));
    const t = translator('zh-CN');
    const words: Words = { tr: (key, vars) => (t(key as MessageKey, vars) === key ? null : t(key as MessageKey, vars)), lang: 'zh' };
    const sheet = auditSheet(exported.rows, t, words, new Map(exported.people.map((p) => [p.id, p.name])));
    const bytes = await auditWorkbook(ExcelJS, '审计日志', sheet);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    const ws = workbook.getWorksheet('审计日志')!;
    expect(ws.getRow(1).values).toEqual([undefined, '序号', '时间', '人员', '操作', '对象', '儿童', '详情']);
    const row = ws.getRow(2);
    expect(row.getCell(2).value).toBeInstanceOf(Date);
    expect(row.getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(row.getCell(3).value).toBe('王社工');
    expect(row.getCell(4).value).toBe('登记儿童');
    expect(row.getCell(5).value).toBe('基本信息');
    expect(row.getCell(6).value).toBe('李小红');
    expect(String(row.getCell(7).value)).not.toMatch(/[{}"]/);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1 });
  });
});

/**
 * Printed documents an office accepts (issue 18, items 6, 8 and 11), in the browser host with the demo
 * data: the reintegration dossier and the child summary carry the name, ID number and document number
 * on every page and 第x页 共y页, 户籍地址, 监护人, the photo box, signature and seal lines with dates; a
 * handover task past its due date is marked 已逾期; where a TrueType-outline CJK font is installed the
 * PDF embeds real fonts (no Type 3). 依据的事实 reads in Chinese; the children count never says
 * 正在加载 beside a load error.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { addDays, toIsoDate } from '../../shared/domain/dates';
import { ADMIN, StartPages } from './pages/app-pages';
import { invoke, versionAsRead } from './support/api';
import { freshDataDir, startHost } from './support/host';

const PASSPHRASE = 'e2e passphrase for print frames';

/** The text of a PDF, whitespace removed, and its fonts (pdftotext, pdffonts). */
async function printed(page: Page, dir: string, name: string): Promise<{ text: string; pages: string[]; fonts: string }> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return { text: text.replace(/\s+/g, ''), pages: text.split('\f').filter((p) => p.trim()).map((p) => p.replace(/\s+/g, '')), fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }) };
}

/** Whether fontconfig knows a CJK font with TrueType outlines (Chromium embeds those as real fonts, CFF ones as Type 3). */
function trueTypeCjkInstalled(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh', 'fontformat'], { encoding: 'utf8' }).includes('TrueType');
  } catch {
    return false;
  }
}

test('the dossier and the child summary print with their frame, identity, signatures and an overdue mark', async ({ page }, testInfo) => {
  const dataDir = freshDataDir(testInfo.testId);
  const work = mkdtempSync(join(tmpdir(), 'tonghu-print-frame-'));
  const host = await startHost(dataDir, PASSPHRASE);
  try {
    await page.goto(host.url);
    const start = new StartPages(page);
    await start.completeSetup({ loadDemo: true });
    await start.login();
    const board = await invoke<{ cases: { id: number; childId: number; stage: string }[] }>(page, 'reintegration:pipeline', {});
    const c = board.cases.find((x) => x.stage === 'resettling');
    expect(c, 'a demo case being resettled').toBeDefined();
    const detail = await invoke<{ child: { name: string; idNumber: string | null }; tasks: { id: number; status: string; voidedAt: string | null; contact: string | null; evidenceDocumentIds: number[]; note: string | null }[] }>(
      page,
      'reintegration:get',
      { caseId: c!.id },
    );
    const open = detail.tasks.find((task) => task.voidedAt === null && task.status !== 'done')!;
    const yesterday = addDays(toIsoDate(new Date()), -1);
    // A placement officer moves the task's due date to yesterday; the administrator (a caseworker) prints.
    await invoke(page, 'users:create', { username: 'zhou.po', displayName: '周安置', roles: ['placementOfficer'], password: 'Officer!2026-first' });
    await invoke(page, 'auth:logout', null);
    await invoke(page, 'auth:login', { username: 'zhou.po', password: 'Officer!2026-first' });
    await invoke(page, 'auth:changePassword', { currentPassword: 'Officer!2026-first', newPassword: 'Officer!2026-own' });
    await invoke(page, 'reintegration:updateTask', { caseId: c!.id, id: open.id, contact: open.contact, dueOn: yesterday, status: open.status, evidenceDocumentIds: open.evidenceDocumentIds, note: open.note, expectedVersion: await versionAsRead(page, 'reintegration:get', { caseId: c!.id }, 'reintegrationTask', open.id) });
    await invoke(page, 'auth:logout', null);
    await invoke(page, 'auth:login', { username: ADMIN.username, password: ADMIN.password });

    await page.goto(`${host.url}#/reintegration/${c!.id}/dossier`);
    const dossier = page.getByTestId('dossier');
    await expect(dossier.getByTestId('print-guardian')).not.toBeEmpty();
    const after = await invoke<{ tasks: { status: string; voidedAt: string | null; dueOn: string | null }[] }>(page, 'reintegration:get', { caseId: c!.id });
    const late = after.tasks.filter((task) => task.voidedAt === null && task.status !== 'done' && task.dueOn !== null && task.dueOn < toIsoDate(new Date()));
    expect(late.length).toBeGreaterThanOrEqual(1);
    await expect(dossier.getByTestId('task-overdue')).toHaveCount(late.length);
    await expect(dossier.getByTestId('print-photo')).toBeVisible();
    const doc = await printed(page, work, 'dossier');
    expect(doc.pages.length).toBeGreaterThan(1);
    doc.pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(`第${i + 1}页共${doc.pages.length}页`);
      expect(text, `page ${i + 1}`).toContain(`姓名：${detail.child.name}`);
      expect(text, `page ${i + 1}`).toContain(`身份证号：${detail.child.idNumber ?? '无'}`);
      expect(text, `page ${i + 1}`).toContain('文书编号：童护回归〔');
    });
    for (const line of ['户籍地址', '监护人', '已逾期', '经办人（安置专员）（签字）', '审核人（主管）（签字）', '出具单位（盖章）', '日期：年月日']) expect(doc.text).toContain(line);
    if (trueTypeCjkInstalled()) expect(doc.fonts).not.toContain('Type 3');
    else testInfo.annotations.push({ type: 'fonts', description: 'no TrueType-outline CJK font installed: Chromium writes CFF fonts (Noto Sans CJK) as Type 3' });

    await page.goto(`${host.url}#/children/${c!.childId}/summary`);
    await expect(page.getByTestId('child-summary').getByTestId('print-guardian')).not.toBeEmpty();
    const summary = await printed(page, work, 'summary');
    expect(summary.pages).toHaveLength(1);
    expect(summary.text).toContain('第1页共1页');
    expect(summary.text).toContain(`姓名：${detail.child.name}`);
    expect(summary.text).toContain('文书编号：童护概况〔');
    expect(summary.text).toContain('出具单位（盖章）');

    // 待遇资格 → 依据的事实 in the form's words, no JSON.
    await page.goto(`${host.url}#/children/${c!.childId}/eligibility`);
    const facts = page.getByTestId('eligibility-facts');
    await expect(facts.getByRole('row', { name: /法定抚养人有抚养能力/ })).toBeVisible();
    await expect(facts).not.toContainText('legalSupporterAble');
    await expect(facts).not.toContainText('{');

    // A goal's chart: the expected level's and the baseline's labels never overlap (issue 18, item 8).
    const children = await invoke<{ rows: { id: number }[] }>(page, 'children:list', { query: '', status: 'inCare', limit: 200 });
    let rehabChild: number | null = null;
    for (const row of children.rows) {
      const file = await invoke<{ activePlanId: number | null; sessions: unknown[] }>(page, 'rehab:child', { childId: row.id });
      if (file.activePlanId !== null && file.sessions.length >= 5) {
        rehabChild = row.id;
        break;
      }
    }
    expect(rehabChild, 'a demo child in rehabilitation').not.toBeNull();
    await page.goto(`${host.url}#/children/${rehabChild}/rehab`);
    const goalChart = page.getByTestId('goal-chart').first();
    const referenceLabels = goalChart.locator('text.recharts-label').filter({ hasText: /预期水平|基线等级/ });
    await expect(referenceLabels).toHaveCount(2);
    const boxes = await referenceLabels.evaluateAll((labels) =>
      labels.map((l) => {
        const r = l.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      }),
    );
    expect(boxes).toHaveLength(2);
    const [a, b] = boxes as [(typeof boxes)[number], (typeof boxes)[number]];
    // Side by side, not only one above the other: they stay apart however close the two lines are (a baseline of 0).
    expect(a.right <= b.left || b.right <= a.left, JSON.stringify(boxes)).toBe(true);

    // The audit trail goes to Excel in the view's words.
    await page.goto(`${host.url}#/admin/audit`);
    await page.getByRole('table', { name: '审计日志' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^童护审计日志-\d{8}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await saved.path());
    const sheet = workbook.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '序号', '时间', '人员', '操作', '对象', '儿童', '详情']);
    expect(sheet.rowCount).toBeGreaterThan(50);
    const actions = new Set<string>();
    sheet.eachRow((row, n) => n > 1 && actions.add(String(row.getCell(4).value)));
    expect(actions).toContain('确定接收安置');
    expect([...actions].filter((a) => /^[a-z]+\.[a-zA-Z]+$/.test(a))).toEqual([]);

    // A load that fails is said so, not "loading" beside the error.
    await page.route(/\/rpc\/children(:|%3A)list/i, (route) => route.abort());
    await page.goto(`${host.url}#/children`);
    await page.reload();
    await expect(page.getByTestId('children-total')).toHaveText('未能加载');
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
});

import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { makeIdNumber } from '../../shared/domain/id-number';
import { type TestCell, workbookBase64 } from '../helpers/workbook';
import { withSignedInApp } from './support/host';

const PASSPHRASE = 'e2e passphrase for the ledgers';
const HEADERS = ['姓名', '性别', '出生日期', '身份证号', '入院日期', '户籍', '困境儿童类别', '安置方式', '安置开始日期', '保障待遇', '待遇开始日期', '月标准（元）'];

function row(name: string, sex: '男' | '女', birth: string, sequence: number): TestCell[] {
  const id = makeIdNumber('310104', birth, sequence, sex === '男' ? 'male' : 'female');
  return [name, sex, { date: birth }, id, { date: '2020-03-01' }, '徐汇区', '孤儿', '市级儿童福利机构集中养育', { date: '2020-03-01' }, '基本生活费', { date: '2026-01-01' }, 2400];
}

test('children come in from an Excel workbook: the preview names the bad rows by column, the valid ones are imported and listed, the roster goes out again, and the statistics count them', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const rows = [row('钱多多', '男', '2012-05-06', 11), row('孙悦', '女', '2013-07-08', 12), row('周小川', '男', '2014-09-10', 13), row('吴一凡', '男', '2015-11-12', 14)];
  const badCheck = row('郑错号', '女', '2011-01-02', 15);
  badCheck[3] = String(badCheck[3]).slice(0, 17) + (String(badCheck[3]).endsWith('0') ? '1' : '0');
  const badPlacement = row('王托管', '男', '2010-03-04', 16);
  badPlacement[7] = '托管';
  const file = Buffer.from(await workbookBase64([HEADERS, rows[0]!, badCheck, rows[1]!, rows[2]!, badPlacement, rows[3]!]), 'base64');

  await withSignedInApp(page, testInfo.testId, PASSPHRASE, async () => {
    await page.getByRole('link', { name: '台账与导入' }).click();
    await page.getByRole('tab', { name: '从 Excel 导入' }).click();
    await expect(page.getByText('选择一个 Excel 工作簿开始')).toBeVisible();

    // A file that is not a workbook is refused beside the field.
    await page.locator('input[type=file]').setInputFiles({ name: 'children.csv', mimeType: 'text/csv', buffer: Buffer.from('姓名,性别\n') });
    await expect(page.getByText('请选择 .xlsx 格式的 Excel 工作簿')).toBeVisible();

    await page.locator('input[type=file]').setInputFiles({ name: '儿童名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await expect(page.getByText('新增 4', { exact: true })).toBeVisible();
    await expect(page.getByText('有错误 2', { exact: true })).toBeVisible();
    // The columns were recognised from the headers.
    await expect(page.getByText('已对应 12 / 31 个字段。', { exact: false })).toBeVisible();
    const table = page.getByRole('table', { name: '导入预览' });
    // The errors are shown first, named by row and column.
    await expect(page.getByTestId('import-row-3')).toContainText('身份证号：身份证号校验位不正确');
    await expect(page.getByTestId('import-row-6')).toContainText('安置方式：不认识的安置方式“托管”');
    await expect(table.getByRole('row')).toHaveCount(3);
    const shot = testInfo.outputPath('import-preview.png');
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach('import-preview', { body: readFileSync(shot), contentType: 'image/png' });
    await page.getByRole('button', { name: '调整列对应' }).click();
    await expect(page.getByLabel('安置方式', { exact: true }).first()).toHaveValue('安置方式');
    await expect(page.getByLabel('就读阶段', { exact: true }).first()).toHaveValue('');

    await page.locator('label').filter({ hasText: /^全部$/ }).click();
    await expect(table.getByRole('row')).toHaveCount(7);
    await page.getByRole('button', { name: '导入 4 行' }).click();
    const dialog = page.getByRole('dialog', { name: '确认导入' });
    await expect(dialog).toContainText('将新增 4 名儿童、更新 0 名儿童');
    await dialog.getByRole('button', { name: '导入', exact: true }).click();
    await expect(page.getByText('已导入：新增 4 名，更新 0 名').first()).toBeVisible();

    await page.getByRole('link', { name: '查看儿童档案' }).click();
    for (const name of ['钱多多', '孙悦', '周小川', '吴一凡']) await expect(page.getByText(name, { exact: true })).toBeVisible();
    await expect(page.getByText('郑错号')).toHaveCount(0);
    await expect(page.getByText('王托管')).toHaveCount(0);

    // The roster goes out as a workbook, and the same file again changes nothing.
    await page.getByRole('link', { name: '台账与导入' }).click();
    await page.getByRole('tab', { name: '导出台账' }).click();
    // The administrator is also a caseworker: the reintegration ledger is offered, the mental-health one (mentalHealth.read) is not.
    await expect(page.getByRole('checkbox', { name: /回归社会安置台账/ })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: /心理健康监测台账/ })).toHaveCount(0);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^童护工作台账-\d{8}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await saved.path());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['儿童花名册', '花名册·保障待遇明细', '保障待遇发放台账', '康复训练月度台账', '回归社会安置台账']);
    expect(workbook.getWorksheet('儿童花名册')!.rowCount).toBe(5);
    expect(workbook.creator).toBe('王管理');
    await expect(page.getByText('儿童花名册：4 行')).toBeVisible();

    // The same list printed: the roster's print view, through the print path of the dossier.
    await page.getByRole('link', { name: /^儿童花名册/ }).click();
    const list = page.getByTestId('ledger-print');
    await expect(list.getByRole('heading', { name: '儿童花名册' })).toBeVisible();
    await expect(list.getByRole('columnheader', { name: '今日应享待遇' })).toBeVisible();
    await expect(list.locator('tbody tr')).toHaveCount(4);
    for (const name of ['钱多多', '孙悦', '周小川', '吴一凡']) await expect(list.getByRole('cell', { name, exact: true })).toBeVisible();
    await page.getByRole('link', { name: '返回台账导出' }).click();

    // The statistics page counts them: all four orphans in the municipal institution, from Xuhui.
    await page.getByRole('link', { name: '统计报表' }).click();
    await expect(page.getByText(/在院儿童 4 名/)).toBeVisible();
    await expect(page.getByRole('table', { name: '按安置方式' }).getByRole('row', { name: /市级儿童福利机构集中养育/ })).toContainText('4');
    // Every statistics table ends in a 合计 line (a child counts once per category, so that one is 人次).
    await expect(page.getByRole('table', { name: '按安置方式' }).getByRole('row', { name: /^合计/ })).toContainText('4');
    await expect(page.getByRole('table', { name: '按困境儿童类别' }).getByRole('row', { name: /合计（人次）/ })).toBeVisible();
    await expect(page.getByRole('table', { name: '回归社会安置：各年度结果' }).getByRole('row', { name: /^合计/ })).toBeVisible();
    await expect(page.getByRole('table', { name: '按困境儿童类别' }).getByRole('row', { name: /孤儿/ })).toContainText('4');
    await expect(page.getByRole('table', { name: '按户籍区' }).getByRole('row', { name: /徐汇区/ })).toContainText('4');
    await expect(page.getByText('期间内没有康复训练记录')).toBeVisible();
    // Reintegration outcomes per year: the current year of the period listed, with nothing yet.
    const outcomes = page.getByRole('table', { name: '回归社会安置：各年度结果' });
    await expect(outcomes.getByRole('columnheader', { name: '转入社会福利机构' })).toBeVisible();
    await expect(outcomes.getByRole('row', { name: new RegExp(`^${new Date().getFullYear()}( 0){5}$`) })).toBeVisible();
  });
});

/** A roster as an office makes it: a merged title over the header, two 备注 columns. */
async function officeRoster(rows: (string | Date | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  const headers = ['姓名', '性别', '出生日期', '身份证号', '备注', '备注'];
  sheet.addRow(['上海市儿童福利院 儿童花名册']);
  sheet.mergeCells(1, 1, 1, headers.length);
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('an office workbook never crashes the import: the title row is skipped, repeated headers told apart, a wrong ID is a row error, and the rest imports with progress', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const at = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const file = await officeRoster([
    ['陈小雨', '女', at('2014-02-03'), makeIdNumber('310104', '2014-02-03', 21, 'female'), '左耳助听器', null],
    // The ID number says 2012-07-09; the birth-date cell says 2013-01-01.
    ['林一帆', '男', at('2013-01-01'), makeIdNumber('310104', '2012-07-09', 23, 'male'), null, '每周复查'],
    ['何佳', '女', at('2015-06-07'), makeIdNumber('310104', '2015-06-07', 22, 'female'), null, null],
  ]);
  await withSignedInApp(page, testInfo.testId, PASSPHRASE, async () => {
    await page.getByRole('link', { name: '台账与导入' }).click();
    await page.getByRole('tab', { name: '从 Excel 导入' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: '花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await expect(page.getByTestId('import-skipped-title')).toContainText('已跳过表头上方的标题行“上海市儿童福利院 儿童花名册”，表头取自第 2 行');
    await expect(page.getByText('新增 2', { exact: true })).toBeVisible();
    await expect(page.getByText('有错误 1', { exact: true })).toBeVisible();
    await expect(page.getByTestId('import-row-4')).toContainText('身份证号：');
    await expect(page.getByText('有同名的列，已按先后区分：备注 (2)')).toBeVisible();
    // Both 备注 columns can be chosen; the page is still there (no white screen).
    await page.getByRole('button', { name: '调整列对应' }).click();
    await page.getByLabel('学校', { exact: true }).first().click();
    await expect(page.getByRole('option', { name: '备注 (2)' })).toBeVisible();
    await expect(page.getByRole('option', { name: '备注', exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    for (const [width, height] of [[1280, 800], [1024, 700]] as const) {
      await page.setViewportSize({ width, height });
      const shot = testInfo.outputPath(`import-office-${width}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      await testInfo.attach(`import-office-${width}`, { body: readFileSync(shot), contentType: 'image/png' });
    }
    await page.locator('label').filter({ hasText: /^全部$/ }).click();
    await page.getByRole('button', { name: '导入 2 行' }).click();
    await page.getByRole('dialog', { name: '确认导入' }).getByRole('button', { name: '导入', exact: true }).click();
    await expect(page.getByText('已导入：新增 2 名，更新 0 名').first()).toBeVisible();
  });
});

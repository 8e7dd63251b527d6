/**
 * The one-page child summary (issue 8) in the browser host: opened from the child page, it names the
 * child, the categories, the placement, the education and today's entitlements with their clauses; the
 * print is audited ('childSummary'); the PDF of the print view (pdftotext) holds the name and a clause,
 * on one page.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { addYears, toIsoDate } from '../../shared/domain/dates';
import { invoke, versionAsRead } from './support/api';
import { withSignedInApp } from './support/host';
import { SCREENSHOTS } from './support/screenshots';

const PASSPHRASE = 'e2e passphrase for the child summary';

test('the child summary prints one page with the name, categories, placement and entitlements with clauses; the print is audited', async ({ page }, testInfo) => {
  const today = toIsoDate(new Date());
  const work = mkdtempSync(join(tmpdir(), 'tonghu-summary-'));
  try {
    await withSignedInApp(page, testInfo.testId, PASSPHRASE, async (host) => {
      const birthDate = addYears(today, -10);
      const admitted = addYears(birthDate, 1);
      const child = await invoke<{ id: number }>(page, 'children:create', { name: '林小雨', sex: 'female', birthDate, idNumber: null, admissionDate: admitted });
      await invoke(page, 'record:updateProfile', { childId: child.id, hukouKind: 'shanghai', hukouDistrictCode: '310104', expectedVersion: await versionAsRead(page, 'record:get', { childId: child.id }, 'child', child.id) });
      await invoke(page, 'record:addStatusFact', { childId: child.id, fact: { kind: 'parentsStatus', value: { father: 'deceased', mother: 'deceased' } }, effectiveDate: admitted });
      await invoke(page, 'record:addPlacement', { childId: child.id, kind: 'municipalInstitution', from: admitted });
      await invoke(page, 'record:addGuardianship', { childId: child.id, guardianKind: 'municipalInstitution', guardianName: '上海市儿童福利院', courtAppointed: true, from: admitted });
      await invoke(page, 'record:addEducation', { childId: child.id, stage: 'compulsory', fullTime: true, enrolmentDate: addYears(today, -3), standardDurationYears: 9, school: '徐汇区第一中心小学' });

      await page.goto(`${host.url}#/children/${child.id}`);
      await page.getByRole('link', { name: '打印概况' }).click();
      const summary = page.getByTestId('child-summary');
      for (const text of ['儿童概况', '林小雨', '徐汇区', '孤儿', '市级儿童福利机构集中养育', '徐汇区第一中心小学', '基本生活费', '一(一)']) await expect(summary).toContainText(text);

      // The browser's print dialog cannot be driven headless: stubbed; the audit entry is written first.
      await page.evaluate(() => {
        const g = globalThis as unknown as { print: () => void; printed?: boolean };
        g.print = () => {
          g.printed = true;
        };
      });
      await page.getByRole('button', { name: '打印', exact: true }).click();
      await expect.poll(() => page.evaluate(() => (globalThis as unknown as { printed?: boolean }).printed === true)).toBe(true);
      const audit = await invoke<{ rows: { childId: number | null; summary: string }[] }>(page, 'audit:query', { action: 'print', childId: child.id });
      expect(audit.rows.map((r) => r.summary)).toEqual(['what=childSummary']);

      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      await page.emulateMedia({ media: 'screen' });
      const pdfFile = join(work, 'summary.pdf');
      writeFileSync(pdfFile, pdf);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const expected of ['林小雨', '一(一)', '基本生活费']) expect(text).toContain(expected);
      expect(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
      mkdirSync(SCREENSHOTS, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfFile, join(SCREENSHOTS, 'child-summary')]);
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

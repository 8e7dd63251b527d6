/**
 * `npx tsx scripts/screenshots-eligibility.ts <suffix> [outDir]`: starts the browser host on a fresh data
 * folder, sets it up without demo data, registers one 19-year-old (a scattered orphan in kinship care,
 * Shanghai hukou, seriously ill, 低保边缘 family, legal supporter unable, studies finished) and saves the
 * eligibility tab at 1280×800 as `eligibility-19-<suffix>.png` (default outDir docs/screenshots).
 * Issue 16 compares the tab before and after "who is a child" (RULES.md, round 2). Needs the built
 * renderer (`npm run build:renderer`) and Chromium.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { addDays, addYears, toIsoDate } from '../shared/domain/dates';
import { StartPages } from '../tests/e2e/pages/app-pages';
import { invoke, versionAsRead } from '../tests/e2e/support/api';
import { freshDataDir, startHost } from '../tests/e2e/support/host';

const suffix = process.argv[2] ?? 'after';
const root = resolve(import.meta.dirname, '..');
const outDir = resolve(process.argv[3] ?? join(root, 'docs', 'screenshots'));
mkdirSync(outDir, { recursive: true });

const dataDir = freshDataDir('shots-eligibility');
const host = await startHost(dataDir, 'screenshot passphrase');
const browser = await chromium.launch({
  executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  await page.goto(host.url);
  const start = new StartPages(page);
  await start.completeSetup({ loadDemo: false });
  await start.login();
  await page.getByRole('heading', { name: /您好/ }).waitFor();

  const today = toIsoDate(new Date());
  const birthDate = addDays(addYears(today, -19), -40);
  const since = addYears(birthDate, 6);
  const child = await invoke<{ id: number }>(page, 'children:create', { name: '周子航', sex: 'male', birthDate, idNumber: null, admissionDate: null });
  await invoke(page, 'record:updateProfile', { childId: child.id, hukouKind: 'shanghai', hukouDistrictCode: '310104', expectedVersion: await versionAsRead(page, 'record:get', { childId: child.id }, 'child', child.id) });
  const fact = (f: unknown, effectiveDate = since) => invoke(page, 'record:addStatusFact', { childId: child.id, fact: f, effectiveDate });
  await fact({ kind: 'parentsStatus', value: { father: 'deceased', mother: 'deceased' } });
  await invoke(page, 'record:addPlacement', { childId: child.id, kind: 'kinship', from: since });
  await invoke(page, 'record:addGuardianship', { childId: child.id, guardianKind: 'relative', guardianName: '周建国（祖父）', courtAppointed: false, from: since });
  await fact({ kind: 'familyIncome', value: { minimumLivingSecurity: false, lowIncomeEdge: true, extremePoverty: false, economicHardship: false } }, addYears(today, -1));
  await fact({ kind: 'legalSupporterAbility', value: false }, addYears(today, -1));
  await fact({ kind: 'seriousIllness', value: true }, addYears(today, -1));
  await invoke(page, 'record:addEducation', {
    childId: child.id,
    stage: 'seniorVocational',
    fullTime: true,
    enrolmentDate: addYears(today, -4),
    standardDurationYears: 3,
    actualCompletion: addYears(today, -1),
  });

  await page.goto(`${host.url}#/children/${child.id}/eligibility`);
  await page.getByTestId('eligibility').waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(800);
  // The evaluation date field at the top, then the categories and the benefit lines below it.
  await page.getByTestId('eligibility').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(300);
  const file = join(outDir, `eligibility-19-${suffix}.png`);
  await page.screenshot({ path: file });
  console.log(`saved ${file}`);
} finally {
  await browser.close();
  await host.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

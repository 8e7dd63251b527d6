/**
 * `npx tsx scripts/screenshots-read.ts [outDir] [--port P]`: the pages of issue 18's readability work
 * with the demo data — 待遇资格's facts in words, the audit view in words, the reintegration dossier and
 * the one-page child summary as printed — at 1280×800 (and the dossier at 1024×700). The two print
 * views are also printed to PDF (into the system temp folder) and their fonts listed with pdffonts,
 * where poppler-utils is installed. Needs the built renderer.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { StartPages } from '../tests/e2e/pages/app-pages';
import { invoke } from '../tests/e2e/support/api';
import { freshDataDir, startHost } from '../tests/e2e/support/host';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const portAt = args.indexOf('--port');
const port = portAt >= 0 ? args.splice(portAt, 2)[1] : null;
const outDir = resolve(args[0] ?? join(root, 'docs', 'screenshots'));
mkdirSync(outDir, { recursive: true });
const pdfDir = mkdtempSync(join(tmpdir(), 'tonghu-print-'));

const dataDir = freshDataDir('screenshots-read');
const host = await startHost(dataDir, 'screenshot passphrase', port ? ['--port', port] : []);
const browser = await chromium.launch({
  executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const shot = async (name: string, fullPage = false) => {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(outDir, `${name}.png`), fullPage, style: '.mantine-Notifications-root { display: none !important; }' });
    console.log(`saved ${join(outDir, `${name}.png`)}`);
  };
  const pdf = async (name: string) => {
    const file = join(pdfDir, `${name}.pdf`);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    console.log(`printed ${file}`);
    try {
      console.log(execFileSync('pdffonts', [file], { encoding: 'utf8' }));
      execFileSync('pdftoppm', ['-png', '-r', '60', file, join(pdfDir, name)]);
    } catch {
      console.log('(pdffonts / pdftoppm not installed: apt-get install poppler-utils)');
    }
  };
  await page.goto(host.url);
  const start = new StartPages(page);
  await start.completeSetup({ loadDemo: true });
  await start.login();
  await page.getByRole('heading', { name: /您好/ }).waitFor();

  const board = await invoke<{ cases: { id: number; childId: number; stage: string }[] }>(page, 'reintegration:pipeline', {});
  const resettling = board.cases.find((c) => c.stage === 'resettling') ?? board.cases[0];
  if (!resettling) throw new Error('no demo reintegration case');

  // 待遇资格 → 依据的事实, in words.
  await page.goto(`${host.url}#/children/${resettling.childId}/eligibility`);
  await page.getByTestId('eligibility-facts').waitFor();
  await page.getByRole('heading', { name: '依据的事实' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot('read-eligibility-facts');

  // The audit view, in words.
  await page.goto(`${host.url}#/admin/audit`);
  await page.getByRole('table').first().waitFor();
  await shot('read-audit');

  // The dossier and the child summary, as printed.
  await page.goto(`${host.url}#/reintegration/${resettling.id}/dossier`);
  await page.getByTestId('dossier').waitFor();
  await page.getByTestId('print-guardian').waitFor();
  await shot('read-dossier');
  await pdf('dossier');
  await page.goto(`${host.url}#/children/${resettling.childId}/summary`);
  await page.getByTestId('child-summary').waitFor();
  await shot('read-child-summary');
  await pdf('child-summary');

  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(`${host.url}#/reintegration/${resettling.id}/dossier`);
  await page.getByTestId('dossier').waitFor();
  await shot('read-dossier-1024');
  console.log(`PDFs and their pages as PNG: ${pdfDir}`);
} finally {
  await browser.close();
  await host.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * `npx tsx scripts/screenshots.ts [outDir]`: starts the browser host on a fresh data folder, completes
 * the first-run set-up with the demo data, and saves a screenshot of each main page (zh-CN, plus the
 * children list in English) to outDir (default docs/screenshots). For looking at what we build and
 * for issue notes; needs the built renderer (`npm run build:renderer`) and Chromium.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { StartPages } from '../tests/e2e/pages/app-pages';
import { freshDataDir, startHost } from '../tests/e2e/support/host';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(process.argv[2] ?? join(root, 'docs', 'screenshots'));
mkdirSync(outDir, { recursive: true });

const dataDir = freshDataDir('screenshots');
const host = await startHost(dataDir, 'screenshot passphrase');
const browser = await chromium.launch({
  executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  // TONGHU_SHOTS_FULL=1: the extra routes as whole pages, not just the first screen.
  const shot = async (name: string, fullPage = false) => {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(outDir, `${name}.png`), fullPage });
    console.log(`saved ${join(outDir, `${name}.png`)}`);
  };
  await page.goto(host.url);
  await page.getByRole('heading', { name: '首次设置' }).waitFor();
  await shot('01-setup');
  const start = new StartPages(page);
  await start.completeSetup({ loadDemo: true });
  await start.login();
  await page.getByRole('heading', { name: /您好/ }).waitFor();
  await page.getByTestId('worklist').getByRole('table').waitFor();
  await page.getByTestId('children-in-care').filter({ hasText: /\d/ }).waitFor();
  await shot('02-dashboard');
  await page.getByRole('link', { name: '儿童档案' }).click();
  await page.getByRole('table', { name: '儿童档案' }).getByRole('row').nth(1).waitFor();
  await shot('03-children');
  await page.getByRole('textbox', { name: '搜索' }).fill('z');
  await page.waitForTimeout(400);
  await shot('04-children-search');
  await page.getByRole('table', { name: '儿童档案' }).getByRole('row').nth(1).click();
  await page.waitForTimeout(600);
  await shot('05-child');
  for (const extra of process.env.TONGHU_SHOTS?.split(',').filter(Boolean) ?? []) {
    await page.goto(`${host.url}#${extra}`);
    await page.waitForTimeout(800);
    await shot(`extra-${extra.replace(/[^\w]+/g, '-')}`, process.env.TONGHU_SHOTS_FULL === '1');
  }
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Children' }).click();
  await page.waitForTimeout(400);
  await shot('06-children-en');
} finally {
  await browser.close();
  await host.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

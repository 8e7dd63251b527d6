/**
 * `npx tsx scripts/screenshots.ts [outDir]`: starts the browser host on a fresh data folder, completes
 * the first-run set-up with the demo data, and saves a screenshot of each main page (zh-CN, plus the
 * children list in English, and the rehabilitation pages as a therapist and a supervisor) to outDir (default docs/screenshots). For looking at what we build and
 * for issue notes; needs the built renderer (`npm run build:renderer`) and Chromium.
 * TONGHU_SHOTS="/route1,/route2" adds pages; TONGHU_SHOTS_ROLES="therapist,supervisor" takes them as a
 * person with those roles; TONGHU_SHOTS_FULL=1 takes them full-page.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { StartPages } from '../tests/e2e/pages/app-pages';
import { createAccount, signInAs } from '../tests/e2e/support/accounts';
import { freshDataDir, startHost } from '../tests/e2e/support/host';
import { rehabShots } from './screenshots-rehab';

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
  const shot = async (name: string, fullPage = false) => {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
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
  // TONGHU_SHOTS_ROLES="therapist,supervisor": the extra pages as a person holding those roles (the administrator sees no mental-health file).
  const roles = process.env.TONGHU_SHOTS_ROLES?.split(',').filter(Boolean) ?? [];
  if (roles.length > 0) {
    const account = { username: 'shots', displayName: '截图用户', roles };
    await createAccount(page, account);
    await signInAs(page, account);
  }
  for (const extra of process.env.TONGHU_SHOTS?.split(',').filter(Boolean) ?? []) {
    await page.goto(`${host.url}#${extra}`);
    await page.waitForTimeout(800);
    await shot(`extra-${extra.replace(/[^\w]+/g, '-')}`, process.env.TONGHU_SHOTS_FULL === '1');
  }
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Children' }).click();
  await page.waitForTimeout(400);
  await shot('06-children-en');
  await page.getByRole('button', { name: '中文' }).click();
  await rehabShots(page, host.url, shot);
} finally {
  await browser.close();
  await host.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

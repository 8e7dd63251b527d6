/**
 * `npx tsx scripts/screenshots-reintegration.ts [outDir]`: the reintegration pages with the demo data,
 * seen by a placement officer (the administrator of scripts/screenshots.ts may not read them): the
 * pipeline board, a case being resettled, and a case awaiting approval. Needs the built renderer.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { StartPages } from '../tests/e2e/pages/app-pages';
import { invoke } from '../tests/e2e/support/api';
import { freshDataDir, startHost } from '../tests/e2e/support/host';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(process.argv[2] ?? join(root, 'docs', 'screenshots'));
mkdirSync(outDir, { recursive: true });
const PASSWORD = 'Screens!2026-officer';

const dataDir = freshDataDir('screenshots-reintegration');
const host = await startHost(dataDir, 'screenshot passphrase');
const browser = await chromium.launch({
  executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const shot = async (name: string) => {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(outDir, `${name}.png`), style: '.mantine-Notifications-root { display: none !important; }' });
    console.log(`saved ${join(outDir, `${name}.png`)}`);
  };
  await page.goto(host.url);
  const start = new StartPages(page);
  await start.completeSetup({ loadDemo: true });
  await start.login();
  await page.getByRole('heading', { name: /您好/ }).waitFor();
  await invoke(page, 'users:create', { username: 'zhou.po', displayName: '周安置', roles: ['placementOfficer'], password: `${PASSWORD}-first` });
  await invoke(page, 'users:create', { username: 'wu.po', displayName: '吴安置', roles: ['placementOfficer'], password: `${PASSWORD}-first` });
  await invoke(page, 'auth:logout', null);
  await invoke(page, 'auth:login', { username: 'zhou.po', password: `${PASSWORD}-first` });
  await invoke(page, 'auth:changePassword', { currentPassword: `${PASSWORD}-first`, newPassword: PASSWORD });
  await page.goto(`${host.url}#/reintegration`);
  await page.reload();
  await page.getByTestId('stage-preparing').waitFor();
  await shot('reintegration-board');
  const board = await invoke<{ cases: { id: number; stage: string }[] }>(page, 'reintegration:pipeline', {});
  for (const [stage, name] of [
    ['resettling', 'reintegration-case-resettling'],
    ['assessed', 'reintegration-case-assessed'],
  ] as const) {
    const c = board.cases.find((x) => x.stage === stage);
    if (!c) throw new Error(`no demo case in stage ${stage}`);
    await page.goto(`${host.url}#/reintegration/${c.id}`);
    await page.getByTestId('case-header').waitFor();
    await shot(name);
  }
} finally {
  await browser.close();
  await host.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

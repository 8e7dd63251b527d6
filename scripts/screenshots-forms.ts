/**
 * `npx tsx scripts/screenshots-forms.ts [outDir]`: issue 18's form safeguards at 1280×800 — asking
 * before discarding (an in-place edit, a dialog), the mental-health check against the instrument's
 * range and cut-offs, a plan revision's baseline and the approval dialog with the changes, the
 * registration form filled from the ID number, and (on the demo data) the reintegration assessment's
 * running score against the threshold and the dossier marked 草稿. Needs the built renderer.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Page, chromium } from '@playwright/test';
import { StartPages } from '../tests/e2e/pages/app-pages';
import { invoke } from '../tests/e2e/support/api';
import { type Shot, mentalHealthCheck, nothingTypedIsLost, planRevisionAndApproval } from '../tests/e2e/support/forms-flows';
import { freshDataDir, startHost } from '../tests/e2e/support/host';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(process.argv[2] ?? join(root, 'docs', 'screenshots'));
mkdirSync(outDir, { recursive: true });
const PASSWORD = 'Screens!2026-forms';

const browser = await chromium.launch({
  executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});

function shooter(page: Page): Shot {
  return async (name: string) => {
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(outDir, `${name}.png`), style: '.mantine-Notifications-root { display: none !important; }' });
    console.log(`saved ${join(outDir, `${name}.png`)}`);
  };
}

/** A fresh data folder and host, set up and signed in as the administrator, for `body`. */
async function withApp(name: string, loadDemo: boolean, body: (page: Page, url: string) => Promise<void>): Promise<void> {
  const dataDir = freshDataDir(`screenshots-forms-${name}`);
  const host = await startHost(dataDir, 'screenshot passphrase');
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await page.goto(host.url);
    const start = new StartPages(page);
    await start.completeSetup(loadDemo ? { loadDemo: true } : undefined);
    await start.login();
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    await body(page, host.url);
    await page.close();
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

try {
  await withApp('discard', false, (page, url) => nothingTypedIsLost(page, url, shooter(page)));
  await withApp('plan', false, (page, url) => planRevisionAndApproval(page, url, shooter(page)));
  await withApp('mental-health', false, (page, url) => mentalHealthCheck(page, url, shooter(page)));
  // Reintegration on the demo data, as a placement officer and then a supervisor.
  await withApp('reintegration', true, async (page, url) => {
    const shot = shooter(page);
    await invoke(page, 'users:create', { username: 'zhou.po', displayName: '周安置', roles: ['placementOfficer'], password: `${PASSWORD}-first` });
    await invoke(page, 'auth:logout', null);
    await invoke(page, 'auth:login', { username: 'zhou.po', password: `${PASSWORD}-first` });
    await invoke(page, 'auth:changePassword', { currentPassword: `${PASSWORD}-first`, newPassword: PASSWORD });
    const board = await invoke<{ cases: { id: number; stage: string }[] }>(page, 'reintegration:pipeline', {});
    const due = board.cases.find((c) => c.stage === 'assessmentDue');
    const assessed = board.cases.find((c) => c.stage === 'assessed');
    if (!due || !assessed) throw new Error('the demo data has no case awaiting assessment or approval');
    await page.goto(`${url}#/reintegration/${due.id}`);
    await page.reload();
    await page.getByRole('button', { name: '录入综合评估' }).click();
    const form = page.getByTestId('assessment-form');
    await form.getByLabel('评估小组成员').fill('市民政局 李明、福利院 张华');
    const scores = form.getByRole('textbox', { name: /（权重/ });
    for (const [i, value] of ['40', '35', '30', '25', '30'].entries()) await scores.nth(i).fill(value);
    await form.getByText('具备回归社会生活能力', { exact: true }).click();
    await form.getByTestId('running-score').waitFor();
    await shot('forms-07-assessment-threshold');
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog', { name: '放弃未保存的内容？' }).getByRole('button', { name: '放弃更改' }).click();
    await page.goto(`${url}#/reintegration/${assessed.id}/dossier`);
    await page.getByTestId('dossier-draft').waitFor();
    await shot('forms-08-dossier-draft');
  });
} finally {
  await browser.close();
}

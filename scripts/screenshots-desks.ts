/**
 * `npx tsx scripts/screenshots-desks.ts [outDir]`: the pages of issue 18.9 and 19.4 at 1280×800, on the
 * demo data — a caseworker's dashboard with 我的儿童 and their worklist items first, a supervisor's
 * dashboard with the approval queue, the child page's 负责人 row, and the conflict view a stale save
 * shows at a second desk. Saves to outDir (default docs/screenshots); needs the built renderer
 * (`npm run build:renderer`) and Chromium. Tests never write there: only this script does.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Page, chromium } from '@playwright/test';
import type { WorklistItem } from '../shared/contract/worklist';
import { versionIn, type Versions } from '../shared/contract/versions';
import { StartPages } from '../tests/e2e/pages/app-pages';
import { DeskPage } from '../tests/e2e/pages/conflict-pages';
import { type Account, createAccount, signInAgain, signInAs } from '../tests/e2e/support/accounts';
import { invoke } from '../tests/e2e/support/api';
import { freshDataDir, startHost } from '../tests/e2e/support/host';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(process.argv[2] ?? join(root, 'docs', 'screenshots'));
mkdirSync(outDir, { recursive: true });

const CASEWORKER: Account = { displayName: '王社工', username: 'wang.sw', roles: ['caseworker'] };
const COLLEAGUE: Account = { displayName: '李社工', username: 'li.sw', roles: ['caseworker'] };
const SUPERVISOR: Account = { displayName: '赵主管', username: 'zhao.sv', roles: ['supervisor'] };
const THERAPIST: Account = { displayName: '孙康复', username: 'sun.pt', roles: ['therapist'] };

/** TONGHU_SHOTS_VIEWPORT=1024x700 takes the same pages at another size (to look at, not for docs). */
const [width, height] = (process.env.TONGHU_SHOTS_VIEWPORT ?? '1280x800').split('x').map(Number) as [number, number];
const dataDir = freshDataDir('screenshots-desks');
const host = await startHost(dataDir, 'screenshot passphrase');
const browser = await chromium.launch({
  executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const shotOf = (page: Page) => async (name: string) => {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(outDir, `${name}.png`) });
  console.log(`saved ${join(outDir, `${name}.png`)}`);
};
try {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  const shot = shotOf(page);
  await page.goto(host.url);
  const start = new StartPages(page);
  await start.completeSetup({ loadDemo: true });
  await start.login();
  await page.getByRole('heading', { name: /您好/ }).waitFor();
  await createAccount(page, CASEWORKER);
  await createAccount(page, COLLEAGUE);
  await createAccount(page, SUPERVISOR);
  await createAccount(page, THERAPIST);

  // The supervisor gives the caseworker the children with the most pressing worklist items (and a few more).
  await signInAs(page, SUPERVISOR);
  const people = await invoke<{ id: number; name: string }[]>(page, 'caseload:people', null);
  const caseworkerId = people.find((p) => p.name === CASEWORKER.displayName)!.id;
  const therapistId = people.find((p) => p.name === THERAPIST.displayName)!.id;
  const worklist = await invoke<{ items: WorklistItem[] }>(page, 'worklist:get', {});
  const pressing = [...new Set(worklist.items.slice(8).map((i) => i.childId))].slice(0, 5);
  const listed = await invoke<{ rows: { id: number }[] }>(page, 'children:list', { limit: 12 });
  const mine = [...new Set([...pressing, ...listed.rows.slice(0, 3).map((r) => r.id)])];
  for (const childId of mine) await invoke(page, 'caseload:assign', { childId, userId: caseworkerId, role: 'caseworker' });
  for (const childId of mine.slice(0, 2)) await invoke(page, 'caseload:assign', { childId, userId: therapistId, role: 'therapist' });
  await page.goto(`${host.url}#/`);
  await page.getByTestId('approvals').waitFor();
  await page.getByTestId('worklist').getByRole('table').waitFor();
  await shot('desks-02-supervisor-dashboard');

  await signInAs(page, CASEWORKER);
  await page.goto(`${host.url}#/`);
  await page.getByTestId('my-children').getByRole('list').waitFor();
  await page.getByTestId('worklist').getByRole('table').waitFor();
  await shot('desks-01-my-children');
  await page.goto(`${host.url}#/children/${mine[0]}`);
  await page.getByTestId('caseload-card').waitFor();
  await shot('desks-03-child-caseload');

  // A second desk: 李社工 edits the same child meanwhile; 王社工's stale save shows the conflict view.
  const other = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const li = new DeskPage(await other.newPage());
  await li.firstSignIn(host.url, COLLEAGUE.username, COLLEAGUE.displayName);
  const wang = new DeskPage(page);
  await wang.startEditingProfile();
  await wang.field('备注').fill('已与学校联系，下周家访');
  const record = await invoke<{ versions?: Versions }>(li.page, 'record:get', { childId: mine[0] });
  await invoke(li.page, 'record:updateProfile', { childId: mine[0], referringBody: '浦东新区民政局', notes: '李社工补充：监护人已联系', expectedVersion: versionIn(record.versions, 'child', mine[0]!) });
  await page.getByTestId('changed-elsewhere').waitFor();
  await wang.save();
  await wang.conflictView().waitFor();
  await wang.conflictView().scrollIntoViewIfNeeded();
  await shot('desks-04-conflict-view');
  await other.close();
  await signInAgain(page, SUPERVISOR).catch(() => undefined);
} finally {
  await browser.close();
  await host.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

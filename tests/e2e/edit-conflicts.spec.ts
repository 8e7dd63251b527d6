/**
 * Two people at two desks (two browser contexts, two accounts) on one host (issue 19.4): a change made
 * at one desk appears on the other's open page without a reload; a form being edited there keeps what
 * was typed and says the record changed; its stale save shows the conflict view (who, when, theirs beside
 * yours) and, reapplied on the latest version, both changes are kept.
 */
import { type Browser, type BrowserContext, expect, test } from '@playwright/test';
import { DeskPage } from './pages/conflict-pages';
import { StartPages } from './pages/app-pages';
import { createAccount } from './support/accounts';
import { invoke } from './support/api';
import { freshDataDir, startHost } from './support/host';
import { rmSync } from 'node:fs';

const PASSPHRASE = 'desks e2e passphrase';

/** One host and two desks (browser contexts); the caller closes them (`finally`). */
async function twoDesks(browser: Browser, testId: string) {
  const dataDir = freshDataDir(testId);
  const host = await startHost(dataDir, PASSPHRASE);
  return { dataDir, host, one: await browser.newContext(), two: await browser.newContext() };
}

/** Set-up by the administrator, two caseworkers (王社工 at desk one, 李社工 at desk two), both on the same child's page. */
async function bothOnOneChild(url: string, one: BrowserContext, two: BrowserContext) {
  const admin = await one.newPage();
  await admin.goto(url);
  const start = new StartPages(admin);
  await start.completeSetup();
  await start.login();
  await createAccount(admin, { username: 'wang', displayName: '王社工', roles: ['caseworker'] });
  await createAccount(admin, { username: 'lisw', displayName: '李社工', roles: ['caseworker'] });
  const { id: childId } = await invoke<{ id: number }>(admin, 'children:create', { name: '陈思远', sex: 'female', birthDate: '2012-03-10', idNumber: null, admissionDate: '2012-06-01' });
  await admin.close();

  const wang = new DeskPage(await one.newPage());
  const li = new DeskPage(await two.newPage());
  await wang.firstSignIn(url, 'wang', '王社工');
  await li.firstSignIn(url, 'lisw', '李社工');
  await wang.openChild(url, childId);
  await li.openChild(url, childId);
  return { wang, li, childId };
}

test('an edit at one desk updates the other desk’s page; a stale save there shows the conflict and nothing is lost', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const { host, one, two, dataDir } = await twoDesks(browser, testInfo.testId);
  try {
    const { wang, li, childId } = await bothOnOneChild(host.url, one, two);

    // 李社工 starts editing and types a note; 王社工 changes the ethnicity meanwhile and saves.
    await li.startEditingProfile();
    await li.field('备注').fill('李社工写的备注');
    await wang.startEditingProfile();
    await wang.choose('民族', '回族');
    await wang.save();
    await expect(wang.page.getByText('基本信息已保存')).toBeVisible();

    // 李社工's page is told at once; the form keeps what was typed.
    await expect(li.page.getByTestId('changed-elsewhere')).toContainText('王社工');
    await expect(li.page.getByTestId('page-updated')).toContainText('王社工');
    await expect(li.field('备注')).toHaveValue('李社工写的备注');

    // The stale save is refused: who and when, theirs beside yours.
    await li.save();
    const conflict = li.conflictView();
    await expect(conflict).toBeVisible();
    await expect(conflict.getByTestId('conflict-who')).toContainText('王社工');
    await expect(conflict.getByTestId('conflict-who')).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect(conflict.getByTestId('conflict-theirs-ethnicity')).toHaveText('回族');
    await expect(li.field('备注')).toHaveValue('李社工写的备注');
    await li.page.screenshot({ path: testInfo.outputPath('conflict-view.png') });

    // Reapplied on the latest version: their ethnicity is taken, the typed note kept; both are saved.
    await conflict.getByRole('button', { name: '在最新版本上重新保存' }).click();
    await expect(li.field('民族')).toHaveValue('回族');
    await li.save();
    await expect(li.page.getByText('基本信息已保存')).toBeVisible();

    // 王社工's page (not editing now) shows 李社工's note without a reload.
    await expect(wang.page.getByText('李社工写的备注')).toBeVisible();
    const record = await invoke<{ child: { ethnicity: string; notes: string } }>(wang.page, 'record:get', { childId });
    expect(record.child).toMatchObject({ ethnicity: '回族', notes: '李社工写的备注' });
  } finally {
    await one.close();
    await two.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a supervisor gives a child to a caseworker on the child’s page; the caseworker’s dashboard lists it under 我的儿童 and puts its work first', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const dataDir = freshDataDir(testInfo.testId);
  const host = await startHost(dataDir, PASSPHRASE);
  const one = await browser.newContext();
  const two = await browser.newContext();
  try {
    const admin = await one.newPage();
    await admin.goto(host.url);
    const start = new StartPages(admin);
    await start.completeSetup();
    await start.login();
    await createAccount(admin, { username: 'zhao', displayName: '赵主管', roles: ['supervisor'] });
    await createAccount(admin, { username: 'wang', displayName: '王社工', roles: ['caseworker'] });
    // Two young people turning 18 within months: the later one becomes the caseworker's.
    await invoke(admin, 'children:create', { name: '吴雨桐', sex: 'female', birthDate: '2008-12-20', idNumber: null, admissionDate: '2009-01-05' });
    const { id: later } = await invoke<{ id: number }>(admin, 'children:create', { name: '郑浩然', sex: 'male', birthDate: '2009-02-20', idNumber: null, admissionDate: '2009-03-05' });
    await admin.close();

    const supervisor = new DeskPage(await one.newPage());
    const caseworker = new DeskPage(await two.newPage());
    await supervisor.firstSignIn(host.url, 'zhao', '赵主管');
    await caseworker.firstSignIn(host.url, 'wang', '王社工');
    await expect(caseworker.page.getByTestId('my-children')).toContainText('还没有分配给您的儿童');

    await supervisor.openChild(host.url, later);
    const card = supervisor.page.getByTestId('caseload-card');
    await expect(card).toContainText('尚未分配负责人');
    await card.getByRole('button', { name: '分配负责人' }).click();
    const dialog = supervisor.page.getByRole('dialog', { name: '分配负责人' });
    await dialog.getByRole('combobox', { name: '负责人', exact: true }).click();
    await supervisor.page.getByRole('option', { name: '王社工', exact: true }).click();
    await dialog.getByRole('button', { name: '分配负责人' }).click();
    await expect(card).toContainText('社工 · 王社工');

    // The caseworker's open dashboard follows without a reload: the child under 我的儿童, its item first.
    const mine = caseworker.page.getByTestId('my-children');
    await expect(mine.getByRole('link', { name: '郑浩然' })).toBeVisible();
    const rows = caseworker.page.getByTestId('worklist').getByRole('row');
    await expect(rows.nth(1)).toContainText('郑浩然');
    await expect(rows.nth(1)).toContainText('我的');
    await expect(rows.nth(2)).toContainText('吴雨桐');
  } finally {
    await one.close();
    await two.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a dialog opened on a page read before another desk changed the child is refused, says who and when, keeps what was typed, and goes through once seen', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const { host, one, two, dataDir } = await twoDesks(browser, testInfo.testId);
  try {
    const { wang, li, childId } = await bothOnOneChild(host.url, one, two);

    // 李社工 fills in the discharge and reaches the review step; 王社工 changes the particulars meanwhile.
    const dialog = await li.openDischarge();
    await dialog.getByRole('textbox', { name: '离院日期', exact: true }).press('Tab'); // today, as given; the calendar closes
    await li.choose('离院原因', '收养');
    await dialog.getByLabel('说明').fill('收养手续已办结');
    await dialog.getByRole('button', { name: '下一步：核对' }).click();
    await wang.startEditingProfile();
    await wang.choose('民族', '回族');
    await wang.save();
    await expect(wang.page.getByText('基本信息已保存')).toBeVisible();

    // The confirmation is refused: who and when, in the dialog; what was typed is still there.
    await dialog.getByRole('button', { name: '确认离院' }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('王社工');
    await expect(alert).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect(alert).toContainText('没有执行');
    await expect(dialog.getByLabel('说明')).toHaveValue('收养手续已办结');
    await expect(li.page.getByTestId('child-status')).toHaveText('在院');
    await li.page.screenshot({ path: testInfo.outputPath('stale-discharge-1280.png') });
    await li.page.setViewportSize({ width: 1024, height: 700 });
    await expect(alert).toBeInViewport();
    await li.page.screenshot({ path: testInfo.outputPath('stale-discharge-1024.png') });

    // Seen and said: confirming again acts on the record as it now is.
    await dialog.getByRole('button', { name: '下一步：核对' }).click();
    await dialog.getByRole('button', { name: '确认离院' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(li.page.getByTestId('child-status')).toHaveText('已离院');
    const record = await invoke<{ child: { ethnicity: string; status: string; dischargeNote: string | null } }>(wang.page, 'record:get', { childId });
    expect(record.child).toMatchObject({ ethnicity: '回族', status: 'discharged' });
  } finally {
    await one.close();
    await two.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

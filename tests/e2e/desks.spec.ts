/**
 * Many desks (issue 19, item 7): one data host (a browser host whose administrator turns the
 * listener on in 系统管理 → 工作站) and two workstations (browser hosts in `--connect` mode), all on
 * loopback. Each desk is enrolled through its page (fingerprint compared, one-time code); a caseworker
 * at one desk edits a child while a therapist at the other logs a session, and each sees the other's
 * change after navigating. The workstations' folders hold no children's data. Data host port 41650–41651.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toIsoDate } from '../../shared/domain/dates';
import { ConnectPages, DeskAdminPages } from './pages/desk-pages';
import { StartPages } from './pages/app-pages';
import { type Account, createAccount, signInAs } from './support/accounts';
import { invoke, versionAsRead } from './support/api';
import { type RunningHost, freshDataDir, startHost } from './support/host';

const PASSPHRASE = 'e2e passphrase for many desks';
const PORT = 41650;
const CASEWORKER: Account = { displayName: '王社工', username: 'wang.cw', roles: ['caseworker'] };
const THERAPIST: Account = { displayName: '孙康复', username: 'sun.pt', roles: ['therapist'] };
const SUPERVISOR: Account = { displayName: '赵主管', username: 'zhao.sv', roles: ['supervisor'] };
const OWN_PASSWORD = 'Own!password-2026x';

async function deskPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

test('two workstations against one data host: enrolled by code and fingerprint; a caseworker edits a child while a therapist logs a session, each sees the other’s change', async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const hostDir = freshDataDir(`${testInfo.testId}-host`);
  const deskDirs = [freshDataDir(`${testInfo.testId}-ws1`), freshDataDir(`${testInfo.testId}-ws2`)];
  const running: RunningHost[] = [];
  try {
    const host = await startHost(hostDir, PASSPHRASE);
    running.push(host);
    await page.goto(host.url);
    const start = new StartPages(page);
    await start.completeSetup();
    await start.login();
    await expect(page.getByTestId('desk-mode')).toHaveText('单机');

    // The institution's people and a child with an approved plan, made at the host's own window.
    await createAccount(page, CASEWORKER);
    await createAccount(page, THERAPIST);
    await createAccount(page, SUPERVISOR);
    const child = await invoke<{ id: number }>(page, 'children:create', { name: '林小禾', sex: 'female', birthDate: '2018-04-12', idNumber: null });
    await signInAs(page, CASEWORKER);
    await signInAs(page, SUPERVISOR);
    await signInAs(page, THERAPIST);
    const me = await invoke<{ id: number }>(page, 'app:status', null).then((s) => (s as unknown as { user: { id: number } }).user);
    const today = toIsoDate(new Date());
    const levels = { minus2: '需扶持', minus1: '扶助行器', zero: '独立走10米', plus1: '独立走20米', plus2: '上下台阶' };
    const plan = await invoke<{ id: number }>(page, 'rehab:savePlan', {
      childId: child.id,
      startsOn: today,
      reviewOn: toIsoDate(new Date(Date.now() + 90 * 86_400_000)),
      summary: null,
      therapistIds: [me.id],
      goals: [{ title: '独立行走', icfCode: null, levels, baseline: -1, importance: 2, difficulty: 2 }],
      interventions: [],
    });
    await page.getByRole('button', { name: '当前用户' }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await start.login(SUPERVISOR.username, OWN_PASSWORD);
    await invoke(page, 'rehab:decidePlan', { planId: plan.id, decision: 'approve', comment: null, expectedVersion: await versionAsRead(page, 'rehab:child', { childId: child.id }, 'rehabPlan', plan.id) });
    await page.getByRole('button', { name: '当前用户' }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await start.login();

    // 系统管理 → 工作站: the listener on; all data kept.
    const admin = new DeskAdminPages(page);
    await admin.open();
    await admin.turnOn('127.0.0.1', PORT);
    await testInfo.attach('data-host', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    // Two desks, each enrolled through its own first-run page.
    const pages: Page[] = [];
    for (const [i, name] of ['社工办公室', '治疗室二'].entries()) {
      const ticket = await admin.addWorkstation();
      expect(ticket.address).toBe(`127.0.0.1:${PORT}`);
      const desk = await startHost(deskDirs[i]!, PASSPHRASE, ['--connect', `https://127.0.0.1:${PORT}`]);
      running.push(desk);
      const deskPageI = await deskPage(browser, desk.url);
      await new ConnectPages(deskPageI).enroll(ticket, name);
      pages.push(deskPageI);
    }
    const [office, therapy] = pages as [Page, Page];
    await page.reload();
    await expect(page.getByRole('table', { name: '工作站' })).toContainText('社工办公室');
    await expect(page.getByRole('table', { name: '工作站' })).toContainText('治疗室二');

    await new StartPages(office).login(CASEWORKER.username, OWN_PASSWORD);
    await expect(office.getByTestId('desk-mode')).toHaveText('工作站 · 社工办公室');
    await new StartPages(therapy).login(THERAPIST.username, OWN_PASSWORD);
    await expect(therapy.getByTestId('desk-mode')).toHaveText('工作站 · 治疗室二');

    // At the same time: the caseworker corrects the child's name; the therapist logs a session.
    const origin = (p: Page) => new URL(p.url()).origin;
    await therapy.goto(`${origin(therapy)}/#/children/${child.id}/rehab`);
    await expect(therapy.getByTestId('rehab-tab')).toBeVisible();
    await therapy.getByRole('button', { name: '记录训练' }).click();
    const session = therapy.getByRole('dialog', { name: /记录训练/ });
    await session.getByLabel('时长（分钟）').fill('40');
    await invoke(office, 'record:updateProfile', { childId: child.id, name: '林晓禾', expectedVersion: await versionAsRead(office, 'record:get', { childId: child.id }, 'child', child.id) });
    await session.getByRole('button', { name: '保存' }).click();
    await expect(session).toBeHidden();
    await expect(therapy.getByText('训练已记录')).toBeVisible();

    // Each sees the other's change after navigating.
    await therapy.goto(`${origin(therapy)}/#/children`);
    await therapy.goto(`${origin(therapy)}/#/children/${child.id}/rehab`);
    await expect(therapy.getByRole('heading', { name: /林晓禾/ })).toBeVisible();
    await office.goto(`${origin(office)}/#/children/${child.id}/rehab`);
    await expect(office.getByTestId('sessions-table')).toContainText('40 分钟');
    await testInfo.attach('workstation', { body: await office.screenshot({ fullPage: true }), contentType: 'image/png' });

    // The network to the host goes down while a form is open: the banner shows, what was typed stays,
    // and the save goes through once the host answers again (here: its listener off, then on).
    await therapy.getByRole('button', { name: '记录训练' }).click();
    const second = therapy.getByRole('dialog', { name: /记录训练/ });
    await second.getByLabel('时长（分钟）').fill('25');
    await invoke(page, 'desks:stopListening', null);
    await second.getByRole('button', { name: '保存' }).click();
    await expect(therapy.getByRole('alert').filter({ hasText: '无法连接数据主机' })).toBeVisible();
    await expect(second.getByLabel('时长（分钟）')).toHaveValue('25');
    await testInfo.attach('host-unreachable', { body: await therapy.screenshot(), contentType: 'image/png' });
    await invoke(page, 'desks:listen', { address: '127.0.0.1', port: PORT });
    await expect(second).toBeHidden();
    await expect(therapy.getByRole('alert').filter({ hasText: '无法连接数据主机' })).toBeHidden();
    await expect(therapy.getByTestId('sessions-table')).toContainText('25 分钟');
    const sessions = await invoke<{ sessions: { minutes: number }[] }>(office, 'rehab:child', { childId: child.id });
    expect(sessions.sessions.filter((x) => x.minutes === 25)).toHaveLength(1);

    // The host's audit trail names the desk each change came through.
    await admin.open();
    const audit = await invoke<{ rows: { action: string; workstation?: string | null; who: string | null }[] }>(page, 'audit:query', { childId: child.id, limit: 50 });
    expect(audit.rows.filter((r) => r.who === CASEWORKER.displayName).map((r) => r.workstation)).toContain('社工办公室');
    expect(audit.rows.filter((r) => r.who === THERAPIST.displayName && r.workstation).map((r) => r.workstation)).toContain('治疗室二');

    // A history the host shows that does not extend what a desk saw: an alarm to whoever signs in there.
    writeFileSync(join(deskDirs[0]!, 'workstation', 'witness.json'), JSON.stringify({ count: 1_000_000, hash: 'f'.repeat(64) }));
    await office.getByRole('button', { name: '当前用户' }).click();
    await office.getByRole('menuitem', { name: '退出登录' }).click();
    await new StartPages(office).login(CASEWORKER.username, OWN_PASSWORD);
    await expect(office.getByTestId('witness-alarm')).toContainText('被截断');
    const alarms = await invoke<{ rows: { action: string; workstation?: string | null }[] }>(page, 'audit:query', { action: 'desk.witnessAlarm', limit: 5 });
    expect(alarms.rows.map((r) => r.workstation)).toContain('社工办公室');

    // The administrator renames a desk (the dialog checks the name beside the field first).
    await admin.open();
    await admin.rename('治疗室二', '治疗室2');

    // No children's data on a workstation's disk: only its sealed identity and its witness.
    for (const dir of deskDirs) {
      for (const file of filesUnder(dir)) {
        const text = readFileSync(file, 'utf8');
        expect(text).not.toContain('林');
        expect(file).not.toMatch(/\.db$/);
      }
    }
  } finally {
    for (const r of running.reverse()) await r.stop();
    for (const dir of [hostDir, ...deskDirs]) rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Issue 6 end to end, in the browser host: the young person is set up through the API (as a
 * caseworker); the case is then worked through the UI by a placement officer, and a supervisor signs
 * in to approve. Branch (a): round 1 capable → approval → resettlement with the four tasks → all done
 * → closed, and the dossier as a PDF (pdftotext, a page rendered to PNG). Branch (b): round 1 not
 * capable → transfer → vocational rehabilitation → round 2 capable → resettlement.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { toIsoDate } from '../../shared/domain/dates';
import { StartPages } from './pages/app-pages';
import { RecordPages } from './pages/record-pages';
import { invoke, versionAsRead } from './support/api';
import { freshDataDir, startHost } from './support/host';
import { SCREENSHOTS } from './support/screenshots';

const PASSPHRASE = 'e2e passphrase for reintegration';
const PASSWORD = 'Reint!2026-pass';
const USERS = {
  caseworker: { username: 'li.cw', displayName: '李社工', roles: ['caseworker'] },
  officer: { username: 'zhou.po', displayName: '周安置', roles: ['placementOfficer'] },
  supervisor: { username: 'sun.sv', displayName: '孙主管', roles: ['supervisor'] },
} as const;

/** Signs the page's session in as `who` through the API (changing the first password), then reloads. */
async function apiSignIn(page: Page, who: keyof typeof USERS): Promise<void> {
  await invoke(page, 'auth:logout', null).catch(() => null);
  const user = await invoke<{ mustChangePassword: boolean }>(page, 'auth:login', { username: USERS[who].username, password: `${PASSWORD}-first` }).catch(() => null);
  if (user === null) await invoke(page, 'auth:login', { username: USERS[who].username, password: PASSWORD });
  else await invoke(page, 'auth:changePassword', { currentPassword: `${PASSWORD}-first`, newPassword: PASSWORD });
  await page.reload();
  await expect(page.getByRole('button', { name: '当前用户' })).toBeVisible();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '当前用户' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
}

/** An abandoned child raised by the municipal institution, 18 since 2026-03-10, studies finished 2026-06-30. */
async function youngPerson(page: Page, name: string): Promise<number> {
  const { id: childId } = await invoke<{ id: number }>(page, 'children:create', { name, sex: 'female', birthDate: '2008-03-10', idNumber: null, admissionDate: '2008-06-01' });
  await invoke(page, 'record:addStatusFact', { childId, fact: { kind: 'parentsStatus', value: { father: 'notFound', mother: 'notFound' } }, effectiveDate: '2008-06-01' });
  await invoke(page, 'record:addStatusFact', { childId, fact: { kind: 'policeAbandonmentConfirmation', value: true }, effectiveDate: '2008-06-01' });
  await invoke(page, 'record:addPlacement', { childId, kind: 'municipalInstitution', place: '上海市儿童福利院', from: '2008-06-01' });
  const e = await invoke<{ id: number }>(page, 'record:addEducation', { childId, stage: 'seniorVocational', school: '上海市现代职业技术学校', fullTime: true, enrolmentDate: '2023-09-01', standardDurationYears: 3 });
  await invoke(page, 'record:updateEducation', { childId, id: e.id, actualCompletion: '2026-06-30', outcome: 'graduated', expectedVersion: await versionAsRead(page, 'record:get', { childId }, 'education', e.id) });
  return childId;
}

async function setUp(page: Page): Promise<{ first: number; second: number }> {
  const start = new StartPages(page);
  await start.completeSetup();
  await start.login();
  await expect(page.getByRole('heading', { name: /您好/ })).toBeVisible();
  for (const u of Object.values(USERS)) await invoke(page, 'users:create', { ...u, roles: [...u.roles], password: `${PASSWORD}-first` });
  // Each sets their own password at the first sign-in.
  await apiSignIn(page, 'supervisor');
  await apiSignIn(page, 'officer');
  await apiSignIn(page, 'caseworker');
  return { first: await youngPerson(page, '陈思远'), second: await youngPerson(page, '王晓雨') };
}

test('reintegration: both branches of 一(四), the board, the case page and the dossier PDF', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const dataDir = freshDataDir(testInfo.testId);
  const host = await startHost(dataDir, PASSPHRASE);
  const work = mkdtempSync(join(tmpdir(), 'tonghu-dossier-'));
  const today = toIsoDate(new Date());
  const r = new RecordPages(page);
  try {
    await page.goto(host.url);
    const { first, second } = await setUp(page);

    // ——— the placement officer finds both cases on the board (opened by themselves) ———
    await apiSignIn(page, 'officer');
    await page.getByRole('link', { name: '回归社会安置' }).click();
    const due = page.getByTestId('stage-assessmentDue');
    await expect(due.getByRole('link', { name: '陈思远' })).toBeVisible();
    await expect(due.getByRole('link', { name: '王晓雨' })).toBeVisible();
    await expect(due).toContainText('周安置');

    // ——— branch (a), through the UI: round 1 capable ———
    await due.getByRole('link', { name: '陈思远' }).click();
    await expect(page.getByTestId('case-stage')).toHaveText('待综合评估');
    await page.getByRole('button', { name: '录入综合评估' }).click();
    const form = r.dialog();
    await form.getByRole('textbox', { name: '评估小组成员' }).fill('市民政局 李明\n福利院 张华\n徐汇区民政局 赵强');
    for (const domain of ['身心健康', '生活自理', '社会适应', '劳动能力', '独立生活技能']) {
      await form.getByRole('textbox', { name: new RegExp(`^${domain}（权重`) }).fill('85');
      await form.getByRole('textbox', { name: `${domain} 依据` }).fill(`${domain}：观察与面谈记录`);
    }
    await form.getByText('具备回归社会生活能力', { exact: true }).click();
    // A decision without reasons is refused beside the field, and nothing is saved.
    await form.getByRole('button', { name: '保存' }).click();
    await expect(form.getByText('请写明评估结论的理由')).toBeVisible();
    await form.getByRole('textbox', { name: '理由' }).fill('各维度评分均达到要求，已在实习单位稳定工作三个月，能够独立生活。');
    await r.save();
    await expect(page.getByTestId('case-stage')).toHaveText('已评估待审批');
    await expect(page.getByTestId('case-missing')).toContainText('评估结论待主管审批');
    await expect(page.getByRole('button', { name: '批准' })).toHaveCount(0);
    const caseUrl = page.url();

    // ——— the supervisor signs in and approves ———
    await signOut(page);
    await new StartPages(page).login(USERS.supervisor.username, PASSWORD);
    await page.getByRole('link', { name: '回归社会安置' }).click();
    await page.getByTestId('stage-assessed').getByRole('link', { name: '陈思远' }).click();
    await page.getByRole('button', { name: '批准' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '批准' }).click();
    await expect(page.getByTestId('case-stage')).toHaveText('回归社会安置中');
    await expect(page.getByText(/已审批：孙主管/)).toBeVisible();
    await signOut(page);

    // ——— the officer: receiving district (the 16 only), the four tasks, all done → closed ———
    await new StartPages(page).login(USERS.officer.username, PASSWORD);
    await page.goto(caseUrl);
    await page.getByRole('button', { name: '确定接收安置' }).click();
    await r.text(r.dialog(), '街道（乡镇）', '田林街道');
    await r.dialog().getByRole('button', { name: '保存' }).click();
    await expect(r.dialog().getByText('接收安置区须为上海市现有的16个区之一')).toBeVisible();
    await r.choose(r.dialog(), '接收安置区', '徐汇区');
    await r.save();
    await expect(page.getByTestId('case-receiving')).toContainText('徐汇区田林街道');
    const tasks = page.getByTestId('case-tasks');
    for (const [task, contact] of [
      ['落实住房', '徐汇区住房保障中心 钱科长'],
      ['落实户口', '徐汇公安分局户政科'],
      ['落实就业', '徐汇区就业促进中心'],
      ['长期关爱措施', '田林街道社区事务受理中心'],
    ] as const) {
      await tasks.getByRole('row').filter({ hasText: task }).getByRole('button').click();
      await page.getByRole('menuitem', { name: '更新交接任务' }).click();
      await r.text(r.dialog(), '联系人', contact);
      await r.choose(r.dialog(), '状态', '已完成');
      await r.save();
      await expect(tasks.getByRole('row').filter({ hasText: task })).toContainText('已完成');
    }
    await expect(page.getByTestId('case-stage')).toHaveText('已结案');
    await page.getByRole('button', { name: '登记回访' }).click();
    await r.text(r.dialog(), '回访人', '周安置');
    await r.dialog().getByRole('textbox', { name: '回访情况' }).fill('已入住公租房，在岗工作稳定。');
    await r.save();
    await expect(page.getByTestId('case-resettle')).toContainText('已入住公租房');
    await page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'reintegration-case.png'), style: '.mantine-Notifications-root { display: none !important; }' });

    // ——— the dossier, through the print view: the PDF says who, what, where and the clause ———
    await page.getByRole('link', { name: '安置档案（PDF）' }).click();
    await expect(page.getByTestId('dossier')).toContainText('陈思远');
    // The browser host cannot save a PDF itself: the button opens the print dialog (stubbed here, it
    // cannot be driven headless); the PDF below comes from the same print view.
    await page.evaluate(() => {
      const g = globalThis as unknown as { print: () => void; printed?: boolean };
      g.print = () => {
        g.printed = true;
      };
    });
    await page.getByRole('button', { name: '打印 / 导出PDF' }).click();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { printed?: boolean }).printed === true)).toBe(true);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const pdfFile = join(work, 'dossier.pdf');
    writeFileSync(pdfFile, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const expected of ['陈思远', '回归社会安置', '徐汇区', '一(四)', '孙主管', '落实住房']) expect(text).toContain(expected);
    mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfFile, join(SCREENSHOTS, 'reintegration-dossier')]);

    // ——— branch (b) through the API as the officer and the supervisor; the UI shows where it stands ———
    const { caseId } = await invoke<{ caseId: number }>(page, 'reintegration:caseOfChild', { childId: second });
    const scores = (score: number) =>
      ['physicalMentalHealth', 'selfCare', 'socialAdaptation', 'workAbility', 'independentLiving'].map((domain) => ({ domain, score, evidence: '观察记录' }));
    const panel = ['市民政局 李明', '福利院 张华'];
    const round1 = await invoke<{ id: number }>(page, 'reintegration:addAssessment', {
      caseId, assessedOn: '2026-07-15', round: 1, panel, scores: scores(45), result: 'notCapable', reasons: '劳动能力和独立生活技能不足',
    });
    await apiSignIn(page, 'supervisor');
    await invoke(page, 'reintegration:decide', { caseId, assessmentId: round1.id, approve: true, expectedVersion: await versionAsRead(page, 'reintegration:get', { caseId }, 'assessment', round1.id) });
    await apiSignIn(page, 'officer');
    await invoke(page, 'reintegration:transfer', { caseId, institution: '上海市第三社会福利院', transferredOn: '2026-08-01', expectedVersion: await versionAsRead(page, 'reintegration:get', { caseId }, 'reintegrationCase', caseId) });
    await invoke(page, 'reintegration:startRehab', { caseId, programme: '烘焙职业康复', provider: '阳光职业康复中心', from: '2026-08-05' });
    await page.goto(`${host.url}#/reintegration/${caseId}`);
    await expect(page.getByTestId('case-stage')).toHaveText('职业康复中');
    await expect(page.getByRole('button', { name: '录入二次综合评估' })).toHaveCount(0);
    // Completing the episode through the UI opens the second assessment.
    await page.getByRole('button', { name: '完成职业康复' }).click();
    await r.date(r.dialog(), '完成日期', '2026-11-01');
    await r.dialog().getByRole('textbox', { name: '康复结果' }).fill('结业，能独立完成烘焙岗位工作');
    await r.save();
    await expect(page.getByTestId('case-stage')).toHaveText('待二次综合评估');
    const round2 = await invoke<{ id: number }>(page, 'reintegration:addAssessment', {
      caseId, assessedOn: today, round: 2, panel, scores: scores(78), result: 'capable', reasons: '职业康复后各维度达到要求',
    });
    await apiSignIn(page, 'supervisor');
    await invoke(page, 'reintegration:decide', { caseId, assessmentId: round2.id, approve: true, expectedVersion: await versionAsRead(page, 'reintegration:get', { caseId }, 'assessment', round2.id) });
    await apiSignIn(page, 'officer');
    await page.goto(`${host.url}#/reintegration/${caseId}`);
    await expect(page.getByTestId('case-stage')).toHaveText('回归社会安置中');
    await page.getByRole('button', { name: '确定接收安置' }).click();
    await r.choose(r.dialog(), '接收安置区', '浦东新区');
    await r.text(r.dialog(), '街道（乡镇）', '花木街道');
    await r.save();
    await expect(page.getByTestId('case-tasks').getByRole('row')).toHaveCount(5);

    // ——— the child page links to the case; the board with both ———
    await page.goto(`${host.url}#/children/${first}`);
    await expect(page.getByTestId('child-reintegration-link')).toContainText('已结案');
    await page.getByRole('link', { name: '回归社会安置' }).first().click();
    await expect(page.getByTestId('stage-closed')).toContainText('陈思远');
    await expect(page.getByTestId('stage-resettling')).toContainText('王晓雨');
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
});

import { expect, type Page, test } from '@playwright/test';
import { toIsoDate } from '../../shared/domain/dates';
import { invoke, invokeRaw, versionAsRead } from './support/api';
import { withSignedInApp } from './support/host';
import { type Account, createAccount, signInAgain, signInAs } from './support/accounts';

const PASSPHRASE = 'e2e passphrase for rehabilitation';
const THERAPIST: Account = { displayName: '孙康复', username: 'sun.pt', roles: ['therapist'] };
const SUPERVISOR: Account = { displayName: '赵主管', username: 'zhao.sv', roles: ['supervisor'] };

type RehabChild = { activePlanId: number | null; pendingPlanId: number | null; plans: { id: number; version: number; status: string }[]; sessions: { id: number }[] };

async function registerChild(page: Page): Promise<number> {
  const child = await invoke<{ id: number }>(page, 'children:create', { name: '林小禾', sex: 'female', birthDate: '2018-04-12', idNumber: null });
  return child.id;
}

async function openRehabTab(page: Page, childId: number): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/#/children/${childId}/rehab`);
  await expect(page.getByTestId('rehab-tab')).toBeVisible();
}

async function writeGoal(page: Page, index: number, title: string, levels: string[]): Promise<void> {
  const goal = page.getByTestId(`plan-goal-${index}`);
  await goal.getByRole('textbox', { name: /^目标/ }).fill(title);
  const names = ['−2 远低于预期', '−1 低于预期', '0 达到预期', '+1 高于预期', '+2 远高于预期'];
  for (const [i, name] of names.entries()) await goal.getByLabel(name).fill(levels[i]!);
}

async function decide(page: Page, childId: number, decision: '批准' | '退回修改', comment = ''): Promise<void> {
  await openRehabTab(page, childId);
  await page.getByTestId('pending-plan').getByRole('button', { name: '审批' }).click();
  const dialog = page.getByRole('dialog', { name: /审批第/ });
  await dialog.getByRole('radio', { name: decision, exact: true }).check();
  if (comment) await dialog.getByLabel('审批意见').fill(comment);
  await dialog.getByRole('button', { name: '审批' }).click();
  await expect(dialog).toBeHidden();
}

test('a therapist writes a plan, a supervisor approves it, the therapist logs a session by keyboard and the goal chart gains a point; a revision waits while version 1 stays in force', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await withSignedInApp(page, testInfo.testId, PASSPHRASE, async () => {
    await createAccount(page, THERAPIST);
    await createAccount(page, SUPERVISOR);
    const childId = await registerChild(page);

    // The therapist writes version 1: two goals, a training on every weekday, themselves responsible.
    await signInAs(page, THERAPIST);
    await openRehabTab(page, childId);
    await expect(page.getByText('还没有康复计划')).toBeVisible();
    await page.getByRole('button', { name: '制定康复计划' }).click();
    const form = page.getByRole('dialog', { name: '制定康复计划' });
    await form.getByRole('combobox', { name: '责任康复师' }).click();
    await page.getByRole('option', { name: THERAPIST.displayName }).click();
    await page.keyboard.press('Tab');
    await writeGoal(page, 0, '独立行走', ['需双人扶持', '扶助行器走5米', '独立走10米', '独立走20米', '独立上下台阶']);
    await form.getByRole('button', { name: '添加目标' }).click();
    await writeGoal(page, 1, '自己进食', ['需喂食', '手抓进食', '用勺进食', '用勺不洒', '用筷子进食']);
    const training = page.getByTestId('plan-intervention-0');
    await training.getByLabel('内容').fill('运动功能训练（PT）');
    for (const day of ['一', '二', '三', '四', '五', '六', '日']) await training.getByText(day, { exact: true }).click();
    await form.getByRole('button', { name: '提交审批' }).click();
    await expect(form).toBeHidden();
    await expect(page.getByTestId('pending-plan')).toContainText('第 1 版待审批');
    // Not in force until approved: no session can be logged.
    await expect(page.getByRole('button', { name: '记录训练' })).toHaveCount(0);

    await signInAs(page, SUPERVISOR);
    await decide(page, childId, '批准');
    await expect(page.getByTestId('active-plan')).toContainText('执行中');

    // The therapist's day lists the child; the session is logged with the keyboard alone.
    await signInAgain(page, THERAPIST);
    await page.getByRole('link', { name: '康复训练' }).click();
    await expect(page.getByTestId(`today-${childId}`)).toContainText('林小禾');
    await expect(page.getByTestId(`today-${childId}`)).toContainText('今日排课：运动功能训练（PT）');
    await openRehabTab(page, childId);
    await expect(page.getByTestId('goal-chart')).toHaveCount(0);
    await expect(page.getByText('该目标还没有评分')).toBeVisible();
    await page.getByRole('button', { name: '记录训练' }).focus();
    await page.keyboard.press('Enter');
    const session = page.getByRole('dialog', { name: /记录训练/ });
    await expect(session.getByLabel('时长（分钟）')).toBeFocused();
    await page.keyboard.type('45');
    await page.keyboard.press('Tab'); // goal 1 worked
    await page.keyboard.press('Tab'); // goal 1 rating
    await page.keyboard.type('1');
    await page.keyboard.press('Tab'); // goal 2 worked
    await page.keyboard.press('Tab'); // goal 2 rating
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await expect(session).toBeHidden();
    await expect(page.getByText('训练已记录')).toBeVisible();

    const chart = page.getByTestId('goal-chart');
    await expect(chart).toHaveAttribute('data-points', '1');
    await expect(page.getByTestId('tscore-chart')).toHaveAttribute('data-points', '1');
    await expect(page.getByTestId('plan-goals').getByRole('row').nth(1)).toContainText('+1');
    const sessions = page.getByTestId('sessions-table');
    await expect(sessions).toContainText('45 分钟');
    await expect(sessions).toContainText(toIsoDate(new Date()));
    await testInfo.attach('plan-and-progress', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    // A revision: version 2 awaits approval while version 1 stays in force.
    await page.getByRole('button', { name: '修订计划' }).click();
    const revision = page.getByRole('dialog', { name: /第 1 版 → 第 2 版/ });
    await expect(revision).toBeVisible();
    await revision.getByRole('button', { name: '提交审批' }).click();
    await expect(revision).toBeHidden();
    await expect(page.getByTestId('pending-plan')).toContainText('第 2 版待审批');
    await expect(page.getByTestId('pending-plan')).toContainText('第 1 版继续执行');
    await expect(page.getByTestId('active-plan')).toContainText('第 1 版');
    let file = await invoke<RehabChild>(page, 'rehab:child', { childId });
    const v1 = file.plans.find((p) => p.version === 1)!;
    const v2 = file.plans.find((p) => p.version === 2)!;
    expect(file.activePlanId).toBe(v1.id);
    expect(file.pendingPlanId).toBe(v2.id);
    // Sessions still go to version 1.
    const logged = await invoke<{ planVersion: number }>(page, 'rehab:logSession', { childId, sessionOn: toIsoDate(new Date()), attended: true, minutes: 30, goals: [] });
    expect(logged.planVersion).toBe(1);
    // The therapist may not approve.
    const refused = await invokeRaw(page, 'rehab:decidePlan', { planId: v2.id, decision: 'approve' });
    expect(refused.error?.code).toBe('forbidden');

    await signInAgain(page, SUPERVISOR);
    await decide(page, childId, '批准');
    await expect(page.getByTestId('active-plan')).toContainText('第 2 版');
    await expect(page.getByTestId('plan-versions')).toContainText('已被新版本替代');
    file = await invoke<RehabChild>(page, 'rehab:child', { childId });
    expect(file.activePlanId).toBe(v2.id);
    expect(file.plans.find((p) => p.id === v1.id)?.status).toBe('superseded');
    // The goal's rating from version 1 carries over to version 2 (same lineage).
    await expect(page.getByTestId('goal-chart')).toHaveAttribute('data-points', '1');
  });
});

test('a session with bad input is refused beside the field and nothing is saved', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await withSignedInApp(page, testInfo.testId, PASSPHRASE, async () => {
    const therapistId = await createAccount(page, THERAPIST);
    await createAccount(page, SUPERVISOR);
    const childId = await registerChild(page);
    await signInAs(page, THERAPIST);
    const goal = { title: '眼神对视', icfCode: 'd710', levels: { minus2: '回避', minus1: '1秒', zero: '3秒', plus1: '自然对视', plus2: '主动对视' }, baseline: -1, importance: 2, difficulty: 2 };
    await invoke(page, 'rehab:savePlan', { childId, startsOn: toIsoDate(new Date()), reviewOn: '2027-06-30', therapistIds: [therapistId], goals: [goal] });
    await signInAs(page, SUPERVISOR);
    const pending = await invoke<RehabChild>(page, 'rehab:child', { childId });
    await invoke(page, 'rehab:decidePlan', { planId: pending.pendingPlanId, decision: 'approve', expectedVersion: await versionAsRead(page, 'rehab:child', { childId }, 'rehabPlan', pending.pendingPlanId!) });

    await signInAgain(page, THERAPIST);
    await openRehabTab(page, childId);
    await page.getByRole('button', { name: '记录训练' }).click();
    const session = page.getByRole('dialog', { name: /记录训练/ });
    await session.getByLabel('时长（分钟）').fill('481');
    await session.getByLabel('眼神对视 的评分').fill('3');
    await session.getByRole('button', { name: '保存' }).click();
    await expect(session.getByText('时长不能超过 480 分钟')).toBeVisible();
    await expect(session.getByText('GAS 等级应在 −2 至 +2 之间')).toBeVisible();
    await session.getByLabel('时长（分钟）').fill('40');
    await session.getByLabel('眼神对视 的评分').fill('x');
    await session.getByRole('button', { name: '保存' }).click();
    await expect(session.getByText('评分应为 −2 至 2 的整数')).toBeVisible();
    // The service refuses what the form would have caught.
    const zero = await invokeRaw(page, 'rehab:logSession', { childId, sessionOn: toIsoDate(new Date()), attended: true, minutes: 0, goals: [] });
    expect(zero.error).toMatchObject({ code: 'invalid_input', field: 'minutes' });
    const future = await invokeRaw(page, 'rehab:logSession', { childId, sessionOn: '2099-01-01', attended: true, minutes: 30, goals: [] });
    expect(future.error).toMatchObject({ code: 'invalid_input', field: 'sessionOn' });
    const file = await invoke<RehabChild>(page, 'rehab:child', { childId });
    expect(file.sessions).toHaveLength(0);
    await expect(session).toBeVisible();
  });
});

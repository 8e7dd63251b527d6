import { type Page, expect, test } from '@playwright/test';
import { addDays, addMonths, toIsoDate } from '../../shared/domain/dates';
import { invoke, invokeRaw } from './support/api';
import { type Account, createAccount, signInAgain, signInAs } from './support/accounts';
import { withSignedInApp } from './support/host';

const PASSPHRASE = 'e2e passphrase for mental health';
const CASEWORKER: Account = { username: 'caseworker1', displayName: '赵社工', roles: ['caseworker'] };
const THERAPIST: Account = { username: 'therapist1', displayName: '钱治疗师', roles: ['therapist'] };
const SUPERVISOR: Account = { username: 'supervisor1', displayName: '孙主管', roles: ['supervisor'] };

/** The administrator makes the three accounts; the caseworker registers a child. */
async function seed(page: Page, name: string): Promise<number> {
  for (const a of [CASEWORKER, THERAPIST, SUPERVISOR]) await createAccount(page, a);
  await signInAs(page, CASEWORKER);
  const today = toIsoDate(new Date());
  const child = await invoke<{ id: number }>(page, 'children:create', { name, sex: 'female', birthDate: addMonths(today, -150), idNumber: null, admissionDate: addMonths(today, -140) });
  return child.id;
}

test('a caseworker without mental-health access is not shown the section, gets no data by direct navigation, and the service refuses the channel', async ({ page }, testInfo) => {
  await withSignedInApp(page, testInfo.testId, PASSPHRASE, async (host) => {
    const childId = await seed(page, '周小雨');
    const today = toIsoDate(new Date());
    // A therapist has filed a high-risk check for the child.
    await signInAs(page, THERAPIST);
    await invoke(page, 'mentalHealth:addCheck', { childId, checkedOn: addDays(today, -3), riskLevel: 'high', referral: '上海市精神卫生中心', actions: '个别辅导' });

    await signInAgain(page, CASEWORKER);
    await page.goto(`${host.url}#/children/${childId}`);
    await expect(page.getByRole('heading', { name: '周小雨' })).toBeVisible();
    const tabs = page.getByRole('tablist');
    await expect(tabs.getByRole('tab', { name: '基本信息' })).toBeVisible();
    await expect(tabs.getByRole('tab', { name: '孤独症全链条' })).toBeVisible();
    await expect(tabs.getByRole('tab', { name: '心理健康' })).toHaveCount(0);

    // Straight to the section's address: the profile opens instead, and nothing of the file is on the page.
    await page.goto(`${host.url}#/children/${childId}/mentalHealth`);
    await expect(tabs.getByRole('tab', { name: '基本信息' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('mental-health-section')).toHaveCount(0);
    await expect(page.getByText('上海市精神卫生中心')).toHaveCount(0);
    await expect(page.getByText('心理健康档案')).toHaveCount(0);

    // The service refuses whatever the screen offers.
    const read = await invokeRaw(page, 'mentalHealth:get', { childId });
    expect(read.ok).toBe(false);
    expect(read.error?.code).toBe('forbidden');
    const write = await invokeRaw(page, 'mentalHealth:addCheck', { childId, checkedOn: today, riskLevel: 'none' });
    expect(write.error?.code).toBe('forbidden');
    // Nor is the high-risk item on the caseworker's worklist, nor the check in the child's history.
    await page.goto(`${host.url}#/`);
    await expect(page.getByTestId('worklist')).toBeVisible();
    await expect(page.getByTestId('worklist-filter-mentalHealthHighRisk')).toHaveCount(0);
    await page.goto(`${host.url}#/children/${childId}/history`);
    await expect(page.getByRole('tabpanel', { name: '变更记录' })).toContainText('登记儿童');
    await expect(page.getByRole('tabpanel', { name: '变更记录' })).not.toContainText('心理');
  });
});

test('a therapist records a high-risk check through the form and sees it on the worklist; a supervisor closes it with a comment', async ({ page }, testInfo) => {
  await withSignedInApp(page, testInfo.testId, PASSPHRASE, async (host) => {
    const childId = await seed(page, '吴思琪');
    await signInAs(page, THERAPIST);
    await page.goto(`${host.url}#/children/${childId}`);
    await page.getByRole('tab', { name: '心理健康' }).click();
    const section = page.getByTestId('mental-health-section');
    await expect(section).toContainText('尚无心理健康监测记录');
    await expect(page.getByTestId('mental-health-next-due')).toContainText('应立即监测');

    await section.getByRole('button', { name: '登记年度监测' }).click();
    const dialog = page.getByRole('dialog', { name: '登记年度监测' });
    // Bad input is refused beside the field: a score outside SDQ's range, no risk level.
    await dialog.getByRole('textbox', { name: '分数' }).fill('45');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText('SDQ“困难总分”的分数应在 0–40 之间')).toBeVisible();
    await expect(dialog.getByText('请选择风险等级（无风险、关注或高风险）')).toBeVisible();
    // A date in the future: refused by the service, shown beside the date.
    const tomorrow = addDays(toIsoDate(new Date()), 1);
    await dialog.getByRole('textbox', { name: '分数' }).fill('26');
    await dialog.getByRole('radio', { name: '高风险' }).check();
    await dialog.getByLabel('监测日期').fill(tomorrow);
    await dialog.getByLabel('监测日期').press('Tab');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText('监测日期不能晚于今天')).toBeVisible();
    expect((await invoke<{ checks: unknown[] }>(page, 'mentalHealth:get', { childId })).checks).toHaveLength(0);

    const checkedOn = addDays(toIsoDate(new Date()), -2);
    await dialog.getByLabel('监测日期').fill(checkedOn);
    await dialog.getByLabel('监测日期').press('Tab');
    await dialog.getByLabel('干预措施').fill('心理咨询师个别辅导，每周两次');
    await dialog.getByLabel('转介医疗机构').fill('上海市精神卫生中心');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toHaveCount(0);

    const card = section.getByTestId('mental-health-check');
    await expect(card).toHaveCount(1);
    await expect(card).toContainText(checkedOn);
    await expect(card).toContainText('高风险');
    await expect(card).toContainText('待主管结案');
    await expect(card).toContainText('困难总分 26');
    await expect(card).toContainText('上海市精神卫生中心');
    await expect(section).toContainText('待结案的高风险监测：1 项');
    // A therapist cannot close it.
    await card.getByRole('button', { name: '操作' }).click();
    await expect(page.getByRole('menuitem', { name: '添加随访' })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: '结案' })).toHaveCount(0);
    await page.keyboard.press('Escape');

    await page.goto(`${host.url}#/`);
    const highRow = page.getByTestId('worklist').getByRole('row').filter({ hasText: '吴思琪' }).filter({ hasText: '心理高风险待结案' });
    await expect(highRow).toHaveCount(1);
    await expect(highRow).toContainText(checkedOn);

    // The supervisor closes it, with a comment.
    await signInAs(page, SUPERVISOR);
    await expect(page.getByTestId('worklist').getByRole('row').filter({ hasText: '吴思琪' }).filter({ hasText: '心理高风险待结案' })).toHaveCount(1);
    await page.getByTestId('worklist').getByRole('row').filter({ hasText: '心理高风险待结案' }).getByRole('link', { name: '吴思琪' }).click();
    const supSection = page.getByTestId('mental-health-section');
    await expect(supSection.getByTestId('mental-health-check')).toContainText('待主管结案');
    await expect(supSection.getByRole('button', { name: '登记年度监测' })).toHaveCount(0);
    await supSection.getByTestId('mental-health-check').getByRole('button', { name: '操作' }).click();
    await page.getByRole('menuitem', { name: '结案' }).click();
    const close = page.getByRole('dialog', { name: '高风险监测结案' });
    await close.getByRole('button', { name: '结案' }).click();
    await expect(close.getByText('请填写结案意见')).toBeVisible();
    await close.getByLabel('结案意见').fill('已转介就诊并随访，情绪稳定，结案');
    await close.getByRole('button', { name: '结案' }).click();
    await expect(close).toHaveCount(0);
    await expect(supSection.getByTestId('mental-health-check')).toContainText('已结案');
    await expect(supSection.getByTestId('close-comment')).toContainText('孙主管');
    await expect(supSection.getByTestId('close-comment')).toContainText('已转介就诊并随访，情绪稳定，结案');
    await expect(supSection).not.toContainText('待结案的高风险监测');
    await testInfo.attach('mental-health-closed', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    await page.goto(`${host.url}#/`);
    await expect(page.getByTestId('worklist')).toBeVisible();
    await expect(page.getByTestId('worklist').getByRole('group', { name: '待办事项' }).getByText('心理高风险待结案 · 0')).toBeVisible();
    await expect(page.getByTestId('worklist').getByRole('row').filter({ hasText: '心理高风险待结案' })).toHaveCount(0);
  });
});

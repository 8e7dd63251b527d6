/**
 * The flows of issue 18's form safeguards, shared by tests/e2e/forms.spec.ts (which asserts them) and
 * scripts/screenshots-forms.ts (which also photographs them): `shot` is a no-op in the tests.
 */
import { type Page, expect } from '@playwright/test';
import { addMonths, toIsoDate } from '../../../shared/domain/dates';
import { makeIdNumber } from '../../../shared/domain/id-number';
import { type Account, createAccount, signInAgain, signInAs } from './accounts';
import { type Versions, versionIn } from '../../../shared/contract/versions';
import { invoke } from './api';

export type Shot = (name: string) => Promise<void>;
export const noShot: Shot = async () => undefined;

export const CASEWORKER: Account = { username: 'forms.cw', displayName: '赵社工', roles: ['caseworker'] };
export const THERAPIST: Account = { username: 'forms.pt', displayName: '孙康复', roles: ['therapist'] };
export const SUPERVISOR: Account = { username: 'forms.sv', displayName: '钱主管', roles: ['supervisor'] };

/** The question: a dialog of its own over the page, or inside the form dialog in place of its buttons. */
const discard = (page: Page) => page.getByRole('dialog', { name: '放弃未保存的内容？' }).or(page.getByRole('alertdialog', { name: '放弃未保存的内容？' }));

/**
 * Item 1 and 5: an in-place profile edit asks before another tab throws it away; a dialog asks before
 * Esc throws its fields away; the registration form fills birth date, sex and 户籍区 from the ID number,
 * refuses a future birth date beside the field, and links an ID number already registered.
 */
export async function nothingTypedIsLost(page: Page, url: string, shot: Shot): Promise<void> {
  await createAccount(page, CASEWORKER);
  await signInAs(page, CASEWORKER);
  const idNumber = makeIdNumber('310115', '2015-03-07', 12, 'female');
  const child = await invoke<{ id: number }>(page, 'children:create', { name: '浦小东', sex: 'female', birthDate: '2015-03-07', idNumber, admissionDate: '2016-01-01' });

  await page.goto(`${url}#/children/${child.id}`);
  await page.getByRole('button', { name: '编辑' }).click();
  const profile = page.getByTestId('profile-edit');
  await profile.getByRole('textbox', { name: '姓名', exact: true }).fill('浦晓东');
  await page.getByRole('tablist').getByRole('tab', { name: '安置与监护' }).click();
  await expect(discard(page)).toBeVisible();
  await shot('forms-01-profile-leave');
  await discard(page).getByRole('button', { name: '继续填写' }).click();
  await expect(profile.getByRole('textbox', { name: '姓名', exact: true })).toHaveValue('浦晓东');
  await expect(page.getByRole('tablist').getByRole('tab', { name: '基本信息' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tablist').getByRole('tab', { name: '安置与监护' }).click();
  await discard(page).getByRole('button', { name: '放弃更改' }).click();
  await expect(page.getByRole('tablist').getByRole('tab', { name: '安置与监护' })).toHaveAttribute('aria-selected', 'true');

  // Registration: the ID number fills the rest; Esc asks; the number already registered links to its child.
  await page.goto(`${url}#/children`);
  await page.getByRole('button', { name: '登记儿童' }).click();
  const dialog = page.getByRole('dialog', { name: '登记儿童' });
  await dialog.getByLabel('姓名').fill('浦小东');
  await dialog.getByLabel('身份证号').fill(idNumber);
  await expect(dialog.getByLabel('出生日期')).toHaveValue('2015-03-07');
  await expect(dialog.getByLabel('户籍区（上海）')).toHaveValue('浦东新区');
  await expect(dialog.getByRole('radio', { name: '女' })).toBeChecked();
  await dialog.getByLabel('民族').fill('汉');
  await page.getByRole('option', { name: '汉族' }).click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByTestId('id-registered')).toContainText('该身份证号已登记');
  await expect(dialog.getByRole('link', { name: '打开浦小东的档案' })).toBeVisible();
  await shot('forms-05-registration');
  await page.keyboard.press('Escape');
  await expect(discard(page)).toBeVisible();
  await shot('forms-02-dialog-escape');
  await discard(page).getByRole('button', { name: '继续填写' }).click();
  await expect(dialog.getByLabel('姓名')).toHaveValue('浦小东');
  // A future birth date is an error beside the field, and stays as typed.
  const future = toIsoDate(new Date(Date.now() + 40 * 86_400_000));
  await dialog.getByLabel('身份证号').fill('');
  await dialog.getByLabel('出生日期').fill(future);
  await dialog.getByLabel('出生日期').press('Tab');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('出生日期不能晚于今天')).toBeVisible();
  await expect(dialog.getByLabel('出生日期')).toHaveValue(future);
}

/**
 * Item 3: a revision keeps each goal's baseline however the goal was rated since; the approval dialog
 * lists what changed and chooses nothing; item 10: the session's minutes come from the plan.
 */
export async function planRevisionAndApproval(page: Page, url: string, shot: Shot): Promise<void> {
  const therapistId = await createAccount(page, THERAPIST);
  await createAccount(page, SUPERVISOR);
  const child = await invoke<{ id: number }>(page, 'children:create', { name: '林小禾', sex: 'female', birthDate: '2018-04-12', idNumber: null });
  const today = toIsoDate(new Date());
  await signInAs(page, THERAPIST);
  const levels = { minus2: '完全依赖喂食', minus1: '需大量协助', zero: '少量协助下自己进食', plus1: '独立进食偶有洒漏', plus2: '独立进食' };
  await invoke(page, 'rehab:savePlan', {
    childId: child.id,
    startsOn: today,
    reviewOn: addMonths(today, 3),
    therapistIds: [therapistId],
    goals: [{ title: '自己进食', icfCode: 'd550', levels, baseline: -1, importance: 2, difficulty: 2 }],
    interventions: [{ kind: 'training', description: '作业治疗（OT）进食训练', startsOn: today, frequency: '每周3次，每次40分钟', weekdays: [1, 2, 3, 4, 5, 6, 7] }],
  });
  await signInAs(page, SUPERVISOR);
  const file = await invoke<{ pendingPlanId: number; plans: { goals: { id: number }[] }[]; versions?: Versions }>(page, 'rehab:child', { childId: child.id });
  await invoke(page, 'rehab:decidePlan', { planId: file.pendingPlanId, decision: 'approve', expectedVersion: versionIn(file.versions, 'rehabPlan', file.pendingPlanId) });
  await signInAgain(page, THERAPIST);
  await page.goto(`${url}#/children/${child.id}/rehab`);
  await page.getByRole('button', { name: '记录训练' }).click();
  const session = page.getByRole('dialog', { name: /记录训练/ });
  await expect(session.getByLabel('时长（分钟）')).toHaveValue('40');
  await expect(session.getByTestId('save-hint')).toContainText('Ctrl+Enter');
  await session.getByLabel('自己进食 的评分').fill('2');
  await session.getByLabel('记录').fill('第一行');
  await session.getByLabel('记录').press('Enter');
  await session.getByLabel('记录').pressSequentially('第二行');
  await expect(session).toBeVisible();
  await session.getByLabel('记录').press('Control+Enter');
  await expect(session).toBeHidden();

  await page.getByRole('button', { name: '修订计划' }).click();
  const form = page.getByTestId('plan-form');
  await expect(form.getByLabel('基线')).toHaveValue('−1');
  await form.getByLabel('基线').click();
  await page.getByRole('option', { name: '0', exact: true }).click();
  await expect(form.getByTestId('baseline-changed')).toContainText('上一版为 −1');
  await expect(form.getByTestId('baseline-warning')).toBeVisible();
  await shot('forms-06-plan-revision-baseline');
  await form.getByRole('button', { name: '提交审批' }).click();
  await expect(form).toBeHidden();

  await signInAgain(page, SUPERVISOR);
  await page.goto(`${url}#/children/${child.id}/rehab`);
  await page.getByTestId('pending-plan').getByRole('button', { name: '审批' }).click();
  const decision = page.getByRole('dialog', { name: /审批第 2 版/ });
  await expect(decision.getByTestId('plan-changes')).toContainText('目标“自己进食”的基线：−1 → 0');
  await expect(decision.getByTestId('plan-changes')).toContainText('复评日期');
  for (const name of ['批准', '不予批准', '退回修改']) await expect(decision.getByRole('radio', { name, exact: true })).not.toBeChecked();
  await shot('forms-04-plan-approval');
  await decision.getByRole('button', { name: '审批' }).click();
  await expect(decision.getByText('请选择审批意见')).toBeVisible();
}

/** Item 2: the instrument picked from the list keeps its range; a draft survives closing the dialog. */
export async function mentalHealthCheck(page: Page, url: string, shot: Shot): Promise<void> {
  await createAccount(page, THERAPIST).catch(() => undefined);
  const child = await invoke<{ id: number }>(page, 'children:create', { name: '周小雨', sex: 'female', birthDate: addMonths(toIsoDate(new Date()), -150), idNumber: null });
  await signInAs(page, THERAPIST);
  await page.goto(`${url}#/children/${child.id}/mentalHealth`);
  await page.getByRole('button', { name: '登记年度监测' }).click();
  const dialog = page.getByTestId('mental-health-form');
  await dialog.getByLabel('监测工具').fill('长处');
  await page.getByRole('option', { name: 'SDQ 长处和困难问卷' }).click();
  await dialog.getByRole('textbox', { name: '分数' }).first().fill('45');
  await dialog.getByRole('radio', { name: '无风险' }).check();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('SDQ“困难总分”的分数应在 0–40 之间')).toBeVisible();
  await dialog.getByRole('textbox', { name: '分数' }).first().fill('22');
  await expect(dialog.getByTestId('risk-cutoff')).toContainText('高风险');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText(/选择“无风险”请写明理由/)).toBeVisible();
  await shot('forms-03-mental-health-cutoff');
  // Closing keeps the draft; it comes back when the form opens again, even after another page.
  await page.keyboard.press('Escape');
  await discard(page).getByRole('button', { name: '保留草稿并关闭' }).click();
  await expect(dialog).toBeHidden();
  await page.goto(`${url}#/`);
  await page.goto(`${url}#/children/${child.id}/mentalHealth`);
  await page.getByRole('button', { name: '登记年度监测' }).click();
  await expect(page.getByTestId('mental-health-form').getByText(/已恢复上次未保存的草稿/)).toBeVisible();
  await expect(page.getByTestId('mental-health-form').getByRole('textbox', { name: '分数' }).first()).toHaveValue('22');
}

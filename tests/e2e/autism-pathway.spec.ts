import { expect, test } from '@playwright/test';
import { addDays, addMonths, toIsoDate } from '../../shared/domain/dates';
import { invoke } from './support/api';
import { type Account, createAccount, signInAgain, signInAs } from './support/accounts';
import { withSignedInApp } from './support/host';

const PASSPHRASE = 'e2e passphrase for the autism pathway';
const CASEWORKER: Account = { username: 'caseworker1', displayName: '赵社工', roles: ['caseworker'] };
const THERAPIST: Account = { username: 'therapist1', displayName: '钱治疗师', roles: ['therapist'] };

test('a therapist records screening and diagnosis; the page shows the stage reached and asks for the record to agree', async ({ page }, testInfo) => {
  await withSignedInApp(page, testInfo.testId, PASSPHRASE, async (host) => {
    for (const a of [CASEWORKER, THERAPIST]) await createAccount(page, a);
    await signInAs(page, CASEWORKER);
    const today = toIsoDate(new Date());
    const { id: childId } = await invoke<{ id: number }>(page, 'children:create', { name: '郑乐乐', sex: 'male', birthDate: addMonths(today, -40), idNumber: null, admissionDate: addMonths(today, -38) });

    await signInAs(page, THERAPIST);
    await page.goto(`${host.url}#/children/${childId}/autism`);
    const pathway = page.getByTestId('autism-pathway');
    await expect(pathway.getByTestId('autism-current-stage')).toHaveText('尚未进入孤独症服务链条');
    await expect(pathway).toContainText('尚无孤独症全链条记录');

    // Screening: the form starts at the first stage.
    const screenedOn = addDays(today, -60);
    await pathway.getByRole('button', { name: '登记事项' }).click();
    let dialog = page.getByRole('dialog', { name: '登记事项' });
    await expect(dialog.getByLabel('阶段')).toHaveValue('筛查');
    await dialog.getByRole('textbox', { name: '日期', exact: true }).fill(screenedOn);
    await dialog.getByRole('textbox', { name: '日期', exact: true }).press('Tab');
    await dialog.getByLabel('工具').fill('M-CHAT-R/F');
    await dialog.getByLabel('结果').fill('高风险（10分）');
    await dialog.getByLabel('转介').fill('上海市儿童医院');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(pathway.getByTestId('autism-current-stage')).toHaveText('目前所处阶段：筛查');
    await expect(pathway.getByTestId('autism-step-screening')).toContainText(screenedOn);

    // Diagnosis: without a verdict it is refused beside the field.
    const diagnosedOn = addDays(today, -10);
    await pathway.getByRole('button', { name: '登记事项' }).click();
    dialog = page.getByRole('dialog', { name: '登记事项' });
    await dialog.getByLabel('阶段').click();
    await page.getByRole('option', { name: '诊断' }).click();
    await dialog.getByRole('textbox', { name: '日期', exact: true }).fill(diagnosedOn);
    await dialog.getByRole('textbox', { name: '日期', exact: true }).press('Tab');
    await dialog.getByLabel('工具').fill('DSM-5');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText('诊断须写明结论：确诊或排除')).toBeVisible();
    await dialog.getByRole('radio', { name: '确诊' }).check();
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(pathway.getByTestId('autism-current-stage')).toHaveText('目前所处阶段：诊断');
    await expect(pathway.getByTestId('autism-step-diagnosis')).toContainText(diagnosedOn);
    await expect(pathway.getByTestId('autism-step-intervention')).toContainText('未到达');
    // The record has no autism diagnosis yet: the page says so rather than copying it.
    await expect(pathway.getByTestId('autism-consistency-warning')).toContainText('尚未登记孤独症诊断');

    // The caseworker records the diagnosis in the record; both now agree. A caseworker reads but does not write the pathway.
    await signInAgain(page, CASEWORKER);
    await invoke(page, 'record:addStatusFact', { childId, fact: { kind: 'autismDiagnosis', value: true }, effectiveDate: diagnosedOn });
    await page.goto(`${host.url}#/children/${childId}/autism`);
    await page.reload();
    await expect(pathway.getByTestId('autism-consistency')).toContainText('与档案一致');
    await expect(pathway.getByTestId('autism-consistency-warning')).toHaveCount(0);
    await expect(pathway.getByRole('button', { name: '登记事项' })).toHaveCount(0);
    await expect(pathway.getByRole('table', { name: '孤独症全链条' }).getByRole('row')).toHaveCount(3);
  });
});

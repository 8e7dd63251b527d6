import { type Page, expect, test } from '@playwright/test';
import { addDays, addMonths, addYears, toIsoDate } from '../../shared/domain/dates';
import { ADMIN } from './pages/app-pages';
import { invoke, versionAsRead } from './support/api';
import { withSignedInApp } from './support/host';

const PASSPHRASE = 'e2e passphrase for eligibility';

/** An orphan in the municipal institution, with the record the rules read. */
async function seedOrphan(page: Page, name: string, birthDate: string, education: { stage: string; enrolled: string; finished?: string }) {
  const child = await invoke<{ id: number }>(page, 'children:create', { name, sex: 'female', birthDate, idNumber: null, admissionDate: addYears(birthDate, 1) });
  const admitted = addYears(birthDate, 1);
  await invoke(page, 'record:updateProfile', { childId: child.id, hukouKind: 'shanghai', hukouDistrictCode: '310104', expectedVersion: await versionAsRead(page, 'record:get', { childId: child.id }, 'child', child.id) });
  await invoke(page, 'record:addStatusFact', { childId: child.id, fact: { kind: 'parentsStatus', value: { father: 'deceased', mother: 'deceased' } }, effectiveDate: admitted });
  await invoke(page, 'record:addPlacement', { childId: child.id, kind: 'municipalInstitution', from: admitted });
  await invoke(page, 'record:addGuardianship', { childId: child.id, guardianKind: 'municipalInstitution', guardianName: '上海市儿童福利院', courtAppointed: true, from: admitted });
  await invoke(page, 'record:addBenefit', { childId: child.id, code: 'basicLivingAllowance', from: admitted, monthlyAmountFen: 250000 });
  await invoke(page, 'record:addEducation', {
    childId: child.id,
    stage: education.stage,
    fullTime: true,
    enrolmentDate: education.enrolled,
    standardDurationYears: 3,
    actualCompletion: education.finished ?? null,
  });
  return child.id;
}

test('the eligibility tab shows each benefit with its clause and reason; the worklist shows who turns 18 and who is due an assessment', async ({ page }, testInfo) => {
  const today = toIsoDate(new Date());
  await withSignedInApp(page, testInfo.testId, PASSPHRASE, async (host) => {
    await expect(page.getByRole('heading', { name: new RegExp(`${ADMIN.name}，您好`) })).toBeVisible();

    // Turns 18 in five months; in senior vocational school.
    const turning = await seedOrphan(page, '林小雨', addYears(addMonths(today, 5), -18), { stage: 'seniorVocational', enrolled: addYears(today, -2) });
    // Turned 18 a month ago and finished school last month: the assessment is due (一(四)).
    await seedOrphan(page, '陈晓军', addYears(addMonths(today, -1), -18), { stage: 'seniorVocational', enrolled: addYears(today, -3), finished: addDays(today, -20) });

    await page.reload();
    const worklist = page.getByTestId('worklist');
    await expect(worklist).toBeVisible();
    const turningRow = worklist.getByRole('row').filter({ hasText: '林小雨' }).filter({ hasText: '半年内满18周岁' });
    await expect(turningRow).toHaveCount(1);
    await expect(turningRow.getByTestId('clause-ref')).toHaveText('一(四)');
    const dueRow = worklist.getByRole('row').filter({ hasText: '陈晓军' }).filter({ hasText: '应进行安置评估' });
    await expect(dueRow).toHaveCount(1);
    await expect(dueRow.getByTestId('clause-ref')).toHaveText('一(四)');
    // The filter narrows to one kind and keeps its count.
    await worklist.getByRole('group', { name: '待办事项' }).getByText(/^应进行安置评估/).click();
    await expect(worklist.getByRole('row').filter({ hasText: '林小雨' })).toHaveCount(0);
    await expect(worklist.getByRole('row').filter({ hasText: '陈晓军' })).toHaveCount(1);
    await testInfo.attach('worklist', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    // The eligibility tab of the child turning 18.
    await page.goto(`${host.url}#/children/${turning}/eligibility`);
    const tab = page.getByTestId('eligibility');
    await expect(tab).toBeVisible();
    const allowance = tab.getByTestId('entitlement-basicLivingAllowance');
    await expect(allowance.getByText('符合')).toBeVisible();
    await expect(allowance.getByTestId('clause-ref')).toHaveText('一(一)');
    await expect(allowance).toContainText('孤儿');
    await expect(tab.getByTestId('entitlement-educationAid').getByTestId('clause-ref')).toHaveText(/三\(九\)|三\(十\)/);
    // The policy sentence on hover.
    await allowance.getByTestId('clause-ref').hover();
    await expect(page.getByRole('tooltip')).toContainText('基本生活费');
    // What changes when: the 18th birthday and the projected end of study are on the timeline.
    const timeline = tab.getByTestId('eligibility-timeline');
    await expect(timeline).toContainText(addYears(addYears(addMonths(today, 5), -18), 18));
    await expect(timeline).toContainText('预计完成学业');
    await testInfo.attach('eligibility', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    // Another date: the day of the 18th birthday two years on, studies finished → the allowance stops.
    const later = addYears(today, 3);
    await page.getByTestId('eligibility-as-of').fill(later);
    await page.getByTestId('eligibility-as-of').press('Enter');
    await expect(tab.getByTestId('entitlement-basicLivingAllowance').getByText('不符合')).toBeVisible();
  });
});

test('benefits received that may not stack are shown in red with what to do', async ({ page }, testInfo) => {
  const today = toIsoDate(new Date());
  await withSignedInApp(page, testInfo.testId, PASSPHRASE, async (host) => {
    const id = await seedOrphan(page, '王小兰', addYears(today, -10), { stage: 'compulsory', enrolled: addYears(today, -4) });
    await invoke(page, 'record:addBenefit', { childId: id, code: 'minimumLivingAllowance', from: addDays(today, -30) });
    await page.goto(`${host.url}#/children/${id}/eligibility`);
    const conflicts = page.getByTestId('eligibility-conflicts');
    await expect(conflicts).toBeVisible();
    await expect(conflicts.getByTestId('clause-ref').first()).toHaveText('一(二)');
    await expect(conflicts).toContainText('停发');
    await page.goto(host.url);
    await expect(page.getByTestId('worklist').getByRole('row').filter({ hasText: '王小兰' }).filter({ hasText: '待遇不可兼得' })).toHaveCount(1);
  });
});

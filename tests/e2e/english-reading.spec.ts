/**
 * The English reading of a child's entitlements (issue 18, items 7 and 8): no badge is cut ("NOT
 * ELIGI…", "一(…"), the page says that reasons quote the Chinese policy, and labels end in ": ", not a
 * full-width colon; in Chinese the calendar is headed 2027年3月.
 */
import { expect, test } from '@playwright/test';
import { invoke } from './support/api';
import { withSignedInApp } from './support/host';

test('English entitlements: whole badges, the policy-wording note, ASCII colons; the Chinese calendar header', async ({ page }, testInfo) => {
  await withSignedInApp(page, testInfo.testId, 'e2e passphrase english reading', async (host) => {
    const child = await invoke<{ id: number }>(page, 'children:create', { name: '林小雨', sex: 'female', birthDate: '2016-04-01', idNumber: null });
    await invoke(page, 'record:addStatusFact', { childId: child.id, fact: { kind: 'parentsStatus', value: { father: 'deceased', mother: 'deceased' } }, effectiveDate: '2017-01-01' });

    // Chinese first: the date picker's calendar reads 年 and 月 in the header.
    await page.goto(`${host.url}#/children/${child.id}/eligibility`);
    await page.getByTestId('eligibility-as-of').click();
    await expect(page.locator('.mantine-DateInput-calendarHeaderLevel, [class*="calendarHeaderLevel"]').first()).toHaveText(/^\d{4}年\d{1,2}月$/);
    await page.keyboard.press('Escape');

    await page.evaluate(() => localStorage.setItem('tonghu.locale', 'en'));
    await page.reload();
    const table = page.getByRole('table', { name: 'Entitlements' });
    await expect(table).toBeVisible();
    await expect(page.getByTestId('policy-wording-note').first()).toBeVisible();
    const cut = await table.locator('.mantine-Badge-root').evaluateAll((badges) =>
      badges.filter((b) => {
        const label = b.querySelector('.mantine-Badge-label') ?? b;
        return label.scrollWidth > label.clientWidth + 1 || b.getBoundingClientRect().width < label.scrollWidth;
      }).map((b) => b.textContent),
    );
    expect(cut).toEqual([]);
    await expect(table.getByText(/NOT ELIGIBLE/i).first()).toBeVisible();
    expect(await page.locator('main').innerText()).not.toMatch(/[A-Za-z)]：/);
  });
});

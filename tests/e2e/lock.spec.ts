import { expect, test } from '@playwright/test';
import { ADMIN } from './pages/app-pages';
import { withSignedInApp } from './support/host';

test('locking the screen keeps what was typed in an open form; a wrong password does not unlock', async ({ page }, testInfo) => {
  await withSignedInApp(page, testInfo.testId, 'e2e passphrase for the lock', async () => {
    await page.getByRole('link', { name: '儿童档案' }).click();
    await page.getByRole('button', { name: '登记儿童' }).click();
    const dialog = page.getByRole('dialog', { name: '登记儿童' });
    await dialog.getByLabel('姓名').fill('未保存的名字');

    // The header's lock button sits behind the open dialog: the keyboard shortcut reaches it from anywhere.
    await dialog.getByLabel('姓名').press('Control+l');
    const lock = page.getByRole('dialog', { name: '屏幕已锁定' });
    await expect(lock).toBeVisible();
    await lock.getByLabel('密码').fill('not the password');
    await lock.getByRole('button', { name: '解锁' }).click();
    await expect(lock.getByText(/密码不正确/)).toBeVisible();
    await testInfo.attach('locked', { body: await page.screenshot(), contentType: 'image/png' });

    await lock.getByLabel('密码').fill(ADMIN.password);
    await lock.getByRole('button', { name: '解锁' }).click();
    await expect(lock).toHaveCount(0);
    await expect(dialog.getByLabel('姓名')).toHaveValue('未保存的名字');
  });
});

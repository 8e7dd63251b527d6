import { expect, test } from '@playwright/test';
import { ADMIN, StartPages } from './pages/app-pages';
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

test('five wrong passwords at the lock screen sign the session out and lock the account, saying why', async ({ page }, testInfo) => {
  await withSignedInApp(page, testInfo.testId, 'e2e passphrase for the lockout', async () => {
    await expect(page.getByRole('link', { name: '儿童档案' })).toBeVisible();
    await page.locator('body').press('Control+l');
    const lock = page.getByRole('dialog', { name: '屏幕已锁定' });
    await expect(lock).toBeVisible();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await lock.getByLabel('密码').fill(`wrong password ${attempt}`);
      await lock.getByRole('button', { name: '解锁' }).click();
      await expect(lock.getByText(/密码不正确/)).toBeVisible();
    }
    await lock.getByLabel('密码').fill('wrong password 5');
    await lock.getByRole('button', { name: '解锁' }).click();
    await expect(page.getByText(/已退出登录：连续5次密码错误，账户已锁定15分钟/)).toBeVisible();
    await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
    await expect(lock).toHaveCount(0);
    await testInfo.attach('signed-out', { body: await page.screenshot(), contentType: 'image/png' });

    // The account is locked for sign-in too, even with the right password.
    await new StartPages(page).login();
    await expect(page.getByText(/账户已被锁定/)).toBeVisible();
  });
});

import { expect, type Page, test } from '@playwright/test';
import { ADMIN, StartPages } from './pages/app-pages';
import { withSignedInApp } from './support/host';

const PASSPHRASE = 'e2e passphrase for the key';
const WORKER = { name: '李社工', username: 'li.cw', password: 'First!pass2026' };

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '当前用户' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
}

async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('five wrong passwords lock the account; the administrator sees the attempts and the lock in the audit trail, then unlocks it', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await withSignedInApp(page, testInfo.testId, PASSPHRASE, async () => {
    // The administrator creates a caseworker's account on the users tab.
    await page.getByRole('link', { name: '系统管理' }).click();
    await expect(page).toHaveURL(/#\/admin\/users$/);
    await page.getByRole('button', { name: '新建账户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建账户' });
    await dialog.getByLabel('姓名').fill(WORKER.name);
    await dialog.getByLabel('登录用户名').fill(WORKER.username);
    await dialog.getByLabel('初始密码').fill(WORKER.password);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText('请至少选择一个角色')).toBeVisible();
    await dialog.getByRole('checkbox', { name: '机构工作人员' }).check();
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    const users = page.getByRole('table', { name: '用户账户' });
    await expect(users.getByRole('row').filter({ hasText: WORKER.username })).toContainText('须修改密码');

    // Five wrong passwords at the sign-in page lock the account.
    await signOut(page);
    const start = new StartPages(page);
    for (let i = 1; i <= 4; i += 1) {
      await start.login(WORKER.username, `wrong-password-${i}`);
      await expect(page.getByRole('alert')).toHaveText('用户名或密码不正确');
    }
    await start.login(WORKER.username, 'wrong-password-5');
    await expect(page.getByRole('alert')).toHaveText('连续5次密码错误，账户已锁定15分钟');
    await start.login(WORKER.username, WORKER.password);
    await expect(page.getByRole('alert')).toContainText('账户已被锁定');

    // The administrator finds the five failed attempts and the lock on the audit page.
    await start.login(ADMIN.username, ADMIN.password);
    await page.getByRole('link', { name: '系统管理' }).click();
    await page.getByRole('tab', { name: '审计日志' }).click();
    await expect(page).toHaveURL(/#\/admin\/audit$/);
    const trail = page.getByRole('table', { name: '审计日志' });
    await chooseOption(page, '操作', '登录失败');
    await expect(trail.locator('tbody tr')).toHaveCount(5);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await expect(trail.locator('tbody tr').filter({ hasText: `第几次尝试：${attempt}` })).toHaveCount(1);
    }
    await expect(trail.locator('tbody tr').first()).toContainText(`用户名：${WORKER.username}`);
    await chooseOption(page, '操作', '账户锁定');
    await expect(trail.locator('tbody tr')).toHaveCount(1);
    await expect(trail.locator('tbody tr')).toContainText('锁定至');
    await chooseOption(page, '操作', '锁定期间尝试登录');
    await expect(trail.locator('tbody tr')).toHaveCount(1);
    // The same rows, found by the person instead.
    await page.getByRole('button', { name: '清除筛选' }).click();
    await chooseOption(page, '人员', WORKER.name);
    await expect(trail.locator('tbody tr[data-action="auth.loginFailed"]')).toHaveCount(5);
    await expect(trail.locator('tbody tr[data-action="auth.accountLocked"]')).toHaveCount(1);

    await page.getByRole('button', { name: '验证完整性' }).click();
    await expect(page.getByTestId('audit-verify')).toContainText('审计日志完整');
    await testInfo.attach('audit-page', { body: await page.screenshot(), contentType: 'image/png' });

    // The lock shows on the users tab; the administrator lifts it and the person signs in.
    await page.getByRole('tab', { name: '用户' }).click();
    const row = page.getByRole('table', { name: '用户账户' }).getByRole('row').filter({ hasText: WORKER.username });
    await expect(row).toContainText('锁定至');
    await row.getByRole('button', { name: `${WORKER.name} 的操作` }).click();
    await page.getByRole('menuitem', { name: '解除锁定' }).click();
    await expect(row).not.toContainText('锁定至');
    await signOut(page);
    await start.login(WORKER.username, WORKER.password);
    await expect(page.getByRole('heading', { name: '修改密码' })).toBeVisible();
  });
});

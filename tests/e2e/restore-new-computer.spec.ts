/**
 * Issue 17 (d), the restore drill through the UI: a new computer with nothing but the backup folder
 * and the printed recovery code. First run → 从备份恢复 → the folder and the code → the data opens
 * with every child and the administrator's account; its audit trail verifies.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ChildrenPages, StartPages } from './pages/app-pages';
import { invoke } from './support/api';
import { freshDataDir, startHost } from './support/host';

test('a new computer from the backup folder and the recovery code, through the first-run page', async ({ page }, testInfo) => {
  const oldDir = freshDataDir(`${testInfo.testId}-old`);
  const newDir = freshDataDir(`${testInfo.testId}-new`);
  const usbRoot = mkdtempSync(join(tmpdir(), 'tonghu-e2e-usb-'));
  const usb = join(usbRoot, '童护备份');
  let host = await startHost(oldDir, 'old computer passphrase');
  try {
    await page.goto(host.url);
    const start = new StartPages(page);
    const code = await start.completeSetup({ backupFolder: usb });
    await start.login();
    await invoke(page, 'children:create', { name: '陈小雨', sex: 'female', birthDate: '2016-05-01', idNumber: null });
    await invoke(page, 'children:create', { name: '刘小山', sex: 'male', birthDate: '2014-02-03', idNumber: null });
    // The dashboard shows the first backup (made at set-up) as verified today.
    await expect(page.getByTestId('backup-health')).toHaveAttribute('data-warn', 'false');
    const made = await invoke<{ file: string; verified: boolean }>(page, 'backup:run', null);
    expect(made.verified).toBe(true);
    await host.stop();

    // The USB drive travels to the new computer; nothing else does.
    const copied = join(mkdtempSync(join(tmpdir(), 'tonghu-e2e-usb2-')), 'backups');
    cpSync(usb, copied, { recursive: true });
    host = await startHost(newDir, 'new computer passphrase');
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: '首次设置' })).toBeVisible();
    await page.getByRole('button', { name: '从备份恢复' }).click();
    await expect(page.getByRole('heading', { name: '从备份恢复' })).toBeVisible();
    await page.getByLabel('备份文件夹或备份文件').fill(copied);
    // A wrong code: refused next to the field, naming which code (its first group) the backups need.
    await page.getByLabel('恢复码').fill('AAAAA-BBBBB-CCCCC-DDDDD-EEEEE');
    await page.getByRole('button', { name: '检查并恢复' }).click();
    await expect(page.getByText(new RegExp(`编号为 ${code.slice(0, 5)}`))).toBeVisible();
    await page.getByLabel('恢复码').fill(code.toLowerCase());
    await testInfo.attach('restore-form', { body: await page.screenshot(), contentType: 'image/png' });
    await page.getByRole('button', { name: '检查并恢复' }).click();
    await expect(page.getByText(/已从备份 tonghu-.*2 名儿童.*检查通过/)).toBeVisible({ timeout: 60_000 });

    await start.login();
    const children = new ChildrenPages(page);
    await children.open();
    await expect(children.rows().filter({ hasText: '陈小雨' })).toHaveCount(1);
    await expect(children.rows().filter({ hasText: '刘小山' })).toHaveCount(1);
    const verify = await invoke<{ ok: boolean }>(page, 'audit:verify', {});
    expect(verify.ok).toBe(true);
    rmSync(join(copied, '..'), { recursive: true, force: true });
  } finally {
    await host.stop();
    for (const dir of [oldDir, newDir, usbRoot]) rmSync(dir, { recursive: true, force: true });
  }
});

test('the recovery code survives a reload before it is confirmed, and shows whole at 1024×700', async ({ page }, testInfo) => {
  const dataDir = freshDataDir(testInfo.testId);
  const host = await startHost(dataDir, 'reload passphrase here');
  try {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(host.url);
    const start = new StartPages(page);
    await expect(page.getByRole('heading', { name: '首次设置' })).toBeVisible();
    await page.getByLabel('机构名称').fill('上海市儿童福利院');
    await page.getByLabel('管理员姓名').fill('王管理');
    await page.getByLabel('登录用户名').fill('admin');
    await page.getByLabel('登录密码', { exact: false }).first().fill('Tonghu!2026pw');
    await page.getByLabel('再次输入密码').fill('Tonghu!2026pw');
    await page.getByRole('button', { name: '创建并加密数据库' }).click();
    const codeBox = page.getByTestId('recovery-code');
    await expect(codeBox).toBeVisible({ timeout: 60_000 });
    const code = (await codeBox.getAttribute('aria-label'))!;
    // Whole: every group visible, no horizontal scrolling.
    for (const group of code.split('-')) await expect(codeBox.getByText(group, { exact: true })).toBeInViewport();
    expect(await codeBox.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await expect(page.getByTestId('recovery-id')).toHaveText(code.slice(0, 5));

    await page.reload();
    await start.login();
    await expect(page.getByTestId('recovery-code')).toHaveAttribute('aria-label', code);
    await start.confirmRecoveryCode();
    await expect(page.getByRole('heading', { name: /您好/ })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: /您好/ })).toBeVisible();
    await expect(page.getByTestId('recovery-code')).toHaveCount(0);
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

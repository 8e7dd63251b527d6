import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ChildrenPages, StartPages } from './pages/app-pages';
import { folderFingerprint, freshDataDir, startHost } from './support/host';

const PASSPHRASE = 'e2e passphrase for the key';

test('first run → administrator → login → add a child → restart → the child is still there', async ({ page }, testInfo) => {
  const dataDir = freshDataDir(testInfo.testId);
  let host = await startHost(dataDir, PASSPHRASE);
  try {
    await page.goto(host.url);
    const start = new StartPages(page);
    const code = await start.completeSetup();
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    await start.login();
    await expect(page.getByRole('heading', { name: /王管理，您好/ })).toBeVisible();

    const children = new ChildrenPages(page);
    await children.open();
    await expect(page.getByText('还没有登记儿童')).toBeVisible();
    await children.register({ name: '张小明', sex: '男', birthDate: '2015-03-07', idNumber: '310101201503070015' });
    await expect(page.getByRole('heading', { name: '张小明' })).toBeVisible();
    await children.open();
    await expect(children.rows().filter({ hasText: '张小明' })).toHaveCount(1);
    await testInfo.attach('children-list', { body: await page.screenshot(), contentType: 'image/png' });

    await host.stop();
    host = await startHost(dataDir, PASSPHRASE);
    await page.goto(host.url);
    await new StartPages(page).login();
    await children.open();
    await children.search('zxm');
    await expect(children.rows().filter({ hasText: '张小明' })).toHaveCount(1);
    await expect(children.rows().filter({ hasText: '310101201503070015' })).toHaveCount(1);
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('field errors are shown next to the field in Chinese and a failed save keeps the input', async ({ page }, testInfo) => {
  const dataDir = freshDataDir(testInfo.testId);
  const host = await startHost(dataDir, PASSPHRASE);
  try {
    await page.goto(host.url);
    const start = new StartPages(page);
    await start.completeSetup();
    await start.login();
    const children = new ChildrenPages(page);
    await children.open();
    await children.register({ name: '李四', sex: '女', birthDate: '2015-03-07', idNumber: '310101201503070017' });
    const dialog = page.getByRole('dialog', { name: '登记儿童' });
    await expect(dialog.getByText('身份证号校验位不正确，请核对')).toBeVisible();
    await expect(dialog.getByLabel('姓名')).toHaveValue('李四');
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a wrong passphrase gives a clear message and leaves the data folder unchanged', async ({ page }, testInfo) => {
  const dataDir = freshDataDir(testInfo.testId);
  let host = await startHost(dataDir, PASSPHRASE);
  try {
    await page.goto(host.url);
    await new StartPages(page).completeSetup();
    await host.stop();
    const before = folderFingerprint(dataDir);

    host = await startHost(dataDir, 'not the passphrase at all');
    await page.goto(host.url);
    await expect(page.getByTestId('unlock-problem')).toContainText('数据库口令不正确');
    await testInfo.attach('wrong-passphrase', { body: await page.screenshot(), contentType: 'image/png' });
    await page.getByRole('textbox', { name: '数据库口令' }).fill('still wrong passphrase');
    await page.getByRole('button', { name: '打开' }).click();
    await expect(page.getByText('口令不正确，数据未被改动')).toBeVisible();
    await host.stop();
    expect(folderFingerprint(dataDir)).toEqual(before);

    host = await startHost(dataDir, PASSPHRASE);
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

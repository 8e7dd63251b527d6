/**
 * Issue 18 item 1, the dialogs that were plain Mantine modals: the discharge dialog (a form, then a
 * review step) and the database key change ask before Esc, × or 取消 throws away what was typed.
 */
import { type Page, expect } from '@playwright/test';
import { type Account, createAccount, signInAs } from './accounts';
import { invoke } from './api';

const DISCHARGER: Account = { username: 'discard.cw', displayName: '吴社工', roles: ['caseworker'] };

const ask = (page: Page) => page.getByRole('alertdialog', { name: '放弃未保存的内容？' });

export async function statusAndKeyDialogsAsk(page: Page, url: string): Promise<void> {
  // The key change (the administrator's, signed in already): the typed password is not dropped on Esc.
  await page.goto(`${url}#/admin/key`);
  await page.getByRole('button', { name: '更换密钥' }).click();
  const keyDialog = page.getByRole('dialog', { name: '更换数据库密钥' });
  await keyDialog.getByLabel('登录密码').fill('typed but not sent');
  await page.keyboard.press('Escape');
  await expect(ask(page)).toBeVisible();
  await ask(page).getByRole('button', { name: '继续填写' }).click();
  await expect(keyDialog.getByLabel('登录密码')).toHaveValue('typed but not sent');
  await keyDialog.getByRole('button', { name: '取消' }).click();
  await expect(ask(page)).toBeVisible();
  await ask(page).getByRole('button', { name: '放弃更改' }).click();
  await expect(keyDialog).toBeHidden();
  // Nothing typed: it closes at once.
  await page.getByRole('button', { name: '更换密钥' }).click();
  await expect(keyDialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(keyDialog).toBeHidden();

  // Discharge (a caseworker's): Esc on the form asks, and so does Esc on the review step.
  await createAccount(page, DISCHARGER);
  await signInAs(page, DISCHARGER);
  const child = await invoke<{ id: number }>(page, 'children:create', { name: '沈小川', sex: 'male', birthDate: '2014-06-02', idNumber: null, admissionDate: '2016-01-01' });
  await page.goto(`${url}#/children/${child.id}`);
  await page.getByRole('button', { name: '在院状态' }).click();
  await page.getByRole('menuitem', { name: '办理离院' }).click();
  const discharge = page.getByRole('dialog', { name: '办理离院' });
  await discharge.getByLabel('说明').fill('收养登记证号 沪收2026-017');
  await page.keyboard.press('Escape');
  await expect(ask(page)).toBeVisible();
  await ask(page).getByRole('button', { name: '继续填写' }).click();
  await expect(discharge.getByLabel('说明')).toHaveValue('收养登记证号 沪收2026-017');
  await discharge.getByLabel('离院原因').click();
  await page.getByRole('option', { name: '收养' }).click();
  await discharge.getByRole('button', { name: '下一步：核对' }).click();
  await expect(discharge.getByRole('button', { name: '确认离院' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(ask(page)).toBeVisible();
  await ask(page).getByRole('button', { name: '继续填写' }).click();
  await discharge.getByRole('button', { name: '返回修改' }).click();
  await expect(discharge.getByLabel('说明')).toHaveValue('收养登记证号 沪收2026-017');
  await discharge.getByRole('button', { name: '取消' }).click();
  await ask(page).getByRole('button', { name: '放弃更改' }).click();
  await expect(discharge).toBeHidden();
  // Discarded on purpose: the next discharge starts empty, and the child is still in care.
  await page.getByRole('button', { name: '在院状态' }).click();
  await page.getByRole('menuitem', { name: '办理离院' }).click();
  await expect(discharge.getByLabel('说明')).toHaveValue('');
  await expect(page.getByTestId('child-status').first()).toHaveText('在院');
}

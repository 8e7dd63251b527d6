import { type Page, expect } from '@playwright/test';
import { StartPages } from '../pages/app-pages';
import { invokeRaw } from './api';

export type Account = { username: string; displayName: string; roles: string[] };

const FIRST_PASSWORD = 'F1rst!password-2026';
const OWN_PASSWORD = 'Own!password-2026x';

/** The administrator (signed in on `page`) creates an account; nobody is signed out. Returns its id. */
export async function createAccount(page: Page, account: Account): Promise<number> {
  const created = await invokeRaw(page, 'users:create', { ...account, password: FIRST_PASSWORD });
  expect(created.ok, JSON.stringify(created.error)).toBe(true);
  return (created.value as { id: number }).id;
}

/** Signs out whoever is signed in and signs `account` in, setting their own password at the first sign-in. */
export async function signInAs(page: Page, account: Account): Promise<void> {
  await page.getByRole('button', { name: '当前用户' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await new StartPages(page).login(account.username, FIRST_PASSWORD);
  await page.getByLabel('当前密码').fill(FIRST_PASSWORD);
  await page.getByLabel('新密码', { exact: true }).fill(OWN_PASSWORD);
  await page.getByLabel('再次输入新密码').fill(OWN_PASSWORD);
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByRole('button', { name: '当前用户' })).toContainText(account.displayName);
}

/** Signs out and signs an account in again (its own password already set). */
export async function signInAgain(page: Page, account: Account): Promise<void> {
  await page.getByRole('button', { name: '当前用户' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await new StartPages(page).login(account.username, OWN_PASSWORD);
  await expect(page.getByRole('button', { name: '当前用户' })).toContainText(account.displayName);
}

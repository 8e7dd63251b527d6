import { type Page, expect } from '@playwright/test';
import type { Role } from '../../../shared/contract/permissions';
import { invoke } from '../support/api';
import { StartPages } from './app-pages';

export type StaffMember = { displayName: string; username: string; password: string; roles: Role[] };

/** The password each staff member sets at the first sign-in (the first one is the administrator's). */
export const ownPassword = (member: StaffMember) => `${member.password}-own`;

/** Creates accounts through the administrator's channel (the administration page has its own tests). */
export async function addStaff(page: Page, members: StaffMember[]): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const m of members) {
    const user = await invoke<{ id: number }>(page, 'users:create', { username: m.username, displayName: m.displayName, password: m.password, roles: m.roles });
    ids[m.username] = user.id;
  }
  return ids;
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '当前用户' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
}

/** Signs in as a staff member, setting their own password at the first sign-in. */
export async function signInAs(page: Page, member: StaffMember): Promise<void> {
  const start = new StartPages(page);
  // Signed in wherever the app opens (the page left at sign-out, or the dashboard).
  const changed = page.getByRole('button', { name: '当前用户' }).filter({ hasText: member.displayName });
  await start.login(member.username, ownPassword(member));
  const wrong = page.getByRole('alert').filter({ hasText: '用户名或密码不正确' });
  await expect(changed.or(wrong)).toBeVisible();
  if (await changed.isVisible()) return;
  await start.login(member.username, member.password);
  await expect(page.getByRole('heading', { name: '修改密码' })).toBeVisible();
  await page.getByLabel('当前密码').fill(member.password);
  await page.getByLabel('新密码', { exact: true }).fill(ownPassword(member));
  await page.getByLabel('再次输入新密码').fill(ownPassword(member));
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(changed).toBeVisible();
}

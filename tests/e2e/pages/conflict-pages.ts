import { type Page, expect } from '@playwright/test';
import { StartPages } from './app-pages';

const FIRST_PASSWORD = 'F1rst!password-2026';
const OWN_PASSWORD = 'Own!password-2026x';

/** One person at one desk (a browser context of their own): signs in, opens a child, edits the particulars. */
export class DeskPage {
  constructor(readonly page: Page) {}

  /** First sign-in of an account the administrator made: sets the person's own password. */
  async firstSignIn(url: string, username: string, displayName: string): Promise<void> {
    const p = this.page;
    await p.goto(url);
    await new StartPages(p).login(username, FIRST_PASSWORD);
    await p.getByLabel('当前密码').fill(FIRST_PASSWORD);
    await p.getByLabel('新密码', { exact: true }).fill(OWN_PASSWORD);
    await p.getByLabel('再次输入新密码').fill(OWN_PASSWORD);
    await p.getByRole('button', { name: '修改密码' }).click();
    await expect(p.getByRole('button', { name: '当前用户' })).toContainText(displayName);
  }

  /** Opens the child's page by its address (the app routes by hash). */
  async openChild(url: string, childId: number): Promise<void> {
    await this.page.goto(`${url}#/children/${childId}`);
    await expect(this.page.getByRole('tab', { name: '基本信息' })).toBeVisible();
  }

  async startEditingProfile(): Promise<void> {
    await this.page.getByRole('button', { name: '编辑' }).first().click();
    await expect(this.page.getByRole('heading', { name: '编辑基本信息' })).toBeVisible();
  }

  field(label: string) {
    return this.page.getByLabel(label, { exact: true }).and(this.page.locator('input, textarea'));
  }

  /** Picks an option of a select field (民族 is a list of the 56 groups). */
  async choose(label: string, option: string): Promise<void> {
    await this.page.getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: '保存', exact: true }).click();
  }

  /** The discharge dialog from the child page's header (在院状态 → 办理离院). */
  async openDischarge() {
    await this.page.getByRole('button', { name: '在院状态' }).click();
    await this.page.getByRole('menuitem', { name: '办理离院' }).click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    return dialog;
  }

  conflictView() {
    return this.page.getByTestId('conflict-view');
  }
}

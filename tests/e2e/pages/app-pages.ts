import { type Page, expect } from '@playwright/test';

export const ADMIN = { institution: '上海市儿童福利院', name: '王管理', username: 'admin', password: 'Tonghu!2026pw' };

/** Page model for the pages before sign-in. */
export class StartPages {
  constructor(readonly page: Page) {}

  async completeSetup(options: { loadDemo?: boolean; backupFolder?: string } = {}): Promise<string> {
    const p = this.page;
    await expect(p.getByRole('heading', { name: '首次设置' })).toBeVisible();
    await p.getByLabel('机构名称').fill(ADMIN.institution);
    await p.getByLabel('管理员姓名').fill(ADMIN.name);
    await p.getByLabel('登录用户名').fill(ADMIN.username);
    await p.getByLabel('登录密码', { exact: false }).first().fill(ADMIN.password);
    await p.getByLabel('再次输入密码').fill(ADMIN.password);
    if (options.backupFolder) await p.getByLabel('备份文件夹').fill(options.backupFolder);
    if (options.loadDemo) await p.getByLabel(/载入演示数据/).check();
    await p.getByRole('button', { name: '创建并加密数据库' }).click();
    return this.confirmRecoveryCode();
  }

  /** The recovery code sheet: reads the whole code and types back the group it asks for. */
  async confirmRecoveryCode(): Promise<string> {
    const p = this.page;
    await expect(p.getByRole('heading', { name: '恢复码（请打印并妥善保管）' }).first()).toBeVisible({ timeout: 60_000 });
    const code = (await p.getByTestId('recovery-code').getAttribute('aria-label'))!.trim();
    const field = p.getByLabel(/请输入第 \d 组/);
    const group = Number(await field.getAttribute('data-group'));
    await field.fill(code.split('-')[group - 1]!);
    await p.getByRole('button', { name: '我已打印并保存恢复码' }).click();
    return code;
  }

  async login(username = ADMIN.username, password = ADMIN.password): Promise<void> {
    const p = this.page;
    await expect(p.getByRole('heading', { name: '登录' })).toBeVisible();
    await p.getByLabel('用户名').fill(username);
    await p.getByLabel('密码').fill(password);
    await p.getByRole('button', { name: '登录' }).click();
  }
}

/** Page model for the children list and the registration form. */
export class ChildrenPages {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: '儿童档案' }).click();
    await expect(this.page.getByRole('heading', { name: '儿童档案' })).toBeVisible();
  }

  async register(child: { name: string; sex: '男' | '女'; birthDate: string; idNumber?: string }): Promise<void> {
    const p = this.page;
    await p.getByRole('button', { name: '登记儿童' }).click();
    const dialog = p.getByRole('dialog', { name: '登记儿童' });
    await dialog.getByLabel('姓名').fill(child.name);
    await dialog.getByText(child.sex, { exact: true }).click();
    await dialog.getByLabel('出生日期').fill(child.birthDate);
    await dialog.getByLabel('出生日期').press('Tab');
    if (child.idNumber) await dialog.getByLabel('身份证号').fill(child.idNumber);
    await dialog.getByRole('button', { name: '保存' }).click();
  }

  async search(query: string): Promise<void> {
    await this.page.getByRole('textbox', { name: '搜索' }).fill(query);
  }

  rows() {
    return this.page.getByRole('table', { name: '儿童档案' }).getByRole('row');
  }
}

import { type Page, expect } from '@playwright/test';

export type Ticket = { address: string; code: string; groups: string };

/** Page model for 系统管理 → 工作站 on the data host. */
export class DeskAdminPages {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto(`${new URL(this.page.url()).origin}/#/admin/desks`);
    await expect(this.page.getByRole('heading', { name: '数据主机' })).toBeVisible();
  }

  async turnOn(address: string, port: number): Promise<void> {
    const p = this.page;
    await p.getByRole('textbox', { name: '监听地址' }).fill(address);
    await p.getByRole('textbox', { name: '端口' }).fill(String(port));
    await p.getByRole('button', { name: '开启数据主机' }).click();
    await expect(p.getByTestId('listener-state')).toContainText(`已开启：${address}:${port}`);
    await expect(p.getByTestId('desk-mode')).toHaveText('数据主机');
  }

  /** ⋯ → 改名: an empty name is refused beside the field; a new one is saved and listed. */
  async rename(from: string, to: string): Promise<void> {
    const p = this.page;
    await p.getByRole('button', { name: `操作 ${from}` }).click();
    await p.getByRole('menuitem', { name: '改名' }).click();
    const dialog = p.getByRole('dialog', { name: '工作站改名' });
    const name = dialog.getByRole('textbox', { name: '名称' });
    await expect(name).toHaveValue(from);
    await name.fill('');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText('请填写工作站名称')).toBeVisible();
    await name.fill(to);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(p.getByRole('table', { name: '工作站' })).toContainText(to);
  }

  /** 添加工作站: what the administrator reads out to the new desk. */
  async addWorkstation(): Promise<Ticket> {
    const p = this.page;
    await p.getByRole('button', { name: '添加工作站' }).click();
    const dialog = p.getByRole('dialog', { name: '添加工作站' });
    const ticket = {
      address: (await dialog.getByTestId('ticket-address').innerText()).trim(),
      code: (await dialog.getByTestId('ticket-code').innerText()).trim(),
      groups: (await dialog.getByTestId('ticket-fingerprint').getAttribute('aria-label')) ?? '',
    };
    await dialog.getByRole('button', { name: '完成' }).click();
    await expect(dialog).toBeHidden();
    return ticket;
  }
}

/** Page model for a new workstation's first run: 连接本院数据主机. */
export class ConnectPages {
  constructor(readonly page: Page) {}

  /** Looks at the fingerprint, compares it with the one read out, and only then sends the name and code. */
  async enroll(ticket: Ticket, name: string): Promise<void> {
    const p = this.page;
    await expect(p.getByRole('heading', { name: '连接本院数据主机' })).toBeVisible();
    await p.getByRole('textbox', { name: '数据主机地址' }).fill(ticket.address);
    await p.getByRole('button', { name: '查看证书指纹' }).click();
    await expect(p.getByTestId('seen-fingerprint')).toHaveAttribute('aria-label', ticket.groups);
    await p.getByRole('button', { name: '指纹一致，继续' }).click();
    await p.getByRole('textbox', { name: '这台工作站的名称' }).fill(name);
    await p.getByRole('textbox', { name: '配对码' }).fill(ticket.code);
    await p.getByRole('button', { name: '连接', exact: true }).click();
    await expect(p.getByRole('heading', { name: '登录' })).toBeVisible();
  }
}

import { type Locator, type Page, expect } from '@playwright/test';

/** Page model for a child's page: the header, the tabs, and the record's forms (dialogs). */
export class RecordPages {
  constructor(readonly page: Page) {}

  header(): Locator {
    return this.page.getByTestId('child-header');
  }

  async openTab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
    await expect(this.page.getByRole('tab', { name, selected: true })).toBeVisible();
  }

  /** The open form dialog. */
  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** Chooses an option of a Select by its label. */
  async choose(scope: Locator, label: string, option: string): Promise<void> {
    await scope.getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Types a date (YYYY-MM-DD) into a date field and leaves it. */
  async date(scope: Locator, label: string, value: string): Promise<void> {
    const input = scope.getByRole('textbox', { name: label, exact: true });
    await input.fill(value);
    await input.press('Tab');
  }

  async text(scope: Locator, label: string, value: string): Promise<void> {
    await scope.getByRole('textbox', { name: label, exact: true }).fill(value);
  }

  /** Saves the open dialog and waits for it to close. */
  async save(): Promise<void> {
    const dialog = this.dialog();
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toHaveCount(0);
  }

  /** Closes the "saved" notifications (queued ones come in as others close), so a screenshot shows the page. */
  async clearNotifications(): Promise<void> {
    const close = this.page.locator('.mantine-Notification-closeButton');
    await expect(async () => {
      for (const button of await close.all()) await button.click({ timeout: 1_000 }).catch(() => undefined);
      expect(await close.count()).toBe(0);
    }).toPass({ timeout: 20_000 });
  }

  /** A section's table (by its title). */
  table(name: string): Locator {
    return this.page.getByRole('table', { name });
  }

  rows(table: string): Locator {
    return this.table(table).getByRole('row');
  }
}

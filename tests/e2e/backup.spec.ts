import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { readMigrations } from '../../db/migrate';
import { openDatabase } from '../../db/open';
import { createKeyStore, passphraseSealer } from '../../electron/services/keys/key-store';
import { MIGRATIONS_DIR } from '../helpers/temp-db';
import { ChildrenPages, StartPages } from './pages/app-pages';
import { invoke } from './support/api';
import { freshDataDir, startHost } from './support/host';

const PASSPHRASE = 'e2e passphrase for backups';

test('an administrator restores an earlier backup: the child added since is gone, the current database is kept aside', async ({ page }, testInfo) => {
  const dataDir = freshDataDir(testInfo.testId);
  const backupDir = join(mkdtempSync(join(tmpdir(), 'tonghu-e2e-usb-')), 'backups');
  const host = await startHost(dataDir, PASSPHRASE);
  try {
    await page.goto(host.url);
    const start = new StartPages(page);
    await start.completeSetup();
    await start.login();
    await invoke(page, 'children:create', { name: '备份前', sex: 'female', birthDate: '2016-05-01', idNumber: null });

    await page.goto(`${host.url}#/admin/backups`);
    await page.getByLabel('备份文件夹').fill(backupDir);
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('备份设置已保存')).toBeVisible();
    await page.getByRole('button', { name: '立即备份' }).click();
    const row = page.getByRole('table', { name: /备份/ }).getByRole('row').nth(1);
    await expect(row).toContainText('tonghu-');
    await testInfo.attach('backups', { body: await page.screenshot(), contentType: 'image/png' });

    await invoke(page, 'children:create', { name: '备份后', sex: 'male', birthDate: '2017-06-01', idNumber: null });
    await row.getByRole('button', { name: '恢复' }).click();
    const dialog = page.getByRole('dialog', { name: '从备份恢复' });
    await dialog.getByRole('button', { name: '确认恢复' }).click();
    await expect(dialog.getByText('请输入“恢复”', { exact: true })).toBeVisible();
    await dialog.getByLabel('请输入“恢复”两字以确认').fill('恢复');
    await dialog.getByRole('button', { name: '确认恢复' }).click();

    // Everyone signs in again; the restored database has the first child and not the second.
    await start.login();
    const children = new ChildrenPages(page);
    await children.open();
    await expect(children.rows().filter({ hasText: '备份前' })).toHaveCount(1);
    await expect(children.rows().filter({ hasText: '备份后' })).toHaveCount(0);
    const aside = readdirSync(dataDir).filter((n) => n.startsWith('replaced-'));
    expect(aside).toHaveLength(1);
    expect(readdirSync(join(dataDir, aside[0]!))).toContain('tonghu.db');
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(join(backupDir, '..'), { recursive: true, force: true });
  }
});

test('the audit page names a row altered directly in the database file', async ({ page }, testInfo) => {
  const dataDir = freshDataDir(testInfo.testId);
  let host = await startHost(dataDir, PASSPHRASE);
  try {
    await page.goto(host.url);
    const start = new StartPages(page);
    await start.completeSetup();
    await start.login();
    await invoke(page, 'children:create', { name: '审计样本', sex: 'female', birthDate: '2015-01-01', idNumber: null });
    await host.stop();

    // Test-only tampering, with the key the passphrase unseals: lift the append-only triggers, change a row, put them back.
    const { key, keyCheck } = createKeyStore(join(dataDir, 'keystore.json')).unlock(passphraseSealer(PASSPHRASE));
    const db = openDatabase({ file: join(dataDir, 'tonghu.db'), key, keyCheck, migrations: readMigrations(MIGRATIONS_DIR) });
    const target = db.sqlite.prepare("SELECT id FROM audit_log WHERE action = 'child.create'").get() as { id: number };
    const triggers = db.sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string; sql: string }[];
    for (const t of triggers) db.sqlite.exec(`DROP TRIGGER "${t.name}"`);
    db.sqlite.prepare('UPDATE audit_log SET detail = ? WHERE id = ?').run('{"forged":true}', target.id);
    for (const t of triggers) db.sqlite.exec(t.sql);
    db.close();

    host = await startHost(dataDir, PASSPHRASE);
    await page.goto(host.url);
    await start.login();
    await page.goto(`${host.url}#/admin/audit`);
    await page.getByRole('button', { name: '验证完整性' }).click();
    await expect(page.getByText(new RegExp(`审计日志不完整：第 ${target.id} 条记录`))).toBeVisible();
    await testInfo.attach('audit-broken', { body: await page.screenshot(), contentType: 'image/png' });
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

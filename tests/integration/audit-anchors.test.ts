/**
 * Issue 15 item 3: the audit chain anchored outside the database. Someone with the key drops the
 * triggers, rewrites a row and recomputes every hash (or cuts the last rows, or wipes the log):
 * `audit:verify` and the start compare the live chain with the heads kept beside the sealed key and in
 * each backup's record and name the first row where they part. A database whose append-only triggers
 * are gone is refused at open. Real encrypted files in a temp folder.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../../db/migrate';
import { type SqliteDb, openDatabase } from '../../db/open';
import type { AppHost } from '../../electron/host/app-host';
import { auditHead, checkAuditHead } from '../../electron/services/audit/audit';
import { createKeyStore, passphraseSealer } from '../../electron/services/keys/key-store';
import type { AppStatus } from '../../shared/contract/app';
import type { AuditVerifyResult } from '../../shared/contract/audit';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp-db';
import { asRead, ADMIN, PASSPHRASE, type TestClock, makeHost, ok, setupAndLogin, snapshotFolder, testClock } from './support/host';

const TRIGGERS = `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`;

let t: { dir: string; cleanup: () => void };
let dataDir: string;
let usb: string;
let clock: TestClock;
const hosts: AppHost[] = [];

function start(): AppHost {
  const h = makeHost(dataDir, { clock });
  hosts.push(h);
  return h;
}

/** What an attacker holding the passphrase can do with the file while the app is stopped. */
function tamper(fn: (sqlite: SqliteDb) => void, keepTriggers = true): void {
  const { key, keyCheck } = createKeyStore(join(dataDir, 'keystore.json')).unlock(passphraseSealer(PASSPHRASE));
  const opened = openDatabase({ file: join(dataDir, 'tonghu.db'), key, keyCheck, migrations: readMigrations(MIGRATIONS_DIR) });
  opened.sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  fn(opened.sqlite);
  if (keepTriggers) opened.sqlite.exec(TRIGGERS);
  opened.close();
}

type Row = { id: number; at: string; user_id: number | null; username: string | null; action: string; entity: string | null; entity_id: number | null; child_id: number | null; detail: string | null; prev_hash: string; hash: string };

/** Rewrites one row's detail and recomputes every hash from there on, as the app computes them. */
function rewriteRow(sqlite: SqliteDb, position: number): void {
  const rows = sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
  let prev = position > 1 ? rows[position - 2]!.hash : '0'.repeat(64);
  for (let i = position - 1; i < rows.length; i += 1) {
    const row = rows[i]!;
    const detail = i === position - 1 ? JSON.stringify({ rewritten: true }) : row.detail;
    const hash = createHash('sha256')
      .update(JSON.stringify([prev, row.at, row.user_id, row.username, row.action, row.entity, row.entity_id, row.child_id, detail]))
      .digest('hex');
    sqlite.prepare('UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?').run(detail, prev, hash, row.id);
    prev = hash;
  }
}

let made = 0;
async function activity(h: AppHost, n: number) {
  for (let i = 0; i < n; i += 1) {
    made += 1;
    ok(await h.router.dispatch('c1', 'children:create', { name: `王小红${made}`, sex: 'female', birthDate: '2015-03-04', idNumber: null }));
  }
}

beforeEach(() => {
  t = tempDir('tonghu-anchor-');
  dataDir = join(t.dir, 'data');
  mkdirSync(join(t.dir, 'usb'));
  usb = join(t.dir, 'usb', 'b');
  clock = testClock();
});

afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
  t.cleanup();
});

/** Two backups (their heads in the sidecars), more activity, a clean shutdown (the head beside the key). */
async function history(): Promise<{ firstBackupRows: number; secondBackupRows: number; shutdownRows: number }> {
  const h = start();
  await setupAndLogin(h);
  ok(await h.router.dispatch('c1', 'backup:settings', asRead(h, 'backup:settings', { folder: usb, dailyAt: null, keep: 30 })));
  await activity(h, 3);
  const firstBackupRows = auditHead(h.core.context(null).sqlite).count;
  ok(await h.router.dispatch('c1', 'backup:run', null));
  clock.advance(61_000);
  await activity(h, 3);
  const secondBackupRows = auditHead(h.core.context(null).sqlite).count;
  ok(await h.router.dispatch('c1', 'backup:run', null));
  await activity(h, 2);
  h.close();
  const { readAnchor } = createKeyStore(join(dataDir, 'keystore.json'));
  return { firstBackupRows, secondBackupRows, shutdownRows: readAnchor()!.count };
}

async function verifyAs(h: AppHost): Promise<AuditVerifyResult> {
  ok(await h.router.dispatch('c1', 'auth:login', ADMIN));
  return ok<AuditVerifyResult>(await h.router.dispatch('c1', 'audit:verify', {}));
}

describe('audit anchors', () => {
  it('an untouched chain agrees with every anchor (key store and each backup)', async () => {
    await history();
    const h = start();
    const result = await verifyAs(h);
    expect(result).toMatchObject({ ok: true });
    expect(result.anchors).toBe(3);
    expect(ok<AppStatus>(await h.router.dispatch('c1', 'app:status', null)).auditWarning).toBeNull();
  });

  it('a rewritten row with every hash recomputed: the chain alone says ok, the anchors name where it parts', async () => {
    const { firstBackupRows, secondBackupRows } = await history();
    tamper((sqlite) => rewriteRow(sqlite, firstBackupRows + 2));
    const h = start();
    const result = await verifyAs(h);
    expect(result.ok).toBe(false);
    expect(result.firstPartingRow).toBe(firstBackupRows + 1);
    expect(result.reason).toContain(`第 ${firstBackupRows + 1}–${secondBackupRows} 行之间`);
    // Shown to the administrator from the start.
    const status = ok<AppStatus>(await h.router.dispatch('c1', 'app:status', null));
    expect(status.auditWarning).toContain('审计记录');
  });

  it('a row removed from the middle with the rest re-chained: the anchors after it disagree', async () => {
    const { firstBackupRows, secondBackupRows } = await history();
    tamper((sqlite) => {
      const victim = sqlite.prepare('SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET ?').get(firstBackupRows + 1) as { id: number };
      sqlite.prepare('DELETE FROM audit_log WHERE id = ?').run(victim.id);
      rewriteRow(sqlite, firstBackupRows + 2);
    });
    const h = start();
    expect(h.core.auditWarning()).toContain(`第 ${firstBackupRows + 1}–${secondBackupRows} 行之间`);
    const result = await verifyAs(h);
    expect(result.ok).toBe(false);
  });

  it('cut rows: names the first missing row', async () => {
    const { shutdownRows } = await history();
    tamper((sqlite) => sqlite.prepare('DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT 3)').run());
    const h = start();
    // At open, before anything new is appended: exactly the first missing row.
    expect(h.core.auditWarning()).toContain(`第 ${shutdownRows - 2} 行起的审计记录被删除`);
    // Later (rows appended since, here the sign-in), still refused as cut.
    const result = await verifyAs(h);
    expect(result.ok).toBe(false);
    expect(result.reason).toContain('被删除');
  });

  it('a wiped log is named as such', async () => {
    await history();
    tamper((sqlite) => sqlite.exec('DELETE FROM audit_log'));
    const h = start();
    expect(h.core.auditWarning()).toContain('清空');
  });

  it('missing append-only triggers: the start refuses the database and says so; the folder is unchanged', async () => {
    await history();
    tamper(() => undefined, false);
    const before = snapshotFolder(dataDir);
    const h = start();
    const status = ok<AppStatus>(await h.router.dispatch('c1', 'app:status', null));
    expect(status.phase).toBe('error');
    expect(status.problem?.code).toBe('audit_triggers_missing');
    expect(status.problem?.message).toMatch(/触发器.*拒绝打开/);
    h.close();
    expect(snapshotFolder(dataDir)).toEqual(before);
  });

  it('a trigger replaced by a harmless one of the same name is refused too', async () => {
    await history();
    tamper((sqlite) => sqlite.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`), false);
    const h = start();
    expect(h.core.problem()?.code).toBe('audit_triggers_missing');
  });

  it('a printed checkpoint (head, count, date) checks against the live chain with the exported checkAuditHead', async () => {
    const h = start();
    await setupAndLogin(h);
    await activity(h, 2);
    const checkpoint = ok<{ hash: string; count: number; at: string; institutionName: string; verified: boolean }>(await h.router.dispatch('c1', 'audit:checkpoint', null));
    expect(checkpoint).toMatchObject({ institutionName: '上海市儿童福利院', verified: true });
    expect(checkpoint.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(checkAuditHead(h.core.context(null).sqlite, checkpoint)).toEqual({ ok: true });
    await activity(h, 1);
    expect(checkAuditHead(h.core.context(null).sqlite, checkpoint)).toEqual({ ok: true });
    h.close();
    tamper((sqlite) => rewriteRow(sqlite, 2));
    const after = start();
    const check = checkAuditHead(after.core.context(null).sqlite, checkpoint);
    expect(check.ok === false && check.kind).toBe('rewritten');
    expect(checkAuditHead(after.core.context(null).sqlite, { hash: checkpoint.hash, count: 10_000 })).toMatchObject({ ok: false, kind: 'cut' });
  });
});

/**
 * Issue 7, the key: changing the database key (rekey outside WAL), a new recovery code that replaces
 * the old one, crash safety between the rekey and the key store's rename, and a lost keychain opened
 * with the recovery code.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../../db/migrate';
import { openDatabase, verifyDatabase } from '../../db/open';
import type { AppHost } from '../../electron/host/app-host';
import type { AppStatus } from '../../shared/contract/app';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp-db';
import { ADMIN, PASSPHRASE, makeHost, ok, snapshotFolder } from './support/host';

const CHILD = '陈小雨';
const migrations = readMigrations(MIGRATIONS_DIR);

let t: { dir: string; cleanup: () => void };
let dataDir: string;
let host: AppHost;
let recoveryCode: string;

class SimulatedCrash extends Error {}

async function childNames(h: AppHost, connection = 'c1'): Promise<string[]> {
  return ok<{ rows: { name: string }[] }>(await h.router.dispatch(connection, 'children:list', {})).rows.map((r) => r.name);
}

function opensWith(key: Buffer, keyCheck: string): boolean {
  try {
    const opened = openDatabase({ file: join(dataDir, 'tonghu.db'), key, keyCheck, migrations });
    opened.close();
    return true;
  } catch {
    return false;
  }
}

beforeEach(async () => {
  t = tempDir();
  dataDir = join(t.dir, 'data');
  host = makeHost(dataDir);
  const setup = await host.router.dispatch('c0', 'app:setup', {
    institutionName: '上海市儿童福利院',
    displayName: '管理员',
    username: ADMIN.username,
    password: ADMIN.password,
    passphrase: null,
    loadDemo: false,
  });
  recoveryCode = ok<{ recoveryCode: string }>(setup).recoveryCode;
  ok(await host.router.dispatch('c1', 'auth:login', ADMIN));
  ok(await host.router.dispatch('c1', 'children:create', { name: CHILD, sex: 'female', birthDate: '2016-05-06', idNumber: null }));
});

afterEach(() => {
  host.close();
  t.cleanup();
});

describe('key:change', () => {
  it('needs the administrator password and the confirmation', async () => {
    const wrong = await host.router.dispatch('c1', 'key:change', { password: 'not my password', confirm: true });
    expect(wrong.ok === false && wrong.error.code).toBe('bad_credentials');
    const unconfirmed = await host.router.dispatch('c1', 'key:change', { password: ADMIN.password, confirm: false });
    expect(unconfirmed.ok === false && unconfirmed.error.code).toBe('invalid_input');
    expect(existsSync(join(dataDir, 'keystore.json.new'))).toBe(false);
  });

  it('old key no longer opens the database, the new one does; data intact; WAL back on; new recovery code works, old one does not', async () => {
    const old = host.core.keyMaterial();
    const result = ok<{ recoveryCode: string }>(await host.router.dispatch('c1', 'key:change', { password: ADMIN.password, confirm: true }));
    expect(result.recoveryCode).not.toBe(recoveryCode);
    const fresh = host.core.keyMaterial();
    expect(fresh.key.equals(old.key)).toBe(false);
    const sqlite = host.core.context(null).sqlite;
    expect(String(sqlite.pragma('journal_mode', { simple: true }))).toBe('wal');
    expect(await childNames(host)).toEqual([CHILD]);
    expect(sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'key.changed'`).get()).toEqual({ n: 1 });
    expect(existsSync(join(dataDir, 'keystore.json.new'))).toBe(false);
    ok(await host.router.dispatch('c1', 'children:create', { name: '新增儿童', sex: 'male', birthDate: '2017-01-02', idNumber: null }));
    host.close();

    expect(opensWith(old.key, old.keyCheck)).toBe(false);
    expect(opensWith(fresh.key, fresh.keyCheck)).toBe(true);
    const verify = openDatabase({ file: join(dataDir, 'tonghu.db'), key: fresh.key, keyCheck: fresh.keyCheck, migrations });
    expect(verifyDatabase(verify.sqlite)).toEqual({ ok: true });
    verify.close();

    // The passphrase still opens (the new key is sealed with it).
    host = makeHost(dataDir);
    expect(host.core.phase()).toBe('ready');
    ok(await host.router.dispatch('c1', 'auth:login', ADMIN));
    expect((await childNames(host)).sort()).toEqual([CHILD, '新增儿童'].sort());
    host.close();

    // Lost passphrase/keychain: the old recovery code is refused, the new one opens.
    host = makeHost(dataDir, { passphrase: 'a passphrase that is not it' });
    expect(host.core.phase()).toBe('unlock');
    const oldCode = await host.router.dispatch('x', 'app:unlock', { method: 'recoveryCode', secret: recoveryCode });
    expect(oldCode.ok === false && oldCode.error.code).toBe('wrong_key');
    const status = ok<AppStatus>(await host.router.dispatch('x', 'app:unlock', { method: 'recoveryCode', secret: result.recoveryCode.toLowerCase() }));
    expect(status.phase).toBe('ready');
    ok(await host.router.dispatch('c1', 'auth:login', ADMIN));
    expect(await childNames(host)).toHaveLength(2);
  });

  it('a process that dies between the rekey and the key store rename still opens (with the new key) and finishes the change', async () => {
    const old = host.core.keyMaterial();
    expect(() =>
      host.core.changeKey({
        afterRekey: () => {
          throw new SimulatedCrash('killed between rekey and rename');
        },
      }),
    ).toThrow(SimulatedCrash);
    // The state a kill leaves: the database under the new key, keystore.json still the old one, .new beside it.
    expect(existsSync(join(dataDir, 'keystore.json.new'))).toBe(true);
    const newKey = host.core.keyMaterial();
    expect(newKey.key.equals(old.key)).toBe(false);
    host.close();
    expect(opensWith(old.key, old.keyCheck)).toBe(false);

    host = makeHost(dataDir);
    expect(host.core.phase()).toBe('ready');
    expect(host.core.keyMaterial().key.equals(newKey.key)).toBe(true);
    expect(existsSync(join(dataDir, 'keystore.json.new'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dataDir, 'keystore.json'), 'utf8')).keyCheck).toBe(newKey.keyCheck);
    ok(await host.router.dispatch('c1', 'auth:login', ADMIN));
    expect(await childNames(host)).toEqual([CHILD]);
    // The new recovery code may never have been shown: the key page is told so.
    expect(ok<{ recoveryUnseen: boolean }>(await host.router.dispatch('c1', 'key:status', null)).recoveryUnseen).toBe(true);
    // Changing the key again issues a code that is seen, and clears the flag.
    ok(await host.router.dispatch('c1', 'key:change', { password: ADMIN.password, confirm: true }));
    expect(ok<{ recoveryUnseen: boolean }>(await host.router.dispatch('c1', 'key:status', null)).recoveryUnseen).toBe(false);
  });

  it('a process that dies after writing keystore.json.new but before the rekey opens with the old key and drops the new one', async () => {
    const old = host.core.keyMaterial();
    expect(() =>
      host.core.changeKey({
        afterPrepare: () => {
          throw new SimulatedCrash('killed before rekey');
        },
      }),
    ).toThrow(SimulatedCrash);
    host.close();
    expect(existsSync(join(dataDir, 'keystore.json.new'))).toBe(true);
    host = makeHost(dataDir);
    expect(host.core.phase()).toBe('ready');
    expect(host.core.keyMaterial().key.equals(old.key)).toBe(true);
    expect(existsSync(join(dataDir, 'keystore.json.new'))).toBe(false);
    ok(await host.router.dispatch('c1', 'auth:login', ADMIN));
    expect(await childNames(host)).toEqual([CHILD]);
    // The old recovery code still works.
    host.close();
    host = makeHost(dataDir, { passphrase: 'wrong wrong wrong wrong' });
    ok(await host.router.dispatch('x', 'app:unlock', { method: 'recoveryCode', secret: recoveryCode }));
    expect(host.core.phase()).toBe('ready');
  });

  it('an interrupted change found by a start with the passphrase typed in the page (no host sealer) is finished too', async () => {
    expect(() =>
      host.core.changeKey({
        afterRekey: () => {
          throw new SimulatedCrash('killed');
        },
      }),
    ).toThrow(SimulatedCrash);
    host.close();
    host = makeHost(dataDir, { passphrase: 'not the one' });
    expect(host.core.phase()).toBe('unlock');
    ok(await host.router.dispatch('x', 'app:unlock', { method: 'passphrase', secret: PASSPHRASE }));
    expect(host.core.phase()).toBe('ready');
    expect(existsSync(join(dataDir, 'keystore.json.new'))).toBe(false);
  });
});

describe('lost keychain', () => {
  it('a start whose sealer cannot unseal asks for the recovery code; the code opens and reseals; nothing changes before', async () => {
    host.close();
    const before = snapshotFolder(dataDir);
    host = makeHost(dataDir, { passphrase: 'the keychain of another computer' });
    const status = ok<AppStatus>(await host.router.dispatch('x', 'app:status', null));
    expect(status.phase).toBe('unlock');
    expect(status.problem?.code).toBe('wrong_key');
    expect(snapshotFolder(dataDir)).toEqual(before);
    const wrong = await host.router.dispatch('x', 'app:unlock', { method: 'recoveryCode', secret: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE' });
    expect(wrong.ok === false && wrong.error.code).toBe('wrong_key');
    const opened = ok<AppStatus>(await host.router.dispatch('x', 'app:unlock', { method: 'recoveryCode', secret: recoveryCode }));
    expect(opened.phase).toBe('ready');
    ok(await host.router.dispatch('c1', 'auth:login', ADMIN));
    expect(await childNames(host)).toEqual([CHILD]);
    host.close();
    // Resealed with this machine's sealer: the next start opens by itself.
    host = makeHost(dataDir, { passphrase: 'the keychain of another computer' });
    expect(host.core.phase()).toBe('ready');
  });
});

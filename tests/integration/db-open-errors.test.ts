/**
 * Acceptance (issue 2) and fault tests (issue 7): wrong key → WrongKeyError; truncated or bit-flipped
 * file → DatabaseCorruptError; told apart; the file's bytes are unchanged afterwards and nothing is
 * deleted or recreated over it.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseCorruptError, WrongKeyError } from '../../db/errors';
import { keyCheckValue } from '../../db/key-check';
import { readMigrations } from '../../db/migrate';
import { openDatabase, verifyDatabase } from '../../db/open';
import { createKeyStore, passphraseSealer } from '../../electron/services/keys/key-store';
import type { AppStatus } from '../../shared/contract/app';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp-db';
import { ADMIN, PASSPHRASE, makeHost, ok, setupAndLogin, snapshotFolder } from './support/host';

const PAGE = 4096;
const migrations = readMigrations(MIGRATIONS_DIR);

let root: { dir: string; cleanup: () => void };
let source: string;
let key: Buffer;
let keyCheck: string;
let sourceSize: number;
let caseNo = 0;

beforeAll(() => {
  root = tempDir();
  source = join(root.dir, 'source', 'tonghu.db');
  key = randomBytes(32);
  keyCheck = keyCheckValue(key);
  const opened = openDatabase({ file: source, key, keyCheck: null, migrations });
  const insert = opened.sqlite.prepare(
    `INSERT INTO children (name, name_pinyin, name_initials, sex, birth_date, created_at, updated_at) VALUES (?, ?, ?, 'male', '2015-01-01', 'x', 'x')`,
  );
  opened.sqlite.transaction(() => {
    for (let i = 0; i < 2000; i += 1) insert.run(`儿童${i}`, `ertong${i}`, 'et');
  })();
  opened.close();
  sourceSize = statSync(source).size;
  // Enough pages that "half", "one page short" and "a later page" are all distinct cases.
  expect(sourceSize % PAGE).toBe(0);
  expect(sourceSize / PAGE).toBeGreaterThanOrEqual(20);
});
afterAll(() => root.cleanup());

/** A copy of the good database in its own folder, changed by `mutate`. */
function damagedCopy(mutate: (file: string) => void): { dir: string; file: string } {
  caseNo += 1;
  const dir = join(root.dir, `case-${caseNo}`);
  mkdirSync(dir, { mode: 0o700 });
  const file = join(dir, 'tonghu.db');
  copyFileSync(source, file);
  mutate(file);
  return { dir, file };
}

function flipByte(offset: number) {
  return (file: string) => {
    const bytes = readFileSync(file);
    bytes[offset] ^= 0x5a;
    writeFileSync(file, bytes);
  };
}

/** Runs `attempt` and asserts the folder (names, bytes, inodes) is exactly as before. */
function expectUntouched<T>(dir: string, attempt: () => T): T {
  const before = snapshotFolder(dir);
  const result = attempt();
  expect(snapshotFolder(dir)).toEqual(before);
  return result;
}

function openError(file: string, k = key, check: string | null = keyCheck): unknown {
  try {
    openDatabase({ file, key: k, keyCheck: check, migrations }).close();
  } catch (error) {
    return error;
  }
  return null;
}

describe('the undamaged copy (control)', () => {
  it('opens, verifies and is left byte-for-byte unchanged by open + close', () => {
    const { dir, file } = damagedCopy(() => {});
    expectUntouched(dir, () => {
      const opened = openDatabase({ file, key, keyCheck, migrations });
      expect(verifyDatabase(opened.sqlite)).toEqual({ ok: true });
      expect(opened.sqlite.prepare('SELECT count(*) AS n FROM children').get()).toEqual({ n: 2000 });
      opened.close();
    });
  });
});

describe('wrong key', () => {
  it('a key that does not match the stored key check is WrongKeyError, and the file is untouched', () => {
    const { dir, file } = damagedCopy(() => {});
    const error = expectUntouched(dir, () => openError(file, randomBytes(32), keyCheck));
    expect(error).toBeInstanceOf(WrongKeyError);
  });

  it('an existing database opened without a key check is refused (never treated as new)', () => {
    const { dir, file } = damagedCopy(() => {});
    const error = expectUntouched(dir, () => openError(file, key, null));
    expect(error).toBeInstanceOf(WrongKeyError);
  });

  it('a wrong passphrase on the key store is WrongKeyError; the right one opens the same database', () => {
    const t = tempDir();
    try {
      const store = createKeyStore(join(t.dir, 'keystore.json'));
      const created = store.create(passphraseSealer(PASSPHRASE));
      const file = join(t.dir, 'tonghu.db');
      openDatabase({ file, key: created.key, keyCheck: null, migrations }).close();
      const error = expectUntouched(t.dir, () => {
        try {
          store.unlock(passphraseSealer(`${PASSPHRASE}!`));
        } catch (e) {
          return e;
        }
        return null;
      });
      expect(error).toBeInstanceOf(WrongKeyError);
      const unlocked = store.unlock(passphraseSealer(PASSPHRASE));
      expect(unlocked.key.equals(created.key)).toBe(true);
      openDatabase({ file, key: unlocked.key, keyCheck: unlocked.keyCheck, migrations }).close();
    } finally {
      t.cleanup();
    }
  });
});

describe('truncated file → DatabaseCorruptError, bytes unchanged', () => {
  const sizes: [string, () => number][] = [
    ['half (a page multiple)', () => Math.floor(sourceSize / 2 / PAGE) * PAGE],
    ['one page short', () => sourceSize - PAGE],
    ['not a page multiple', () => sourceSize - 1000],
    ['page 1 only', () => PAGE],
    ['100 bytes', () => 100],
    // A file emptied by a failed copy must not become a fresh database over the old one's place.
    ['0 bytes', () => 0],
  ];
  for (const [label, size] of sizes) {
    it(label, () => {
      const { dir, file } = damagedCopy((f) => truncateSync(f, size()));
      expect(statSync(file).size).toBe(size());
      const error = expectUntouched(dir, () => openError(file));
      expect(error).toBeInstanceOf(DatabaseCorruptError);
    });
  }
});

describe('flipped byte', () => {
  // Offsets in page 1: inside the salt, just after it, in the b-tree header, in the middle, near the end (HMAC/IV reserve).
  for (const offset of [3, 16, 100, 2000, PAGE - 10]) {
    it(`in page 1 at offset ${offset} → DatabaseCorruptError on open`, () => {
      const { dir, file } = damagedCopy(flipByte(offset));
      const error = expectUntouched(dir, () => openError(file));
      expect(error).toBeInstanceOf(DatabaseCorruptError);
    });
  }

  const later: [string, () => number][] = [
    ['the middle page', () => Math.floor(sourceSize / PAGE / 2) * PAGE + 1234],
    ['the last page', () => sourceSize - PAGE + 500],
  ];
  for (const [label, offset] of later) {
    it(`in ${label} → detected (open refuses it, or verifyDatabase reports it); bytes unchanged`, () => {
      const { dir, file } = damagedCopy(flipByte(offset()));
      const outcome = expectUntouched(dir, () => {
        let opened;
        try {
          opened = openDatabase({ file, key, keyCheck, migrations });
        } catch (error) {
          return { opened: false as const, error };
        }
        try {
          return { opened: true as const, verify: verifyDatabase(opened.sqlite) };
        } finally {
          opened.close();
        }
      });
      if (outcome.opened) expect(outcome.verify.ok).toBe(false);
      else expect(outcome.error).toBeInstanceOf(DatabaseCorruptError);
    });
  }

  it('the right key on a damaged page 1 is not reported as a wrong key (and vice versa)', () => {
    const damaged = damagedCopy(flipByte(2000));
    expect(openError(damaged.file)).not.toBeInstanceOf(WrongKeyError);
    const good = damagedCopy(() => {});
    expect(openError(good.file, randomBytes(32))).not.toBeInstanceOf(DatabaseCorruptError);
  });
});

describe('through the app host', () => {
  async function preparedFolder(): Promise<{ dataDir: string; cleanup: () => void }> {
    const t = tempDir();
    const dataDir = join(t.dir, 'data');
    const host = makeHost(dataDir);
    await setupAndLogin(host);
    ok(await host.router.dispatch('c1', 'children:create', { name: '李小明', sex: 'male', birthDate: '2014-02-03', idNumber: null }));
    host.close();
    return { dataDir, cleanup: t.cleanup };
  }

  async function status(dataDir: string, passphrase = PASSPHRASE) {
    const host = makeHost(dataDir, { passphrase });
    const s = ok<AppStatus>(await host.router.dispatch('x', 'app:status', null));
    return { host, status: s };
  }

  it('wrong passphrase → phase unlock, problem wrong_key; app:unlock with it fails; folder unchanged; the right one still opens', async () => {
    const { dataDir, cleanup } = await preparedFolder();
    try {
      const before = snapshotFolder(dataDir);
      const { host, status: s } = await status(dataDir, 'not the passphrase at all');
      expect(s.phase).toBe('unlock');
      expect(s.problem?.code).toBe('wrong_key');
      const unlock = await host.router.dispatch('x', 'app:unlock', { method: 'passphrase', secret: 'still the wrong one' });
      expect(unlock.ok === false && unlock.error.code).toBe('wrong_key');
      const setup = await host.router.dispatch('x', 'app:setup', {
        institutionName: '另一家机构',
        displayName: '新管理员',
        username: 'other',
        password: 'An0ther!password',
        passphrase: null,
        loadDemo: false,
      });
      expect(setup.ok === false && setup.error.code).toBe('already_initialized');
      host.close();
      expect(snapshotFolder(dataDir)).toEqual(before);

      const good = makeHost(dataDir);
      expect(good.core.phase()).toBe('ready');
      ok(await good.router.dispatch('y', 'auth:login', ADMIN));
      const list = ok<{ total: number }>(await good.router.dispatch('y', 'children:list', {}));
      expect(list.total).toBe(1);
      good.close();
    } finally {
      cleanup();
    }
  });

  const damages: [string, (file: string) => void][] = [
    ['a flipped byte in page 1', flipByte(2000)],
    ['a truncated file', (f) => truncateSync(f, 100)],
    ['an emptied file', (f) => truncateSync(f, 0)],
  ];
  for (const [label, damage] of damages) {
    it(`${label} → phase error, problem database_corrupt; set-up refused; folder unchanged`, async () => {
      const { dataDir, cleanup } = await preparedFolder();
      try {
        damage(join(dataDir, 'tonghu.db'));
        const before = snapshotFolder(dataDir);
        const { host, status: s } = await status(dataDir);
        expect(s.phase).toBe('error');
        expect(s.problem?.code).toBe('database_corrupt');
        const setup = await host.router.dispatch('x', 'app:setup', {
          institutionName: '另一家机构',
          displayName: '新管理员',
          username: 'other',
          password: 'An0ther!password',
          passphrase: null,
          loadDemo: false,
        });
        expect(setup.ok === false && setup.error.code).toBe('already_initialized');
        const unlock = await host.router.dispatch('x', 'app:unlock', { method: 'passphrase', secret: PASSPHRASE });
        expect(unlock.ok === false && unlock.error.code).toBe('database_corrupt');
        host.close();
        expect(snapshotFolder(dataDir)).toEqual(before);
      } finally {
        cleanup();
      }
    });
  }

  it('a missing database beside an existing key store → database_corrupt, and no new database is created', async () => {
    const { dataDir, cleanup } = await preparedFolder();
    try {
      rmSync(join(dataDir, 'tonghu.db'));
      const before = snapshotFolder(dataDir);
      expect([...before.keys()]).toEqual(['keystore.json']);
      const { host, status: s } = await status(dataDir);
      expect(s.phase).toBe('error');
      expect(s.problem?.code).toBe('database_corrupt');
      host.close();
      expect(snapshotFolder(dataDir)).toEqual(before);
    } finally {
      cleanup();
    }
  });

  it('a database without its key store → keystore_missing; set-up refuses to make a new key over it', async () => {
    const { dataDir, cleanup } = await preparedFolder();
    try {
      rmSync(join(dataDir, 'keystore.json'));
      const before = snapshotFolder(dataDir);
      const { host, status: s } = await status(dataDir);
      expect(s.phase).toBe('error');
      expect(s.problem?.code).toBe('keystore_missing');
      const setup = await host.router.dispatch('x', 'app:setup', {
        institutionName: '另一家机构',
        displayName: '新管理员',
        username: 'other',
        password: 'An0ther!password',
        passphrase: null,
        loadDemo: false,
      });
      expect(setup.ok).toBe(false);
      host.close();
      expect(snapshotFolder(dataDir)).toEqual(before);
    } finally {
      cleanup();
    }
  });
});

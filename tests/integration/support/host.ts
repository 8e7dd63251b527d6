import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type AppHost, createAppHost } from '../../../electron/host/app-host';
import { EDIT_GUARDS, type GuardedChannel, partOf } from '../../../electron/host/edit-guards';
import { versionOf } from '../../../electron/services/audit/record-versions';
import { type Clock, fixedClock } from '../../../electron/services/core/clock';
import { passphraseSealer } from '../../../electron/services/keys/key-store';
import type { SessionUser } from '../../../shared/contract/common';
import type { Result } from '../../../shared/contract/errors';
import { MIGRATIONS_DIR } from '../../helpers/temp-db';

export const PASSPHRASE = 'correct horse battery staple';
export const ADMIN = { username: 'admin', password: 'Str0ng!pass-word' } as const;

export type TestClock = Clock & { advance: (ms: number) => Date };

/** A clock the test moves by hand (fixedClock carries `advance` but its declared type does not). */
export function testClock(iso = '2026-11-29T09:00:00+08:00'): TestClock {
  return fixedClock(iso) as TestClock;
}

/** An app host over `dataDir` with the passphrase sealer, as the browser host and tests run it. */
export function makeHost(dataDir: string, options: { passphrase?: string; clock?: Clock } = {}): AppHost {
  return createAppHost({
    dataDir,
    keyMode: 'passphrase',
    sealer: passphraseSealer(options.passphrase ?? PASSPHRASE),
    clock: options.clock ?? testClock(),
    migrationsDir: MIGRATIONS_DIR,
  });
}

/** Unwraps a router result, failing the test with the error when it is not ok. */
export function ok<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message} (field ${result.error.field ?? '-'})`);
  return result.value as T;
}

/**
 * What a page that has just read the record sends with an edit (issue 19.4): the input of a guarded edit
 * with its part's version as the versioned reads hand it out now (the same versionOf). For tests of
 * other things than two people editing at once; an `expectedVersion` already given is kept as it is, and
 * every other channel's input passes unchanged. Stale edits are tested with versions of their own
 * (tests/integration/edit-guards.test.ts, edit-conflicts.test.ts).
 */
export function asRead(host: AppHost, channel: string, input: unknown): unknown {
  if (!(channel in EDIT_GUARDS) || input === null || typeof input !== 'object' || 'expectedVersion' in input || host.core.phase() !== 'ready') return input;
  const ctx = host.core.context(null);
  let part: ReturnType<typeof partOf>;
  try {
    part = partOf(channel as GuardedChannel, input, ctx.sqlite);
  } catch {
    return input; // an input the contract refuses: the router answers it as it is
  }
  return part ? { ...input, expectedVersion: versionOf(ctx, part) } : input;
}

/** First-run set-up (no demo data) and the administrator signed in on `connection`. */
export async function setupAndLogin(host: AppHost, connection = 'c1'): Promise<SessionUser> {
  ok(
    await host.router.dispatch(connection, 'app:setup', {
      institutionName: '上海市儿童福利院',
      displayName: '管理员',
      username: ADMIN.username,
      password: ADMIN.password,
      passphrase: null,
      loadDemo: false,
    }),
  );
  return ok<SessionUser>(await host.router.dispatch(connection, 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
}

export type FileFacts = { sha256: string; size: number; ino: number; mode: number };

/** Every regular file under `dir` (recursively) with its hash, size, inode and mode. */
export function snapshotFolder(dir: string): Map<string, FileFacts> {
  const out = new Map<string, FileFacts>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        const st = statSync(p);
        out.set(relative(dir, p), {
          sha256: createHash('sha256').update(readFileSync(p)).digest('hex'),
          size: st.size,
          ino: st.ino,
          mode: st.mode & 0o777,
        });
      }
    }
  };
  walk(dir);
  return out;
}

/** A data folder that does not exist yet inside `parent`: the app must create it (and make it private). */
export function freshDataDir(parent: string, name = 'data'): string {
  const dir = join(parent, name);
  mkdirSync(parent, { recursive: true });
  return dir;
}

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

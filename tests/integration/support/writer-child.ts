/**
 * A writer process for the fault tests (tests/integration/fault-*.test.ts), run as
 * `node --import tsx tests/integration/support/writer-child.ts <mode>` with:
 *   TONGHU_FAULT_DB        the database file
 *   TONGHU_FAULT_KEY       the raw key, hex
 *   TONGHU_FAULT_KEYCHECK  the key check value (used when the file exists)
 *   TONGHU_FAULT_TAG       a tag that keeps this run's child names unique
 *
 * mode `loop` (kill -9): registers children through the real service (one transaction = one child row
 * + one audit row), printing `ack <id>` only after the transaction has committed, until it is killed.
 * mode `fill` (disk full): does the same until a write fails, then checks that reads still work and
 * prints one JSON line `result {...}` describing what happened.
 * mode `verify`: reopens the file and prints `result {...}` with integrity_check and the children's ids.
 */
import { existsSync } from 'node:fs';
import { DatabaseCorruptError, StorageFullError, WrongKeyError, classifySqliteError } from '../../../db/errors';
import { readMigrations } from '../../../db/migrate';
import { openDatabase } from '../../../db/open';
import { fixedClock } from '../../../electron/services/core/clock';
import { createChild } from '../../../electron/services/registry/children';
import type { ServiceContext } from '../../../electron/services/core/context';
import { MIGRATIONS_DIR } from '../../helpers/temp-db';

const mode = process.argv[2] ?? 'loop';
const file = process.env.TONGHU_FAULT_DB ?? '';
const keyHex = process.env.TONGHU_FAULT_KEY ?? '';
// A new file is created without a key check; an existing one is opened with it.
const keyCheck = existsSync(file) ? process.env.TONGHU_FAULT_KEYCHECK || null : null;
const tag = process.env.TONGHU_FAULT_TAG ?? 'x';
if (!file || keyHex.length !== 64) {
  process.stderr.write('writer-child: TONGHU_FAULT_DB and TONGHU_FAULT_KEY (64 hex digits) are required\n');
  process.exit(2);
}

/** Pipes are synchronous on Linux: when this returns, the parent can read the line. */
function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

const opened = openDatabase({ file, key: Buffer.from(keyHex, 'hex'), keyCheck, migrations: readMigrations(MIGRATIONS_DIR) });
const ctx: ServiceContext = {
  db: opened.db,
  sqlite: opened.sqlite,
  clock: fixedClock('2026-11-29T09:00:00+08:00'),
  actor: { userId: 1, username: 'fault-writer', roles: ['caseworker'] },
};

// A long, varied name makes each transaction touch more than one page now and then.
const padding = '测试儿童'.repeat(8);
let n = 0;
function writeOne(): number {
  n += 1;
  const child = createChild(ctx, {
    name: `${padding}${tag}-${n}`.slice(-40),
    sex: n % 2 === 0 ? 'female' : 'male',
    birthDate: '2015-06-01',
    idNumber: null,
    confirmPossibleDuplicate: true,
  });
  return child.id;
}

function typeName(error: unknown): string {
  if (error instanceof StorageFullError) return 'StorageFullError';
  if (error instanceof DatabaseCorruptError) return 'DatabaseCorruptError';
  if (error instanceof WrongKeyError) return 'WrongKeyError';
  return error instanceof Error ? error.constructor.name : typeof error;
}

say('ready');
if (mode === 'loop') {
  for (;;) say(`ack ${writeOne()}`);
} else if (mode === 'fill') {
  const committed: number[] = [];
  let failure: { rawCode: string | null; rawMessage: string; typed: string; typedCode: string | null } | null = null;
  for (let i = 0; i < 1_000_000 && failure === null; i += 1) {
    try {
      committed.push(writeOne());
    } catch (error) {
      const raw = error as { code?: unknown; message?: unknown };
      const typed = classifySqliteError(error);
      failure = {
        rawCode: typeof raw.code === 'string' ? raw.code : null,
        rawMessage: String(raw.message),
        typed: typeName(typed),
        typedCode: typeof (typed as { code?: unknown }).code === 'string' ? ((typed as { code: string }).code) : null,
      };
    }
  }
  // After the failure the app must keep reading: count, the last row, and a full scan through the index.
  let reads: { ok: boolean; count: number; lastId: number | null; error?: string };
  try {
    const count = (opened.sqlite.prepare('SELECT count(*) AS n FROM children').get() as { n: number }).n;
    const last = opened.sqlite.prepare('SELECT max(id) AS id FROM children').get() as { id: number | null };
    const ids = (opened.sqlite.prepare('SELECT id FROM children ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    reads = { ok: ids.length === count, count, lastId: last.id };
  } catch (error) {
    reads = { ok: false, count: -1, lastId: null, error: String(error) };
  }
  let closed = true;
  try {
    opened.close();
  } catch {
    // A checkpoint on a full disk may fail; the WAL keeps the committed rows and the parent reopens.
    closed = false;
  }
  say(`result ${mode} ${JSON.stringify({ committed, failure, reads, closed })}`);
} else if (mode === 'verify') {
  const integrity = (opened.sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const ids = (opened.sqlite.prepare('SELECT id FROM children ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  let closed = true;
  try {
    opened.close();
  } catch {
    closed = false;
  }
  say(`result ${mode} ${JSON.stringify({ integrity, ids, closed })}`);
} else {
  process.stderr.write(`writer-child: unknown mode ${mode}\n`);
  process.exit(2);
}

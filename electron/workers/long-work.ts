/**
 * The worker thread's entry for long work (electron/services/core/worker-pool.ts): it receives one
 * task by message — with the database key, when the task reads the database — opens its own read-only
 * connection, runs the task and posts the value (or the typed error) back. It never writes the
 * database: the caller writes the audit line on the one writer connection (the backup task writes only
 * its copy, in the backup folder).
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../shared/contract/errors';
import type { ServiceContext } from '../services/core/context';
import type { WorkerMessage, WorkerStart } from '../services/core/worker-pool';

/** The live database's file and key, for a task that opens files itself (the backup, the full check): call once, instead of ctx. */
type DatabaseAccess = () => { file: string; key: Buffer; nativeBinding?: string };

type Task = (input: unknown, ctx: () => Promise<ServiceContext>, database: DatabaseAccess) => unknown;

/**
 * Every task a worker runs; its input was checked by the caller (and is parsed again here where it has
 * a schema). Each loads only what it needs: a worker starts for one task.
 */
const TASKS: Record<string, Task> = {
  'workbook.read': async (input) => {
    const { readImportSheet } = await import('../services/ledgers/xlsx-cells');
    const bytes = input as Uint8Array;
    return readImportSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  },
  'ledgers.export': async (input, ctx) => {
    const [{ buildLedgerExport }, { ledgerExportInputSchema }] = await Promise.all([import('../services/ledgers/ledgers'), import('../../shared/contract/ledgers')]);
    return buildLedgerExport(await ctx(), ledgerExportInputSchema.parse(input));
  },
  'ledgers.view': async (input, ctx) => {
    const [{ buildLedgerView }, { ledgerViewInputSchema }] = await Promise.all([import('../services/ledgers/ledgers'), import('../../shared/contract/ledgers')]);
    return buildLedgerView(await ctx(), ledgerViewInputSchema.parse(input));
  },
  'worklist.items': async (input, ctx) => {
    const { worklistEntries } = await import('../services/worklist/worklist');
    return worklistEntries(await ctx(), (input as { asOf: string }).asOf);
  },
  'categories.all': async (input, ctx) => {
    const { categoryEntries } = await import('../services/registry/children');
    return categoryEntries(await ctx(), (input as { asOf: string }).asOf);
  },
  'reports.statistics': async (input, ctx) => {
    const { computeStatistics } = await import('../services/reports/statistics');
    return computeStatistics(await ctx(), input as { from: string; to: string });
  },
  'backup.make': async (input, _ctx, database) => {
    const { makeBackupCopy } = await import('../services/backup/make-backup');
    const access = database();
    try {
      return makeBackupCopy(access, (input as { partial: string }).partial);
    } finally {
      access.key.fill(0);
    }
  },
  'backup.checkCandidate': async (input, _ctx, database) => {
    const { checkCandidateFile } = await import('../services/backup/make-backup');
    const { file, key } = input as { file: string; key: Uint8Array | null };
    const access = database();
    // A backup made before a key change is checked under the key it was made with (sent in the input).
    const under = key ? Buffer.from(key) : access.key;
    try {
      return checkCandidateFile(file, under, access.nativeBinding);
    } finally {
      under.fill(0);
      access.key.fill(0);
      key?.fill(0);
    }
  },
  'audit.chain': async (_input, ctx) => {
    const { verifyAuditChain } = await import('../services/audit/audit');
    return verifyAuditChain((await ctx()).sqlite);
  },
  'database.check': async (input, _ctx, database) => {
    const { checkDatabaseFile } = await import('../services/app/database-check');
    const access = database();
    try {
      return checkDatabaseFile(access.file, access.key, access.nativeBinding, (input as { full: boolean }).full);
    } finally {
      access.key.fill(0);
    }
  },
};

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

/**
 * Long work gives way to the request thread when the cores are busy (issue 19.5: a desk's read must not
 * wait behind an export). On Linux the nice value belongs to the thread, so this lowers this worker
 * alone; elsewhere it would lower the whole process (the request thread too), so it is left as it is.
 */
const WORKER_NICE = 10;
if (process.platform === 'linux') {
  try {
    setPriority(WORKER_NICE);
  } catch {
    // Not permitted here (a sandbox): the worker runs at the normal priority.
  }
}

parentPort!.once('message', (start: WorkerStart) => {
  let close: (() => void) | null = null;
  const context = async (): Promise<ServiceContext> => {
    if (!start.db) throw new Error('task needs the database');
    const [{ openReadConnection }, { fixedClock }] = await Promise.all([import('../../db/open'), import('../services/core/clock')]);
    const key = Buffer.from(start.db.key);
    start.db.key.fill(0);
    const { db, sqlite } = openReadConnection(start.db.file, key, start.db.nativeBinding);
    key.fill(0);
    close = () => sqlite.close();
    return { db, sqlite, clock: fixedClock(start.now), actor: start.actor };
  };
  const database: DatabaseAccess = () => {
    if (!start.db) throw new Error('task needs the database');
    const key = Buffer.from(start.db.key);
    start.db.key.fill(0);
    return { file: start.db.file, key, nativeBinding: start.db.nativeBinding };
  };
  const task = TASKS[start.task];
  void (async () => {
    try {
      if (!task) throw new Error(`unknown worker task ${start.task}`);
      const value = await task(start.input, context, database);
      post({ type: 'result', value });
    } catch (error) {
      const e = error as Error & { code?: unknown; field?: string; details?: unknown };
      post({
        type: 'error',
        error: {
          name: e?.name ?? 'Error',
          code: error instanceof AppError ? error.code : null,
          message: String(e?.message ?? error),
          ...(error instanceof AppError && error.field !== undefined && { field: error.field }),
          ...(error instanceof AppError && error.details !== undefined && { details: error.details }),
        },
      });
    } finally {
      (close as (() => void) | null)?.();
    }
  })();
});

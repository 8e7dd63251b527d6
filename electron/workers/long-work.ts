/**
 * The worker thread's entry for long work (electron/services/core/worker-pool.ts): it receives one
 * task by message — with the database key, when the task reads the database — opens its own read-only
 * connection, runs the task and posts the value (or the typed error) back. It never writes: the caller
 * writes the audit line on the one writer connection.
 */
import { parentPort } from 'node:worker_threads';
import { openReadConnection } from '../../db/open';
import { AppError } from '../../shared/contract/errors';
import type { LedgerExportInput } from '../../shared/contract/ledgers';
import { fixedClock } from '../services/core/clock';
import type { ServiceContext } from '../services/core/context';
import type { WorkerMessage, WorkerStart } from '../services/core/worker-pool';
import { buildLedgerExport, buildLedgerView } from '../services/ledgers/ledgers';
import { readImportSheet } from '../services/ledgers/xlsx-cells';
import { computeStatistics } from '../services/reports/statistics';
import { ledgerExportInputSchema, ledgerViewInputSchema } from '../../shared/contract/ledgers';

type Task = (input: unknown, ctx: () => ServiceContext) => unknown;

/** Every task a worker runs; its input was checked by the caller (and is parsed again here where it has a schema). */
const TASKS: Record<string, Task> = {
  'workbook.read': (input) => {
    const bytes = input as Uint8Array;
    return readImportSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  },
  'ledgers.export': (input, ctx) => buildLedgerExport(ctx(), ledgerExportInputSchema.parse(input as LedgerExportInput)),
  'ledgers.view': (input, ctx) => buildLedgerView(ctx(), ledgerViewInputSchema.parse(input)),
  'reports.statistics': (input, ctx) => computeStatistics(ctx(), input as { from: string; to: string }),
};

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

parentPort!.once('message', (start: WorkerStart) => {
  let close: (() => void) | null = null;
  const context = (): ServiceContext => {
    if (!start.db) throw new Error('task needs the database');
    const key = Buffer.from(start.db.key);
    start.db.key.fill(0);
    const { db, sqlite } = openReadConnection(start.db.file, key, start.db.nativeBinding);
    key.fill(0);
    close = () => sqlite.close();
    return { db, sqlite, clock: fixedClock(start.now), actor: start.actor };
  };
  const task = TASKS[start.task];
  void (async () => {
    try {
      if (!task) throw new Error(`unknown worker task ${start.task}`);
      const value = await task(start.input, context);
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

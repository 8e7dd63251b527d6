/**
 * Long work off the request thread (DESIGN.md, "Many desks"): a task runs in a worker thread of its own,
 * with a heap cap (`resourceLimits`), and — when it reads the database — on its own read-only
 * connection opened with the same key. The key reaches the worker by message, never on a command line
 * or in the environment. Writes stay on the one writer connection: a worker only reads and computes,
 * and the caller writes (the audit line) when the answer is back.
 *
 * The entry is electron/workers/long-work.ts. Under tsx and vitest the worker registers tsx first and
 * loads the TypeScript source; in the electron-vite build the entry is emitted beside the main bundle
 * (electron.vite.config.ts) and the shell says where (configureWorkers).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, isErrorCode } from '../../../shared/contract/errors';
import type { Clock } from './clock';
import type { Actor } from './context';
import { createLogger } from './logger';

const log = createLogger('workers');

/** What a worker needs to open the database read-only. */
export type WorkerDatabase = { file: string; key: Buffer; nativeBinding?: string };

/** The message that starts a task in the worker. */
export type WorkerStart = {
  task: string;
  input: unknown;
  /** The caller's clock at the start, so the worker's "today" is the caller's. */
  now: string;
  actor: Actor | null;
  db: { file: string; key: Uint8Array; nativeBinding?: string } | null;
};

/** What a worker posts back. */
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; value: unknown }
  | { type: 'error'; error: { code: string | null; message: string; field?: string; details?: unknown; name: string } };

export type RunOptions = {
  /** The worker's heap cap in MB (V8 old generation). */
  heapMb?: number;
  /** Opens the database read-only in the worker (a read task); false for pure computation. */
  database?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Buffers moved (not copied) to the worker. */
  transfer?: ArrayBuffer[];
  /** The refusal when the task exhausts its heap (default: an internal error naming the cap). */
  outOfMemory?: (heapMb: number) => AppError;
  /** Ends the worker after this long, with this refusal (a file that keeps a parser busy forever). */
  timeout?: { ms: number; error: () => AppError };
};

export type WorkerPool = {
  /** Runs `task` with `input` in a worker; the task's value, or its AppError re-thrown here. */
  run: <T>(task: string, input: unknown, actor: Actor | null, options?: RunOptions) => Promise<T>;
  /** Tasks running and waiting (for the bench and tests). */
  load: () => { running: number; queued: number };
  /** Ends every running worker; later runs are refused. */
  close: () => Promise<void>;
};

const DEFAULT_HEAP_MB = 512;
let builtEntry: string | null = null;

/** The built worker entry's folder (the Electron shell calls this with its own out/main folder). */
export function configureWorkers(options: { directory: string }): void {
  const entry = join(options.directory, 'long-work.js');
  builtEntry = existsSync(entry) ? entry : null;
  if (!builtEntry) log.warn('built worker entry not found; falling back to the TypeScript source', { directory: options.directory });
}

/** How to start the worker: the built .js entry, or the .ts source through tsx. */
function workerSource(): { code: string; eval: boolean } {
  if (builtEntry) return { code: builtEntry, eval: false };
  const here = fileURLToPath(import.meta.url);
  const source = join(here, '..', '..', '..', 'workers', 'long-work.ts');
  const built = join(here, '..', 'long-work.js');
  if (!existsSync(source) && existsSync(built)) return { code: built, eval: false };
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(require.resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  const target = pathToFileURL(source).href;
  return { code: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`, eval: true };
}

function toError(error: Extract<WorkerMessage, { type: 'error' }>['error']): Error {
  if (error.code && isErrorCode(error.code)) return new AppError(error.code, error.message, { field: error.field, details: error.details });
  const plain = new Error(error.message);
  plain.name = error.name;
  return plain;
}

/**
 * A pool of at most `concurrency` workers at a time (the machine has few cores; more would only slow
 * the writer). Each task gets a fresh worker, so a task that exhausts its heap takes nothing else down.
 */
export function createWorkerPool(options: { database: () => WorkerDatabase | null; clock: Clock; concurrency?: number }): WorkerPool {
  const concurrency = options.concurrency ?? 2;
  const running = new Set<Worker>();
  const queue: (() => void)[] = [];
  let closed = false;

  const acquire = (): Promise<void> =>
    running.size < concurrency && queue.length === 0 ? Promise.resolve() : new Promise((resolve) => queue.push(resolve));

  const release = (): void => {
    const next = queue.shift();
    if (next) next();
  };

  const run = async <T>(task: string, input: unknown, actor: Actor | null, opts: RunOptions = {}): Promise<T> => {
    if (closed) throw new AppError('not_ready', '程序正在关闭');
    let db: WorkerStart['db'] = null;
    if (opts.database !== false) {
      const found = options.database();
      if (!found) throw new AppError('not_ready', '数据库尚未打开');
      db = { file: found.file, key: new Uint8Array(found.key), nativeBinding: found.nativeBinding };
    }
    await acquire();
    if (closed) {
      release();
      throw new AppError('not_ready', '程序正在关闭');
    }
    const source = workerSource();
    const heapMb = opts.heapMb ?? DEFAULT_HEAP_MB;
    const worker = new Worker(source.code, {
      eval: source.eval,
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(heapMb / 8))) },
      stdout: false,
      stderr: false,
    });
    running.add(worker);
    try {
      return await new Promise<T>((resolve, reject) => {
        let settled = false;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const settle = (fn: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          fn();
          void worker.terminate();
        };
        if (opts.timeout) {
          const { ms, error } = opts.timeout;
          timer = setTimeout(() => {
            log.warn('worker timed out', { task, ms });
            settle(() => reject(error()));
          }, ms);
        }
        worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'progress') opts.onProgress?.(message.done, message.total);
          else if (message.type === 'result') settle(() => resolve(message.value as T));
          else settle(() => reject(toError(message.error)));
        });
        worker.on('error', (error: Error & { code?: string }) => {
          if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
            log.warn('worker ran out of memory', { task, heapMb });
            settle(() => reject(opts.outOfMemory?.(heapMb) ?? new AppError('internal', `后台任务超出内存上限（${heapMb} MB），已停止；其他操作不受影响`, { details: { limit: 'heap', heapMb } })));
          } else {
            log.error('worker failed', { task, name: error.name });
            settle(() => reject(error));
          }
        });
        worker.on('exit', (code) => settle(() => reject(new AppError('internal', `后台任务意外结束（代码 ${code}），已保存的数据不受影响`))));
        const start: WorkerStart = { task, input, now: options.clock.now().toISOString(), actor, db };
        worker.postMessage(start, opts.transfer ?? []);
        if (db) db.key.fill(0);
      });
    } finally {
      running.delete(worker);
      release();
    }
  };

  return {
    run,
    load: () => ({ running: running.size, queued: queue.length }),
    close: async () => {
      closed = true;
      for (const resolve of queue.splice(0)) resolve();
      await Promise.all([...running].map((w) => w.terminate()));
    },
  };
}

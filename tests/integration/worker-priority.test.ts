/**
 * Long work gives way to the request thread (issue 19.5): on Linux, where the nice value belongs to a
 * thread, a worker of the pool runs at a lower priority (a higher nice value) than the thread that
 * answers the desks, which keeps its own. Elsewhere the priority is left alone (lowering it there would
 * lower the whole process), and the test says so.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../electron/demo/demo';
import { fixedClock } from '../../electron/services/core/clock';
import { type WorkerPool, createWorkerPool } from '../../electron/services/core/worker-pool';
import { tempDatabase } from '../helpers/temp-db';

/** The nice value a worker sets for itself (electron/workers/long-work.ts; that module runs only as a worker). */
const WORKER_NICE = 10;
const clock = fixedClock('2026-11-29T09:00:00+08:00');
let db: ReturnType<typeof tempDatabase>;
let pool: WorkerPool;

beforeAll(() => {
  db = tempDatabase({ clock, actor: { userId: 1, username: 'tester', roles: ['supervisor'] } });
  loadDemoData(db.ctx, { children: 60 });
  pool = createWorkerPool({ database: () => ({ file: db.file, key: db.key }), clock });
});
afterAll(async () => {
  await pool?.close();
  db?.cleanup();
});

/** The nice value of every thread of this process (field 19 of /proc/<pid>/task/<tid>/stat). */
function niceByThread(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(tid, Number(fields[16]));
    } catch {
      // the thread ended while it was being read
    }
  }
  return out;
}

describe('the worker pool’s priority', () => {
  it.skipIf(process.platform !== 'linux')('runs a task in a thread niced below the request thread, which keeps its own', async () => {
    const own = niceByThread().get(String(process.pid))!;
    const seen = new Set<number>();
    let running = true;
    const watch = (async () => {
      while (running) {
        for (const n of niceByThread().values()) seen.add(n);
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const entries = await pool.run<[number, unknown][]>('worklist.items', { asOf: clock.today() }, null);
    running = false;
    await watch;
    expect(entries.length).toBeGreaterThan(0);
    // An absolute value: a process already niced beyond it keeps its own (a thread cannot raise its priority).
    expect(seen.has(Math.max(own, WORKER_NICE))).toBe(true);
    expect(niceByThread().get(String(process.pid))).toBe(own);
  });
});

/**
 * The worklist's first read of the day is worked out in a worker on its own read-only connection and
 * kept as the memo (issue 19, item 5): it equals the worklist worked out on the request thread, and a
 * child changed while the worker was reading is on the next read (the memo is seeded as of the version
 * read before the worker's snapshot, so every later change is worked out again).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../electron/demo/demo';
import { fixedClock } from '../../electron/services/core/clock';
import { type WorkerPool, createWorkerPool } from '../../electron/services/core/worker-pool';
import { forgetMemos, memoHolds } from '../../electron/services/record/child-memo';
import { createChild, listChildren, listChildrenOffThread } from '../../electron/services/registry/children';
import { buildWorklist, buildWorklistOffThread } from '../../electron/services/worklist/worklist';
import { tempDatabase } from '../helpers/temp-db';

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

describe('the worklist, first read of the day in a worker', () => {
  it('equals the worklist worked out here, and keeps it as the memo', async () => {
    forgetMemos(db.ctx.sqlite);
    const offThread = await buildWorklistOffThread(db.ctx, {}, pool, 0);
    expect(memoHolds(db.ctx, 'worklist', clock.today())).toBe(true);
    forgetMemos(db.ctx.sqlite);
    const here = buildWorklist(db.ctx, {});
    expect(offThread.items.length).toBeGreaterThan(0);
    expect(offThread).toEqual(here);
  });

  it('misses no change made while the worker was reading', async () => {
    forgetMemos(db.ctx.sqlite);
    const first = buildWorklistOffThread(db.ctx, {}, pool, 0);
    // Wait until the worker has started, then register a child turning 18 next month on the writer.
    while (pool.load().running === 0) await new Promise((resolve) => setImmediate(resolve));
    const child = createChild(db.ctx, { name: '赵成年', sex: 'female', birthDate: '2008-12-20', idNumber: null, admissionDate: '2010-01-01' });
    await first;
    const next = await buildWorklistOffThread(db.ctx, {}, pool, 0);
    expect(next.items.some((i) => i.childId === child.id && i.kind === 'turning18')).toBe(true);
    forgetMemos(db.ctx.sqlite);
    expect(next).toEqual(buildWorklist(db.ctx, {}));
  });
});

describe('the rules for every child (the category filter), first read of the day in a worker', () => {
  it('gives the same list as the categories worked out here, and keeps them as the memo', async () => {
    forgetMemos(db.ctx.sqlite);
    const input = { categories: ['orphan' as const, 'disabled' as const] };
    const offThread = await listChildrenOffThread(db.ctx, input, pool, 0);
    expect(memoHolds(db.ctx, 'categories', clock.today())).toBe(true);
    forgetMemos(db.ctx.sqlite);
    const here = listChildren(db.ctx, input);
    expect(here.total).toBeGreaterThan(0);
    expect(offThread).toEqual(here);
  });

  it('below the size where a worker pays, works it out here', async () => {
    forgetMemos(db.ctx.sqlite);
    const tasks: string[] = [];
    const counting: WorkerPool = { ...pool, run: (task, input, actor, options) => (tasks.push(task), pool.run(task, input, actor, options)) };
    await listChildrenOffThread(db.ctx, { categories: ['orphan'] }, counting);
    await buildWorklistOffThread(db.ctx, {}, counting);
    expect(tasks).toEqual([]);
    forgetMemos(db.ctx.sqlite);
    await listChildrenOffThread(db.ctx, { categories: ['orphan'] }, counting, 0);
    await buildWorklistOffThread(db.ctx, {}, counting, 0);
    expect(tasks).toEqual(['categories.all', 'worklist.items']);
  });
});

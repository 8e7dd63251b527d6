/**
 * `npm run bench -- longwork`: how long another client waits for `app:status` while long work runs
 * (issue 15 item 6, issue 19 item 5). Through the router, as every transport calls it, over a real
 * encrypted database with demo children: an import of N rows (preview, then the import itself, in
 * chunks that yield) and a roster export (in a worker) run at the same time, while a second client asks
 * `app:status` every 20 ms (its latency counted from when it was due, so a wait behind a busy thread
 * counts). The same export built on the request thread is measured for comparison
 * (what the other client would have waited before). Figures only, never a pass or a fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createAppHost } from '../../electron/host/app-host';
import { fixedClock } from '../../electron/services/core/clock';
import { passphraseSealer } from '../../electron/services/keys/key-store';
import { buildLedgerExport } from '../../electron/services/ledgers/ledgers';
import type { Result } from '../../shared/contract/errors';
import type { ImportPreview } from '../../shared/contract/ledgers';
import { makeIdNumber } from '../../shared/domain/id-number';
import { MIGRATIONS_DIR } from '../helpers/temp-db';
import { workbookBase64 } from '../helpers/workbook';
import { type Stats, stats } from './timing';

/** One operation: its time on the request thread, and through the router with the workers (total, and the longest stall of the request thread meanwhile). */
export type OperationFigure = { name: string; onRequestThreadMs: number; offThreadTotalMs: number | null; offThreadLongestStallMs: number | null };

export type LongWorkFigures = {
  operations: OperationFigure[];
  children: number;
  importRows: number;
  idle: Stats;
  during: Stats & { requests: number; errors: number };
  importPreviewS: number;
  importRunS: number;
  exportInWorkerS: number;
  exportOnRequestThreadMs: number;
  longestStallDuringMs: number;
};

function ok<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function benchLongWork(options: { children: number; importRows: number; log: (line: string) => void }): Promise<LongWorkFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'tonghu-bench-longwork-'));
  const host = createAppHost({
    dataDir: join(dir, 'data'),
    keyMode: 'passphrase',
    sealer: passphraseSealer('bench passphrase for long work'),
    clock: fixedClock('2026-11-29T09:00:00+08:00'),
    migrationsDir: MIGRATIONS_DIR,
    demoChildren: options.children,
  });
  try {
    const { router } = host;
    const t0 = performance.now();
    ok(await router.dispatch('a', 'app:setup', { institutionName: '上海市儿童福利院', displayName: '管理员', username: 'admin', password: 'Str0ng!pass-word', passphrase: null, loadDemo: true }));
    ok(await router.dispatch('a', 'auth:login', { username: 'admin', password: 'Str0ng!pass-word' }));
    options.log(`data set: ${options.children} demo children in ${round((performance.now() - t0) / 1000)} s`);
    const rows = Array.from({ length: options.importRows }, (_, i) => {
      const birth = `${2009 + (i % 8)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const sex = i % 2 === 0 ? 'male' : 'female';
      return [`导入${i}`, sex === 'male' ? '男' : '女', { date: birth }, makeIdNumber('310230', birth, i % 500, sex)];
    });
    const file = await workbookBase64([['姓名', '性别', '出生日期', '身份证号'], ...rows]);

    const status = async (): Promise<number> => {
      const s = performance.now();
      const r = await router.dispatch('b', 'app:status', null);
      if (!r.ok) throw new Error(r.error.message);
      return performance.now() - s;
    };
    const idleTimes: number[] = [];
    for (let i = 0; i < 200; i += 1) idleTimes.push(await status());
    const operations = await measureOperations(host, options.log);

    // The same roster export on the request thread: what another client waited for before.
    const ctx = host.core.context({ userId: 1, username: 'admin', roles: ['administrator', 'caseworker'] });
    const exportInput = { ledgers: ['roster' as const], from: '2026-01-01', to: '2026-11-29' };
    const s0 = performance.now();
    await buildLedgerExport(ctx, exportInput);
    const exportOnRequestThreadMs = performance.now() - s0;

    // Now the long work, and the other client asking every 20 ms.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    let running = true;
    const during: number[] = [];
    let errors = 0;
    // Each request is due 20 ms after the last answer; its latency counts from then, so that a request
    // that had to wait behind a busy thread is measured with its wait (as a client on another desk sees it).
    const client = (async () => {
      while (running) {
        const due = performance.now() + 20;
        await new Promise((resolve) => setTimeout(resolve, 20));
        try {
          await status();
          during.push(performance.now() - due);
        } catch {
          errors += 1;
        }
      }
    })();
    const exportJob = (async () => {
      const s = performance.now();
      ok(await router.dispatch('a', 'ledger:export', exportInput));
      return (performance.now() - s) / 1000;
    })();
    const p0 = performance.now();
    const seen = ok<ImportPreview>(await router.dispatch('a', 'import:preview', { fileName: 'bench.xlsx', contentBase64: file, mapping: null, jobId: 'bench-preview' }));
    const importPreviewS = (performance.now() - p0) / 1000;
    const confirmed = seen.rows.flatMap((r) => (r.action === 'create' || r.action === 'update' ? [{ row: r.row, action: r.action }] : []));
    const r0 = performance.now();
    if (confirmed.length > 0) ok(await router.dispatch('a', 'import:run', { fileName: 'bench.xlsx', contentBase64: file, mapping: seen.mapping, rows: confirmed, jobId: 'bench-run' }));
    const importRunS = (performance.now() - r0) / 1000;
    const exportInWorkerS = await exportJob;
    running = false;
    await client;
    loop.disable();
    const figures: LongWorkFigures = {
      operations,
      children: options.children,
      importRows: options.importRows,
      idle: stats(idleTimes),
      during: { ...stats(during), requests: during.length, errors },
      importPreviewS: round(importPreviewS),
      importRunS: round(importRunS),
      exportInWorkerS: round(exportInWorkerS),
      exportOnRequestThreadMs: round(exportOnRequestThreadMs, 0),
      longestStallDuringMs: round(loop.max / 1e6, 0),
    };
    options.log(`import of ${options.importRows} rows: preview ${figures.importPreviewS} s (${seen.counts.create} new, ${seen.counts.invalid} invalid), import ${figures.importRunS} s`);
    options.log(`roster export of ${options.children} children: in a worker ${figures.exportInWorkerS} s (alongside the import); on the request thread ${figures.exportOnRequestThreadMs} ms (alone)`);
    options.log(`app:status from another client, idle:        median ${round(figures.idle.median, 2)} ms, p95 ${round(figures.idle.p95, 2)} ms, max ${round(figures.idle.max, 2)} ms`);
    options.log(`app:status from another client, during both: median ${round(figures.during.median, 2)} ms, p95 ${round(figures.during.p95, 2)} ms, max ${round(figures.during.max, 2)} ms over ${figures.during.requests} requests, ${errors} errors`);
    options.log(`longest event-loop stall during both: ${figures.longestStallDuringMs} ms`);
    return figures;
  } finally {
    host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Each long read of issue 19's item 5 list, on the request thread and then through the router (where it
 * goes to a worker): how long it took, and how long the request thread was held meanwhile.
 */
async function measureOperations(host: ReturnType<typeof createAppHost>, log: (line: string) => void): Promise<OperationFigure[]> {
  const { router, core } = host;
  const ctx = core.context({ userId: 1, username: 'admin', roles: ['administrator', 'caseworker', 'supervisor'] });
  const today = ctx.clock.today();
  const period = { from: '2026-01-01', to: today };
  const out: OperationFigure[] = [];
  const stalled = async (fn: () => Promise<unknown>) => {
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const s = performance.now();
    await fn();
    const total = performance.now() - s;
    loop.disable();
    return { total: round(total, 0), stall: round(loop.max / 1e6, 0) };
  };
  const timed = async (fn: () => unknown) => {
    const s = performance.now();
    await fn();
    return round(performance.now() - s, 0);
  };
  const measure = async (name: string, here: () => unknown, routed: (() => Promise<Result<unknown>>) | null) => {
    const onRequestThreadMs = await timed(here);
    let offThreadTotalMs: number | null = null;
    let offThreadLongestStallMs: number | null = null;
    if (routed) {
      const r = await stalled(async () => ok(await routed()));
      offThreadTotalMs = r.total;
      offThreadLongestStallMs = r.stall;
    }
    out.push({ name, onRequestThreadMs, offThreadTotalMs, offThreadLongestStallMs });
    log(`${name.padEnd(44)} request thread ${String(onRequestThreadMs).padStart(6)} ms | via router ${offThreadTotalMs === null ? '     —' : String(offThreadTotalMs).padStart(6)} ms, longest stall ${offThreadLongestStallMs === null ? '—' : offThreadLongestStallMs} ms`);
  };
  const { buildLedgerExport: exportHere, buildLedgerView } = await import('../../electron/services/ledgers/ledgers');
  const { computeStatistics } = await import('../../electron/services/reports/statistics');
  const { buildWorklist } = await import('../../electron/services/worklist/worklist');
  const { listChildren } = await import('../../electron/services/registry/children');
  const { forgetMemos } = await import('../../electron/services/record/child-memo');
  const { verifyDatabase } = await import('../../db/open');
  const { verifyBackupFile } = await import('../../electron/services/backup/backup');
  await measure('roster export (ledger:export)', () => exportHere(ctx, { ledgers: ['roster'], ...period }), () => router.dispatch('a', 'ledger:export', { ledgers: ['roster'], ...period }));
  await measure('roster print view (ledger:view)', () => buildLedgerView(ctx, { ledger: 'roster', ...period }), () => router.dispatch('a', 'ledger:view', { ledger: 'roster', ...period }));
  await measure('statistics (reports:statistics)', () => computeStatistics(ctx, period), () => router.dispatch('a', 'reports:statistics', period));
  await measure('worklist, first read of the day (worklist:get)', () => (forgetMemos(ctx.sqlite), buildWorklist(ctx, {})), async () => (forgetMemos(ctx.sqlite), router.dispatch('a', 'worklist:get', {})));
  await measure('rules for every child (children:list by category)', () => (forgetMemos(ctx.sqlite), listChildren(ctx, { categories: ['orphan'] })), async () => (forgetMemos(ctx.sqlite), router.dispatch('a', 'children:list', { categories: ['orphan'] })));
  await measure('integrity check of the live file (not moved)', () => verifyDatabase(ctx.sqlite), null);
  const copy = join(core.dataDir, 'bench-verify.db');
  ctx.sqlite.prepare('VACUUM INTO ?').run(copy);
  await measure('backup verification (not moved)', () => verifyBackupFile(copy, core.keyMaterial().key), null);
  rmSync(copy, { force: true });
  return out;
}

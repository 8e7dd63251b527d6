/**
 * Long work off the request thread (issue 15 item 6, issue 19 item 5), through the router as every
 * transport uses it: while an import writes its chunks another client's request is answered (asserted
 * by order, not by time: the status comes back while the import still reports rows to write), progress
 * is readable through `jobs:status` by its owner only, and an export is built in a worker on its own
 * read-only connection with the same result as one built on the request thread.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { buildLedgerExport, ROSTER_BENEFITS_SHEET_ZH } from '../../electron/services/ledgers/ledgers';
import type { JobStatus } from '../../shared/contract/jobs';
import { LEDGER_SHEET_NAMES_ZH, type ImportPreview, type LedgerExport } from '../../shared/contract/ledgers';
import { makeIdNumber } from '../../shared/domain/id-number';
import { tempDir } from '../helpers/temp-db';
import { type TestCell, readWorkbook, workbookBase64 } from '../helpers/workbook';
import { makeHost, ok, setupAndLogin } from './support/host';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function host(): Promise<AppHost> {
  const { dir, cleanup } = tempDir('tonghu-long-');
  const app = makeHost(join(dir, 'data'));
  cleanups.push(() => {
    app.close();
    cleanup();
  });
  await setupAndLogin(app, 'c1');
  await setupSecondDesk(app);
  return app;
}

/** A second person signed in on another connection. */
async function setupSecondDesk(app: AppHost): Promise<void> {
  ok(await app.router.dispatch('c1', 'users:create', { username: 'zhang', displayName: '张社工', password: 'An0ther!pass-word', roles: ['caseworker'] }));
  ok(await app.router.dispatch('c2', 'auth:login', { username: 'zhang', password: 'An0ther!pass-word' }));
  ok(await app.router.dispatch('c2', 'auth:changePassword', { currentPassword: 'An0ther!pass-word', newPassword: 'Th1rd!pass-word-x' }));
}

function rows(n: number): TestCell[][] {
  return Array.from({ length: n }, (_, i) => {
    const birth = `${2009 + (i % 8)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const sex = i % 2 === 0 ? 'male' : 'female';
    return [`儿童${i}`, sex === 'male' ? '男' : '女', { date: birth }, makeIdNumber('310115', birth, i, sex)];
  });
}

const status = async (app: AppHost, connection: string, jobId: string) => ok<JobStatus>(await app.router.dispatch(connection, 'jobs:status', { jobId }));

describe('long work leaves the request thread free', () => {
  it('answers another client while an import is still writing its chunks, and reports progress to its owner only', async () => {
    const app = await host();
    const file = await workbookBase64([['姓名', '性别', '出生日期', '身份证号'], ...rows(300)]);
    const seen = ok<ImportPreview>(await app.router.dispatch('c1', 'import:preview', { fileName: 'big.xlsx', contentBase64: file, mapping: null, jobId: 'preview-0001' }));
    expect(seen.counts.create).toBe(300);
    expect(await status(app, 'c1', 'preview-0001')).toEqual({ state: 'done', phase: 'check', done: 300, total: 300 });

    const confirmed = seen.rows.map((r) => ({ row: r.row, action: 'create' as const }));
    let settled = false;
    const run = app.router.dispatch('c1', 'import:run', { fileName: 'big.xlsx', contentBase64: file, mapping: seen.mapping, rows: confirmed, jobId: 'import-0001' });
    void run.finally(() => {
      settled = true;
    });
    // Polling is itself a request answered meanwhile; wait until some rows are written and some are not.
    for (;;) {
      const now = await status(app, 'c1', 'import-0001');
      expect(now.state === 'running' || now.state === 'unknown').toBe(true);
      if (now.phase === 'write' && now.done > 0 && now.done < now.total) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const other = await app.router.dispatch('c2', 'app:status', null);
    expect(other.ok).toBe(true);
    expect(settled).toBe(false);
    // Another person cannot see this job.
    expect(await status(app, 'c2', 'import-0001')).toMatchObject({ state: 'unknown' });
    expect(ok<{ created: number }>(await run).created).toBe(300);
    expect(await status(app, 'c1', 'import-0001')).toEqual({ state: 'done', phase: 'write', done: 300, total: 300 });
  });

  it('builds an export in a worker on its own read-only connection: the same workbook, audited on the writer', async () => {
    const app = await host();
    const file = await workbookBase64([['姓名', '性别', '出生日期', '身份证号'], ...rows(20)]);
    const seen = ok<ImportPreview>(await app.router.dispatch('c1', 'import:preview', { fileName: 'a.xlsx', contentBase64: file, mapping: null }));
    ok(await app.router.dispatch('c1', 'import:run', { fileName: 'a.xlsx', contentBase64: file, mapping: seen.mapping, rows: seen.rows.map((r) => ({ row: r.row, action: 'create' as const })) }));
    const input = { ledgers: ['roster' as const], from: '2026-01-01', to: '2026-11-29' };
    const pending = app.router.dispatch('c1', 'ledger:export', input);
    const other = await app.router.dispatch('c2', 'app:status', null);
    expect(other.ok).toBe(true);
    expect(app.core.workers.load()).toEqual({ running: 1, queued: 0 });
    const exported = ok<LedgerExport>(await pending);
    expect(app.core.workers.load()).toEqual({ running: 0, queued: 0 });
    const ctx = app.core.context({ userId: 1, username: 'admin', roles: ['administrator', 'caseworker'] });
    const here = await buildLedgerExport(ctx, { ...input, ledgers: ['roster'] });
    expect((await readWorkbook(exported.contentBase64)).sheets).toEqual((await readWorkbook(here.contentBase64)).sheets);
    // The roster is its own sheet (the 20 imported children) and, since the ledgers' print setup, the
    // children's benefits one row each on a sheet of their own (none recorded for these children).
    expect(exported.sheets).toEqual(here.sheets);
    expect(exported.sheets).toEqual([
      { name: LEDGER_SHEET_NAMES_ZH.roster, rows: 20 },
      { name: ROSTER_BENEFITS_SHEET_ZH, rows: 0 },
    ]);
    const audit = ctx.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'ledger.export'").get() as { n: number };
    expect(audit.n).toBe(1);
  });
});

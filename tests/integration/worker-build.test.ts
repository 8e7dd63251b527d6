/**
 * The worker entry as electron-vite emits it (out/main/long-work.js, electron.vite.config.ts): where a
 * build exists, the pool pointed at it (as the Electron shell does) reads a workbook and reads the
 * encrypted database on its own read-only connection. Skipped, saying why, where nothing was built
 * (`npm run build`), or when the build is older than the entry's source.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackupCopy } from '../../electron/services/backup/make-backup';
import { fixedClock } from '../../electron/services/core/clock';
import { configureWorkers, createWorkerPool } from '../../electron/services/core/worker-pool';
import { createChild } from '../../electron/services/registry/children';
import type { Statistics } from '../../shared/contract/reports';
import { tempDatabase } from '../helpers/temp-db';
import { workbookBase64 } from '../helpers/workbook';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BUILT = join(ROOT, 'out', 'main', 'long-work.js');
const SOURCE = join(ROOT, 'electron', 'workers', 'long-work.ts');
const usable = existsSync(BUILT) && statSync(BUILT).mtimeMs >= statSync(SOURCE).mtimeMs;
const why = existsSync(BUILT) ? 'out/main/long-work.js is older than its source: run `npm run build`' : 'no build (out/main/long-work.js): run `npm run build`';

describe.skipIf(!usable)(`the built worker entry${usable ? '' : ` — skipped: ${why}`}`, () => {
  const databases: ReturnType<typeof tempDatabase>[] = [];
  afterAll(() => databases.forEach((d) => d.cleanup()));

  it('reads a workbook and the encrypted database from out/main/long-work.js', async () => {
    const db = tempDatabase();
    databases.push(db);
    configureWorkers({ directory: join(ROOT, 'out', 'main') });
    const pool = createWorkerPool({ database: () => ({ file: db.file, key: db.key }), clock: fixedClock('2026-11-29T09:00:00+08:00') });
    try {
      const bytes = new Uint8Array(Buffer.from(await workbookBase64([['姓名', '性别'], ['王小明', '男']]), 'base64'));
      const sheet = await pool.run<{ headers: string[] }>('workbook.read', bytes, null, { database: false });
      expect(sheet.headers).toEqual(['姓名', '性别']);
      createChild(db.ctx, { name: '王小明', sex: 'male', birthDate: '2015-03-04', idNumber: null, admissionDate: '2016-01-01' });
      const figures = await pool.run<Statistics>('reports.statistics', { from: '2026-01-01', to: '2026-11-29' }, null);
      expect(figures.inCare).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('makes and checks a backup copy and runs the full check from out/main/long-work.js', async () => {
    const db = tempDatabase();
    databases.push(db);
    createChild(db.ctx, { name: '王小明', sex: 'male', birthDate: '2015-03-04', idNumber: null, admissionDate: '2016-01-01' });
    configureWorkers({ directory: join(ROOT, 'out', 'main') });
    const pool = createWorkerPool({ database: () => ({ file: db.file, key: db.key }), clock: fixedClock('2026-11-29T09:00:00+08:00') });
    try {
      const partial = join(dirname(db.file), '.tonghu-built.db.partial');
      const copy = await pool.run<BackupCopy>('backup.make', { partial }, null);
      expect(copy.verification).toMatchObject({ ok: true, problems: [], children: 1 });
      expect(copy.size).toBe(statSync(partial).size);
      const check = await pool.run<{ ok: boolean; problems: string[] }>('database.check', { full: true }, null);
      expect(check).toEqual({ ok: true, problems: [] });
    } finally {
      await pool.close();
    }
  });
});

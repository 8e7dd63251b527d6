/**
 * A hostile workbook breaks nothing (issue 15, item 1): real files written into a temp folder — a zip
 * bomb (a 250 KB file whose sheet unpacks to over 100 MB of tiny rows), a file whose headers lie about
 * sizes, too many rows, too many cells, too many entries, not a zip at all — are each refused with the
 * limit named in Chinese, before anything is parsed, and the service answers the next request. A task
 * that exhausts its worker's heap fails alone, with a typed error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { WORKBOOK_LIMITS, checkWorkbook } from '../../electron/services/ledgers/workbook-guard';
import { AppError, ValidationError } from '../../shared/contract/errors';
import type { ImportPreview } from '../../shared/contract/ledgers';
import { tempDir } from '../helpers/temp-db';
import { workbookBase64 } from '../helpers/workbook';
import { rawWorkbook, writeZip } from '../helpers/zip';
import { makeHost, ok, setupAndLogin } from './support/host';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function host(): Promise<{ app: AppHost; dir: string }> {
  const { dir, cleanup } = tempDir('tonghu-guard-');
  const app = makeHost(join(dir, 'data'));
  cleanups.push(() => {
    app.close();
    cleanup();
  });
  await setupAndLogin(app);
  return { app, dir };
}

/** Writes the file into the temp folder and reads it back, as the import page would send it. */
function asSent(dir: string, name: string, bytes: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return readFileSync(file).toString('base64');
}

const TINY_ROW = '<row><c><v>1</v></c></row>';

async function previewRefusal(app: AppHost, contentBase64: string) {
  const result = await app.router.dispatch('c1', 'import:preview', { fileName: 'x.xlsx', contentBase64, mapping: null });
  expect(result.ok).toBe(false);
  return (result as { ok: false; error: { code: string; field?: string; message: string } }).error;
}

/** The service still answers: the status, and a real preview of a small workbook. */
async function stillAnswers(app: AppHost): Promise<void> {
  expect(ok<{ phase: string }>(await app.router.dispatch('c2', 'app:status', null)).phase).toBe('ready');
  const small = await workbookBase64([
    ['姓名', '性别', '出生日期'],
    ['王小明', '男', { date: '2015-03-04' }],
  ]);
  const seen = ok<ImportPreview>(await app.router.dispatch('c1', 'import:preview', { fileName: 'ok.xlsx', contentBase64: small, mapping: null }));
  expect(seen.counts.create).toBe(1);
}

describe('a hostile workbook is refused before it is parsed, and the service lives', () => {
  it('refuses a zip bomb (a small file whose sheet unpacks to over 100 MB) naming the 50 MB limit', async () => {
    const { app, dir } = await host();
    const bomb = rawWorkbook({ row: TINY_ROW, rows: 4_000_000 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const error = await previewRefusal(app, asSent(dir, 'bomb.xlsx', bomb));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'file', message: expect.stringContaining('工作簿过大：解压后超过 50 MB') });
    await stillAnswers(app);
  });

  it('refuses a file whose headers lie about the unpacked size, counting the bytes actually inflated', async () => {
    const { app, dir } = await host();
    const liar = rawWorkbook({ row: TINY_ROW, rows: 3_000_000, declaredSize: 4_000 });
    // The central directory claims a few kilobytes: the declared sizes alone would let it through.
    await expect(checkWorkbook(liar, { ...WORKBOOK_LIMITS, maxRatio: Number.MAX_SAFE_INTEGER })).rejects.toMatchObject({ message: expect.stringContaining('大小与其声明不符') });
    const error = await previewRefusal(app, asSent(dir, 'liar.xlsx', liar));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'file', message: expect.stringContaining('大小与其声明不符') });
    await stillAnswers(app);
  });

  it('refuses a sheet of more than 20,000 rows, and lets one of exactly 20,000 through', async () => {
    const { app, dir } = await host();
    const error = await previewRefusal(app, asSent(dir, 'rows.xlsx', rawWorkbook({ row: TINY_ROW, rows: 20_011 })));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'file', message: expect.stringContaining('超过 20,000 行') });
    await expect(checkWorkbook(rawWorkbook({ row: TINY_ROW, rows: 20_000 }))).resolves.toBeUndefined();
    await stillAnswers(app);
  });

  it('refuses too many cells, too many entries and an extreme compression ratio, each naming its limit', async () => {
    const wide = rawWorkbook({ row: `<row>${'<c><v>1</v></c>'.repeat(80)}</row>`, rows: 15_000 });
    await expect(checkWorkbook(wide)).rejects.toMatchObject({ field: 'file', message: expect.stringContaining('压缩比超过 200:1') });
    await expect(checkWorkbook(wide, { ...WORKBOOK_LIMITS, maxRatio: Number.MAX_SAFE_INTEGER })).rejects.toMatchObject({ message: expect.stringContaining('超过 1,000,000 个单元格') });
    const many = writeZip(Array.from({ length: 1_001 }, (_, i) => ({ name: `xl/media/${i}.xml`, head: '<x/>' })));
    await expect(checkWorkbook(many)).rejects.toMatchObject({ message: expect.stringContaining('超过 1,000 个内部文件') });
  });

  it('refuses a file that is not a zip, and a zip that is not a workbook', async () => {
    const { app, dir } = await host();
    const text = await previewRefusal(app, asSent(dir, 'names.xlsx', Buffer.from('姓名,性别\n王小明,男\n', 'utf8')));
    expect(text).toMatchObject({ code: 'invalid_input', field: 'file', message: expect.stringContaining('不是 Excel 工作簿') });
    const notBook = await previewRefusal(app, asSent(dir, 'photos.xlsx', writeZip([{ name: 'photo.txt', head: 'hello' }])));
    expect(notBook).toMatchObject({ field: 'file', message: expect.stringContaining('无法读取') });
    await stillAnswers(app);
  });

  it('a task that exhausts its worker heap fails alone with a typed error; the next task runs', async () => {
    const { app } = await host();
    const rows = Array.from({ length: 3_000 }, (_, i) => [`王${i}`, '男', { date: '2015-03-04' }, '备注'.repeat(20)] as const);
    const bytes = new Uint8Array(Buffer.from(await workbookBase64([['姓名', '性别', '出生日期', '备注'], ...rows]), 'base64'));
    const starved = app.core.workers.run('workbook.read', bytes, null, { database: false, heapMb: 8 });
    await expect(starved).rejects.toBeInstanceOf(AppError);
    await expect(starved).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('超出内存上限（8 MB）') });
    const sheet = await app.core.workers.run<{ rows: unknown[] }>('workbook.read', bytes, null, { database: false });
    expect(sheet.rows).toHaveLength(3_000);
    await stillAnswers(app);
  });

  it('a task that runs past its time is stopped with its own refusal; the pool is free again', async () => {
    const { app } = await host();
    const bytes = new Uint8Array(Buffer.from(await workbookBase64([['姓名'], ['王小明']]), 'base64'));
    const slow = app.core.workers.run('workbook.read', bytes.slice(), null, { database: false, timeout: { ms: 1, error: () => new ValidationError('file', '读取工作簿超时') } });
    await expect(slow).rejects.toMatchObject({ code: 'invalid_input', message: '读取工作簿超时' });
    expect(app.core.workers.load()).toEqual({ running: 0, queued: 0 });
    const sheet = await app.core.workers.run<{ rows: unknown[] }>('workbook.read', bytes, null, { database: false });
    expect(sheet.rows).toHaveLength(1);
  });
});

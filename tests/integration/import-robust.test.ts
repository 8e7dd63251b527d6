/**
 * Import never crashes (issue 18, item 13) against real encrypted databases: a merged title row above
 * the header is skipped and named; repeated header texts are told apart ("备注", "备注 (2)") so every
 * column can be chosen; a new row whose ID number disagrees with its birth-date cell is that row's
 * error, never a refusal of the file; every row problem is a row error.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { previewImport, runImport } from '../../electron/services/ledgers/import-children';
import { distinctHeaders } from '../../electron/services/ledgers/xlsx-cells';
import { makeIdNumber } from '../../shared/domain/id-number';
import { tempDatabase } from '../helpers/temp-db';

const databases: ReturnType<typeof tempDatabase>[] = [];
afterEach(() => {
  for (const db of databases.splice(0)) db.cleanup();
});

/** A roster as offices make them: a merged title over the header, two 备注 columns. */
async function officeWorkbook(rows: (string | Date | null)[][], options: { title?: boolean } = {}): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  const headers = ['姓名', '性别', '出生日期', '身份证号', '备注', '备注'];
  if (options.title !== false) {
    sheet.addRow(['上海市儿童福利院 儿童花名册（2026年11月）']);
    sheet.mergeCells(1, 1, 1, headers.length);
  }
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('headers as offices write them', () => {
  it('tells repeated headers apart, keeping the first as written', () => {
    expect(distinctHeaders(['备注', '姓名', '备注', '', '', '备注', '备注 (2)'])).toEqual(['备注', '姓名', '备注 (3)', '', '', '备注 (4)', '备注 (2)']);
  });

  it('skips a merged title row above the header, names it, and offers every column once', async () => {
    const db = tempDatabase();
    databases.push(db);
    const id = makeIdNumber('310115', '2015-03-04', 1, 'male');
    const file = await officeWorkbook([['王小明', '男', date('2015-03-04'), id, '左耳助听器', '每周复查']]);
    const seen = await previewImport(db.ctx, { fileName: 'roster.xlsx', contentBase64: file, mapping: null });
    expect(seen.headerRow).toBe(2);
    expect(seen.skippedTitle).toBe('上海市儿童福利院 儿童花名册（2026年11月）');
    expect(seen.headers).toEqual(['姓名', '性别', '出生日期', '身份证号', '备注', '备注 (2)']);
    expect(new Set(seen.headers).size).toBe(seen.headers.length);
    expect(seen.rows).toEqual([expect.objectContaining({ row: 3, action: 'create', errors: [] })]);
    // Either 备注 can feed a field: the second one by its told-apart name.
    const mapped = await previewImport(db.ctx, { fileName: 'roster.xlsx', contentBase64: file, mapping: { ...seen.mapping, name: '备注 (2)' } });
    expect(mapped.mapping.name).toBe('备注 (2)');
    expect(mapped.rows[0]).toMatchObject({ name: '每周复查', action: 'create' });
  });

  it('without a title, reads the header from row 1 as before', async () => {
    const db = tempDatabase();
    databases.push(db);
    const file = await officeWorkbook([['王小明', '男', date('2015-03-04'), null, null, null]], { title: false });
    const seen = await previewImport(db.ctx, { fileName: 'roster.xlsx', contentBase64: file, mapping: null });
    expect(seen).toMatchObject({ headerRow: 1, skippedTitle: null });
    expect(seen.rows[0]).toMatchObject({ row: 2, action: 'create' });
  });
});

describe('every row problem is a row error', () => {
  it('a new row whose ID number disagrees with its birth-date cell is that row’s error; the others import', async () => {
    const db = tempDatabase();
    databases.push(db);
    const good = makeIdNumber('310115', '2015-03-04', 1, 'male');
    const other = makeIdNumber('310104', '2012-07-09', 2, 'female');
    const file = await officeWorkbook([
      ['王小明', '男', date('2015-03-04'), good, null, null],
      // The ID number says 2012-07-09; the birth-date cell says 2013-01-01.
      ['李思远', '女', date('2013-01-01'), other, null, null],
      ['张欣怡', '女', date('2014-05-06'), makeIdNumber('310101', '2014-05-06', 3, 'female'), null, null],
    ]);
    const seen = await previewImport(db.ctx, { fileName: 'roster.xlsx', contentBase64: file, mapping: null });
    expect(seen.counts).toEqual({ create: 2, update: 0, unchanged: 0, invalid: 1 });
    const bad = seen.rows.find((r) => r.action === 'invalid')!;
    expect(bad.row).toBe(4);
    expect(bad.errors).toEqual([{ column: '身份证号', message: expect.stringMatching(/出生日期/) }]);
    const rows = seen.rows.filter((r) => r.action === 'create').map((r) => ({ row: r.row, action: 'create' as const }));
    expect(await runImport(db.ctx, { fileName: 'roster.xlsx', contentBase64: file, mapping: seen.mapping, rows })).toEqual({ created: 2, updated: 0 });
  });

  it('a row the registry’s schema refuses for any reason (a name too long) is a row error too', async () => {
    const db = tempDatabase();
    databases.push(db);
    const file = await officeWorkbook([
      ['王'.repeat(200), '男', date('2015-03-04'), null, null, null],
      ['王小明', '男', date('2015-03-04'), null, null, null],
    ]);
    const seen = await previewImport(db.ctx, { fileName: 'roster.xlsx', contentBase64: file, mapping: null });
    expect(seen.rows.map((r) => r.action)).toEqual(['invalid', 'create']);
    expect(seen.rows[0]!.errors[0]!.column).toBe('姓名');
  });

  it('the same child without an ID number twice in one file is a row error of the second', async () => {
    const db = tempDatabase();
    databases.push(db);
    const file = await officeWorkbook([
      ['王小明', '男', date('2015-03-04'), null, null, null],
      ['王小明', '男', date('2015-03-04'), null, null, null],
    ]);
    const seen = await previewImport(db.ctx, { fileName: 'roster.xlsx', contentBase64: file, mapping: null }, { chunkRows: 1 });
    expect(seen.rows.map((r) => r.action)).toEqual(['create', 'invalid']);
    expect(seen.rows[1]!.errors[0]!.message).toContain('与第3行同名、出生日期相同');
  });
});

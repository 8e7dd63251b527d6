import ExcelJS from 'exceljs';

/** A cell as a test writes it: text, number, a real date (`{ date: 'YYYY-MM-DD' }`) or empty. */
export type TestCell = string | number | { date: string } | null;

/** An xlsx workbook (base64) with one sheet: `rows[0]` is the header row. */
export async function workbookBase64(rows: readonly (readonly TestCell[])[], sheetName = 'Sheet1'): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) {
    sheet.addRow(row.map((cell) => (cell !== null && typeof cell === 'object' ? new Date(`${cell.date}T00:00:00Z`) : cell)));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

/** Every sheet of a workbook as plain values (dates as YYYY-MM-DD), row by row, for comparisons. */
export async function readWorkbook(base64: string): Promise<{ workbook: ExcelJS.Workbook; sheets: Map<string, unknown[][]> }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const sheets = new Map<string, unknown[][]>();
  for (const sheet of workbook.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values: unknown[] = [];
      for (let c = 1; c <= sheet.columnCount; c += 1) {
        const v = row.getCell(c).value;
        values.push(v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? null));
      }
      rows.push(values);
    });
    sheets.set(sheet.name, rows);
  }
  return { workbook, sheets };
}

/**
 * Reading an Excel workbook the way offices fill them in: dates as real dates, Excel serial numbers or
 * text in the usual Chinese forms; numbers as numbers or text. Every refusal is a zh-CN sentence.
 */
import ExcelJS from 'exceljs';
import { ValidationError } from '../../../shared/contract/errors';
import { isRealDate } from '../../../shared/domain/dates';

/** What a cell holds, once formulas, rich text and hyperlinks are looked through. */
export type CellContent = { kind: 'empty' } | { kind: 'text'; text: string } | { kind: 'number'; value: number } | { kind: 'date'; iso: string };

/** A date cell's calendar day. exceljs reads dates as UTC midnight of the day shown. */
function isoOfUtc(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const y = date.getUTCFullYear();
  return `${String(y).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

export function cellContent(value: ExcelJS.CellValue): CellContent {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: value.trim() };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? '是' : '否' };
  if (value instanceof Date) {
    const iso = isoOfUtc(value);
    return iso ? { kind: 'date', iso } : { kind: 'empty' };
  }
  if ('richText' in value) return cellContent(value.richText.map((r) => r.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) return cellContent((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return cellContent((value as ExcelJS.CellHyperlinkValue).text);
  if ('error' in value) return { kind: 'text', text: String((value as ExcelJS.CellErrorValue).error) };
  return { kind: 'empty' };
}

/** The cell as the person sees it, for messages. */
export function cellText(content: CellContent): string {
  switch (content.kind) {
    case 'empty':
      return '';
    case 'text':
      return content.text;
    case 'number':
      return String(content.value);
    case 'date':
      return content.iso;
  }
}

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/** An Excel serial day number (1900 date system) as a date, when it is a plausible one. */
function serialToIso(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2_958_465) return null;
  return isoOfUtc(new Date(EXCEL_EPOCH_UTC + serial * 86_400_000));
}

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2199 || !isRealDate(y, m, d)) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 2015-03-04, 2015/3/4, 2015.3.4, 2015年3月4日, 20150304. */
export function parseDateText(text: string): string | null {
  const t = text.trim();
  const sep = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  if (sep) return isoOf(Number(sep[1]), Number(sep[2]), Number(sep[3]));
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (compact) return isoOf(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  return null;
}

/** A cell read as a date, or the reason it cannot be. */
export function readDate(content: CellContent): { ok: true; value: string } | { ok: false; message: string } {
  let iso: string | null = null;
  if (content.kind === 'date') iso = content.iso;
  else if (content.kind === 'number') iso = serialToIso(content.value) ?? parseDateText(String(content.value));
  else if (content.kind === 'text') iso = parseDateText(content.text);
  if (iso) return { ok: true, value: iso };
  return { ok: false, message: `无法识别的日期“${cellText(content)}”，请写成 2015-03-04 或设为日期格式` };
}

/** The headers of row 1 and each later row's cells, of the sheet to import. */
export type SheetData = { sheetName: string; headers: string[]; rows: { row: number; cells: CellContent[] }[] };

/** The workbook's worksheets, or a file-level ValidationError when it is not a readable xlsx. */
export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  // An xlsx is a zip: it begins with "PK". Anything else (an old .xls, a CSV, a PDF) is refused plainly.
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new ValidationError('file', '文件不是 Excel 工作簿（.xlsx）。旧版 .xls 或 CSV 文件请先在 Excel 中“另存为”.xlsx 格式');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ValidationError('file', '无法读取该 Excel 工作簿：文件可能已损坏，或不是 .xlsx 格式');
  }
  return workbook;
}

/** The cells of `sheet`: row 1 as headers, then every row that is not empty. */
export function readSheet(sheet: ExcelJS.Worksheet): SheetData {
  const width = sheet.columnCount;
  const headerRow = sheet.getRow(1);
  const headers: string[] = [];
  for (let c = 1; c <= width; c += 1) headers.push(cellText(cellContent(headerRow.getCell(c).value)));
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  const rows: SheetData['rows'] = [];
  for (let r = 2; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const cells: CellContent[] = [];
    for (let c = 1; c <= headers.length; c += 1) cells.push(cellContent(row.getCell(c).value));
    if (cells.some((cell) => cell.kind !== 'empty')) rows.push({ row: r, cells });
  }
  return { sheetName: sheet.name, headers, rows };
}

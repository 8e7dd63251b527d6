/**
 * Reading an Excel workbook the way offices fill them in: dates as real dates, Excel serial numbers or
 * text in the usual Chinese forms; numbers as numbers or text. Every refusal is a zh-CN sentence.
 */
import ExcelJS from 'exceljs';
import { ValidationError } from '../../../shared/contract/errors';
import { isRealDate } from '../../../shared/domain/dates';
import { LEDGER_SHEET_NAMES_ZH } from '../../../shared/contract/ledgers';
import { checkWorkbook } from './workbook-guard';

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

/**
 * The header row and each later row's cells, of the sheet to import. `headerRow` is the sheet row the
 * headers were read from (1, or the row under a title); `skippedTitle` is the title text skipped.
 */
export type SheetData = { sheetName: string; headerRow: number; skippedTitle: string | null; headers: string[]; rows: { row: number; cells: CellContent[] }[] };

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

/** A cell's content; the cells a merge covers besides its first are empty (Excel shows the value once). */
function ownContent(cell: ExcelJS.Cell): CellContent {
  if (cell.isMerged && cell.master !== cell) return { kind: 'empty' };
  return cellContent(cell.value);
}

/** How many rows above the header a title (a merged banner, a "填报单位" line) may take. */
const MAX_TITLE_ROWS = 5;

/** A row holding one text only (often merged across the sheet's width): a title, not a header. */
function titleOf(texts: readonly string[]): string | null {
  const filled = texts.filter((t) => t !== '');
  return filled.length === 1 ? filled[0]! : null;
}

/**
 * Headers told apart: a repeated header gets its position, as "备注", "备注 (2)", "备注 (3)"; an empty
 * one stays empty (not offered as a column).
 */
export function distinctHeaders(texts: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(texts);
  return texts.map((text) => {
    if (text === '') return text;
    const n = (seen.get(text) ?? 0) + 1;
    seen.set(text, n);
    if (n === 1) return text;
    let k = n;
    while (taken.has(`${text} (${k})`)) k += 1;
    const name = `${text} (${k})`;
    taken.add(name);
    return name;
  });
}

/** The cells of `sheet`: the header row (row 1, or the row under a title), then every later row that is not empty. */
export function readSheet(sheet: ExcelJS.Worksheet): SheetData {
  const width = sheet.columnCount;
  const texts = (r: number) => {
    const row = sheet.getRow(r);
    const out: string[] = [];
    for (let c = 1; c <= width; c += 1) out.push(cellText(ownContent(row.getCell(c))));
    return out;
  };
  let headerRow = 1;
  let skippedTitle: string | null = null;
  // Title rows above the header are skipped when a header with two columns or more follows them.
  for (let r = 1; r <= MAX_TITLE_ROWS && r < sheet.rowCount; r += 1) {
    const title = titleOf(texts(r));
    if (title === null) break;
    const next = texts(r + 1);
    if (next.filter((t) => t !== '').length >= 2) {
      headerRow = r + 1;
      skippedTitle = skippedTitle ?? title;
      break;
    }
    if (titleOf(next) === null) break;
    skippedTitle = skippedTitle ?? title;
  }
  if (headerRow === 1) skippedTitle = null;
  const raw = texts(headerRow);
  while (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  const headers = distinctHeaders(raw);
  const rows: SheetData['rows'] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const cells: CellContent[] = [];
    for (let c = 1; c <= headers.length; c += 1) cells.push(ownContent(row.getCell(c)));
    if (cells.some((cell) => cell.kind !== 'empty')) rows.push({ row: r, cells });
  }
  return { sheetName: sheet.name, headerRow, skippedTitle, headers, rows };
}

/** The sheet an import reads: the one named like the roster, else the first visible one. */
export function pickSheet(workbook: ExcelJS.Workbook, rosterName: string): SheetData {
  const sheets = workbook.worksheets.filter((s) => s.state !== 'hidden' && s.state !== 'veryHidden');
  const sheet = sheets.find((s) => s.name === rosterName) ?? sheets[0];
  if (!sheet) throw new ValidationError('file', '工作簿中没有工作表');
  const data = readSheet(sheet);
  const at = data.headerRow;
  if (data.headers.every((h) => h === '')) {
    throw new ValidationError('file', `工作表“${data.sheetName}”第${at}行是空的：第${at}行须为表头（如 姓名、性别、出生日期、身份证号）`);
  }
  if (data.rows.length === 0) throw new ValidationError('file', `工作表“${data.sheetName}”除表头外没有数据行`);
  return data;
}

/**
 * The sheet to import from a workbook's bytes: checked against the workbook limits first (no parsing
 * before that), then read. Runs in a worker in the app (worker-pool.ts), here in tests.
 */
export async function readImportSheet(bytes: Buffer): Promise<SheetData> {
  await checkWorkbook(bytes);
  return pickSheet(await loadWorkbook(bytes), LEDGER_SHEET_NAMES_ZH.roster);
}

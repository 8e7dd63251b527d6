/**
 * A workbook is checked before it is parsed (issue 15, item 1): an .xlsx is a zip, and a 1.7 MB file
 * can unpack to half a gigabyte of sheet XML. The zip's central directory is read first (entry count,
 * each entry's declared size and compression ratio, their total); then every entry is inflated as a
 * stream with the bytes actually produced counted against the same caps, because declared sizes can
 * lie; and the sheets' XML is scanned on the way for rows and cells. Every refusal names its limit in
 * Chinese. Nothing here holds more than one chunk of inflated data at a time.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ValidationError } from '../../../shared/contract/errors';

/** The limits a workbook must stay within (the import takes at most 20,000 children at once). */
export type WorkbookLimits = {
  /** All entries together, unpacked. */
  maxUnpackedBytes: number;
  maxEntries: number;
  /** Unpacked ÷ packed, for entries larger than `ratioFromBytes` unpacked. */
  maxRatio: number;
  ratioFromBytes: number;
  /** Rows of one sheet besides the header (and a title row or two above it). */
  maxRows: number;
  /** Cells of all sheets together. */
  maxCells: number;
};

export const WORKBOOK_LIMITS: WorkbookLimits = {
  maxUnpackedBytes: 50 * 1024 * 1024,
  maxEntries: 1_000,
  maxRatio: 200,
  ratioFromBytes: 1024 * 1024,
  maxRows: 20_000,
  maxCells: 1_000_000,
};

/** Rows allowed above the data: the header, and title rows a form may carry. */
const ROWS_ABOVE_DATA = 10;

const number = (n: number) => n.toLocaleString('en-US');
const mb = (bytes: number) => `${number(Math.round(bytes / 1024 / 1024))} MB`;

function tooLarge(detail: string, limit: string): ValidationError {
  return new ValidationError('file', `工作簿过大：${detail}。请删去多余的行、列或工作表，或分成几个文件导入`, { limit });
}

const unreadable = () => new ValidationError('file', '无法读取该 Excel 工作簿：文件可能已损坏，或不是 .xlsx 格式');

/** Counts rows and cells in a sheet's XML as it streams past (tags may straddle two chunks). */
export class SheetCounter {
  rows = 0;
  cells = 0;
  private carry = '';
  private static readonly TAG = /<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s>/])/g;

  feed(chunk: string): void {
    const text = this.carry + chunk;
    // A tag cut at the chunk's end is counted with the next chunk.
    const cut = text.lastIndexOf('<');
    const whole = cut > text.length - 32 ? text.slice(0, cut) : text;
    this.carry = cut > text.length - 32 ? text.slice(cut) : '';
    SheetCounter.TAG.lastIndex = 0;
    for (let m = SheetCounter.TAG.exec(whole); m !== null; m = SheetCounter.TAG.exec(whole)) {
      if (m[1] === 'row') this.rows += 1;
      else this.cells += 1;
    }
  }
}

function openZip(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (error, zip) => {
      if (error || !zip) reject(unreadable());
      else resolve(zip);
    });
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) reject(unreadable());
      else resolve(stream);
    });
  });
}

/** The entries of the central directory, checked against the declared limits before anything is inflated. */
async function readDirectory(zip: yauzl.ZipFile, limits: WorkbookLimits): Promise<yauzl.Entry[]> {
  if (zip.entryCount > limits.maxEntries) throw tooLarge(`包含超过 ${number(limits.maxEntries)} 个内部文件`, 'entries');
  const entries: yauzl.Entry[] = [];
  let declared = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      declared += entry.uncompressedSize;
      if (declared > limits.maxUnpackedBytes) return reject(tooLarge(`解压后超过 ${mb(limits.maxUnpackedBytes)}`, 'unpacked'));
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > limits.ratioFromBytes && ratio > limits.maxRatio) {
        return reject(tooLarge(`内部文件“${entry.fileName.slice(0, 60)}”的压缩比超过 ${limits.maxRatio}:1（可能是“压缩炸弹”）`, 'ratio'));
      }
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', () => reject(unreadable()));
    zip.readEntry();
  });
  return entries;
}

/** Whether the bytes begin as a zip does ("PK"); an old .xls, a CSV or a PDF does not. */
export function looksLikeZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/**
 * Checks `bytes` as a workbook: a zip whose directory and actual contents stay within `limits`.
 * Throws a ValidationError on field `file` naming the limit; returns when the workbook may be parsed.
 */
export async function checkWorkbook(bytes: Buffer, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<void> {
  if (!looksLikeZip(bytes)) {
    throw new ValidationError('file', '文件不是 Excel 工作簿（.xlsx）。旧版 .xls 或 CSV 文件请先在 Excel 中“另存为”.xlsx 格式');
  }
  const zip = await openZip(bytes);
  try {
    const entries = await readDirectory(zip, limits);
    if (!entries.some((e) => /^xl\/workbook\.xml$/i.test(e.fileName))) throw unreadable();
    let inflated = 0;
    let cells = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      if (entry.isEncrypted()) throw new ValidationError('file', '工作簿设有密码保护：请在 Excel 中取消密码后另存，再导入');
      const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(entry.fileName);
      const counter = isSheet ? new SheetCounter() : null;
      const stream = await openEntry(zip, entry);
      await new Promise<void>((resolve, reject) => {
        const stop = (error: Error) => {
          stream.destroy();
          reject(error);
        };
        stream.on('data', (chunk: Buffer) => {
          // The bytes actually inflated count, whatever the headers declared.
          inflated += chunk.length;
          if (inflated > limits.maxUnpackedBytes) return stop(tooLarge(`解压后超过 ${mb(limits.maxUnpackedBytes)}`, 'unpacked'));
          if (!counter) return;
          counter.feed(chunk.toString('latin1'));
          if (counter.rows > limits.maxRows + ROWS_ABOVE_DATA) return stop(tooLarge(`一个工作表超过 ${number(limits.maxRows)} 行`, 'rows'));
          if (cells + counter.cells > limits.maxCells) return stop(tooLarge(`超过 ${number(limits.maxCells)} 个单元格`, 'cells'));
        });
        stream.on('error', (error: Error) => {
          // yauzl checks the inflated length against the declared one: a lie is a damaged file.
          stream.destroy();
          reject(/too (many|few) bytes/i.test(error.message) ? new ValidationError('file', '工作簿的内部文件大小与其声明不符：文件已损坏或被篡改，未读取', { limit: 'declared' }) : unreadable());
        });
        stream.on('end', () => resolve());
      });
      if (counter) cells += counter.cells;
    }
  } finally {
    zip.close();
  }
}

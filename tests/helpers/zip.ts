import { crc32, deflateRawSync } from 'node:zlib';

/** One file in a zip the test writes: head, then `unit` repeated `repeat` times, then tail. */
export type ZipEntry = {
  name: string;
  head?: string;
  /** Repeated without ever holding the whole content: a huge file from a few kilobytes of memory. */
  unit?: string;
  repeat?: number;
  tail?: string;
  /** The uncompressed size written in the headers instead of the real one (a lying file). */
  declaredSize?: number;
};

const SYNC = 2; // Z_SYNC_FLUSH: a deflate piece without the final bit, so pieces concatenate into one stream
const FINISH = 4;

/**
 * A zip written byte by byte (deflate, no data descriptors), so a test can make hostile workbooks:
 * sheet XML that unpacks to hundreds of megabytes from a small file, or headers that lie about sizes.
 */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    let crc = 0;
    let size = 0;
    const pieces: Buffer[] = [];
    const add = (data: Buffer, compressed?: Buffer) => {
      crc = crc32(data, crc);
      size += data.length;
      pieces.push(compressed ?? deflateRawSync(data, { level: 9, finishFlush: SYNC }));
    };
    if (entry.head) add(Buffer.from(entry.head, 'utf8'));
    const unit = Buffer.from(entry.unit ?? '', 'utf8');
    const repeat = unit.length === 0 ? 0 : (entry.repeat ?? 1);
    const perBlock = Math.max(1, Math.floor((2 * 1024 * 1024) / Math.max(1, unit.length)));
    if (repeat > 0) {
      const block = Buffer.concat(Array.from({ length: Math.min(perBlock, repeat) }, () => unit));
      const compressed = deflateRawSync(block, { level: 9, finishFlush: SYNC });
      let left = repeat;
      while (left >= perBlock) {
        add(block, compressed);
        left -= perBlock;
      }
      if (left > 0) add(block.subarray(0, left * unit.length));
    }
    add(Buffer.from(entry.tail ?? '', 'utf8'));
    pieces.push(deflateRawSync(Buffer.alloc(0), { finishFlush: FINISH }));
    const compressed = Buffer.concat(pieces);
    const declared = entry.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(compressed.length, 20);
    dir.writeUInt32LE(declared, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += local.length + name.length + compressed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

/**
 * A minimal xlsx whose one sheet is a header row then `rows` copies of `row` (the XML of one row, e.g.
 * `<row><c t="inlineStr"><is><t>x</t></is></c></row>`); `declaredSize` makes the sheet's headers lie.
 */
export function rawWorkbook(options: { row: string; rows: number; header?: string; declaredSize?: number }): Buffer {
  const header = options.header ?? '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>性别</t></is></c></row>';
  return writeZip([
    { name: '[Content_Types].xml', head: CONTENT_TYPES },
    { name: '_rels/.rels', head: RELS },
    { name: 'xl/workbook.xml', head: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', head: WORKBOOK_RELS },
    {
      name: 'xl/worksheets/sheet1.xml',
      head: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${header}`,
      unit: options.row,
      repeat: options.rows,
      tail: '</sheetData></worksheet>',
      declaredSize: options.declaredSize,
    },
  ]);
}

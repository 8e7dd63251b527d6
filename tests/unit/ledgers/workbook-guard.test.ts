import { describe, expect, it } from 'vitest';
import { SheetCounter } from '../../../electron/services/ledgers/workbook-guard';

/** The row and cell count of a sheet's XML, however the inflated stream cuts it into chunks. */
describe('SheetCounter', () => {
  const xml =
    '<worksheet><cols><col min="1"/></cols><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1"/></row>' +
    '<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c></x:row><row r="3"/></sheetData><rowBreaks/><colBreaks/></worksheet>';

  it('counts rows and cells (prefixed too), not cols, rowBreaks or colBreaks', () => {
    const counter = new SheetCounter();
    counter.feed(xml);
    expect({ rows: counter.rows, cells: counter.cells }).toEqual({ rows: 3, cells: 3 });
  });

  it('counts the same when a tag is cut at any point between two chunks', () => {
    for (let cut = 0; cut <= xml.length; cut += 1) {
      const counter = new SheetCounter();
      counter.feed(xml.slice(0, cut));
      counter.feed(xml.slice(cut));
      expect({ cut, rows: counter.rows, cells: counter.cells }).toEqual({ cut, rows: 3, cells: 3 });
    }
  });
});

/** Reading workbook cells the way offices fill them in (issue 8): dates in their usual forms, formulas, rich text. */
import { describe, expect, it } from 'vitest';
import { cellContent, parseDateText, readDate } from '../../../electron/services/ledgers/xlsx-cells';

describe('parseDateText', () => {
  it.each([
    ['2015-03-04', '2015-03-04'],
    ['2015/3/4', '2015-03-04'],
    ['2015.3.4', '2015-03-04'],
    ['2015年3月4日', '2015-03-04'],
    ['2015 年 3 月 4 日', '2015-03-04'],
    ['20150304', '2015-03-04'],
    ['2016-02-29', '2016-02-29'],
  ])('reads %s', (text, iso) => expect(parseDateText(text)).toBe(iso));

  it.each(['2015-02-29', '2015-13-01', '2015-00-10', '1899-12-31', '15-3-4', '2015/3', '三月四日', '2015-03-04x', ''])('refuses %s', (text) =>
    expect(parseDateText(text)).toBeNull(),
  );
});

describe('readDate', () => {
  it('takes a real date cell as the day it shows, and an Excel serial number as a date', () => {
    expect(readDate(cellContent(new Date('2015-03-04T00:00:00Z')))).toEqual({ ok: true, value: '2015-03-04' });
    expect(readDate({ kind: 'number', value: 42067 })).toEqual({ ok: true, value: '2015-03-04' });
    expect(readDate({ kind: 'number', value: 20150304 })).toEqual({ ok: true, value: '2015-03-04' });
  });

  it('says what it could not read, in Chinese', () => {
    expect(readDate({ kind: 'text', text: '去年春天' })).toEqual({ ok: false, message: '无法识别的日期“去年春天”，请写成 2015-03-04 或设为日期格式' });
    expect(readDate({ kind: 'number', value: 1.5 }).ok).toBe(false);
  });
});

describe('cellContent', () => {
  it('looks through formulas, rich text and hyperlinks, and treats blank text as empty', () => {
    expect(cellContent({ formula: 'A1', result: 7 })).toEqual({ kind: 'number', value: 7 });
    expect(cellContent({ richText: [{ text: '王' }, { text: '小明' }] })).toEqual({ kind: 'text', text: '王小明' });
    expect(cellContent({ text: '链接', hyperlink: 'https://example.org' })).toEqual({ kind: 'text', text: '链接' });
    expect(cellContent('   ')).toEqual({ kind: 'empty' });
    expect(cellContent(null)).toEqual({ kind: 'empty' });
  });
});

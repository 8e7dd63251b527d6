/**
 * Stored pinyin and the search normaliser (issue 18, item 14): characters outside the BMP are read, not
 * dropped; a surname reads as a surname; spaces, tone marks and every spelling of ü normalise alike.
 */
import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { SUPPLEMENTARY_READINGS, SURNAME_READINGS, namePinyin, normalisePinyin } from '../../../electron/services/record/pinyin';

describe('normalisePinyin', () => {
  it.each([
    ['shan xiao ming', 'shanxiaoming'],
    ['Shàn Xiǎo Míng', 'shanxiaoming'],
    ['SHAN  xiao\tming ', 'shanxiaoming'],
    ['shan3 xiao3 ming2', 'shanxiaoming'],
    ['lü jia', 'lvjia'],
    ['Lǚ Jiā', 'lvjia'],
    ['LÜ', 'lv'],
    ['lv jia', 'lvjia'],
    ['lu:jia', 'lvjia'],
    ['nü', 'nv'],
    ["xi'an", 'xian'],
    ['ji tian', 'jitian'],
  ])('%s → %s', (input, want) => {
    expect(normalisePinyin(input)).toBe(want);
  });

  it('decomposed and composed ü normalise alike', () => {
    expect(normalisePinyin('lu\u0308')).toBe(normalisePinyin('l\u00fc'));
  });
});

describe('namePinyin', () => {
  it.each([
    ['𠮷田', 'jitian', 'jt'],
    ['𡘙明', 'taiming', 'tm'],
    ['王𡘙', 'wangtai', 'wt'],
    ['秘小明', 'bixiaoming', 'bxm'],
    ['单晓明', 'shanxiaoming', 'sxm'],
    ['吕佳', 'lvjia', 'lj'],
    ['张小明', 'zhangxiaoming', 'zxm'],
    ['阿依·买买提', 'ayimaimaiti', 'aymmt'],
    ['Anna李', 'annali', 'al'],
  ])('%s → %s / %s', (name, full, initials) => {
    expect(namePinyin(name)).toEqual({ full, initials });
  });

  it('a digit of its own stays in the stored form, a tone digit in a query does not', () => {
    expect(namePinyin('王小红2').full).toBe('wangxiaohong2');
    expect(namePinyin('王小红2').full).not.toBe(namePinyin('王小红3').full);
    expect(normalisePinyin('shan4 xiao3 ming2')).toBe('shanxiaoming');
  });

  it('surname readings apply to the first character only (李秘 ends in mi)', () => {
    expect(namePinyin('李秘').full).toBe('limi');
  });

  it('every supplementary character is one pinyin-pro cannot read, and every reading is pinyin', () => {
    for (const [char, reading] of Object.entries(SUPPLEMENTARY_READINGS)) {
      expect(char.codePointAt(0)!).toBeGreaterThan(0xffff);
      expect(pinyin(char, { toneType: 'none' })).toBe(char);
      expect(normalisePinyin(reading)).toMatch(/^[a-z]+$/);
    }
    for (const reading of Object.values(SURNAME_READINGS)) expect(normalisePinyin(reading)).toMatch(/^[a-z]+$/);
  });

  it('the stored form is already normal: normalising it again changes nothing', () => {
    for (const name of ['𠮷田', '秘小明', '单晓明', '吕佳', '女娲']) {
      const { full } = namePinyin(name);
      expect(normalisePinyin(full)).toBe(full);
    }
  });
});

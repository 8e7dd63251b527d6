/**
 * The second-generation disability certificate number: 18-character ID number, category digit 1–7
 * (1 visual … 7 multiple), grade digit 1–4. Vectors built from ID numbers checked by hand in
 * id-number.test.ts (31010420150307001 + check '4'; 31011520160405002 + check 'X').
 */
import { describe, expect, it } from 'vitest';
import {
  DISABILITY_CATEGORY_BY_DIGIT,
  checkDisabilityCertificate,
  makeDisabilityCertificate,
  parseDisabilityCertificate,
} from '../../../shared/domain/disability-certificate';
import { DISABILITY_CATEGORIES } from '../../../shared/domain/rules-types';

const XUHUI_BOY = '310104201503070014';
const PUDONG_GIRL_X = '31011520160405002X';

function problemOf(raw: string, child?: { idNumber: string | null; birthDate: string }) {
  const r = child ? checkDisabilityCertificate(raw, child) : parseDisabilityCertificate(raw);
  return r.ok ? null : r.problem;
}

describe('parseDisabilityCertificate', () => {
  it('reads the ID number, category and grade: 5 = intellectual, 2 = grade 2', () => {
    const r = parseDisabilityCertificate(`${XUHUI_BOY}52`);
    expect(r).toEqual({ ok: true, value: { value: `${XUHUI_BOY}52`, idNumber: XUHUI_BOY, category: 'intellectual', grade: 2 } });
  });

  it('maps every category digit 1–7 in the order of the certificate', () => {
    const expected = ['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'];
    for (let d = 1; d <= 7; d += 1) {
      const r = parseDisabilityCertificate(`${XUHUI_BOY}${d}1`);
      expect(r.ok && r.value.category, `digit ${d}`).toBe(expected[d - 1]);
    }
    expect(Object.values(DISABILITY_CATEGORY_BY_DIGIT)).toEqual([...DISABILITY_CATEGORIES]);
  });

  it('reads every grade 1–4', () => {
    for (let g = 1; g <= 4; g += 1) {
      const r = parseDisabilityCertificate(`${XUHUI_BOY}4${g}`);
      expect(r.ok && r.value.grade).toBe(g);
    }
  });

  it('accepts an ID number ending in X (lower case too), trimmed', () => {
    const r = parseDisabilityCertificate(`  ${PUDONG_GIRL_X.toLowerCase()}71 `);
    expect(r.ok && r.value).toEqual({ value: `${PUDONG_GIRL_X}71`, idNumber: PUDONG_GIRL_X, category: 'multiple', grade: 1 });
  });

  it.each([
    ['19 characters', `${XUHUI_BOY}5`, 'format'],
    ['21 characters', `${XUHUI_BOY}523`, 'format'],
    ['a letter in the category place', `${XUHUI_BOY}A2`, 'format'],
    ['X anywhere but the 18th place', `31010420150307001X52`.replace('1X52', 'X452'), 'format'],
    ['empty', '', 'format'],
    ['category 0', `${XUHUI_BOY}02`, 'category'],
    ['category 8', `${XUHUI_BOY}82`, 'category'],
    ['category 9', `${XUHUI_BOY}92`, 'category'],
    ['grade 0', `${XUHUI_BOY}50`, 'grade'],
    ['grade 5', `${XUHUI_BOY}55`, 'grade'],
    ['a wrong ID check digit', `31010420150307001552`, 'idNumber'],
    ['an impossible birth date in the ID part', '310104201502300010' + '52', 'idNumber'],
  ])('refuses %s → %s', (_label, raw, problem) => {
    expect(problemOf(raw)).toBe(problem);
  });

  it('every refusal carries a Chinese message', () => {
    const r = parseDisabilityCertificate(`${XUHUI_BOY}85`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/第19位/);
  });
});

describe('checkDisabilityCertificate against the child', () => {
  const child = { idNumber: XUHUI_BOY, birthDate: '2015-03-07' };

  it('accepts the child’s own number', () => {
    expect(problemOf(`${XUHUI_BOY}41`, child)).toBeNull();
  });

  it('refuses another person’s ID number in the first 18 characters', () => {
    expect(problemOf(`${PUDONG_GIRL_X}41`, child)).toBe('idMismatch');
  });

  it('compares case-insensitively (an X entered in lower case on the child)', () => {
    expect(problemOf(`${PUDONG_GIRL_X}41`, { idNumber: PUDONG_GIRL_X.toLowerCase(), birthDate: '2016-04-05' })).toBeNull();
  });

  it('for a child registered without an ID number, the birth date inside must match', () => {
    expect(problemOf(`${XUHUI_BOY}41`, { idNumber: null, birthDate: '2015-03-07' })).toBeNull();
    expect(problemOf(`${XUHUI_BOY}41`, { idNumber: null, birthDate: '2015-03-08' })).toBe('birthDateMismatch');
  });

  it('shape problems come before the comparison', () => {
    expect(problemOf(`${PUDONG_GIRL_X}91`, child)).toBe('category');
  });
});

it('makeDisabilityCertificate builds numbers the parser reads back', () => {
  for (const category of DISABILITY_CATEGORIES) {
    for (const grade of [1, 2, 3, 4] as const) {
      const r = parseDisabilityCertificate(makeDisabilityCertificate(PUDONG_GIRL_X, category, grade));
      expect(r.ok && [r.value.category, r.value.grade]).toEqual([category, grade]);
    }
  }
});

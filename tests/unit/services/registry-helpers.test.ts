/**
 * The registry's pure helpers: age bands as birth-date ranges (checked against `ageOn` day by day,
 * 29 February included), the discharge date's checks, reading an audit row's detail, and the history
 * tab's words (values, interval sentences, grouping one save's entries).
 */
import { describe, expect, it } from 'vitest';
import { ageBandBirthRange } from '../../../electron/services/registry/children';
import { isViewAction, readDetail } from '../../../electron/services/record/history';
import { AGE_BANDS, type AgeBand, dischargeDateProblem } from '../../../shared/contract/children';
import type { HistoryEntry } from '../../../shared/contract/history';
import { addDays, ageOn } from '../../../shared/domain/dates';
import { type Words, byDay, describeEntry, formatValue, groupEntries, groupTitle } from '../../../renderer/features/record/history-format';
import { en } from '../../../renderer/i18n/en';
import { zhCN } from '../../../renderer/i18n/zh-CN';

function bandOf(age: number): AgeBand {
  if (age <= 2) return '0-2';
  if (age <= 5) return '3-5';
  if (age <= 11) return '6-11';
  if (age <= 15) return '12-15';
  if (age <= 17) return '16-17';
  return '18+';
}

describe('ageBandBirthRange', () => {
  const todays = ['2026-11-29', '2027-02-28', '2027-03-01', '2028-02-28', '2028-02-29', '2028-03-01', '2026-01-01', '2026-12-31'];
  for (const today of todays) {
    it(`on ${today}, every birth date of the last 21 years falls in the band of its age (周岁), and in no other`, () => {
      const ranges = AGE_BANDS.map((band) => [band, ageBandBirthRange(band, today)] as const);
      let birth = addDays(today, -21 * 366);
      let checked = 0;
      while (birth <= today) {
        const inBands = ranges.filter(([, r]) => (r.after === null || birth > r.after) && birth <= r.onOrBefore).map(([band]) => band);
        expect(inBands, `${birth} on ${today}`).toEqual([bandOf(ageOn(birth, today))]);
        birth = addDays(birth, 1);
        checked += 1;
      }
      expect(checked).toBeGreaterThan(7000);
    });
  }

  it('a child born on 29 February is 18 on 28 February of a common year (民法典 第二百零二条, RULES.md round 2)', () => {
    expect('2008-02-29' <= ageBandBirthRange('18+', '2026-02-27').onOrBefore).toBe(false);
    expect('2008-02-29' <= ageBandBirthRange('18+', '2026-02-28').onOrBefore).toBe(true);
    expect('2008-02-29' <= ageBandBirthRange('18+', '2026-03-01').onOrBefore).toBe(true);
  });
});

describe('dischargeDateProblem', () => {
  const child = { birthDate: '2015-03-07', admissionDate: '2015-06-01' };
  it.each([
    ['2026-11-29', null],
    ['2015-06-01', null],
    ['2026-11-30', '离院日期不能晚于今天'],
    ['2015-05-31', '离院日期不能早于入院日期（2015-06-01）'],
    ['2015-03-06', '离院日期不能早于出生日期（2015-03-07）'],
  ])('%s → %s', (date, problem) => {
    expect(dischargeDateProblem(child, date, '2026-11-29')).toBe(problem);
  });
  it('without an admission date, birth bounds it', () => {
    expect(dischargeDateProblem({ birthDate: '2015-03-07', admissionDate: null }, '2015-03-07', '2026-11-29')).toBeNull();
  });
});

describe('readDetail', () => {
  it('an update: the field changes as written', () => {
    expect(readDetail('child.update', JSON.stringify([{ field: 'notes', before: null, after: 'x' }]))).toEqual({
      changes: [{ field: 'notes', before: null, after: 'x' }],
      reason: null,
    });
  });
  it('a status change with a reason', () => {
    const detail = JSON.stringify({ changes: [{ field: 'status', before: 'archived', after: 'inCare' }], reason: '误操作' });
    expect(readDetail('child.restore', detail)).toEqual({ changes: [{ field: 'status', before: 'archived', after: 'inCare' }], reason: '误操作' });
  });
  it('a row added: each value entered, from nothing', () => {
    expect(readDetail('placement.add', JSON.stringify({ kind: 'foster', from: '2020-01-01', to: null }))).toEqual({
      changes: [
        { field: 'kind', before: null, after: 'foster' },
        { field: 'from', before: null, after: '2020-01-01' },
        { field: 'to', before: null, after: null },
      ],
      reason: null,
    });
  });
  it('a void: the reason only; a registration: no values (only field names were audited); a view: nothing', () => {
    expect(readDetail('placement.void', JSON.stringify({ reason: '录错' }))).toEqual({ changes: [], reason: '录错' });
    expect(readDetail('child.create', JSON.stringify({ fields: ['name', 'sex'] }))).toEqual({ changes: [], reason: null });
    expect(readDetail('child.evaluate', JSON.stringify({ asOf: '2026-01-01' }))).toEqual({ changes: [], reason: null });
    expect(readDetail('child.read', null)).toEqual({ changes: [], reason: null });
  });
  it('a malformed detail reads as nothing rather than failing the page', () => {
    expect(readDetail('child.update', '{not json')).toEqual({ changes: [], reason: null });
    expect(readDetail('child.update', JSON.stringify([1, 'x', { nofield: 1 }]))).toEqual({ changes: [], reason: null });
  });
});

describe('isViewAction', () => {
  it.each([
    ['child.read', true],
    ['record.read', true],
    ['document.read', true],
    ['history.read', true],
    ['child.evaluate', true],
    ['child.update', false],
    ['placement.end', false],
    ['child.discharge', false],
    ['reader.add', false],
  ])('%s → %s', (action, view) => expect(isViewAction(action)).toBe(view));
});

function wordsOf(catalog: object, lang: 'zh' | 'en'): Words {
  return {
    lang,
    tr: (key, vars) => {
      let node: unknown = catalog;
      for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
      if (typeof node !== 'string') return null;
      return node.replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`));
    },
  };
}
const zh = wordsOf(zhCN, 'zh');
const english = wordsOf(en, 'en');

let nextId = 100;
function entry(part: Partial<HistoryEntry> & Pick<HistoryEntry, 'action'>): HistoryEntry {
  nextId -= 1;
  return {
    id: nextId,
    at: '2026-11-29T01:00:00.000Z',
    actor: { id: 2, name: '李社工' },
    kind: 'change',
    entity: part.action.split('.')[0],
    entityId: 1,
    changes: [],
    subject: null,
    reason: null,
    ...part,
  };
}

describe('history words', () => {
  it('values: coded lists, districts, money, booleans, status facts, empty', () => {
    expect(formatValue('placement', 'kind', 'foster', zh)).toBe('家庭寄养');
    expect(formatValue('placement', 'kind', 'foster', english)).toBe('Foster family');
    expect(formatValue('child', 'hukouDistrictCode', '310115', zh)).toBe('浦东新区');
    expect(formatValue('child', 'hukouDistrictCode', '310115', english)).toBe('Pudong');
    expect(formatValue('child', 'dischargeReason', 'returnedToFamily', zh)).toBe('回归家庭');
    expect(formatValue('benefit', 'monthlyAmountFen', 252000, zh)).toBe('2520.00元');
    expect(formatValue('benefit', 'code', 'basicLivingAllowance', zh)).toBe('基本生活费');
    expect(formatValue('guardianship', 'courtAppointed', true, zh)).toBe('是');
    expect(formatValue('child', 'notes', null, zh)).toBe('（空）');
    expect(formatValue('child', 'formerNames', ['小明', '明明'], zh)).toBe('小明、明明');
    expect(formatValue('statusFact', 'value', { father: 'deceased', mother: 'notFound' }, zh, 'parentsStatus')).toBe('父亲：死亡；母亲：查找不到');
    expect(formatValue('statusFact', 'value', { minimumLivingSecurity: true, lowIncomeEdge: false, extremePoverty: true, economicHardship: false }, zh, 'familyIncome')).toBe('低保、特困');
    expect(formatValue('statusFact', 'value', 'missing', zh, 'guardianship')).toBe('监护缺失');
    // A code no message knows still shows, as itself.
    expect(formatValue('placement', 'kind', 'spaceStation', zh)).toBe('spaceStation');
  });

  it('a placement change reads "ended X, last day D; started Y from D", grouped as one change', () => {
    const ended = entry({ action: 'placement.end', entityId: 7, changes: [{ field: 'to', before: null, after: '2020-08-31' }], subject: { kind: 'foster', from: '2012-06-01', to: '2020-08-31', place: null, voided: false } });
    const started = entry({
      action: 'placement.add',
      entityId: 8,
      changes: [
        { field: 'kind', before: null, after: 'municipalInstitution' },
        { field: 'from', before: null, after: '2020-09-01' },
        { field: 'to', before: null, after: null },
      ],
      subject: { kind: 'municipalInstitution', from: '2020-09-01', to: null, place: null, voided: false },
    });
    const groups = groupEntries([started, ended]);
    expect(groups).toHaveLength(1);
    expect(groups[0].entries).toEqual([ended, started]);
    expect(groupTitle(groups[0], zh)).toBe('变更安置');
    const lines = groups[0].entries.flatMap((e) => describeEntry(e, zh));
    expect(lines).toEqual([
      { type: 'sentence', text: '结束安置“家庭寄养”，最后一天为 2020-08-31' },
      { type: 'sentence', text: '开始安置“市级儿童福利机构集中养育”，自 2020-09-01 起' },
    ]);
  });

  it('entries of different people, or far apart, or unrelated, stay apart', () => {
    const ended = entry({ action: 'placement.end', changes: [{ field: 'to', before: null, after: '2020-08-31' }] });
    const byOther = entry({ action: 'placement.add', actor: { id: 3, name: '王主管' } });
    expect(groupEntries([byOther, ended])).toHaveLength(2);
    const later = entry({ action: 'placement.add', at: '2026-11-29T01:05:00.000Z' });
    expect(groupEntries([later, ended])).toHaveLength(2);
    const update = entry({ action: 'child.update' });
    expect(groupEntries([update, ended])).toHaveLength(2);
  });

  it('a discharge and the placement it ended read together, the discharge named first', () => {
    const ended = entry({ action: 'placement.end', changes: [{ field: 'to', before: null, after: '2026-11-20' }], subject: { kind: 'foster', from: '2020-01-01', to: '2026-11-20', place: null, voided: false } });
    const discharge = entry({
      action: 'child.discharge',
      changes: [
        { field: 'status', before: 'inCare', after: 'discharged' },
        { field: 'dischargeReason', before: null, after: 'adopted' },
      ],
    });
    const [group] = groupEntries([discharge, ended]);
    expect(groupTitle(group, zh)).toBe('办理离院 · 结束安置');
    expect(describeEntry(discharge, zh)).toEqual([
      { type: 'field', label: '状态', before: '在院', after: '已离院', beforeEmpty: false },
      { type: 'field', label: '离院原因', before: '（空）', after: '收养', beforeEmpty: true },
    ]);
  });

  it('a void names the row and the reason; a view has no lines; a restore shows its reason', () => {
    const voided = entry({ action: 'guardianship.void', reason: '录错', subject: { guardianKind: 'relative', guardianName: '张三', adequacy: 'adequate', courtAppointed: false, from: '2020-01-01', to: null, voided: true } });
    expect(describeEntry(voided, zh)).toEqual([
      { type: 'sentence', text: '作废监护记录“亲属 张三”' },
      { type: 'sentence', text: '原因：录错' },
    ]);
    expect(describeEntry(entry({ action: 'record.read', kind: 'view' }), zh)).toEqual([]);
    const restore = entry({ action: 'child.restore', reason: '转出未成功', changes: [{ field: 'status', before: 'discharged', after: 'inCare' }] });
    expect(describeEntry(restore, english).at(-1)).toEqual({ type: 'sentence', text: 'Reason: 转出未成功' });
  });

  it('an added row shows only the values entered; document bookkeeping stays hidden', () => {
    const fact = entry({
      action: 'statusFact.add',
      changes: [
        { field: 'kind', before: null, after: 'migrant' },
        { field: 'value', before: null, after: true },
        { field: 'validUntil', before: null, after: null },
      ],
    });
    expect(describeEntry(fact, zh)).toEqual([
      { type: 'field', label: '状况类别', before: null, after: '流动儿童', beforeEmpty: true },
      { type: 'field', label: '认定结果', before: null, after: '是', beforeEmpty: true },
    ]);
    const doc = entry({ action: 'document.add', changes: [{ field: 'kind', before: null, after: 'idCard' }, { field: 'sha256', before: null, after: 'ab'.repeat(32) }] });
    expect(describeEntry(doc, zh).map((l) => (l.type === 'field' ? l.label : l.text))).toEqual(['文件类别']);
  });

  it('days in local time, newest first', () => {
    const a = entry({ action: 'child.update', at: '2026-11-29T10:00:00' });
    const b = entry({ action: 'child.update', at: '2026-11-28T10:00:00' });
    expect(byDay(groupEntries([a, b])).map((d) => d.day)).toEqual(['2026-11-29', '2026-11-28']);
  });
});

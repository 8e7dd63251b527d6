import { describe, expect, it } from 'vitest';
import type { StatusFactRow } from '../../../shared/contract/record';
import { currentFactIds, describeFact } from './status-facts';
import { leafPaths } from '../../components/use-service-form';

const meta = { childId: 1, createdAt: '', createdBy: null, voidedBy: null, voidReason: null, evidence: null, documentId: null };
const fact = (id: number, effectiveDate: string, value: boolean, extra: Partial<StatusFactRow> = {}): StatusFactRow => ({
  ...meta,
  id,
  effectiveDate,
  validUntil: null,
  voidedAt: null,
  fact: { kind: 'seriousIllness', value },
  ...extra,
});

describe('current status facts', () => {
  it('takes the latest live fact of a kind effective on the day', () => {
    const rows = [fact(1, '2020-01-01', true), fact(2, '2022-01-01', false), fact(3, '2030-01-01', true)];
    expect([...currentFactIds(rows, '2024-01-01')]).toEqual([2]);
    expect([...currentFactIds(rows, '2021-01-01')]).toEqual([1]);
  });
  it('skips voided facts and lets an expired one hold no longer (the older one does not come back)', () => {
    expect([...currentFactIds([fact(1, '2020-01-01', true), fact(2, '2022-01-01', false, { voidedAt: 'x' })], '2024-01-01')]).toEqual([1]);
    expect([...currentFactIds([fact(1, '2020-01-01', true), fact(2, '2022-01-01', false, { validUntil: '2022-12-31' })], '2024-01-01')]).toEqual([]);
  });
});

describe('fact values in words', () => {
  const t = (key: string, vars?: Record<string, string | number>) => (key === 'record.common.listSeparator' ? '、' : vars ? `${key}${JSON.stringify(vars)}` : key);
  it('names both parents and lists the family income flags that apply', () => {
    expect(describeFact({ kind: 'parentsStatus', value: { father: 'deceased', mother: 'notFound' } }, t)).toBe(
      'record.facts.parentsValue{"father":"record.facts.parentStatuses.deceased","mother":"record.facts.parentStatuses.notFound"}',
    );
    expect(
      describeFact({ kind: 'familyIncome', value: { minimumLivingSecurity: true, lowIncomeEdge: false, extremePoverty: true, economicHardship: false } }, t),
    ).toBe('record.facts.income.minimumLivingSecurity、record.facts.income.extremePoverty');
    expect(describeFact({ kind: 'autismDiagnosis', value: false }, t)).toBe('record.common.no');
  });
});

describe('form paths', () => {
  it('lists the leaf paths inputs can show errors at, a File being one leaf', () => {
    expect(leafPaths({ a: '', b: { c: null, d: false }, e: [1], f: new Date(0) })).toEqual(['a', 'b.c', 'b.d', 'e', 'f']);
    expect(leafPaths({ scores: [{ name: 'x', value: 1 }], tags: ['a'] })).toEqual(['scores', 'scores.0.name', 'scores.0.value', 'tags']);
  });
});

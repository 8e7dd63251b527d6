import { describe, expect, it } from 'vitest';
import type { ChildRecord } from '../../shared/contract/record';
import { documentNumber, guardiansOn, hukouAddress } from './PrintFrame';

const guardian = (over: Partial<ChildRecord['guardianships'][number]>) =>
  ({
    id: 1,
    childId: 1,
    createdAt: '',
    createdBy: null,
    voidedAt: null,
    voidReason: null,
    guardianKind: 'municipalInstitution',
    guardianName: '上海市儿童福利院',
    basis: null,
    courtAppointed: true,
    adequacy: 'adequate',
    from: '2010-01-01',
    to: null,
    note: null,
    ...over,
  }) as ChildRecord['guardianships'][number];

describe('the printed documents’ identity lines (issue 18, item 11)', () => {
  it('writes the hukou address with its district and street', () => {
    expect(hukouAddress({ hukouKind: 'shanghai', hukouDistrictCode: '310104', hukouStreet: '田林街道' })).toBe('上海市徐汇区田林街道');
    expect(hukouAddress({ hukouKind: 'other', hukouDistrictCode: null, hukouStreet: null })).toBe('外省市');
    expect(hukouAddress({ hukouKind: null, hukouDistrictCode: null, hukouStreet: null })).toBe('无');
  });

  it('names the guardians in force on the day, leaving out ended and voided ones', () => {
    const record = {
      guardianships: [
        guardian({}),
        guardian({ id: 2, guardianKind: 'relative', guardianName: '张三', courtAppointed: false, from: '2005-01-01', to: '2009-12-31' }),
        guardian({ id: 3, guardianName: '作废', voidedAt: '2020-01-01T00:00:00Z' }),
      ],
    };
    expect(guardiansOn(record, '2026-12-05')).toBe('上海市儿童福利院（市级儿童福利机构，法院指定）');
    expect(guardiansOn(record, '2008-01-01')).toBe('张三（亲属）');
    expect(guardiansOn({ guardianships: [] }, '2026-12-05')).toBe('无');
  });

  it('numbers a document by kind, year and record', () => {
    expect(documentNumber('回归', '2026', 8)).toBe('童护回归〔2026〕第8号');
  });
});

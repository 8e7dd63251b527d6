import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../shared/domain/id-number';
import { fromIdNumber } from './id-autofill';

describe('the ID number fills the registration form', () => {
  it('310115 → 浦东新区, with the birth date and the sex', () => {
    expect(fromIdNumber(makeIdNumber('310115', '2015-03-07', 12, 'female'))).toEqual({ birthDate: '2015-03-07', sex: 'female', hukouDistrictCode: '310115' });
    expect(fromIdNumber(makeIdNumber('310104', '2012-11-30', 11, 'male'))).toEqual({ birthDate: '2012-11-30', sex: 'male', hukouDistrictCode: '310104' });
  });
  it('a retired code gives its successor; another province gives no district', () => {
    expect(fromIdNumber(makeIdNumber('310103', '2010-01-01', 11, 'male'))?.hukouDistrictCode).toBe('310101');
    expect(fromIdNumber(makeIdNumber('310119', '2010-01-01', 11, 'male'))?.hukouDistrictCode).toBe('310115');
    expect(fromIdNumber(makeIdNumber('320102', '2010-01-01', 11, 'male'))).toEqual({ birthDate: '2010-01-01', sex: 'male', hukouDistrictCode: null });
  });
  it('nothing from an incomplete or invalid number', () => {
    expect(fromIdNumber('31011520150307')).toBeNull();
    const valid = makeIdNumber('310115', '2015-03-07', 12, 'female');
    expect(fromIdNumber(`${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`)).toBeNull();
  });
});

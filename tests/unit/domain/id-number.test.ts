/**
 * GB 11643-1999 resident ID numbers: 6-digit address code, 8-digit birth date, 3-digit sequence
 * (odd = male), and an ISO 7064 MOD 11-2 check character.
 *
 * Check character by hand: S = Σ digit_i × weight_i with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
 * (= 2^(17-i) mod 11); the check is "10X98765432"[S mod 11].
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RETIRED_SHANGHAI_CODES, SHANGHAI_DISTRICTS } from '../../../shared/domain/districts';
import { checkIdNumber, idCheckDigit, makeIdNumber, parseIdNumber } from '../../../shared/domain/id-number';

/**
 * An independent oracle written from ISO 7064 MOD 11-2 itself (not from the lookup table the code
 * uses): weights are 2^(17-i) mod 11 and the check value c makes Σ a_i·2^(18-i) + c ≡ 1 (mod 11),
 * i.e. c = (12 − S mod 11) mod 11, written X when 10.
 */
function oracleCheck(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i += 1) s += Number(first17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (s % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

function problemOf(id: string) {
  const r = parseIdNumber(id);
  return r.ok ? null : r.problem;
}

describe('check character vectors computed by hand', () => {
  const vectors: [string, string, string][] = [
    // 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 → 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → 'X'
    ['11010519491231002', 'X', 'the standard example, Beijing 1949-12-31, female'],
    // 3 1 0 1 0 4 2 0 1 5 0 3 0 7 0 0 1 → 21+9+0+5+0+16+4+0+6+15+0+27+0+35+0+0+2 = 140; 140 mod 11 = 8 → '4'
    ['31010420150307001', '4', 'Xuhui 2015-03-07, male'],
    // 3 1 0 1 1 5 2 0 1 6 0 4 0 5 0 0 2 → 21+9+0+5+8+20+4+0+6+18+0+36+0+25+0+0+4 = 156; 156 mod 11 = 2 → 'X'
    ['31011520160405002', 'X', 'Pudong 2016-04-05, female, check X'],
    // 3 1 0 1 0 3 2 0 0 0 0 2 2 9 0 0 2 → 21+9+0+5+0+12+4+0+0+0+0+18+20+45+0+0+4 = 138; 138 mod 11 = 6 → '6'
    ['31010320000229002', '6', 'retired Luwan code, 2000-02-29, female'],
    // 3 1 0 1 0 8 1 9 9 0 0 1 0 1 1 2 3 → 21+9+0+5+0+32+2+9+54+0+0+9+0+5+8+8+6 = 168; 168 mod 11 = 3 → '9'
    ['31010819900101123', '9', 'retired Zhabei code, 1990-01-01, male'],
    // 3 1 0 1 0 1 1 9 0 0 0 2 2 9 0 0 1 → 21+9+0+5+0+4+2+9+0+0+0+18+20+45+0+0+2 = 135; 135 mod 11 = 3 → '9'
    ['31010119000229001', '9', '1900-02-29 (not a date)'],
    // 3 1 0 1 0 1 2 0 0 0 0 2 2 9 0 0 2 → 21+9+0+5+0+4+4+0+0+0+0+18+20+45+0+0+4 = 130; 130 mod 11 = 9 → '3'
    ['31010120000229002', '3', '2000-02-29'],
  ];
  for (const [first17, check, label] of vectors) {
    it(`${first17}${check}: ${label}`, () => {
      expect(idCheckDigit(first17)).toBe(check);
      expect(oracleCheck(first17)).toBe(check);
    });
  }

  it('agrees with the MOD 11-2 oracle on any 17 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
        expect(idCheckDigit(first17)).toBe(oracleCheck(first17));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseIdNumber', () => {
  it('accepts a number whose check is X, upper or lower case, and reads its parts', () => {
    for (const raw of ['11010519491231002X', '11010519491231002x', ' 11010519491231002X ']) {
      const r = parseIdNumber(raw);
      expect(r).toEqual({
        ok: true,
        value: { value: '11010519491231002X', addressCode: '110105', birthDate: '1949-12-31', sex: 'female', shanghai: false },
      });
    }
    expect(parseIdNumber('31011520160405002X')).toMatchObject({ ok: true, value: { sex: 'female', shanghai: true, birthDate: '2016-04-05' } });
  });

  it('refuses a wrong check character (every wrong one)', () => {
    const first17 = '31010420150307001';
    expect(problemOf(`${first17}4`)).toBeNull();
    for (const wrong of '0123456789X'.replace('4', '')) expect(problemOf(`${first17}${wrong}`)).toBe('checkDigit');
    // A single changed digit elsewhere also breaks the check.
    expect(problemOf('310104201503070024')).toBe('checkDigit');
    expect(problemOf('11010519491231002 '.trim() + '0')).toBe('checkDigit');
  });

  it('refuses the wrong shape', () => {
    for (const raw of ['', '3101042015030700', '3101042015030700144', '31010420150307001A', 'X10104201503070014', '3101042015-0307001']) {
      expect(problemOf(raw)).toBe('format');
    }
  });

  it('refuses 1900-02-29 (1900 is not a leap year) and accepts 2000-02-29 (it is)', () => {
    expect(problemOf('310101190002290019')).toBe('birthDate');
    expect(parseIdNumber('310101200002290023')).toMatchObject({ ok: true, value: { birthDate: '2000-02-29', sex: 'female' } });
  });

  it('refuses impossible and pre-1900 dates', () => {
    const withCheck = (first17: string) => first17 + oracleCheck(first17);
    expect(problemOf(withCheck('31010120150230001'))).toBe('birthDate'); // 30 February
    expect(problemOf(withCheck('31010120151301001'))).toBe('birthDate'); // month 13
    expect(problemOf(withCheck('31010120150100001'))).toBe('birthDate'); // day 0
    expect(problemOf(withCheck('31010118991231001'))).toBe('birthDate'); // before 1900
  });

  it('accepts the retired Shanghai codes 310103 (Luwan) and 310108 (Zhabei)', () => {
    expect(parseIdNumber('310103200002290026')).toMatchObject({ ok: true, value: { addressCode: '310103', shanghai: true } });
    expect(parseIdNumber('310108199001011239')).toMatchObject({ ok: true, value: { addressCode: '310108', sex: 'male' } });
  });

  it('refuses unknown address codes, with a correct check character', () => {
    const withCheck = (first17: string) => first17 + oracleCheck(first17);
    for (const code of ['310199', '310000', '990101', '000000', '110000']) {
      expect(problemOf(withCheck(`${code}20150307001`)), code).toBe('addressCode');
    }
    expect(problemOf(withCheck('11010520150307001'))).toBeNull();
  });
});

describe('checkIdNumber against the entered birth date and sex', () => {
  const id = '310104201503070014'; // 17th digit 1: odd, so male

  it('accepts matching entries', () => {
    expect(checkIdNumber(id, { birthDate: '2015-03-07', sex: 'male' }).ok).toBe(true);
  });

  it('refuses a different birth date', () => {
    const r = checkIdNumber(id, { birthDate: '2015-03-08', sex: 'male' });
    expect(r).toMatchObject({ ok: false, problem: 'birthDateMismatch' });
    expect(r.ok === false && r.message.length).toBeGreaterThan(0);
  });

  it('refuses a different sex: odd 17th digit is male, even is female', () => {
    expect(checkIdNumber(id, { birthDate: '2015-03-07', sex: 'female' })).toMatchObject({ ok: false, problem: 'sexMismatch' });
    expect(checkIdNumber('31011520160405002X', { sex: 'male' })).toMatchObject({ ok: false, problem: 'sexMismatch' });
    expect(checkIdNumber('31011520160405002X', { sex: 'female' }).ok).toBe(true);
  });

  it('reports the number’s own problem before any mismatch', () => {
    expect(checkIdNumber('310104201503070015', { birthDate: '2000-01-01', sex: 'female' })).toMatchObject({ ok: false, problem: 'checkDigit' });
  });
});

describe('makeIdNumber', () => {
  const codes = [...SHANGHAI_DISTRICTS.map((d) => d.code), ...Object.keys(RETIRED_SHANGHAI_CODES), '110105', '320102'];
  const date = fc
    .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('round-trips through parseIdNumber and checkIdNumber for any code, date, sequence and sex', () => {
    fc.assert(
      fc.property(fc.constantFrom(...codes), date, fc.integer({ min: 0, max: 5000 }), fc.constantFrom('male' as const, 'female' as const), (code, birthDate, seq, sex) => {
        const id = makeIdNumber(code, birthDate, seq, sex);
        expect(id).toMatch(/^\d{17}[\dX]$/);
        expect(id[17]).toBe(oracleCheck(id.slice(0, 17)));
        const parsed = parseIdNumber(id);
        expect(parsed).toMatchObject({ ok: true, value: { addressCode: code, birthDate, sex } });
        expect(checkIdNumber(id, { birthDate, sex }).ok).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('builds the hand-checked vector', () => {
    expect(makeIdNumber('310104', '2015-03-07', 1, 'male')).toBe('310104201503070014');
    expect(makeIdNumber('310115', '2016-04-05', 2, 'female')).toBe('31011520160405002X');
    // A sequence of the wrong parity is moved to the next one of the right parity.
    expect(makeIdNumber('310115', '2016-04-05', 1, 'female')).toBe('31011520160405002X');
  });
});

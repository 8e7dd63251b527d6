import { isRealDate } from './dates';
import { PROVINCE_PREFIXES, RETIRED_SHANGHAI_CODES, SHANGHAI_DISTRICTS } from './districts';

/** GB 11643 weights for the first 17 digits. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem =
  | 'format'
  | 'checkDigit'
  | 'birthDate'
  | 'birthDateMismatch'
  | 'sexMismatch'
  | 'addressCode';

export type ParsedIdNumber = {
  value: string;
  addressCode: string;
  birthDate: string;
  sex: 'male' | 'female';
  shanghai: boolean;
};

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号应为18位：前17位为数字，最后一位为数字或X',
  checkDigit: '身份证号校验位不正确，请核对',
  birthDate: '身份证号中的出生日期不是有效日期',
  birthDateMismatch: '身份证号中的出生日期与填写的出生日期不一致',
  sexMismatch: '身份证号第17位表示的性别与填写的性别不一致',
  addressCode: '身份证号前6位不是已知的行政区划代码',
};

/** The GB 11643 check character for the first 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

function knownAddressCode(code: string): boolean {
  if (code.startsWith('31')) {
    return SHANGHAI_DISTRICTS.some((d) => d.code === code) || code in RETIRED_SHANGHAI_CODES;
  }
  return code.slice(0, 2) in PROVINCE_PREFIXES && code !== `${code.slice(0, 2)}0000`;
}

/**
 * Checks an 18-character resident ID number on its own (format, check digit, embedded date,
 * address code). Returns the parsed parts or the first problem found.
 */
export function parseIdNumber(raw: string): { ok: true; value: ParsedIdNumber } | { ok: false; problem: IdNumberProblem } {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'format' };
  if (idCheckDigit(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'checkDigit' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  if (y < 1900 || !isRealDate(y, m, d)) return { ok: false, problem: 'birthDate' };
  const addressCode = value.slice(0, 6);
  if (!knownAddressCode(addressCode)) return { ok: false, problem: 'addressCode' };
  return {
    ok: true,
    value: {
      value,
      addressCode,
      birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
      sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
      shanghai: addressCode.startsWith('31'),
    },
  };
}

/** Checks an ID number against the birth date and sex entered beside it. */
export function checkIdNumber(
  raw: string,
  entered: { birthDate?: string; sex?: 'male' | 'female' },
): { ok: true; value: ParsedIdNumber } | { ok: false; problem: IdNumberProblem; message: string } {
  const parsed = parseIdNumber(raw);
  if (!parsed.ok) return { ...parsed, message: ID_NUMBER_MESSAGES[parsed.problem] };
  if (entered.birthDate && parsed.value.birthDate !== entered.birthDate) {
    return { ok: false, problem: 'birthDateMismatch', message: ID_NUMBER_MESSAGES.birthDateMismatch };
  }
  if (entered.sex && parsed.value.sex !== entered.sex) {
    return { ok: false, problem: 'sexMismatch', message: ID_NUMBER_MESSAGES.sexMismatch };
  }
  return parsed;
}

/** Builds a valid ID number from its parts (demo data and tests). */
export function makeIdNumber(addressCode: string, birthDate: string, sequence: number, sex: 'male' | 'female'): string {
  let seq = sequence % 1000;
  if ((seq % 2 === 1) !== (sex === 'male')) seq = (seq + 1) % 1000;
  const first17 = `${addressCode}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

import { type DistrictCode, currentDistrictOf } from '../../../shared/domain/districts';
import { parseIdNumber } from '../../../shared/domain/id-number';

/**
 * What a complete, valid ID number tells the registration form: the birth date, the sex and, for a
 * Shanghai number, the district of the hukou it was issued in (a retired code's successor). Null while
 * the number is incomplete or invalid (its own message then shows beside it).
 */
export function fromIdNumber(raw: string): { birthDate: string; sex: 'male' | 'female'; hukouDistrictCode: DistrictCode | null } | null {
  if (raw.trim().length !== 18) return null;
  const parsed = parseIdNumber(raw);
  if (!parsed.ok) return null;
  return { birthDate: parsed.value.birthDate, sex: parsed.value.sex, hukouDistrictCode: parsed.value.shanghai ? currentDistrictOf(parsed.value.addressCode) : null };
}

/**
 * The second-generation disability certificate number (第二代残疾人证号): 20 characters — the holder's
 * 18-character resident ID number (its last character may be X), then the category digit
 * (1 visual 视力, 2 hearing 听力, 3 speech 言语, 4 physical 肢体, 5 intellectual 智力, 6 mental 精神,
 * 7 multiple 多重), then the grade digit (1–4, grade 1 the most severe).
 */
import type { DISABILITY_CATEGORIES, DisabilityGrade } from './rules-types';
import { parseIdNumber } from './id-number';

export type DisabilityCategory = (typeof DISABILITY_CATEGORIES)[number];

/** Category digit → category, in the order the certificate numbers them (1 = visual … 7 = multiple). */
export const DISABILITY_CATEGORY_BY_DIGIT: Readonly<Record<string, DisabilityCategory>> = {
  '1': 'visual',
  '2': 'hearing',
  '3': 'speech',
  '4': 'physical',
  '5': 'intellectual',
  '6': 'mental',
  '7': 'multiple',
};

/** Chinese names of the disability categories. */
export const DISABILITY_CATEGORY_LABELS_ZH: Readonly<Record<DisabilityCategory, string>> = {
  visual: '视力残疾',
  hearing: '听力残疾',
  speech: '言语残疾',
  physical: '肢体残疾',
  intellectual: '智力残疾',
  mental: '精神残疾',
  multiple: '多重残疾',
};

export type DisabilityCertificateProblem = 'format' | 'category' | 'grade' | 'idNumber' | 'idMismatch' | 'birthDateMismatch';

export const DISABILITY_CERTIFICATE_MESSAGES: Record<DisabilityCertificateProblem, string> = {
  format: '残疾证号应为20位：前18位为身份证号，第19位为残疾类别代码，第20位为残疾等级代码',
  category: '残疾证号第19位（残疾类别）应为1至7：1视力、2听力、3言语、4肢体、5智力、6精神、7多重',
  grade: '残疾证号第20位（残疾等级）应为1至4',
  idNumber: '残疾证号前18位不是有效的身份证号',
  idMismatch: '残疾证号前18位与该儿童的身份证号不一致',
  birthDateMismatch: '残疾证号中的出生日期与该儿童的出生日期不一致',
};

export type ParsedDisabilityCertificate = {
  /** The number, upper-cased (a trailing X of the ID part). */
  value: string;
  idNumber: string;
  category: DisabilityCategory;
  grade: DisabilityGrade;
};

export type DisabilityCertificateResult =
  | { ok: true; value: ParsedDisabilityCertificate }
  | { ok: false; problem: DisabilityCertificateProblem; message: string };

function fail(problem: DisabilityCertificateProblem): DisabilityCertificateResult {
  return { ok: false, problem, message: DISABILITY_CERTIFICATE_MESSAGES[problem] };
}

/** Reads a certificate number on its own: shape, category and grade digits, and the embedded ID number. */
export function parseDisabilityCertificate(raw: string): DisabilityCertificateResult {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]\d\d$/.test(value)) return fail('format');
  const category = DISABILITY_CATEGORY_BY_DIGIT[value[18]];
  if (category === undefined) return fail('category');
  const gradeDigit = Number(value[19]);
  if (gradeDigit < 1 || gradeDigit > 4) return fail('grade');
  const id = parseIdNumber(value.slice(0, 18));
  if (!id.ok) return fail('idNumber');
  return { ok: true, value: { value, idNumber: id.value.value, category, grade: gradeDigit as DisabilityGrade } };
}

/**
 * Checks a certificate number against the child it is entered for: the first 18 characters must be the
 * child's ID number; a child registered without one must at least share the birth date inside it.
 */
export function checkDisabilityCertificate(
  raw: string,
  child: { idNumber: string | null; birthDate: string },
): DisabilityCertificateResult {
  const parsed = parseDisabilityCertificate(raw);
  if (!parsed.ok) return parsed;
  if (child.idNumber !== null) {
    if (parsed.value.idNumber !== child.idNumber.toUpperCase()) return fail('idMismatch');
  } else {
    const id = parseIdNumber(parsed.value.idNumber);
    if (id.ok && id.value.birthDate !== child.birthDate) return fail('birthDateMismatch');
  }
  return parsed;
}

/** Builds a certificate number from an ID number, category and grade (demo data and tests). */
export function makeDisabilityCertificate(idNumber: string, category: DisabilityCategory, grade: DisabilityGrade): string {
  const digit = Object.entries(DISABILITY_CATEGORY_BY_DIGIT).find(([, c]) => c === category)![0];
  return `${idNumber.toUpperCase()}${digit}${grade}`;
}

/**
 * A child's line in the children roster (儿童花名册) as of a day: identity, hukou, categories, the status
 * facts the categories and entitlements rest on (parents, guardianship, court appointment, family income,
 * the 是/否 determinations), and the disability, placement, enrolment and every benefit current on that day. The roster export writes it; the
 * import compares a workbook row with it to propose an update. Pure.
 */
import type { ImportField } from '../../../shared/contract/ledgers';
import type { ChildRecord, ParentStatus, StatusFactKind } from '../../../shared/contract/record';
import { districtName } from '../../../shared/domain/districts';
import { DISABILITY_CATEGORY_LABELS_ZH } from '../../../shared/domain/disability-certificate';
import {
  BENEFIT_CODES,
  BENEFIT_LABELS_ZH,
  type BenefitCode,
  CATEGORY_LABELS_ZH,
  type ChildFacts,
  EDUCATION_STAGE_LABELS_ZH,
  PLACEMENT_LABELS_ZH,
} from '../../../shared/domain/rules-types';
import { evaluate } from '../../rules';
import { deriveFacts, educationOn, latestFact } from '../eligibility/facts';
import { covers } from '../record/record-intervals';
import { live } from '../record/record-store';

/** A roster cell: text, a whole number, a date (ISO, written as a real date) or empty. */
export type LedgerValue = string | number | null;
type RosterValues = Record<ImportField, LedgerValue>;

/** The fields whose cells are dates. */
export const DATE_FIELDS: ReadonlySet<ImportField> = new Set(['birthDate', 'admissionDate', 'disabilityFrom', 'placementFrom', 'enrolmentDate', 'benefitFrom']);

export const SEX_LABELS_ZH = { male: '男', female: '女' } as const;
/** How the roster writes a hukou that is in Shanghai without a known district, and one outside Shanghai. */
export const HUKOU_SHANGHAI_ZH = '本市';
export const HUKOU_OTHER_ZH = '外省市';
/** Categories are listed in one cell, separated by this. */
export const LIST_SEPARATOR = '、';
export const YES_NO_ZH = { yes: '是', no: '否' } as const;
/** Benefits in the 其他保障待遇 cell are separated by this. */
export const BENEFIT_SEPARATOR = '；';

/** The status facts the roster writes as 是/否 columns, by field. */
export const YES_NO_FACTS = {
  legalSupporterAble: 'legalSupporterAbility',
  policeAbandonment: 'policeAbandonmentConfirmation',
  seriousIllness: 'seriousIllness',
  autism: 'autismDiagnosis',
  suddenHardship: 'suddenHardship',
} as const satisfies Partial<Record<ImportField, StatusFactKind>>;
export type YesNoField = keyof typeof YES_NO_FACTS;

export const PARENT_STATUS_LABELS_ZH: Readonly<Record<ParentStatus, string>> = {
  living: '健在',
  deceased: '死亡',
  declaredDead: '宣告死亡',
  declaredMissing: '宣告失踪',
  notFound: '查找不到',
  imprisoned: '服刑在押',
  incapacitated: '重残重病无力履责',
};
export const GUARDIANSHIP_LABELS_ZH: Readonly<Record<ChildFacts['guardianship'], string>> = { adequate: '监护正常', missing: '监护缺失', improper: '监护不当' };
export const COURT_APPOINTED_LABELS_ZH: Readonly<Record<ChildFacts['courtAppointedGuardian'], string>> = {
  none: '无',
  civilAffairs: '民政部门',
  municipalInstitution: '市级儿童福利机构',
};
/** 家庭经济状况: the flags of a family-income determination, listed; none of them is written 无. */
export const FAMILY_INCOME_LABELS_ZH: Readonly<Record<keyof ChildFacts['family'] & ('minimumLivingSecurity' | 'lowIncomeEdge' | 'extremePoverty' | 'economicHardship'), string>> = {
  minimumLivingSecurity: '低保',
  lowIncomeEdge: '低保边缘',
  extremePoverty: '特困',
  economicHardship: '经济困难',
};
export const NONE_ZH = '无';

/** One benefit as the 其他保障待遇 cell lists it: 名称 开始日期起 月标准元. */
export function benefitText(b: { code: BenefitCode; from: string; monthlyAmountFen: number | null }): string {
  return `${BENEFIT_LABELS_ZH[b.code]} ${b.from}起${b.monthlyAmountFen === null ? '' : ` ${fenToYuan(b.monthlyAmountFen)}元`}`;
}

/** Yuan with two decimals (fen → 元), as the roster writes money. */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}

function hukouText(child: ChildRecord['child']): string | null {
  if (child.hukouKind === 'other') return HUKOU_OTHER_ZH;
  if (child.hukouKind === 'shanghai') return (child.hukouDistrictCode && districtName(child.hukouDistrictCode)) || HUKOU_SHANGHAI_ZH;
  return null;
}

function yesNo(value: boolean | null): string | null {
  return value === null ? null : value ? YES_NO_ZH.yes : YES_NO_ZH.no;
}

/** The categories of children in difficulty on `asOf`, by the rules, in the preamble's order. */
function categoryCodesOn(record: ChildRecord, asOf: string) {
  if (record.child.birthDate > asOf) return [];
  return evaluate(deriveFacts(record, asOf).facts, asOf).categories.map((c) => c.code);
}

/** The roster line of a child on `asOf`. */
export function rosterValues(record: ChildRecord, asOf: string): RosterValues {
  const c = record.child;
  const disability = live(record.disabilities).find((d) => covers(d, asOf)) ?? null;
  const placement = live(record.placements).find((p) => covers(p, asOf)) ?? null;
  const { facts: education, source: enrolment } = educationOn(record.education, asOf);
  const current = education.stage === 'finished' ? null : enrolment;
  const [benefit = null, ...otherBenefits] = live(record.benefits)
    .filter((b) => covers(b, asOf))
    .sort((a, b) => a.from.localeCompare(b.from) || BENEFIT_CODES.indexOf(a.code) - BENEFIT_CODES.indexOf(b.code) || a.id - b.id);
  const { facts } = deriveFacts(record, asOf);
  const yesNoFact = (field: YesNoField) => yesNo(latestFact(record.statusFacts, YES_NO_FACTS[field], asOf)?.value ?? null);
  const parents = latestFact(record.statusFacts, 'parentsStatus', asOf)?.value ?? null;
  const income = latestFact(record.statusFacts, 'familyIncome', asOf)?.value ?? null;
  const incomeFlags = income ? (Object.keys(FAMILY_INCOME_LABELS_ZH) as (keyof typeof FAMILY_INCOME_LABELS_ZH)[]).filter((k) => income[k]) : [];
  // Guardianship as the rules read it (a young person of 18+: as it stood before the 18th birthday);
  // empty when the record says nothing of it.
  const guardianshipRecorded = live(record.guardianships).length > 0 || live(record.statusFacts).some((f) => f.fact.kind === 'guardianship');
  return {
    name: c.name,
    sex: SEX_LABELS_ZH[c.sex],
    birthDate: c.birthDate,
    idNumber: c.idNumber,
    admissionDate: c.admissionDate,
    hukou: hukouText(c),
    categories: categoryCodesOn(record, asOf).map((code) => CATEGORY_LABELS_ZH[code]).join(LIST_SEPARATOR) || null,
    legalSupporterAble: yesNoFact('legalSupporterAble'),
    fatherStatus: parents ? PARENT_STATUS_LABELS_ZH[parents.father] : null,
    motherStatus: parents ? PARENT_STATUS_LABELS_ZH[parents.mother] : null,
    guardianship: guardianshipRecorded ? GUARDIANSHIP_LABELS_ZH[facts.guardianship] : null,
    courtAppointment: facts.courtAppointedGuardian === 'none' ? null : COURT_APPOINTED_LABELS_ZH[facts.courtAppointedGuardian],
    familyIncome: income ? incomeFlags.map((k) => FAMILY_INCOME_LABELS_ZH[k]).join(LIST_SEPARATOR) || NONE_ZH : null,
    policeAbandonment: yesNoFact('policeAbandonment'),
    seriousIllness: yesNoFact('seriousIllness'),
    autism: yesNoFact('autism'),
    suddenHardship: yesNoFact('suddenHardship'),
    disabilityCategory: disability ? DISABILITY_CATEGORY_LABELS_ZH[disability.category] : null,
    disabilityGrade: disability ? disability.grade : null,
    disabilityCertificate: disability?.certificateNumber ?? null,
    disabilityFrom: disability?.from ?? null,
    placementKind: placement ? PLACEMENT_LABELS_ZH[placement.kind] : null,
    placementFrom: placement?.from ?? null,
    educationStage: current ? EDUCATION_STAGE_LABELS_ZH[current.stage] : null,
    school: current?.school ?? null,
    enrolmentDate: current?.enrolmentDate ?? null,
    standardDurationYears: current?.standardDurationYears ?? null,
    benefitCode: benefit ? BENEFIT_LABELS_ZH[benefit.code] : null,
    benefitFrom: benefit?.from ?? null,
    benefitMonthlyAmount: benefit?.monthlyAmountFen === null || benefit === null ? null : fenToYuan(benefit.monthlyAmountFen),
    otherBenefits: otherBenefits.map(benefitText).join(BENEFIT_SEPARATOR) || null,
  };
}

/** A value as the preview shows it (and compares it). */
export function displayValue(value: LedgerValue): string {
  if (value === null) return '';
  return String(value);
}

/**
 * A child's line in the children roster (儿童花名册) as of a day: identity, hukou, categories, and the
 * disability, placement, enrolment and benefit current on that day. The roster export writes it; the
 * import compares a workbook row with it to propose an update. Pure.
 */
import type { ImportField } from '../../shared/contract/ledgers';
import type { ChildRecord } from '../../shared/contract/record';
import { districtName } from '../../shared/domain/districts';
import { DISABILITY_CATEGORY_LABELS_ZH } from '../../shared/domain/disability-certificate';
import { BENEFIT_CODES, BENEFIT_LABELS_ZH, CATEGORY_LABELS_ZH, EDUCATION_STAGE_LABELS_ZH, PLACEMENT_LABELS_ZH } from '../../shared/domain/rules-types';
import { evaluate } from '../rules';
import { deriveFacts, educationOn, latestFact } from './facts';
import { covers } from './record-intervals';
import { live } from './record-store';

/** A roster cell: text, a whole number, a date (ISO, written as a real date) or empty. */
export type LedgerValue = string | number | null;
export type RosterValues = Record<ImportField, LedgerValue>;

/** The fields whose cells are dates. */
export const DATE_FIELDS: ReadonlySet<ImportField> = new Set(['birthDate', 'admissionDate', 'disabilityFrom', 'placementFrom', 'enrolmentDate', 'benefitFrom']);

export const SEX_LABELS_ZH = { male: '男', female: '女' } as const;
/** How the roster writes a hukou that is in Shanghai without a known district, and one outside Shanghai. */
export const HUKOU_SHANGHAI_ZH = '本市';
export const HUKOU_OTHER_ZH = '外省市';
/** Categories are listed in one cell, separated by this. */
export const LIST_SEPARATOR = '、';
export const YES_NO_ZH = { yes: '是', no: '否' } as const;

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
export function categoryCodesOn(record: ChildRecord, asOf: string) {
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
  const benefit =
    live(record.benefits)
      .filter((b) => covers(b, asOf))
      .sort((a, b) => a.from.localeCompare(b.from) || BENEFIT_CODES.indexOf(a.code) - BENEFIT_CODES.indexOf(b.code) || a.id - b.id)[0] ?? null;
  return {
    name: c.name,
    sex: SEX_LABELS_ZH[c.sex],
    birthDate: c.birthDate,
    idNumber: c.idNumber,
    admissionDate: c.admissionDate,
    hukou: hukouText(c),
    categories: categoryCodesOn(record, asOf).map((code) => CATEGORY_LABELS_ZH[code]).join(LIST_SEPARATOR) || null,
    legalSupporterAble: yesNo(latestFact(record.statusFacts, 'legalSupporterAbility', asOf)?.value ?? null),
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
  };
}

/** A value as the preview shows it (and compares it). */
export function displayValue(value: LedgerValue): string {
  if (value === null) return '';
  return String(value);
}

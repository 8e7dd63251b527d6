/**
 * Children in from an Excel workbook (policy 七(二十一)): the columns mapped to fields, every row read
 * and then tried through the registry's own services (createChild, updateProfile, addPlacement, …) so
 * their rules decide what is valid. The workbook is checked (workbook-guard.ts) and read in a worker;
 * the rows are tried in chunks, each its own transaction, yielding between them so that other requests
 * are answered: the preview rolls each chunk back, the import keeps exactly the confirmed rows, whole
 * children, and stops at the first chunk that changed since the preview, saying how far it came. A row
 * whose ID number is already registered proposes an update with its differences, never a second child.
 */
import { ENROLMENT_STAGES } from '../../../shared/contract/record';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import {
  IMPORT_FIELDS,
  IMPORT_FIELD_HEADERS_ZH,
  type ImportField,
  type ImportMapping,
  type ImportPreview,
  type ImportPreviewInput,
  type ImportRow,
  type ImportRunInput,
  IMPORT_CHUNK_ROWS,
  importPreviewInputSchema,
  importRunInputSchema,
} from '../../../shared/contract/ledgers';
import { type DistrictCode, SHANGHAI_DISTRICTS } from '../../../shared/domain/districts';
import { DISABILITY_CATEGORY_LABELS_ZH, type DisabilityCategory } from '../../../shared/domain/disability-certificate';
import { ID_NUMBER_MESSAGES, parseIdNumber } from '../../../shared/domain/id-number';
import {
  BENEFIT_CODES,
  BENEFIT_LABELS_ZH,
  type BenefitCode,
  CATEGORY_CODES,
  CATEGORY_LABELS_ZH,
  type CategoryCode,
  DISABILITY_CATEGORIES,
  EDUCATION_STAGE_LABELS_ZH,
  PLACEMENTS,
  PLACEMENT_LABELS_ZH,
  type Placement,
} from '../../../shared/domain/rules-types';
import type { ParentStatus, StatusFact } from '../../../shared/contract/record';
import type { ChildFacts } from '../../../shared/domain/rules-types';
import { appendAudit } from '../audit/audit';
import { createChild } from '../registry/children';
import { type ServiceContext, inTransaction } from '../core/context';
import {
  BENEFIT_SEPARATOR,
  COURT_APPOINTED_LABELS_ZH,
  DATE_FIELDS,
  FAMILY_INCOME_LABELS_ZH,
  GUARDIANSHIP_LABELS_ZH,
  HUKOU_OTHER_ZH,
  HUKOU_SHANGHAI_ZH,
  LIST_SEPARATOR,
  type LedgerValue,
  NONE_ZH,
  PARENT_STATUS_LABELS_ZH,
  SEX_LABELS_ZH,
  YES_NO_FACTS,
  YES_NO_ZH,
  type YesNoField,
  benefitText,
  displayValue,
  fenToYuan,
  rosterValues,
} from './ledger-values';
import { covers } from '../record/record-intervals';
import { live } from '../record/record-store';
import { updateProfile } from '../record/record';
import { addBenefit, addEducation, addPlacement, addStatusFact, setDisability, updateEducation } from '../record/record-history';
import { loadRecord, parseInput } from '../record/record-store';
import { getSetting, setSetting } from '../core/settings';
import { type CellContent, type SheetData, cellText, readDate, readImportSheet } from './xlsx-cells';
import { looksLikeZip } from './workbook-guard';
import type { WorkerPool } from '../core/worker-pool';
import type { ProgressReport } from '../core/jobs';
import type { z } from 'zod';

const MAPPING_SETTING = 'import.children.mapping';

type EnrolmentStage = (typeof ENROLMENT_STAGES)[number];
type Hukou = { kind: 'shanghai'; district: DistrictCode | null } | { kind: 'other' };
type FamilyIncome = Record<keyof typeof FAMILY_INCOME_LABELS_ZH, boolean>;
type Benefit = { code: BenefitCode; from: string; monthlyAmountFen: number | null };

/** A row read into typed values (null: empty or not mapped). */
type RowData = {
  name: string | null;
  sex: 'male' | 'female' | null;
  birthDate: string | null;
  idNumber: string | null;
  admissionDate: string | null;
  hukou: Hukou | null;
  categories: CategoryCode[] | null;
  legalSupporterAble: boolean | null;
  fatherStatus: ParentStatus | null;
  motherStatus: ParentStatus | null;
  guardianship: ChildFacts['guardianship'] | null;
  courtAppointment: ChildFacts['courtAppointedGuardian'] | null;
  familyIncome: FamilyIncome | null;
  policeAbandonment: boolean | null;
  seriousIllness: boolean | null;
  autism: boolean | null;
  suddenHardship: boolean | null;
  disabilityCategory: DisabilityCategory | null;
  disabilityGrade: 1 | 2 | 3 | 4 | null;
  disabilityCertificate: string | null;
  disabilityFrom: string | null;
  placementKind: Placement | null;
  placementFrom: string | null;
  educationStage: EnrolmentStage | null;
  school: string | null;
  enrolmentDate: string | null;
  standardDurationYears: number | null;
  benefitCode: BenefitCode | null;
  benefitFrom: string | null;
  benefitMonthlyAmountFen: number | null;
  otherBenefits: Benefit[] | null;
};

type CellProblem = { field: ImportField; message: string };

/** Header texts recognised for each field besides the roster's own. */
const HEADER_SYNONYMS: Readonly<Record<ImportField, readonly string[]>> = {
  name: ['儿童姓名', '姓名'],
  sex: ['性别'],
  birthDate: ['出生日期', '出生年月日', '生日'],
  idNumber: ['身份证号码', '公民身份号码', '身份证', '证件号码'],
  admissionDate: ['入院时间', '入院日期', '入园日期'],
  hukou: ['户籍所在区', '户籍地', '户口所在区'],
  categories: ['类别', '儿童类别', '困境类别'],
  legalSupporterAble: ['法定抚养人是否有抚养能力', '有无抚养能力'],
  fatherStatus: ['父亲情况', '生父状况'],
  motherStatus: ['母亲情况', '生母状况'],
  guardianship: ['监护状况', '监护状况认定'],
  courtAppointment: ['法院指定监护', '法院指定的监护人'],
  familyIncome: ['家庭经济情况', '家庭困难类型'],
  policeAbandonment: ['公安确认弃婴', '公安确认弃婴弃儿', '弃婴（儿）确认'],
  seriousIllness: ['重病', '是否患重病'],
  autism: ['孤独症', '是否孤独症'],
  suddenHardship: ['突发困难', '临时困难'],
  disabilityCategory: ['残疾类型'],
  disabilityGrade: ['残疾级别'],
  disabilityCertificate: ['残疾人证号', '残疾证编号'],
  disabilityFrom: ['残疾认定时间'],
  placementKind: ['安置形式', '养育方式'],
  placementFrom: ['安置日期', '安置时间'],
  educationStage: ['就学阶段', '学段'],
  school: ['就读学校', '学校名称'],
  enrolmentDate: ['入学时间'],
  standardDurationYears: ['学制', '学制(年)'],
  benefitCode: ['保障待遇名称', '待遇'],
  benefitFrom: ['待遇起始日期', '享受待遇开始日期'],
  benefitMonthlyAmount: ['月标准', '月标准(元)', '月发放金额（元）', '月发放金额'],
  otherBenefits: ['其他待遇', '其余保障待遇'],
};

/** Headers compare without spaces and with full-width brackets as half-width. */
function normalizeHeader(text: string): string {
  return text.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

function autoMapping(headers: readonly string[]): ImportMapping {
  const byNorm = new Map(headers.map((h) => [normalizeHeader(h), h]));
  const mapping: ImportMapping = {};
  for (const field of IMPORT_FIELDS) {
    const names = [IMPORT_FIELD_HEADERS_ZH[field], ...HEADER_SYNONYMS[field]];
    mapping[field] = names.map((n) => byNorm.get(normalizeHeader(n))).find((h) => h !== undefined) ?? null;
  }
  return mapping;
}

/**
 * The mapping to use: the one given (each header must exist), else the last one used where its
 * headers exist in this file, completed by recognising the headers.
 */
function resolveMapping(ctx: ServiceContext, headers: readonly string[], given: ImportMapping | null): ImportMapping {
  const present = new Set(headers);
  if (given) {
    for (const field of IMPORT_FIELDS) {
      const header = given[field];
      if (header && !present.has(header)) throw new ValidationError(`mapping.${field}`, `文件中没有“${header}”列`, { headers });
    }
    return Object.fromEntries(IMPORT_FIELDS.map((f) => [f, given[f] ?? null]));
  }
  const saved = getSetting<ImportMapping>(ctx, MAPPING_SETTING, {});
  const auto = autoMapping(headers);
  return Object.fromEntries(IMPORT_FIELDS.map((f) => [f, saved[f] && present.has(saved[f]) ? saved[f] : auto[f]]));
}

function requireHeaderRow(sheet: SheetData, mapping: ImportMapping): void {
  if (mapping.name) return;
  const looksLikeData = sheet.headers.some((h) => /^\d{17}[\dXx]$/.test(h) || /^\d{4}[-/.年]\d{1,2}/.test(h));
  throw new ValidationError(
    'mapping.name',
    looksLikeData
      ? `工作表“${sheet.sheetName}”第${sheet.headerRow}行看起来是数据而不是表头：请在第${sheet.headerRow}行填写列名（如 姓名、性别、出生日期、身份证号）`
      : `工作表“${sheet.sheetName}”第${sheet.headerRow}行中找不到“姓名”列：请在下方指定哪一列是姓名${sheet.headerRow === 1 ? '；表头上方若有标题行，请删去' : ''}`,
    { headers: sheet.headers },
  );
}

// ——— reading one cell per field ———

function choices(labels: readonly string[]): string {
  return labels.join('、');
}

/** Looks a name up among labels (full or without a trailing 儿童/教育), codes and extra aliases. */
function lookup<C extends string>(text: string, labels: Readonly<Record<C, string>>, aliases: Readonly<Record<string, C>> = {}): C | null {
  const t = text.replace(/\s+/g, '');
  for (const [code, label] of Object.entries(labels) as [C, string][]) {
    if (t === label || t === code || t === label.replace(/(儿童|教育)$/, '')) return code;
  }
  return aliases[t] ?? null;
}

const PLACEMENT_ALIASES: Record<string, Placement> = { 集中养育: 'municipalInstitution', 机构养育: 'municipalInstitution', 寄养: 'foster', 收养: 'adopted' };
const STAGE_ALIASES: Record<string, EnrolmentStage> = {
  学前: 'preschool',
  幼儿园: 'preschool',
  小学: 'compulsory',
  初中: 'compulsory',
  义务教育: 'compulsory',
  高中: 'seniorGeneral',
  普通高中: 'seniorGeneral',
  中职: 'seniorVocational',
  中专: 'seniorVocational',
  本科: 'undergraduate',
  大学: 'undergraduate',
  高职: 'higherVocational',
  大专: 'higherVocational',
};
const ENROLMENT_STAGE_LABELS = Object.fromEntries(ENROLMENT_STAGES.map((s) => [s, EDUCATION_STAGE_LABELS_ZH[s]])) as Record<EnrolmentStage, string>;
const GRADE_TEXT: Record<string, 1 | 2 | 3 | 4> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

const PARENT_STATUS_ALIASES: Record<string, ParentStatus> = {
  去世: 'deceased',
  死亡或宣告死亡: 'deceased',
  失踪: 'declaredMissing',
  服刑: 'imprisoned',
  在押: 'imprisoned',
  服刑在押人员: 'imprisoned',
  查找不到生父母: 'notFound',
  重残重病: 'incapacitated',
  无力履责: 'incapacitated',
  在世: 'living',
};
const GUARDIANSHIP_ALIASES: Record<string, ChildFacts['guardianship']> = { 正常: 'adequate', 缺失: 'missing', 事实无人抚养: 'missing', 不当: 'improper' };
const COURT_ALIASES: Record<string, ChildFacts['courtAppointedGuardian']> = {
  民政: 'civilAffairs',
  民政局: 'civilAffairs',
  民政部门担任监护人: 'civilAffairs',
  市儿童福利院: 'municipalInstitution',
  市级儿童福利院: 'municipalInstitution',
  儿童福利机构: 'municipalInstitution',
};
const FAMILY_INCOME_ALIASES: Record<string, keyof FamilyIncome> = { 最低生活保障: 'minimumLivingSecurity', 低保家庭: 'minimumLivingSecurity', 特困供养: 'extremePoverty', 低收入: 'lowIncomeEdge' };
const BENEFIT_EXAMPLE = benefitText({ code: 'basicLivingAllowance', from: '2026-01-01', monthlyAmountFen: 240_000 });

/** One entry of the 其他保障待遇 cell: 名称 开始日期起 月标准元 (the amount may be left out). */
function readBenefit(part: string): Benefit | string {
  const m = /^(.+?)\s*(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)\s*起?\s*(?:([\d.,，]+)\s*元?)?$/.exec(part.trim());
  if (!m) return `“${part}”应写作“待遇名称 开始日期起 月标准元”，如“${BENEFIT_EXAMPLE}”`;
  const code = lookup(m[1]!, BENEFIT_LABELS_ZH);
  if (!code) return `不认识的保障待遇“${m[1]}”，可填：${choices(BENEFIT_CODES.map((c) => BENEFIT_LABELS_ZH[c]))}`;
  const date = readDate({ kind: 'text', text: m[2]! });
  if (!date.ok) return `“${part}”：${date.message}`;
  const yuan = m[3] === undefined ? null : readNumber({ kind: 'text', text: m[3] });
  if (m[3] !== undefined && yuan === null) return `“${part}”：月标准应为金额（元）`;
  return { code, from: date.value, monthlyAmountFen: yuan === null ? null : Math.round(yuan * 100) };
}

function readNumber(content: CellContent): number | null {
  if (content.kind === 'number') return content.value;
  if (content.kind === 'text') {
    const t = content.text.replace(/[,，\s元]/g, '');
    if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  }
  return null;
}

/** Reads one field's cell; the value, or a problem in zh-CN. */
function readField(field: ImportField, content: CellContent, row: Partial<RowData>): string | null {
  if (content.kind === 'empty') return null;
  const text = cellText(content);
  if (DATE_FIELDS.has(field)) {
    const date = readDate(content);
    if (!date.ok) return date.message;
    (row as Record<string, unknown>)[field] = date.value;
    return null;
  }
  switch (field) {
    case 'name':
      row.name = text;
      return null;
    case 'sex': {
      const sex = ({ 男: 'male', 女: 'female', male: 'male', female: 'female', M: 'male', F: 'female' } as const)[text.trim() as '男'];
      if (!sex) return `性别应为“男”或“女”，而不是“${text}”`;
      row.sex = sex;
      return null;
    }
    case 'idNumber':
    case 'disabilityCertificate': {
      if (content.kind === 'number') return 'Excel 把这一格存成了数字，末几位已丢失：请把该列设为“文本”格式后重新录入';
      const value = text.replace(/\s+/g, '').toUpperCase();
      if (field === 'idNumber') {
        const parsed = parseIdNumber(value);
        if (!parsed.ok) return `${ID_NUMBER_MESSAGES[parsed.problem]}（${value}）`;
      }
      row[field] = value;
      return null;
    }
    case 'hukou': {
      const t = text.replace(/\s+/g, '');
      if (t === HUKOU_OTHER_ZH || t === '外省' || t === '外地') row.hukou = { kind: 'other' };
      else if (t === HUKOU_SHANGHAI_ZH || t === '上海' || t === '上海市') row.hukou = { kind: 'shanghai', district: null };
      else {
        const district = SHANGHAI_DISTRICTS.find((d) => d.zh === t || d.code === t || d.zh.replace(/(新区|区)$/, '') === t.replace(/(新区|区)$/, ''));
        if (!district) return `不认识的户籍“${text}”：请填上海市的区名（如 浦东新区、徐汇区），或“${HUKOU_OTHER_ZH}”`;
        row.hukou = { kind: 'shanghai', district: district.code };
      }
      return null;
    }
    case 'categories': {
      const codes: CategoryCode[] = [];
      for (const part of text.split(/[、,，;；/\s]+/).filter(Boolean)) {
        const code = lookup(part, CATEGORY_LABELS_ZH, { 经济困难: 'economicHardship', 事实无人抚养: 'guardianshipMissing' });
        if (!code) return `不认识的困境儿童类别“${part}”，可填：${choices(Object.values(CATEGORY_LABELS_ZH))}`;
        if (!codes.includes(code)) codes.push(code);
      }
      row.categories = CATEGORY_CODES.filter((c) => codes.includes(c));
      return null;
    }
    case 'legalSupporterAble':
    case 'policeAbandonment':
    case 'seriousIllness':
    case 'autism':
    case 'suddenHardship': {
      const t = text.replace(/\s+/g, '');
      const value = ({ 是: true, 有: true, 否: false, 无: false } as Record<string, boolean>)[t];
      if (value === undefined) return `“${IMPORT_FIELD_HEADERS_ZH[field]}”应填“是”或“否”，而不是“${text}”`;
      row[field] = value;
      return null;
    }
    case 'fatherStatus':
    case 'motherStatus': {
      const code = lookup(text, PARENT_STATUS_LABELS_ZH, PARENT_STATUS_ALIASES);
      if (!code) return `不认识的${field === 'fatherStatus' ? '父亲' : '母亲'}状况“${text}”，可填：${choices(Object.values(PARENT_STATUS_LABELS_ZH))}`;
      row[field] = code;
      return null;
    }
    case 'guardianship': {
      const code = lookup(text, GUARDIANSHIP_LABELS_ZH, GUARDIANSHIP_ALIASES);
      if (!code) return `不认识的监护情况“${text}”，可填：${choices(Object.values(GUARDIANSHIP_LABELS_ZH))}`;
      row.guardianship = code;
      return null;
    }
    case 'courtAppointment': {
      const code = lookup(text, COURT_APPOINTED_LABELS_ZH, COURT_ALIASES);
      if (!code) return `不认识的法院指定监护人“${text}”，可填：${choices(Object.values(COURT_APPOINTED_LABELS_ZH))}`;
      row.courtAppointment = code;
      return null;
    }
    case 'familyIncome': {
      const income: FamilyIncome = { minimumLivingSecurity: false, lowIncomeEdge: false, extremePoverty: false, economicHardship: false };
      if (text.replace(/\s+/g, '') !== NONE_ZH) {
        for (const part of text.split(/[、,，;；/\s]+/).filter(Boolean)) {
          const flag = lookup(part, FAMILY_INCOME_LABELS_ZH, FAMILY_INCOME_ALIASES);
          if (!flag) return `不认识的家庭经济状况“${part}”，可填：${choices(Object.values(FAMILY_INCOME_LABELS_ZH))}（可填多项，以“、”分隔），或“${NONE_ZH}”`;
          income[flag] = true;
        }
      }
      row.familyIncome = income;
      return null;
    }
    case 'otherBenefits': {
      const benefits: Benefit[] = [];
      for (const part of text.split(/[；;\n]+/).filter((p) => p.trim() !== '')) {
        const benefit = readBenefit(part);
        if (typeof benefit === 'string') return benefit;
        benefits.push(benefit);
      }
      row.otherBenefits = benefits;
      return null;
    }
    case 'disabilityCategory': {
      const code = lookup(text, DISABILITY_CATEGORY_LABELS_ZH, Object.fromEntries(DISABILITY_CATEGORIES.map((c) => [DISABILITY_CATEGORY_LABELS_ZH[c].replace(/残疾$/, ''), c])));
      if (!code) return `不认识的残疾类别“${text}”，可填：${choices(Object.values(DISABILITY_CATEGORY_LABELS_ZH))}`;
      row.disabilityCategory = code;
      return null;
    }
    case 'disabilityGrade': {
      const grade = GRADE_TEXT[text.replace(/[级\s]/g, '')];
      if (!grade) return `残疾等级应为1至4级，而不是“${text}”`;
      row.disabilityGrade = grade;
      return null;
    }
    case 'placementKind': {
      const code = lookup(text, PLACEMENT_LABELS_ZH, PLACEMENT_ALIASES);
      if (!code) return `不认识的安置方式“${text}”，可填：${choices(PLACEMENTS.map((p) => PLACEMENT_LABELS_ZH[p]))}`;
      row.placementKind = code;
      return null;
    }
    case 'educationStage': {
      const code = lookup(text, ENROLMENT_STAGE_LABELS, STAGE_ALIASES);
      if (!code) return `不认识的就读阶段“${text}”，可填：${choices(Object.values(ENROLMENT_STAGE_LABELS))}`;
      row.educationStage = code;
      return null;
    }
    case 'school':
      row.school = text;
      return null;
    case 'standardDurationYears': {
      const years = readNumber(content);
      if (years === null || !Number.isInteger(years)) return `学制应为整年数（如 3），而不是“${text}”`;
      row.standardDurationYears = years;
      return null;
    }
    case 'benefitCode': {
      const code = lookup(text, BENEFIT_LABELS_ZH);
      if (!code) return `不认识的保障待遇“${text}”，可填：${choices(BENEFIT_CODES.map((c) => BENEFIT_LABELS_ZH[c]))}`;
      row.benefitCode = code;
      return null;
    }
    case 'benefitMonthlyAmount': {
      const yuan = readNumber(content);
      if (yuan === null) return `月标准应为金额（元），而不是“${text}”`;
      row.benefitMonthlyAmountFen = Math.round(yuan * 100);
      return null;
    }
    default:
      return null;
  }
}

const EMPTY_ROW: RowData = {
  name: null,
  sex: null,
  birthDate: null,
  idNumber: null,
  admissionDate: null,
  hukou: null,
  categories: null,
  legalSupporterAble: null,
  fatherStatus: null,
  motherStatus: null,
  guardianship: null,
  courtAppointment: null,
  familyIncome: null,
  policeAbandonment: null,
  seriousIllness: null,
  autism: null,
  suddenHardship: null,
  disabilityCategory: null,
  disabilityGrade: null,
  disabilityCertificate: null,
  disabilityFrom: null,
  placementKind: null,
  placementFrom: null,
  educationStage: null,
  school: null,
  enrolmentDate: null,
  standardDurationYears: null,
  benefitCode: null,
  benefitFrom: null,
  benefitMonthlyAmountFen: null,
  otherBenefits: null,
};

/** Pairs that must come together: the second named when the first is given without it. */
const REQUIRED_WITH: readonly [ImportField[], ImportField, string][] = [
  [['fatherStatus'], 'motherStatus', '填写了父亲状况时，请填写母亲状况'],
  [['motherStatus'], 'fatherStatus', '填写了母亲状况时，请填写父亲状况'],
  [['placementKind'], 'placementFrom', '填写了安置方式时，请填写安置开始日期'],
  [['placementFrom'], 'placementKind', '填写了安置开始日期时，请填写安置方式'],
  [['educationStage'], 'enrolmentDate', '填写了就读阶段时，请填写入学日期'],
  [['educationStage'], 'standardDurationYears', '填写了就读阶段时，请填写学制（年）'],
  [['enrolmentDate', 'school', 'standardDurationYears'], 'educationStage', '请填写就读阶段'],
  [['benefitCode'], 'benefitFrom', '填写了保障待遇时，请填写待遇开始日期'],
  [['benefitFrom', 'benefitMonthlyAmount'], 'benefitCode', '请填写保障待遇名称'],
  [['disabilityCategory', 'disabilityGrade', 'disabilityCertificate'], 'disabilityFrom', '填写了残疾情况时，请填写残疾认定日期'],
];

function fieldValue(data: RowData, field: ImportField): unknown {
  return field === 'benefitMonthlyAmount' ? data.benefitMonthlyAmountFen : data[field];
}

/** Reads a sheet row into typed values and the problems found cell by cell. */
function readRow(cells: readonly CellContent[], columns: ReadonlyMap<ImportField, number>): { data: RowData; problems: CellProblem[] } {
  const data: RowData = { ...EMPTY_ROW };
  const problems: CellProblem[] = [];
  for (const [field, index] of columns) {
    const message = readField(field, cells[index] ?? { kind: 'empty' }, data);
    if (message) problems.push({ field, message });
  }
  const failed = new Set(problems.map((p) => p.field));
  const given = (f: ImportField) => fieldValue(data, f) !== null || failed.has(f);
  if (!given('name')) problems.push({ field: 'name', message: '请填写姓名' });
  // Birth date and sex come from a valid ID number when their cells are empty.
  const parsed = data.idNumber ? parseIdNumber(data.idNumber) : null;
  if (parsed?.ok) {
    data.birthDate ??= failed.has('birthDate') ? null : parsed.value.birthDate;
    data.sex ??= failed.has('sex') ? null : parsed.value.sex;
  }
  if (!given('birthDate')) problems.push({ field: 'birthDate', message: '请填写出生日期（或有效的身份证号）' });
  if (!given('sex')) problems.push({ field: 'sex', message: '请填写性别（或有效的身份证号）' });
  for (const [when, needed, message] of REQUIRED_WITH) {
    if (when.some(given) && !given(needed) && columns.has(needed)) problems.push({ field: needed, message });
    else if (when.some(given) && !columns.has(needed)) problems.push({ field: when.find(given)!, message });
  }
  if (data.categories?.includes('disabled') && data.disabilityCategory === null && data.disabilityCertificate === null && !failed.has('disabilityCategory')) {
    problems.push({ field: 'categories', message: '“残疾儿童”须同时填写残疾类别和等级（或残疾证号）' });
  }
  return { data, problems };
}

// ——— what the row would change ———

/** The row's values as the roster would show them (only the fields the row fills). */
function shownValues(data: RowData): Partial<Record<ImportField, LedgerValue>> {
  const out: Partial<Record<ImportField, LedgerValue>> = {
    name: data.name,
    sex: data.sex && SEX_LABELS_ZH[data.sex],
    birthDate: data.birthDate,
    idNumber: data.idNumber,
    admissionDate: data.admissionDate,
    hukou: data.hukou && (data.hukou.kind === 'other' ? HUKOU_OTHER_ZH : data.hukou.district ? districtLabel(data.hukou.district) : HUKOU_SHANGHAI_ZH),
    categories: data.categories && data.categories.map((c) => CATEGORY_LABELS_ZH[c]).join(LIST_SEPARATOR),
    legalSupporterAble: yesNoText(data.legalSupporterAble),
    fatherStatus: data.fatherStatus && PARENT_STATUS_LABELS_ZH[data.fatherStatus],
    motherStatus: data.motherStatus && PARENT_STATUS_LABELS_ZH[data.motherStatus],
    guardianship: data.guardianship && GUARDIANSHIP_LABELS_ZH[data.guardianship],
    courtAppointment: data.courtAppointment && COURT_APPOINTED_LABELS_ZH[data.courtAppointment],
    familyIncome: data.familyIncome && familyIncomeText(data.familyIncome),
    policeAbandonment: yesNoText(data.policeAbandonment),
    seriousIllness: yesNoText(data.seriousIllness),
    autism: yesNoText(data.autism),
    suddenHardship: yesNoText(data.suddenHardship),
    disabilityCategory: data.disabilityCategory && DISABILITY_CATEGORY_LABELS_ZH[data.disabilityCategory],
    disabilityGrade: data.disabilityGrade,
    disabilityCertificate: data.disabilityCertificate,
    disabilityFrom: data.disabilityFrom,
    placementKind: data.placementKind && PLACEMENT_LABELS_ZH[data.placementKind],
    placementFrom: data.placementFrom,
    educationStage: data.educationStage && EDUCATION_STAGE_LABELS_ZH[data.educationStage],
    school: data.school,
    enrolmentDate: data.enrolmentDate,
    standardDurationYears: data.standardDurationYears,
    benefitCode: data.benefitCode && BENEFIT_LABELS_ZH[data.benefitCode],
    benefitFrom: data.benefitFrom,
    benefitMonthlyAmount: data.benefitMonthlyAmountFen === null ? null : fenToYuan(data.benefitMonthlyAmountFen),
    otherBenefits: data.otherBenefits && data.otherBenefits.map(benefitText).join(BENEFIT_SEPARATOR),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== null)) as Partial<Record<ImportField, LedgerValue>>;
}

function yesNoText(value: boolean | null): string | null {
  return value === null ? null : value ? YES_NO_ZH.yes : YES_NO_ZH.no;
}

function familyIncomeText(income: FamilyIncome): string {
  return (Object.keys(FAMILY_INCOME_LABELS_ZH) as (keyof FamilyIncome)[]).filter((k) => income[k]).map((k) => FAMILY_INCOME_LABELS_ZH[k]).join(LIST_SEPARATOR) || NONE_ZH;
}

function districtLabel(code: DistrictCode): string {
  return SHANGHAI_DISTRICTS.find((d) => d.code === code)!.zh;
}

const SECTIONS = {
  identity: ['name', 'sex', 'birthDate', 'admissionDate', 'hukou'],
  facts: [
    'categories',
    'legalSupporterAble',
    'fatherStatus',
    'motherStatus',
    'guardianship',
    'courtAppointment',
    'familyIncome',
    'policeAbandonment',
    'seriousIllness',
    'autism',
    'suddenHardship',
  ],
  disability: ['disabilityCategory', 'disabilityGrade', 'disabilityCertificate', 'disabilityFrom'],
  placement: ['placementKind', 'placementFrom'],
  education: ['educationStage', 'school', 'enrolmentDate', 'standardDurationYears'],
  benefit: ['benefitCode', 'benefitFrom', 'benefitMonthlyAmount', 'otherBenefits'],
} as const satisfies Record<string, readonly ImportField[]>;
type Section = keyof typeof SECTIONS;

/** Which import field a service's field name stands for, per section; unknown fields go to the section's first. */
const SERVICE_FIELDS: Readonly<Record<Section, Readonly<Record<string, ImportField>>>> = {
  identity: { name: 'name', sex: 'sex', birthDate: 'birthDate', idNumber: 'idNumber', admissionDate: 'admissionDate', hukouKind: 'hukou', hukouDistrictCode: 'hukou' },
  facts: {},
  disability: { category: 'disabilityCategory', grade: 'disabilityGrade', certificateNumber: 'disabilityCertificate', from: 'disabilityFrom' },
  placement: { kind: 'placementKind', from: 'placementFrom' },
  education: { stage: 'educationStage', school: 'school', enrolmentDate: 'enrolmentDate', standardDurationYears: 'standardDurationYears' },
  benefit: { code: 'benefitCode', from: 'benefitFrom', monthlyAmountFen: 'benefitMonthlyAmount' },
};

/** A row the services refused: which field, and why. */
class RowRefused extends Error {
  constructor(readonly field: ImportField, message: string) {
    super(message);
    this.name = 'RowRefused';
  }
}

/** The refusals that belong to a row; anything else (a broken database, a forced failure) aborts the whole import. */
const ROW_ERROR_CODES = new Set(['invalid_input', 'duplicate', 'conflict', 'not_found']);

/** Runs one service call of a section; a refusal is the row's, named by `field` when given, else by the service's field. */
function step<T>(section: Section, fn: () => T, field?: ImportField): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AppError && ROW_ERROR_CODES.has(error.code)) {
      field ??= (error.field ? SERVICE_FIELDS[section][error.field.split('.')[0]!] : undefined) ?? SECTIONS[section][0];
      throw new RowRefused(field, error.message);
    }
    // A service that parses its input with zod refuses with the schema's own message: still the row's.
    if (isZodError(error)) {
      const issue = error.issues[0];
      field ??= (issue ? SERVICE_FIELDS[section][String(issue.path[0])] : undefined) ?? SECTIONS[section][0];
      throw new RowRefused(field, issue?.message ?? '输入无效');
    }
    throw error;
  }
}

function isZodError(error: unknown): error is z.ZodError {
  return error instanceof Error && error.name === 'ZodError' && Array.isArray((error as { issues?: unknown }).issues);
}

/** The status fact that records each category the import can bring in (残疾儿童 comes from the disability). */
function categoryFact(code: CategoryCode): StatusFact | null {
  switch (code) {
    case 'orphan':
      return { kind: 'parentsStatus', value: { father: 'deceased', mother: 'deceased' } };
    case 'guardianshipMissing':
      return { kind: 'guardianship', value: 'missing' };
    case 'guardianshipImproper':
      return { kind: 'guardianship', value: 'improper' };
    case 'economicHardship':
      return { kind: 'familyIncome', value: { minimumLivingSecurity: false, lowIncomeEdge: false, extremePoverty: false, economicHardship: true } };
    case 'migrant':
      return { kind: 'migrant', value: true };
    case 'leftBehind':
      return { kind: 'leftBehind', value: true };
    case 'disabled':
      return null;
  }
}

/** What the record holds before a row is written: its roster line, current benefits and enrolment (nothing for a new child). */
type Existing = { before: Partial<Record<ImportField, LedgerValue>>; benefits: ReadonlySet<string>; enrolmentId: number | null };
const NEW_CHILD: Existing = { before: {}, benefits: new Set(), enrolmentId: null };

/** A benefit's identity for "already recorded": code, start and amount. */
function benefitKey(b: Benefit): string {
  return `${b.code}|${b.from}|${b.monthlyAmountFen ?? ''}`;
}

/** The column whose own value, when given, states what a category's fact would (the column wins). */
const CATEGORY_COLUMN: Partial<Record<CategoryCode, (data: RowData) => boolean>> = {
  orphan: (data) => data.fatherStatus !== null,
  guardianshipMissing: (data) => data.guardianship !== null,
  guardianshipImproper: (data) => data.guardianship !== null,
  economicHardship: (data) => data.familyIncome !== null,
};

/** The status fact a facts column states, or null when the row leaves it empty. */
function columnFact(data: RowData, field: Exclude<(typeof SECTIONS)['facts'][number], 'categories' | 'motherStatus'>): StatusFact | null {
  switch (field) {
    case 'fatherStatus':
      return data.fatherStatus && data.motherStatus ? { kind: 'parentsStatus', value: { father: data.fatherStatus, mother: data.motherStatus } } : null;
    case 'guardianship':
      return data.guardianship && { kind: 'guardianship', value: data.guardianship };
    case 'courtAppointment':
      return data.courtAppointment && { kind: 'courtAppointment', value: data.courtAppointment };
    case 'familyIncome':
      return data.familyIncome && { kind: 'familyIncome', value: data.familyIncome };
    default: {
      const value = data[field as YesNoField];
      return value === null ? null : ({ kind: YES_NO_FACTS[field as YesNoField], value } as StatusFact);
    }
  }
}

/** Writes the sections of a row that differ (all of them for a new child) through the registry's services. */
function writeSections(ctx: ServiceContext, childId: number, data: RowData, sections: ReadonlySet<Section>, existing: Existing): void {
  const today = ctx.clock.today();
  const child = loadRecord(ctx, childId, { forFacts: true })!.child;
  if (sections.has('identity')) {
    step('identity', () =>
      updateProfile(ctx, {
        childId,
        ...(data.name !== null && { name: data.name }),
        ...(data.sex !== null && { sex: data.sex }),
        ...(data.birthDate !== null && { birthDate: data.birthDate }),
        ...(data.admissionDate !== null && { admissionDate: data.admissionDate }),
        ...(data.hukou !== null && {
          hukouKind: data.hukou.kind,
          hukouDistrictCode: data.hukou.kind === 'shanghai' ? data.hukou.district : null,
          hukouProvinceCode: data.hukou.kind === 'shanghai' ? null : child.hukouProvinceCode,
        }),
      }),
    );
  }
  const effectiveDate = data.admissionDate ?? child.admissionDate ?? data.birthDate ?? child.birthDate;
  if (sections.has('facts')) {
    const shown = shownValues(data);
    const had = (field: ImportField) => displayValue(existing.before[field] ?? null);
    const categories = had('categories').split(LIST_SEPARATOR);
    for (const code of data.categories ?? []) {
      const fact = categoryFact(code);
      if (fact === null || categories.includes(CATEGORY_LABELS_ZH[code]) || CATEGORY_COLUMN[code]?.(data)) continue;
      step('facts', () => addStatusFact(ctx, { childId, fact, effectiveDate, evidence: `由 Excel 导入：困境儿童类别“${CATEGORY_LABELS_ZH[code]}”，请核实依据` }), 'categories');
    }
    for (const field of SECTIONS.facts) {
      if (field === 'categories' || field === 'motherStatus') continue;
      const fact = columnFact(data, field);
      const changed = field === 'fatherStatus' ? shown.fatherStatus !== had('fatherStatus') || shown.motherStatus !== had('motherStatus') : shown[field] !== had(field);
      if (fact === null || !changed) continue;
      const header = field === 'fatherStatus' ? '父母状况' : IMPORT_FIELD_HEADERS_ZH[field];
      // What the child had on admission, for a new child or one whose record was silent; otherwise a change recorded today.
      const date = had(field) === '' ? effectiveDate : today;
      step('facts', () => addStatusFact(ctx, { childId, fact, effectiveDate: date, evidence: `由 Excel 导入：${header}“${field === 'fatherStatus' ? `父亲${shown.fatherStatus}，母亲${shown.motherStatus}` : String(shown[field])}”，请核实依据` }), field);
    }
  }
  if (sections.has('disability') && data.disabilityFrom) {
    step('disability', () =>
      setDisability(ctx, { childId, certificateNumber: data.disabilityCertificate, category: data.disabilityCategory, grade: data.disabilityGrade, from: data.disabilityFrom! }),
    );
  }
  if (sections.has('placement') && data.placementKind && data.placementFrom) {
    step('placement', () => addPlacement(ctx, { childId, kind: data.placementKind!, from: data.placementFrom!, endCurrent: true }));
  }
  if (sections.has('education') && data.educationStage && data.enrolmentDate && data.standardDurationYears !== null) {
    const fields = { stage: data.educationStage, school: data.school, enrolmentDate: data.enrolmentDate, standardDurationYears: data.standardDurationYears };
    step('education', () =>
      existing.enrolmentId !== null ? updateEducation(ctx, { childId, id: existing.enrolmentId, ...fields }) : addEducation(ctx, { childId, ...fields, fullTime: true }),
    );
  }
  if (sections.has('benefit')) {
    const first: Benefit[] = data.benefitCode && data.benefitFrom ? [{ code: data.benefitCode, from: data.benefitFrom, monthlyAmountFen: data.benefitMonthlyAmountFen }] : [];
    for (const [index, benefit] of [...first, ...(data.otherBenefits ?? [])].entries()) {
      if (existing.benefits.has(benefitKey(benefit))) continue;
      step('benefit', () => addBenefit(ctx, { childId, ...benefit }), index < first.length ? undefined : 'otherBenefits');
    }
  }
}

type RowOutcome = ImportRow & { problems: CellProblem[] };

/** Tries one read row against the database (inside the caller's transaction). */
function tryRow(ctx: ServiceContext, data: RowData, today: string): Omit<RowOutcome, 'row' | 'name' | 'idNumber' | 'errors'> {
  const shown = shownValues(data);
  // The same child: by ID number; without one (an abandoned infant), by the same name and birth date.
  const matches = (
    data.idNumber
      ? ctx.sqlite.prepare('SELECT id FROM children WHERE id_number = ?').all(data.idNumber)
      : ctx.sqlite.prepare('SELECT id FROM children WHERE id_number IS NULL AND name = ? AND birth_date = ?').all(data.name, data.birthDate)
  ) as { id: number }[];
  if (matches.length > 1) {
    return { action: 'invalid', changes: [], problems: [{ field: 'name', message: `已有${matches.length}名同名、出生日期相同且无身份证号的儿童，无法确定是哪一位：请填写身份证号` }] };
  }
  const existingId = matches[0]?.id;
  try {
    if (existingId === undefined) {
      ctx.sqlite.transaction(() => {
        const child = step('identity', () =>
          createChild(ctx, { name: data.name!, sex: data.sex!, birthDate: data.birthDate!, idNumber: data.idNumber, admissionDate: data.admissionDate }),
        );
        const identity = data.hukou !== null ? new Set<Section>(['identity']) : new Set<Section>();
        writeSections(ctx, child.id, { ...data, name: null, sex: null, birthDate: null, admissionDate: null }, new Set([...identity, 'facts', 'disability', 'placement', 'education', 'benefit']), NEW_CHILD);
      })();
      return { action: 'create', changes: [], problems: [] };
    }
    const record = loadRecord(ctx, existingId, { forFacts: true })!;
    const before = rosterValues(record, today);
    const changes: ImportRow['changes'] = [];
    const changed = new Set<Section>();
    for (const [section, fields] of Object.entries(SECTIONS) as [Section, readonly ImportField[]][]) {
      for (const field of fields) {
        const after = shown[field];
        if (after === undefined) continue;
        const was = displayValue(before[field]);
        // Lists (categories, other benefits) differ when the row names one the record lacks.
        const separator = field === 'categories' ? LIST_SEPARATOR : field === 'otherBenefits' ? BENEFIT_SEPARATOR : null;
        const differs =
          separator !== null
            ? String(after)
                .split(separator)
                .some((item) => !was.split(separator).includes(item))
            : was !== displayValue(after);
        if (!differs) continue;
        changed.add(section);
        changes.push({ column: IMPORT_FIELD_HEADERS_ZH[field], before: was, after: displayValue(after) });
      }
    }
    if (changed.size === 0) return { action: 'unchanged', changes: [], problems: [] };
    // The same enrolment (stage and date) is corrected in place; another one is a new enrolment.
    const sameEnrolment = record.education.find((e) => e.voidedAt === null && e.enrolmentDate === data.enrolmentDate && e.stage === data.educationStage) ?? null;
    ctx.sqlite.transaction(() =>
      writeSections(ctx, existingId, data, changed, {
        before,
        benefits: new Set(live(record.benefits).filter((b) => covers(b, today)).map(benefitKey)),
        enrolmentId: sameEnrolment?.id ?? null,
      }),
    )();
    return { action: 'update', changes, problems: [] };
  } catch (error) {
    if (error instanceof RowRefused) return { action: 'invalid', changes: [], problems: [{ field: error.field, message: error.message }] };
    throw error;
  }
}

/** Thrown to roll a preview's chunk back; never leaves this module. */
class PreviewRollback extends Error {}

/** How the import runs: the worker pool that reads the workbook (none: here), progress, chunk size. */
export type ImportOptions = {
  workers?: WorkerPool;
  onProgress?: ProgressReport;
  /** Rows per transaction at most (IMPORT_CHUNK_ROWS). */
  chunkRows?: number;
  /** A transaction ends after this many milliseconds even with fewer rows (IMPORT_CHUNK_MS); tests pass Infinity. */
  chunkMs?: number;
};

/**
 * How long one chunk may hold the request thread: rows take from about a millisecond to tens of
 * milliseconds each (a busy machine), so a chunk ends at whichever comes first, its rows or this time.
 */
const IMPORT_CHUNK_MS = 50;

/** A heap cap for reading one workbook: ample for 20,000 rows, and a hostile file fails only itself. */
const WORKBOOK_HEAP_MB = 768;
/** A workbook within the limits reads in seconds; one that keeps the parser busy longer is stopped. */
const WORKBOOK_READ_MS = 3 * 60_000;

/** The sheet to import, read in a worker when there is a pool (the workbook is checked first either way). */
async function readWorkbookSheet(ctx: ServiceContext, contentBase64: string, options: ImportOptions): Promise<SheetData> {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (!options.workers) return readImportSheet(bytes);
  // What is plainly not a zip is refused here, without starting a worker.
  if (!looksLikeZip(bytes)) return readImportSheet(bytes);
  const copy = new Uint8Array(bytes);
  return options.workers.run<SheetData>('workbook.read', copy, ctx.actor, {
    database: false,
    heapMb: WORKBOOK_HEAP_MB,
    transfer: [copy.buffer],
    outOfMemory: (mb) => new ValidationError('file', `读取工作簿超出内存上限（${mb} MB），已停止；其他操作不受影响。请删去多余的行、列或工作表，或分成几个文件导入`, { limit: 'heap' }),
    timeout: { ms: WORKBOOK_READ_MS, error: () => new ValidationError('file', `读取工作簿超过 ${WORKBOOK_READ_MS / 60_000} 分钟仍未完成，已停止：文件可能已损坏或结构异常`, { limit: 'time' }) },
  });
}

/** Lets other requests (another desk's, the same window's) be answered between two chunks. */
function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

type ReadSheet = { sheet: SheetData; mapping: ImportMapping; columns: Map<ImportField, number> };

async function readMapped(ctx: ServiceContext, input: { contentBase64: string; mapping: ImportMapping | null }, options: ImportOptions): Promise<ReadSheet> {
  options.onProgress?.('read', 0, 0);
  const sheet = await readWorkbookSheet(ctx, input.contentBase64, options);
  const mapping = resolveMapping(ctx, sheet.headers, input.mapping);
  requireHeaderRow(sheet, mapping);
  const columns = new Map<ImportField, number>();
  for (const field of IMPORT_FIELDS) {
    const header = mapping[field];
    if (header) columns.set(field, sheet.headers.indexOf(header));
  }
  return { sheet, mapping, columns };
}

/**
 * Reads and tries the sheet's rows (those in `only`, when given) chunk by chunk, each chunk in its own
 * transaction, yielding between chunks. `commit` null: each chunk is rolled back (a preview); otherwise
 * it is called inside the chunk's transaction with the chunk's outcomes (it may refuse), and the chunk
 * is kept. Rows are independent of one another across chunks: the same child twice in the file is a
 * row error of the second.
 */
async function tryRows(
  ctx: ServiceContext,
  read: ReadSheet,
  options: ImportOptions & { only?: ReadonlyMap<number, unknown>; phase: 'check' | 'write'; commit: ((chunk: RowOutcome[], index: number) => void) | null },
): Promise<RowOutcome[]> {
  const { sheet, mapping, columns } = read;
  const today = ctx.clock.today();
  const seenIds = new Map<string, number>();
  const seenUnnamed = new Map<string, number>();
  const rows = sheet.rows.filter((r) => options.only === undefined || options.only.has(r.row));
  const size = options.chunkRows ?? IMPORT_CHUNK_ROWS;
  const out: RowOutcome[] = [];
  options.onProgress?.(options.phase, 0, rows.length);
  const tryOne = (row: number, cells: CellContent[]): RowOutcome => {
    const { data, problems } = readRow(cells, columns);
    if (data.idNumber) {
      const first = seenIds.get(data.idNumber);
      if (first !== undefined) problems.push({ field: 'idNumber', message: `与第${first}行的身份证号重复` });
      else seenIds.set(data.idNumber, row);
    } else if (data.name && data.birthDate) {
      const key = `${data.name}|${data.birthDate}`;
      const first = seenUnnamed.get(key);
      if (first !== undefined) problems.push({ field: 'name', message: `与第${first}行同名、出生日期相同且都没有身份证号：请填写身份证号，或删去重复的一行` });
      else seenUnnamed.set(key, row);
    }
    // The preview shows the ID number as written, even one that is wrong.
    const idColumn = columns.get('idNumber');
    const idText = idColumn === undefined ? '' : cellText(cells[idColumn] ?? { kind: 'empty' });
    const base = { row, name: data.name ?? '', idNumber: data.idNumber ?? (idText || null) };
    if (problems.length > 0) return { ...base, action: 'invalid' as const, changes: [], problems, errors: [] };
    return { ...base, ...tryRow(ctx, data, today), errors: [] };
  };
  let chunk: RowOutcome[] = [];
  const budget = options.chunkMs ?? IMPORT_CHUNK_MS;
  for (let start = 0, index = 0; start < rows.length; start += chunk.length, index += 1) {
    if (start > 0) await yieldToOthers();
    const began = performance.now();
    chunk = [];
    try {
      inTransaction(ctx, () => {
        for (const { row, cells } of rows.slice(start, start + size)) {
          if (chunk.length > 0 && performance.now() - began >= budget) break;
          chunk.push(tryOne(row, cells));
        }
        for (const r of chunk) r.errors = r.problems.map((p) => ({ column: mapping[p.field] ?? IMPORT_FIELD_HEADERS_ZH[p.field], message: p.message }));
        if (options.commit === null) throw new PreviewRollback();
        options.commit(chunk, index);
      });
    } catch (error) {
      if (!(error instanceof PreviewRollback)) throw error;
    }
    out.push(...chunk);
    options.onProgress?.(options.phase, out.length, rows.length);
  }
  return out;
}

function toRow({ problems: _problems, ...row }: RowOutcome): ImportRow {
  return row;
}

/** What importing the workbook would do, row by row. Writes nothing but an audit line. */
export async function previewImport(ctx: ServiceContext, raw: ImportPreviewInput, options: ImportOptions = {}): Promise<ImportPreview> {
  const input = parseInput(importPreviewInputSchema, raw);
  const read = await readMapped(ctx, input, options);
  const rows = await tryRows(ctx, read, { ...options, phase: 'check', commit: null });
  const counts = { create: 0, update: 0, unchanged: 0, invalid: 0 };
  for (const r of rows) counts[r.action] += 1;
  inTransaction(ctx, () => appendAudit(ctx, { action: 'import.preview', entity: 'import', detail: { file: input.fileName, rows: rows.length, ...counts } }));
  const { sheet, mapping } = read;
  return { sheetName: sheet.sheetName, headerRow: sheet.headerRow, skippedTitle: sheet.skippedTitle, headers: sheet.headers, mapping, rows: rows.map(toRow), counts };
}

/**
 * Imports the confirmed rows, a chunk of rows per transaction so that other requests are answered in
 * between. Each chunk's rows must still create or update what the preview said, otherwise that chunk
 * is not written and the import stops there; so does any failure. A stop names what was imported
 * before it (whole rows: a child is never half-written), and a new preview shows those rows as
 * unchanged. The registry's own audit lines go with each chunk, and one line for the import.
 */
export async function runImport(ctx: ServiceContext, raw: ImportRunInput, options: ImportOptions = {}): Promise<{ created: number; updated: number }> {
  const input = parseInput(importRunInputSchema, raw);
  const confirmed = new Map(input.rows.map((r) => [r.row, r.action]));
  const read = await readMapped(ctx, input, options);
  const found = new Set(read.sheet.rows.map((r) => r.row));
  const missing = [...confirmed.keys()].filter((r) => !found.has(r)).sort((a, b) => a - b);
  const result = { created: 0, updated: 0 };
  const stale = (rows: number[]) =>
    new AppError('conflict', `第${rows.slice(0, 5).join('、')}行与预览时不同（文件或档案已有变化），${importedSoFar()}。请重新预览`, { details: { rows: rows.slice(0, 5), ...result } });
  const importedSoFar = () => (result.created + result.updated === 0 ? '未导入任何内容' : `此前已导入 ${result.created + result.updated} 行（新建 ${result.created}，更新 ${result.updated}），其余未导入`);
  if (missing.length > 0) throw stale(missing);
  const audit = (detail: Record<string, unknown>) => appendAudit(ctx, { action: 'import.run', entity: 'import', detail: { file: input.fileName, ...detail } });
  try {
    await tryRows(ctx, read, {
      ...options,
      only: confirmed,
      phase: 'write',
      commit: (chunk, index) => {
        const changed = chunk.filter((r) => r.action !== confirmed.get(r.row));
        if (changed.length > 0) throw stale(changed.map((r) => r.row));
        if (index === 0) setSetting(ctx, MAPPING_SETTING, read.mapping);
        for (const r of chunk) result[r.action === 'create' ? 'created' : 'updated'] += 1;
        if (result.created + result.updated === confirmed.size) audit({ ...result });
      },
    });
  } catch (error) {
    if (result.created + result.updated === 0) throw error;
    // Part of the file is in: say so in the trail and to the person.
    inTransaction(ctx, () => audit({ ...result, stopped: true }));
    if (error instanceof AppError && error.code === 'conflict') throw error;
    throw new AppError(error instanceof AppError ? error.code : 'internal', `导入中途停止：${importedSoFar()}。请重新预览后再导入其余的行`, { details: { ...result } });
  }
  return result;
}

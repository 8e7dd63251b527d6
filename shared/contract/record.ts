/**
 * The full record of a child (DOMAIN.md, "The record of a child"): profile, status facts, placement and
 * guardianship history, disability, education, benefits received, medical, documents, and the age-18
 * assessments; plus the rules' view of it ('rules:evaluateChild'). Dates are `YYYY-MM-DD`; an
 * interval's `to` is its last day (inclusive), null while it lasts; money is integer fen.
 */
import { z } from 'zod';
import { MULTILINE, type TextRules, safeText } from './text';
import { DISTRICT_CODES, PROVINCE_PREFIXES } from '../domain/districts';
import {
  ASSESSMENT_RESULTS,
  BENEFIT_CODES,
  COURT_APPOINTED_GUARDIANS,
  DISABILITY_CATEGORIES,
  type Evaluation,
  GUARDIANSHIP_VALUES,
  HUKOU_VALUES,
  PLACEMENTS,
  childFactsSchema,
  disabilityGradeSchema,
} from '../domain/rules-types';
import { childNameSchema, childStatusSchema, ethnicitySchema, sexSchema } from './children';
import { birthDateSchema, idSchema, isoDate, optionalText, requiredText } from './common';
import { channel } from './define';
import { versioned, versionsSchema } from './versions';

// ——— codes ———

export const GUARDIAN_KINDS = ['parent', 'relative', 'civilAffairs', 'municipalInstitution', 'other'] as const;
export type GuardianKind = (typeof GUARDIAN_KINDS)[number];

/** How each parent stands: 死亡, 宣告死亡, 宣告失踪, 查找不到 (police search failed), 服刑在押, 重残重病等无力履责, 健在. */
export const PARENT_STATUSES = ['living', 'deceased', 'declaredDead', 'declaredMissing', 'notFound', 'imprisoned', 'incapacitated'] as const;
export type ParentStatus = (typeof PARENT_STATUSES)[number];

export const STATUS_FACT_KINDS = [
  'parentsStatus',
  'guardianship',
  'policeAbandonmentConfirmation',
  'courtAppointment',
  'familyIncome',
  'legalSupporterAbility',
  'suddenHardship',
  'seriousIllness',
  'autismDiagnosis',
  'migrant',
  'leftBehind',
] as const;
export type StatusFactKind = (typeof STATUS_FACT_KINDS)[number];

/** Stages a child can be enrolled in ('none' and 'finished' are derived, never recorded). */
export const ENROLMENT_STAGES = ['preschool', 'compulsory', 'seniorGeneral', 'seniorVocational', 'undergraduate', 'higherVocational'] as const;
export const EDUCATION_OUTCOMES = ['graduated', 'leftEarly'] as const;

export const ADMISSION_SOURCES = ['police', 'civilAffairs', 'court', 'districtInstitution', 'hospital', 'family', 'other'] as const;

export const DOCUMENT_KINDS = [
  'photo',
  'idCard',
  'hukouBook',
  'birthCertificate',
  'disabilityCertificate',
  'medicalReport',
  'courtDecision',
  'policeConfirmation',
  'deathCertificate',
  'schoolRecord',
  'assessmentReport',
  'other',
] as const;
export const DOCUMENT_MIMES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
/** The largest document kept inside the database. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** Rows that `record:void` can void (documents and reintegration rows have their own channels and permissions). */
export const VOIDABLE_ENTITIES = [
  'statusFact',
  'placement',
  'guardianship',
  'disability',
  'education',
  'benefit',
  'medicalInsurance',
  'medicalAidClaim',
] as const;
export type VoidableEntity = (typeof VOIDABLE_ENTITIES)[number];

// ——— field helpers ———

/** Optional free text: trimmed, '' → null, at most `max` characters. */

/** A patch of free text: undefined leaves it, '' or null clears it. */
const patchText = (max: number, rules: TextRules = {}) =>
  safeText(rules)
    .trim()
    .max(max, `最多${max}个字`)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));


/** Money in fen (分): a whole, non-negative number below 10 亿元. */
export const fenSchema = z.number().int('金额须为整数（分）').min(0, '金额不能为负').max(100_000_000_000, '金额过大');

const childIdField = { childId: idSchema };
const districtCodeSchema = z.enum(DISTRICT_CODES, { message: '请选择上海市现有的16个区之一' });
const provinceCodeSchema = z
  .string()
  .refine((v) => Object.prototype.hasOwnProperty.call(PROVINCE_PREFIXES, v), { message: '请选择有效的省级行政区划代码（2位）' });
const reasonSchema = safeText(MULTILINE).trim().min(2, '请写明作废原因').max(200, '最多200个字');

/** A yes/no status fact's value. */
const yesNo = z.boolean({ message: '请选择“是”或“否”' });
const placementKindSchema = z.enum(PLACEMENTS, { message: '请选择有效的安置方式' });
const guardianKindSchema = z.enum(GUARDIAN_KINDS, { message: '请选择监护人类别' });
const adequacySchema = z.enum(GUARDIANSHIP_VALUES, { message: '请选择监护状况（正常、缺失或不当）' });
const enrolmentStageSchema = z.enum(ENROLMENT_STAGES, { message: '请选择就读阶段' });
const outcomeSchema = z.enum(EDUCATION_OUTCOMES, { message: '请选择毕业或离校' });
const benefitCodeSchema = z.enum(BENEFIT_CODES, { message: '请选择有效的保障待遇' });
const disabilityCategorySchema = z.enum(DISABILITY_CATEGORIES, { message: '请选择残疾类别' });
const hukouKindSchema = z.enum(HUKOU_VALUES, { message: '请选择户籍类型' });
const admissionSourceSchema = z.enum(ADMISSION_SOURCES, { message: '请选择入院来源' });
const documentKindSchema = z.enum(DOCUMENT_KINDS, { message: '请选择文件类别' });
const assessmentResultSchema = z.enum(ASSESSMENT_RESULTS, { message: '请选择评估结论' });
const fullTimeSchema = z.boolean({ message: '请选择是否全日制' });

// ——— rows (outputs) ———

export const rowMeta = {
  id: z.number().int(),
  childId: z.number().int(),
  createdAt: z.string(),
  createdBy: z.number().int().nullable(),
  voidedAt: z.string().nullable(),
  voidedBy: z.number().int().nullable(),
  voidReason: z.string().nullable(),
};

export const parentStatusSchema = z.enum(PARENT_STATUSES, { message: '请选择父（母）的状况' });

/** A status fact's kind and value; the value's shape depends on the kind. */
export const statusFactSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('parentsStatus'),
    value: z.object({ father: parentStatusSchema, mother: parentStatusSchema }, { message: '请分别选择父亲和母亲的状况' }),
  }),
  /** 监护状况认定: adequate, missing (监护缺失) or improper (监护不当). */
  z.object({ kind: z.literal('guardianship'), value: adequacySchema }),
  /** 公安部门确认弃婴、弃儿身份. */
  z.object({ kind: z.literal('policeAbandonmentConfirmation'), value: yesNo }),
  /** 法院指定监护: none (revoked or never), civil affairs, or the municipal institution. */
  z.object({ kind: z.literal('courtAppointment'), value: z.enum(COURT_APPOINTED_GUARDIANS, { message: '请选择法院指定的监护人' }) }),
  z.object({
    kind: z.literal('familyIncome'),
    value: z.object(
      {
        minimumLivingSecurity: yesNo,
        lowIncomeEdge: yesNo,
        extremePoverty: yesNo,
        economicHardship: yesNo,
      },
      { message: '请逐项选择家庭经济状况（低保、低保边缘、特困、经济困难）' },
    ),
  }),
  /** 法定抚养人有抚养能力. */
  z.object({ kind: z.literal('legalSupporterAbility'), value: yesNo }),
  /** 突发性、紧迫性、临时性困难. */
  z.object({ kind: z.literal('suddenHardship'), value: yesNo }),
  /** 重病. */
  z.object({ kind: z.literal('seriousIllness'), value: yesNo }),
  /** 孤独症诊断. */
  z.object({ kind: z.literal('autismDiagnosis'), value: yesNo }),
  z.object({ kind: z.literal('migrant'), value: yesNo }),
  z.object({ kind: z.literal('leftBehind'), value: yesNo }),
], { message: '请选择有效的状况类别' });
export type StatusFact = z.infer<typeof statusFactSchema>;

export const statusFactRowSchema = z.object({
  ...rowMeta,
  fact: statusFactSchema,
  effectiveDate: z.string(),
  validUntil: z.string().nullable(),
  evidence: z.string().nullable(),
  documentId: z.number().int().nullable(),
});
export type StatusFactRow = z.infer<typeof statusFactRowSchema>;

export const placementRowSchema = z.object({
  ...rowMeta,
  kind: z.enum(PLACEMENTS),
  from: z.string(),
  to: z.string().nullable(),
  place: z.string().nullable(),
  note: z.string().nullable(),
});
export type PlacementRow = z.infer<typeof placementRowSchema>;

export const guardianshipRowSchema = z.object({
  ...rowMeta,
  guardianKind: z.enum(GUARDIAN_KINDS),
  guardianName: z.string(),
  basis: z.string().nullable(),
  courtAppointed: z.boolean(),
  adequacy: z.enum(GUARDIANSHIP_VALUES),
  from: z.string(),
  to: z.string().nullable(),
  note: z.string().nullable(),
});
export type GuardianshipRow = z.infer<typeof guardianshipRowSchema>;

export const disabilityRowSchema = z.object({
  ...rowMeta,
  certificateNumber: z.string().nullable(),
  category: z.enum(DISABILITY_CATEGORIES),
  grade: disabilityGradeSchema,
  issuedOn: z.string().nullable(),
  validUntil: z.string().nullable(),
  from: z.string(),
  to: z.string().nullable(),
  note: z.string().nullable(),
});
export type DisabilityRow = z.infer<typeof disabilityRowSchema>;

export const educationRowSchema = z.object({
  ...rowMeta,
  stage: z.enum(ENROLMENT_STAGES),
  school: z.string().nullable(),
  fullTime: z.boolean(),
  enrolmentDate: z.string(),
  standardDurationYears: z.number().int(),
  expectedCompletion: z.string().nullable(),
  actualCompletion: z.string().nullable(),
  outcome: z.enum(EDUCATION_OUTCOMES).nullable(),
  note: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.number().int().nullable(),
});
export type EducationRow = z.infer<typeof educationRowSchema>;

export const benefitRowSchema = z.object({
  ...rowMeta,
  code: z.enum(BENEFIT_CODES),
  from: z.string(),
  to: z.string().nullable(),
  monthlyAmountFen: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type BenefitRow = z.infer<typeof benefitRowSchema>;

export const medicalInsuranceRowSchema = z.object({
  ...rowMeta,
  year: z.number().int(),
  enrolled: z.boolean(),
  premiumSubsidised: z.boolean(),
  note: z.string().nullable(),
});
export type MedicalInsuranceRow = z.infer<typeof medicalInsuranceRowSchema>;

export const medicalAidClaimRowSchema = z.object({
  ...rowMeta,
  claimDate: z.string(),
  hospital: z.string().nullable(),
  eligibleCostFen: z.number().int(),
  aidedFen: z.number().int(),
  note: z.string().nullable(),
});
export type MedicalAidClaimRow = z.infer<typeof medicalAidClaimRowSchema>;

/** A document's description; the content travels only through 'record:getDocument'. */
export const documentMetaSchema = z.object({
  ...rowMeta,
  kind: z.enum(DOCUMENT_KINDS),
  title: z.string(),
  mime: z.enum(DOCUMENT_MIMES),
  size: z.number().int(),
  sha256: z.string(),
  issuedOn: z.string().nullable(),
  note: z.string().nullable(),
});
export type DocumentMeta = z.infer<typeof documentMetaSchema>;

export const assessmentRowSchema = z.object({
  ...rowMeta,
  assessedOn: z.string(),
  round: z.union([z.literal(1), z.literal(2)]),
  result: z.enum(ASSESSMENT_RESULTS),
  panel: z.string().nullable(),
  note: z.string().nullable(),
  caseId: z.number().int().nullable(),
  reasons: z.string().nullable(),
  rubricVersion: z.string().nullable(),
  /** Until a supervisor approves it, a decision has no effect (the facts leave it out). */
  approvedAt: z.string().nullable(),
  approvedBy: z.number().int().nullable(),
});
export type AssessmentRow = z.infer<typeof assessmentRowSchema>;

export const vocationalRehabRowSchema = z.object({
  ...rowMeta,
  from: z.string(),
  completedOn: z.string().nullable(),
  provider: z.string().nullable(),
  note: z.string().nullable(),
  caseId: z.number().int().nullable(),
  programme: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  outcome: z.string().nullable(),
});
export type VocationalRehabRow = z.infer<typeof vocationalRehabRowSchema>;

/** The child's identity and the profile fields of the record. */
export const childProfileSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  sex: sexSchema,
  birthDate: z.string(),
  idNumber: z.string().nullable(),
  status: childStatusSchema,
  admissionDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  formerNames: z.array(z.string()),
  nationality: z.string().nullable(),
  ethnicity: z.string().nullable(),
  hukouKind: z.enum(HUKOU_VALUES).nullable(),
  hukouDistrictCode: z.string().nullable(),
  hukouStreet: z.string().nullable(),
  hukouProvinceCode: z.string().nullable(),
  admissionSource: z.enum(ADMISSION_SOURCES).nullable(),
  referringBody: z.string().nullable(),
  notes: z.string().nullable(),
  dischargeDate: z.string().nullable(),
  photoDocumentId: z.number().int().nullable(),
});
export type ChildProfile = z.infer<typeof childProfileSchema>;

/**
 * The whole record, every history row included; voided rows are kept (with `voidedAt` and the reason)
 * so the history can be shown, and count nowhere. Lists are in date order, oldest first.
 */
export const childRecordSchema = z.object({
  /** The versions of the parts read here (issue 19.4): an edit sends back the one it was read at. */
  versions: versionsSchema.optional(),
  child: childProfileSchema,
  statusFacts: z.array(statusFactRowSchema),
  placements: z.array(placementRowSchema),
  guardianships: z.array(guardianshipRowSchema),
  disabilities: z.array(disabilityRowSchema),
  education: z.array(educationRowSchema),
  benefits: z.array(benefitRowSchema),
  medicalInsurance: z.array(medicalInsuranceRowSchema),
  medicalAidClaims: z.array(medicalAidClaimRowSchema),
  documents: z.array(documentMetaSchema),
  assessments: z.array(assessmentRowSchema),
  vocationalRehab: z.array(vocationalRehabRowSchema),
});
export type ChildRecord = z.infer<typeof childRecordSchema>;

// ——— inputs ———

/** Profile fields to change: an absent field stays, null (or '') clears it. Identity changes are re-checked. */
export const profileUpdateSchema = z.object({
  ...childIdField,
  name: childNameSchema.optional(),
  sex: sexSchema.optional(),
  birthDate: birthDateSchema.optional(),
  idNumber: safeText()
    .trim()
    .toUpperCase()
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v)),
  admissionDate: isoDate.nullable().optional(),
  formerNames: z.array(safeText().trim().min(1, '曾用名不能为空').max(40, '最多40个字')).max(10, '最多10个曾用名').optional(),
  nationality: patchText(40),
  ethnicity: ethnicitySchema,
  hukouKind: hukouKindSchema.nullable().optional(),
  hukouDistrictCode: districtCodeSchema.nullable().optional(),
  hukouStreet: patchText(60),
  hukouProvinceCode: provinceCodeSchema.nullable().optional(),
  admissionSource: admissionSourceSchema.nullable().optional(),
  referringBody: patchText(100),
  notes: patchText(2000, MULTILINE),
});
export type ProfileUpdateInput = z.input<typeof profileUpdateSchema>;

/** A new interval. `endCurrent` first ends the open interval of the same kind on the day before `from`. */
export const placementAddSchema = z.object({
  ...childIdField,
  kind: placementKindSchema,
  from: isoDate,
  to: isoDate.nullish(),
  place: optionalText(100),
  note: optionalText(500, MULTILINE),
  endCurrent: z.boolean().optional(),
});
export type PlacementAddInput = z.input<typeof placementAddSchema>;

/** Ends an open interval: `to` is its last day. */
export const intervalEndSchema = z.object({ ...childIdField, id: idSchema, to: isoDate });
export type IntervalEndInput = z.input<typeof intervalEndSchema>;

export const guardianshipAddSchema = z
  .object({
    ...childIdField,
    guardianKind: guardianKindSchema,
    guardianName: requiredText(100, '请填写监护人（个人姓名或机构名称）'),
    basis: optionalText(200, MULTILINE),
    courtAppointed: z.boolean({ message: '请选择是否由法院指定' }).default(false),
    adequacy: adequacySchema.default('adequate'),
    from: isoDate,
    to: isoDate.nullish(),
    note: optionalText(500, MULTILINE),
    endCurrent: z.boolean().optional(),
  })
  // A guardian appointed by a court exists: that guardianship cannot be 监护缺失 (RULES.md round 2).
  .refine((v) => !(v.courtAppointed && v.adequacy === 'missing'), {
    path: ['adequacy'],
    message: '由人民法院指定的监护人已确定，监护状况不能是“监护缺失”（如监护不力，请选“监护不当”）',
  });
export type GuardianshipAddInput = z.input<typeof guardianshipAddSchema>;

export const statusFactAddSchema = z
  .object({
    ...childIdField,
    fact: statusFactSchema,
    effectiveDate: isoDate,
    validUntil: isoDate.nullish(),
    evidence: optionalText(500, MULTILINE),
    documentId: idSchema.nullish(),
  })
  // Contradictory facts are refused where they are entered (RULES.md round 2). Only new input: rows
  // already stored still read (statusFactSchema carries no such check).
  .refine((v) => !(v.fact.kind === 'familyIncome' && v.fact.value.minimumLivingSecurity && v.fact.value.lowIncomeEdge), {
    path: ['fact', 'value', 'lowIncomeEdge'],
    message: '低保家庭与低保边缘家庭不能同时成立，请只选其一',
  });
export type StatusFactAddInput = z.input<typeof statusFactAddSchema>;

/**
 * A disability from `from` on, ending the current one the day before. With a certificate number the
 * category and grade come from it (and must agree if also given); without one both are required.
 */
export const disabilitySetSchema = z
  .object({
    ...childIdField,
    certificateNumber: safeText()
      .trim()
      .toUpperCase()
      .nullish()
      .transform((v) => (v ? v : null)),
    category: disabilityCategorySchema.nullish(),
    grade: disabilityGradeSchema.nullish(),
    issuedOn: isoDate.nullish(),
    validUntil: isoDate.nullish(),
    from: isoDate,
    note: optionalText(500, MULTILINE),
  })
  .superRefine((v, ctx) => {
    if (v.certificateNumber === null) {
      if (!v.category) ctx.addIssue({ code: 'custom', path: ['category'], message: '无残疾证号时请选择残疾类别' });
      if (!v.grade) ctx.addIssue({ code: 'custom', path: ['grade'], message: '无残疾证号时请选择残疾等级' });
    }
  });
export type DisabilitySetInput = z.input<typeof disabilitySetSchema>;

const educationFields = {
  stage: enrolmentStageSchema,
  school: optionalText(100),
  fullTime: fullTimeSchema,
  enrolmentDate: isoDate,
  standardDurationYears: z.number().int('学制须为整年').min(1, '学制至少1年').max(9, '学制最多9年'),
  expectedCompletion: isoDate.nullish(),
  actualCompletion: isoDate.nullish(),
  outcome: outcomeSchema.nullish(),
  note: optionalText(500, MULTILINE),
};

/** An enrolment. `expectedCompletion` defaults to the last day of the standard duration. */
export const educationAddSchema = z.object({ ...childIdField, ...educationFields });
export type EducationAddInput = z.input<typeof educationAddSchema>;

/** Changes to an enrolment (completion, school, full-time…): an absent field stays, null clears it. */
export const educationUpdateSchema = z.object({
  ...childIdField,
  id: idSchema,
  stage: educationFields.stage.optional(),
  school: patchText(100),
  fullTime: fullTimeSchema.optional(),
  enrolmentDate: isoDate.optional(),
  standardDurationYears: educationFields.standardDurationYears.optional(),
  expectedCompletion: isoDate.nullable().optional(),
  actualCompletion: isoDate.nullable().optional(),
  outcome: outcomeSchema.nullable().optional(),
  note: patchText(500, MULTILINE),
});
export type EducationUpdateInput = z.input<typeof educationUpdateSchema>;

export const benefitAddSchema = z.object({
  ...childIdField,
  code: benefitCodeSchema,
  from: isoDate,
  to: isoDate.nullish(),
  monthlyAmountFen: fenSchema.nullish(),
  note: optionalText(500, MULTILINE),
});
export type BenefitAddInput = z.input<typeof benefitAddSchema>;

/** The year's enrolment; a second entry for the same year supersedes (voids) the first. */
export const medicalInsuranceSetSchema = z.object({
  ...childIdField,
  year: z.number().int().min(2000, '年份有误').max(2100, '年份有误'),
  /**
   * The year's row this edit was read from (issue 19.4): a save replaces the row with a new one, so the
   * version alone cannot tell that another desk replaced it meanwhile. Absent for a year with no row.
   */
  id: idSchema.optional(),
  enrolled: z.boolean({ message: '请选择是否参保' }),
  premiumSubsidised: z.boolean({ message: '请选择保费是否获资助' }),
  note: optionalText(500, MULTILINE),
});
export type MedicalInsuranceSetInput = z.input<typeof medicalInsuranceSetSchema>;

export const medicalAidClaimAddSchema = z
  .object({
    ...childIdField,
    claimDate: isoDate,
    hospital: optionalText(100),
    eligibleCostFen: fenSchema,
    aidedFen: fenSchema,
    note: optionalText(500, MULTILINE),
  })
  .superRefine((v, ctx) => {
    if (v.aidedFen > v.eligibleCostFen) ctx.addIssue({ code: 'custom', path: ['aidedFen'], message: '救助金额不能大于合规医疗费用' });
  });
export type MedicalAidClaimAddInput = z.input<typeof medicalAidClaimAddSchema>;

/** A scanned document; the content as base64 (at most MAX_DOCUMENT_BYTES once decoded). */
export const documentAddSchema = z.object({
  ...childIdField,
  kind: documentKindSchema,
  title: requiredText(100, '请填写文件标题'),
  mime: z.enum(DOCUMENT_MIMES, { message: '只接受 JPEG、PNG 图片或 PDF 文件' }),
  contentBase64: z
    .string()
    .max(Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4, '文件过大（最大20MB）')
    .min(4, '文件内容为空')
    .pipe(z.base64('文件内容不是有效的 base64 编码')),
  issuedOn: isoDate.nullish(),
  note: optionalText(500, MULTILINE),
});
export type DocumentAddInput = z.input<typeof documentAddSchema>;

export const documentWithContentSchema = documentMetaSchema.extend({ contentBase64: z.string() });

export const assessmentAddSchema = z.object({
  ...childIdField,
  assessedOn: isoDate,
  round: z.union([z.literal(1), z.literal(2)], { message: '评估轮次须为1或2' }),
  result: assessmentResultSchema,
  panel: optionalText(200, MULTILINE),
  note: optionalText(1000, MULTILINE),
  /** The panel's reasons; a decision without them cannot be approved. */
  reasons: optionalText(1000, MULTILINE),
});
export type AssessmentAddInput = z.input<typeof assessmentAddSchema>;

export const vocationalRehabAddSchema = z.object({
  ...childIdField,
  from: isoDate,
  completedOn: isoDate.nullish(),
  provider: optionalText(100),
  note: optionalText(500, MULTILINE),
});
export type VocationalRehabAddInput = z.input<typeof vocationalRehabAddSchema>;

export const vocationalRehabCompleteSchema = z.object({ ...childIdField, id: idSchema, completedOn: isoDate });
export type VocationalRehabCompleteInput = z.input<typeof vocationalRehabCompleteSchema>;

export const photoSetSchema = z.object({ ...childIdField, documentId: idSchema.nullable() });
export type PhotoSetInput = z.input<typeof photoSetSchema>;

export const voidSchema = z.object({ ...childIdField, entity: z.enum(VOIDABLE_ENTITIES, { message: '请选择要作废的记录类别' }), id: idSchema, reason: reasonSchema });
export type VoidInput = z.input<typeof voidSchema>;
export const voidDocumentSchema = z.object({ ...childIdField, id: idSchema, reason: reasonSchema });
export type VoidDocumentInput = z.input<typeof voidDocumentSchema>;
export const voidReintegrationSchema = z.object({
  ...childIdField,
  entity: z.enum(['assessment', 'vocationalRehab'], { message: '请选择要作废的记录类别' }),
  id: idSchema,
  reason: reasonSchema,
});
export type VoidReintegrationInput = z.input<typeof voidReintegrationSchema>;
export const documentGetSchema = z.object({ ...childIdField, id: idSchema });
export const evaluateChildInputSchema = z.object({ ...childIdField, asOf: isoDate.optional() });

/** A value the facts had to assume because the record is silent on it (shown beside the evaluation). */
export const factAssumptionSchema = z.object({ field: z.string(), message: z.string() });
export type FactAssumption = z.infer<typeof factAssumptionSchema>;

export const evaluateChildOutputSchema = z.object({
  asOf: z.string(),
  facts: childFactsSchema,
  assumptions: z.array(factAssumptionSchema),
  evaluation: z.custom<Evaluation>((v) => typeof v === 'object' && v !== null),
});
export type EvaluateChildOutput = z.infer<typeof evaluateChildOutputSchema>;

const byChild = z.object({ ...childIdField });

export const recordChannels = {
  /** The whole record of one child, history included (audited as a read of the child's page). */
  'record:get': channel({ input: byChild, output: childRecordSchema, permission: 'children.read', description: 'read a child record' }),
  /** Changes identity and profile fields; field changes are audited before/after. */
  'record:updateProfile': channel({ input: versioned(profileUpdateSchema), output: childProfileSchema, permission: 'children.write', description: 'update a child profile' }),
  /** Sets (or clears) the photo: a photo document of the same child. */
  'record:setPhoto': channel({
    input: versioned(photoSetSchema),
    output: childProfileSchema,
    permission: 'children.write',
    description: 'set a child photo',
  }),
  /** Adds a placement interval; overlapping placements are refused. */
  'record:addPlacement': channel({ input: placementAddSchema, output: placementRowSchema, permission: 'children.write', description: 'add a placement' }),
  /** Ends an open placement on its last day. */
  'record:endPlacement': channel({ input: versioned(intervalEndSchema), output: placementRowSchema, permission: 'children.write', description: 'end a placement' }),
  /** Adds a guardianship interval; overlapping guardianships are refused. */
  'record:addGuardianship': channel({ input: guardianshipAddSchema, output: guardianshipRowSchema, permission: 'children.write', description: 'add a guardianship' }),
  /** Ends an open guardianship on its last day. */
  'record:endGuardianship': channel({ input: versioned(intervalEndSchema), output: guardianshipRowSchema, permission: 'children.write', description: 'end a guardianship' }),
  /** Adds a dated status fact (parents' status, police confirmation, family income…). */
  'record:addStatusFact': channel({ input: statusFactAddSchema, output: statusFactRowSchema, permission: 'children.write', description: 'add a status fact' }),
  /** Records a disability (certificate number parsed and checked); the current one ends the day before. */
  'record:setDisability': channel({ input: disabilitySetSchema, output: disabilityRowSchema, permission: 'children.write', description: 'set a disability' }),
  /** Ends the current disability (certificate withdrawn or expired) on its last day. */
  'record:endDisability': channel({ input: versioned(intervalEndSchema), output: disabilityRowSchema, permission: 'children.write', description: 'end a disability' }),
  /** Adds an enrolment. */
  'record:addEducation': channel({ input: educationAddSchema, output: educationRowSchema, permission: 'children.write', description: 'add an education record' }),
  /** Updates an enrolment (completion, school…); changes audited before/after. */
  'record:updateEducation': channel({ input: versioned(educationUpdateSchema), output: educationRowSchema, permission: 'children.write', description: 'update an education record' }),
  /** Adds a benefit received; the same benefit twice at once is refused. */
  'record:addBenefit': channel({ input: benefitAddSchema, output: benefitRowSchema, permission: 'children.write', description: 'add a benefit received' }),
  /** Ends an open benefit on its last day. */
  'record:endBenefit': channel({ input: versioned(intervalEndSchema), output: benefitRowSchema, permission: 'children.write', description: 'end a benefit received' }),
  /** Records the year's medical insurance enrolment (superseding an earlier entry for the year). */
  'record:setMedicalInsurance': channel({ input: versioned(medicalInsuranceSetSchema), output: medicalInsuranceRowSchema, permission: 'children.write', description: 'set medical insurance' }),
  /** Adds a medical aid claim (eligible cost and amount aided). */
  'record:addMedicalAidClaim': channel({ input: medicalAidClaimAddSchema, output: medicalAidClaimRowSchema, permission: 'children.write', description: 'add a medical aid claim' }),
  /** Voids a mistaken row of the record, with a reason; the row stays in the history. */
  'record:void': channel({ input: versioned(voidSchema), output: z.object({ entity: z.enum(VOIDABLE_ENTITIES), id: z.number().int(), voidedAt: z.string() }), permission: 'children.write', description: 'void a record row' }),
  /** Stores a scanned document inside the encrypted database. */
  'record:addDocument': channel({ input: documentAddSchema, output: documentMetaSchema, permission: 'documents.write', description: 'add a document' }),
  /** One document with its content (audited as a read). */
  'record:getDocument': channel({ input: documentGetSchema, output: documentWithContentSchema, permission: 'documents.read', description: 'read a document' }),
  /** Voids a document, with a reason; its content stays in the database. */
  'record:voidDocument': channel({ input: versioned(voidDocumentSchema), output: documentMetaSchema, permission: 'documents.write', description: 'void a document' }),
  /** Records a comprehensive assessment's decision (round 1 or 2); it takes effect once a supervisor approves it ('reintegration:decide'). */
  'record:addAssessment': channel({ input: assessmentAddSchema, output: assessmentRowSchema, permission: 'reintegration.write', description: 'add a reintegration assessment' }),
  /** Records vocational rehabilitation (completing it opens the second assessment). */
  'record:addVocationalRehab': channel({ input: vocationalRehabAddSchema, output: vocationalRehabRowSchema, permission: 'reintegration.write', description: 'add vocational rehabilitation' }),
  /** Marks vocational rehabilitation completed. */
  'record:completeVocationalRehab': channel({ input: versioned(vocationalRehabCompleteSchema), output: vocationalRehabRowSchema, permission: 'reintegration.write', description: 'complete vocational rehabilitation' }),
  /** Voids a mistaken assessment or vocational rehabilitation row, with a reason. */
  'record:voidReintegrationEntry': channel({ input: versioned(voidReintegrationSchema), output: z.object({ entity: z.enum(['assessment', 'vocationalRehab']), id: z.number().int(), voidedAt: z.string() }), permission: 'reintegration.write', description: 'void a reintegration row' }),
  /** The rules' facts for a child as of a date (default today) and what the policy gives on it (audited as a read). */
  'rules:evaluateChild': channel({
    input: evaluateChildInputSchema,
    output: evaluateChildOutputSchema,
    permission: 'eligibility.read',
    description: 'evaluate a child',
  }),
} as const;

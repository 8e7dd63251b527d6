/**
 * The policy rules contract (shared/RULES.md): the facts the rules read about one child and the
 * Evaluation they return. Names and codes here are fixed by the contract; fields may be added, never
 * renamed. Imports only zod (and the pure date check beside this file).
 */
import { z } from 'zod';
import { isIsoDate } from './dates';

/** Benefit codes, in the order RULES.md lists them. */
export const BENEFIT_CODES = [
  'basicLivingAllowance',
  'minimumLivingAllowance',
  'extremePovertySupport',
  'temporaryAid',
  'disabledLivingSubsidy',
  'severeDisabilityUnemployedSubsidy',
  'severeDisabilityNursingSubsidy',
  'rehabilitationAid',
  'medicalInsurancePremium',
  'medicalAid',
  'educationAid',
  'nationalGrantTuitionWaiver',
] as const;
export type BenefitCode = (typeof BENEFIT_CODES)[number];

/** Chinese names of the benefits, as the policy writes them. */
export const BENEFIT_LABELS_ZH: Readonly<Record<BenefitCode, string>> = {
  basicLivingAllowance: '基本生活费',
  minimumLivingAllowance: '最低生活保障金',
  extremePovertySupport: '特困人员救助供养',
  temporaryAid: '临时救助',
  disabledLivingSubsidy: '困难残疾人生活补贴',
  severeDisabilityUnemployedSubsidy: '重残无业人员生活补助',
  severeDisabilityNursingSubsidy: '重度残疾人护理补贴',
  rehabilitationAid: '康复救助',
  medicalInsurancePremium: '城乡居民医保及少儿住院互助基金全额资助',
  medicalAid: '医疗救助',
  educationAid: '各教育阶段资助',
  nationalGrantTuitionWaiver: '国家助学金及免学费',
};

/** Categories of children in difficulty (困境儿童类别), from the preamble. */
export const CATEGORY_CODES = [
  'orphan',
  'guardianshipMissing',
  'guardianshipImproper',
  'disabled',
  'economicHardship',
  'migrant',
  'leftBehind',
] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

/** Chinese names of the categories, as the preamble writes them. */
export const CATEGORY_LABELS_ZH: Readonly<Record<CategoryCode, string>> = {
  orphan: '孤儿',
  guardianshipMissing: '监护缺失儿童',
  guardianshipImproper: '监护不当儿童',
  disabled: '残疾儿童',
  economicHardship: '家庭经济困难儿童',
  migrant: '流动儿童',
  leftBehind: '留守儿童',
};

/** Where a young person stands in the age-18 reintegration of policy 一(四). */
export const REINTEGRATION_STATUSES = [
  'notApplicable',
  'notYetAdult',
  'deferredStudying',
  'assessmentDue',
  'resettle',
  'transferToAdultWelfare',
  'secondAssessmentDue',
] as const;
export type ReintegrationStatus = (typeof REINTEGRATION_STATUSES)[number];

/** The handover tasks of a resettlement: receiving district (first three), street/township (last). */
export const REINTEGRATION_TASKS = ['housing', 'hukou', 'employment', 'longTermCare'] as const;
export type ReintegrationTask = (typeof REINTEGRATION_TASKS)[number];

export const ENTITLEMENT_STATUSES = ['eligible', 'ineligible', 'excluded'] as const;
export type EntitlementStatus = (typeof ENTITLEMENT_STATUSES)[number];

export const PLACEMENT_RESPONSIBILITIES = [
  'hukouDistrictGovernment',
  'municipalInstitution',
  'asGuardianshipMissing',
] as const;
export type PlacementResponsibility = (typeof PLACEMENT_RESPONSIBILITIES)[number];

/** Clause ids as policy/CLAUSES.md cites them: the preamble, then section(clause). */
export const CLAUSE_IDS = [
  '序言',
  '一(一)',
  '一(二)',
  '一(三)',
  '一(四)',
  '二(五)',
  '二(六)',
  '二(七)',
  '三(八)',
  '三(九)',
  '三(十)',
  '四(十一)',
  '四(十二)',
  '四(十三)',
  '五(十四)',
  '五(十五)',
  '五(十六)',
  '六(十七)',
  '六(十八)',
  '六(十九)',
  '七(二十)',
  '七(二十一)',
  '七(二十二)',
] as const;
export type ClauseId = (typeof CLAUSE_IDS)[number];

export const HUKOU_VALUES = ['shanghai', 'other'] as const;
export const GUARDIANSHIP_VALUES = ['adequate', 'missing', 'improper'] as const;
export const COURT_APPOINTED_GUARDIANS = ['none', 'civilAffairs', 'municipalInstitution'] as const;
export const PLACEMENTS = [
  'municipalInstitution',
  'districtInstitution',
  'foster',
  'kinship',
  'adopted',
  'family',
] as const;
export type Placement = (typeof PLACEMENTS)[number];
export const DISABILITY_CATEGORIES = [
  'visual',
  'hearing',
  'speech',
  'physical',
  'intellectual',
  'mental',
  'multiple',
] as const;
export const EDUCATION_STAGES = [
  'none',
  'preschool',
  'compulsory',
  'seniorGeneral',
  'seniorVocational',
  'undergraduate',
  'higherVocational',
  'finished',
] as const;
export type EducationStage = (typeof EDUCATION_STAGES)[number];
export const ASSESSMENT_RESULTS = ['capable', 'notCapable'] as const;

/** A calendar date written `YYYY-MM-DD` that exists (no 2026-02-30). */
export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { message: '日期须为真实存在的公历日期，格式 YYYY-MM-DD' });

export const disabilityGradeSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type DisabilityGrade = z.infer<typeof disabilityGradeSchema>;

export const disabilitySchema = z.object({
  category: z.enum(DISABILITY_CATEGORIES),
  grade: disabilityGradeSchema,
});

export const familySchema = z.object({
  minimumLivingSecurity: z.boolean(),
  lowIncomeEdge: z.boolean(),
  extremePoverty: z.boolean(),
  legalSupporterAble: z.boolean(),
  economicHardship: z.boolean(),
  suddenHardship: z.boolean(),
});

export const educationSchema = z.object({
  stage: z.enum(EDUCATION_STAGES),
  fullTime: z.boolean(),
  withinStandardDuration: z.boolean(),
});

export const assessmentSchema = z.object({
  date: isoDateSchema,
  round: z.union([z.literal(1), z.literal(2)]),
  result: z.enum(ASSESSMENT_RESULTS),
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const reintegrationFactsSchema = z.object({
  assessments: z.array(assessmentSchema),
  vocationalRehabCompleted: z.boolean(),
});

/**
 * What the registry knows about one child, as the rules read it (RULES.md, ChildFacts). Every listed
 * field is required; fields the contract does not list are stripped, not rejected ("Add fields freely":
 * outside case files may carry informational keys).
 */
export const childFactsSchema = z.object({
  birthDate: isoDateSchema,
  hukou: z.enum(HUKOU_VALUES),
  orphan: z.boolean(),
  abandonedConfirmedByPolice: z.boolean(),
  guardianship: z.enum(GUARDIANSHIP_VALUES),
  courtAppointedGuardian: z.enum(COURT_APPOINTED_GUARDIANS),
  placement: z.enum(PLACEMENTS),
  disability: disabilitySchema.nullable(),
  autism: z.boolean(),
  seriousIllness: z.boolean(),
  family: familySchema,
  migrant: z.boolean(),
  leftBehind: z.boolean(),
  education: educationSchema,
  receiving: z.array(z.enum(BENEFIT_CODES)),
  reintegration: reintegrationFactsSchema,
});
export type ChildFacts = z.infer<typeof childFactsSchema>;

/** One benefit's decision, with the clause behind it and a reason a caseworker can read. */
export type Entitlement = {
  status: EntitlementStatus;
  clause: ClauseId;
  /** Short zh-CN sentence naming the facts that decided it. */
  reason: string;
  /** The received benefits that make an otherwise-qualifying benefit 'excluded'; empty otherwise. */
  excludedBy: BenefitCode[];
};

/** One category of child in difficulty (序言), with the fact that decided it. */
export type CategoryLine = {
  code: CategoryCode;
  clause: ClauseId;
  /** Short zh-CN sentence naming the fact that decided it. */
  reason: string;
};

/** Two benefits in `receiving` that the policy says may not be received together. */
export type Conflict = {
  codes: [BenefitCode, BenefitCode];
  clause: ClauseId;
  reason: string;
};

/** The output of `evaluate` (RULES.md, Evaluation). */
export type Evaluation = {
  asOf: string;
  policy: {
    id: '沪府规〔2025〕11号';
    inForce: boolean;
    inForceFrom: string;
    inForceTo: string;
  };
  /** Whole years (周岁) on `asOf`. */
  age: number;
  /** The date the child reaches 18 周岁 (a 29 February birthday turns over on 28 February of a common year). */
  eighteenthBirthday: string;
  categories: CategoryLine[];
  /** Orphan or guardianship missing/improper (一(一)'s 特殊儿童). */
  specialChild: boolean;
  /** 一(四): a court appointed civil affairs or the municipal institution as guardian. */
  treatedAsInstitutionalOrphan: boolean;
  placementResponsibility: PlacementResponsibility | null;
  placementResponsibilityClause: '一(四)';
  placementResponsibilityReason: string;
  entitlements: Record<BenefitCode, Entitlement>;
  conflicts: Conflict[];
  /** Benefits in `receiving` whose status is 'ineligible' on `asOf` (e.g. an allowance that stopped). */
  receivingIneligible: BenefitCode[];
  /** 一(一): 低保边缘 family and a seriously ill or severely disabled (grade 1–2) child. */
  minimumLivingAsSingleHousehold: boolean;
  medical: {
    premiumFullySubsidised: boolean;
    minAidRatio: number | null;
    treatedAsMinimumLivingFamily: boolean;
    clause: ClauseId;
    reason: string;
  };
  reintegration: {
    status: ReintegrationStatus;
    clause: '一(四)';
    tasks: ReintegrationTask[];
    reason: string;
  };
  /** 三(八) 控辍保学: a child of compulsory-school age (6 to 15 周岁) with no school is flagged. */
  compulsorySchooling: { flagged: boolean; clause: '三(八)'; reason: string };
  /** 一(二): admitted to 低保 as an able-supporter 低保 family's child, due "适当提高对其救助水平". */
  minimumLivingRaisedLevel: { due: boolean; clause: '一(二)'; reason: string };
  warnings: string[];
};

/** Chinese names of the education stages. */
export const EDUCATION_STAGE_LABELS_ZH: Readonly<Record<EducationStage, string>> = {
  none: '未入学',
  preschool: '学前教育',
  compulsory: '义务教育',
  seniorGeneral: '普通高中教育',
  seniorVocational: '中等职业教育',
  undergraduate: '本科教育',
  higherVocational: '高等职业教育',
  finished: '已完成学业',
};

/** Chinese names of the placements (kinship and family are 社会散居). */
export const PLACEMENT_LABELS_ZH: Readonly<Record<Placement, string>> = {
  municipalInstitution: '市级儿童福利机构集中养育',
  districtInstitution: '区级机构养育',
  foster: '家庭寄养',
  kinship: '亲属抚养',
  adopted: '依法收养',
  family: '家庭抚养',
};

/** Chinese names of the reintegration statuses. */
export const REINTEGRATION_STATUS_LABELS_ZH: Readonly<Record<ReintegrationStatus, string>> = {
  notApplicable: '不适用',
  notYetAdult: '未满18周岁',
  deferredStudying: '在读，暂缓评估',
  assessmentDue: '待综合评估',
  resettle: '回归社会安置',
  transferToAdultWelfare: '转入市属社会福利机构',
  secondAssessmentDue: '待二次综合评估',
};

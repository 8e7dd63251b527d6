/**
 * The age-18 reintegration case (回归社会安置, policy 一(四)): its stages, the preparation checklist, the
 * handover tasks and the assessment rubric. The rubric is configuration, versioned: an assessment keeps
 * the version (and each domain's weight) it was scored under, so a later change never rewrites it.
 */
import type { ReintegrationStatus, ReintegrationTask } from './rules-types';

/** The stages a case moves through (DOMAIN.md, "Age-18 reintegration"). */
export const CASE_STAGES = [
  'preparing',
  'assessmentDue',
  'assessed',
  'resettling',
  'transferred',
  'vocationalRehab',
  'secondAssessment',
  'closed',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const CASE_STAGE_LABELS_ZH: Readonly<Record<CaseStage, string>> = {
  preparing: '准备中',
  assessmentDue: '待综合评估',
  assessed: '已评估待审批',
  resettling: '回归社会安置中',
  transferred: '已转入社会福利机构',
  vocationalRehab: '职业康复中',
  secondAssessment: '待二次综合评估',
  closed: '已结案',
};

/**
 * Which statuses of the rules module (`reintegration.status`, for the case's approved facts) each stage
 * may be shown with. The stage refines the status with the case's own progress (a decision awaiting
 * approval, a rehabilitation episode under way, the four tasks done); it never contradicts it.
 */
export const STAGE_STATUSES: Readonly<Record<CaseStage, readonly ReintegrationStatus[]>> = {
  preparing: ['notYetAdult', 'deferredStudying'],
  assessmentDue: ['assessmentDue'],
  assessed: ['assessmentDue', 'secondAssessmentDue'],
  resettling: ['resettle'],
  transferred: ['transferToAdultWelfare'],
  vocationalRehab: ['transferToAdultWelfare'],
  secondAssessment: ['secondAssessmentDue'],
  closed: ['resettle', 'transferToAdultWelfare', 'notApplicable'],
};

/** What the stage is computed from besides the rules' status. */
export type StageInput = {
  status: ReintegrationStatus;
  /** A decision recorded on the case and not yet approved (round 1 or 2), if any. */
  pendingRound: 1 | 2 | null;
  /** The deciding approved assessment's round, if any. */
  decidingRound: 1 | 2 | null;
  /** All four handover tasks exist and are done. */
  tasksAllDone: boolean;
  /** A vocational rehabilitation episode has started and is not completed. */
  rehabUnderway: boolean;
};

/** The stage shown for a case: always one of the stages STAGE_STATUSES allows for `status`. */
export function caseStage(s: StageInput): CaseStage {
  switch (s.status) {
    case 'notApplicable':
      return 'closed';
    case 'notYetAdult':
    case 'deferredStudying':
      return 'preparing';
    case 'assessmentDue':
      return s.pendingRound !== null ? 'assessed' : 'assessmentDue';
    case 'secondAssessmentDue':
      return s.pendingRound === 2 ? 'assessed' : 'secondAssessment';
    case 'resettle':
      return s.tasksAllDone ? 'closed' : 'resettling';
    case 'transferToAdultWelfare':
      if (s.decidingRound === 2) return 'closed';
      return s.rehabUnderway ? 'vocationalRehab' : 'transferred';
  }
}

/** The preparation checklist: documents, then the independent-living skills by domain. */
export const CHECKLIST_ITEMS = [
  'idCard',
  'hukou',
  'bankAccount',
  'medicalInsurance',
  'schoolCertificates',
  'skillDailyLiving',
  'skillMoney',
  'skillTransport',
  'skillHealth',
  'skillSocial',
] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];
export const CHECKLIST_ITEM_LABELS_ZH: Readonly<Record<ChecklistItem, string>> = {
  idCard: '居民身份证',
  hukou: '户口材料',
  bankAccount: '银行账户',
  medicalInsurance: '医疗保险',
  schoolCertificates: '学历证书',
  skillDailyLiving: '独立生活技能：日常起居与家务',
  skillMoney: '独立生活技能：理财与消费',
  skillTransport: '独立生活技能：出行与办事',
  skillHealth: '独立生活技能：就医与用药',
  skillSocial: '独立生活技能：人际交往与求助',
};

export const ITEM_STATUSES = ['todo', 'inProgress', 'done'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ITEM_STATUS_LABELS_ZH: Readonly<Record<ItemStatus, string>> = { todo: '未开始', inProgress: '进行中', done: '已完成' };

/** Who carries out each handover task (一(四)): the receiving district, or the street/township. */
export const TASK_OWNER: Readonly<Record<ReintegrationTask, 'district' | 'street'>> = {
  housing: 'district',
  hukou: 'district',
  employment: 'district',
  longTermCare: 'street',
};
export const TASK_LABELS_ZH: Readonly<Record<ReintegrationTask, string>> = {
  housing: '落实住房',
  hukou: '落实户口',
  employment: '落实就业',
  longTermCare: '长期关爱措施',
};

export type RubricDomain = { code: string; zh: string; en: string; weight: number };
/** `threshold`: the weighted score (of `maxScore`) from which the rubric reads the young person as capable. */
export type Rubric = { version: string; from: string; maxScore: number; threshold: number; domains: readonly RubricDomain[] };

/**
 * The assessment rubric, by version (the newest whose `from` is on or before the assessment date
 * applies). The policy fixes only the decision and its consequences; the domains and weights are the
 * institution's and may change by adding a version here.
 */
export const RUBRICS: readonly Rubric[] = [
  {
    version: '2026-01',
    from: '2026-01-01',
    maxScore: 100,
    threshold: 60,
    domains: [
      { code: 'physicalMentalHealth', zh: '身心健康', en: 'Physical and mental health', weight: 0.25 },
      { code: 'selfCare', zh: '生活自理', en: 'Self-care', weight: 0.2 },
      { code: 'socialAdaptation', zh: '社会适应', en: 'Social adaptation', weight: 0.2 },
      { code: 'workAbility', zh: '劳动能力', en: 'Work ability', weight: 0.2 },
      { code: 'independentLiving', zh: '独立生活技能', en: 'Independent-living skills', weight: 0.15 },
    ],
  },
];

/** The rubric in force on a date (the first version for dates before it). */
export function rubricOn(date: string): Rubric {
  const applicable = RUBRICS.filter((r) => r.from <= date);
  return applicable.length > 0 ? applicable[applicable.length - 1] : RUBRICS[0];
}

export function rubricByVersion(version: string): Rubric | null {
  return RUBRICS.find((r) => r.version === version) ?? null;
}

/** The conclusion the rubric's threshold gives for a weighted score. */
export function resultByThreshold(rubric: Rubric, score: number): 'capable' | 'notCapable' {
  return score >= rubric.threshold ? 'capable' : 'notCapable';
}

/** The weighted total of domain scores (weights of the scored domains; rounded to one decimal). */
export function weightedScore(scores: readonly { weight: number; score: number }[]): number | null {
  const weight = scores.reduce((sum, s) => sum + s.weight, 0);
  if (weight <= 0) return null;
  return Math.round((scores.reduce((sum, s) => sum + s.weight * s.score, 0) / weight) * 10) / 10;
}

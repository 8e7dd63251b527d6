/**
 * The policy's thresholds, lists and pairings as data, so each rule reads as a small function over this
 * table and a reviewer can hold both against the sentence they encode. `createEvaluator` takes a table;
 * the unit tests run the case suite against mutated copies to prove the cases would catch a wrong one.
 */
import { POLICY_DOCUMENT } from '../../shared/domain/clauses';
import type {
  BenefitCode,
  ClauseId,
  DisabilityGrade,
  EducationStage,
  Placement,
  ReintegrationTask,
} from '../../shared/domain/rules-types';
import { POLICY_AGE_COUNTING } from './dates';
import type { AgeCounting } from './dates';

/** What happens to the basic living allowance after 18, per study stage (一(一)). */
export type AllowanceAfterAdultAge = 'continues' | 'continuesIfFullTimeWithinDuration' | 'stops';

/** When a non-stacking pair applies: to everyone, or only to the children the sentence names. */
export type NonStackingScope = 'always' | 'scatteredOrphanOrGuardianshipMissingOrImproper';

/**
 * Two benefits that may not be received together. `codes[0]` is the one the child keeps when both are
 * received (the sentence's subject, the special children's allowance); `codes[1]` gives way.
 */
export type NonStackingRule = {
  codes: readonly [BenefitCode, BenefitCode];
  clause: ClauseId;
  scope: NonStackingScope;
  /** 不叠加享受 reads both ways; 选择申请…不再享受 only the way it is written. */
  excludesBothWays: boolean;
  sentence: string;
};

export type RuleTables = {
  /** 本意见自2026年1月1日起施行,有效期至2030年12月31日: both days included. */
  policyTerm: { from: string; to: string };
  /** How 周岁 are counted: the day a new age begins, and 29 February in a common year (dates.ts). */
  ageCounting: AgeCounting;
  /** 年满18周岁: the age at which the allowance's continuation test and reintegration begin. */
  adultAge: number;
  /** 重残 / 重度残疾: disability grades counted as severe (grade 1 is the most severe). */
  severeDisabilityGrades: readonly DisabilityGrade[];
  allowanceAfterAdultAge: Readonly<Record<EducationStage, AllowanceAfterAdultAge>>;
  /** 社会散居: placements in which an orphan is a scattered orphan. */
  scatteredPlacements: readonly Placement[];
  /** Stages in which the child is enrolled and studying. */
  studyingStages: readonly EducationStage[];
  /** 三(九): 从学前到高中阶段. */
  disabledEducationAidStages: readonly EducationStage[];
  /** 三(十): 普通高中、中等职业学校. */
  seniorSecondaryStages: readonly EducationStage[];
  /** 二(六): 不低于70%. */
  medicalMinAidRatio: number;
  /** 二(七): rehabilitation aid is for children, i.e. under this age. */
  rehabilitationAgeLimit: number;
  nonStacking: readonly NonStackingRule[];
  /** 一(四): 由市级儿童福利机构集中养育. */
  reintegrationPlacements: readonly Placement[];
  /** 一(四): 住房、户口、就业 (receiving district) and 长期关爱措施 (street/township). */
  resettlementTasks: readonly ReintegrationTask[];
};

const NOT_STACKING =
  '特殊儿童基本生活费与最低生活保障金、困难残疾人生活补贴、重残无业人员生活补助不叠加享受,符合条件的残疾儿童可同时享受重度残疾人护理补贴及康复救助等相关政策。';
const CHOOSING_ENDS_EXTREME_POVERTY =
  '选择申请社会散居孤儿、监护缺失或监护不当儿童基本生活保障的,不再享受特困人员供养政策。';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * The tables as the policy text reads (see READING.md). Frozen: a test that wants other values takes
 * `structuredClone(RULE_TABLES)` and passes the copy to `createEvaluator`.
 */
export const RULE_TABLES: RuleTables = deepFreeze({
  policyTerm: { from: POLICY_DOCUMENT.inForceFrom, to: POLICY_DOCUMENT.inForceTo },
  ageCounting: { ...POLICY_AGE_COUNTING },
  adultAge: 18,
  severeDisabilityGrades: [1, 2],
  allowanceAfterAdultAge: {
    none: 'stops',
    preschool: 'stops',
    compulsory: 'continues',
    seniorGeneral: 'continuesIfFullTimeWithinDuration',
    seniorVocational: 'continuesIfFullTimeWithinDuration',
    undergraduate: 'continuesIfFullTimeWithinDuration',
    higherVocational: 'continuesIfFullTimeWithinDuration',
    finished: 'stops',
  },
  scatteredPlacements: ['kinship', 'family'],
  studyingStages: [
    'preschool',
    'compulsory',
    'seniorGeneral',
    'seniorVocational',
    'undergraduate',
    'higherVocational',
  ],
  disabledEducationAidStages: ['preschool', 'compulsory', 'seniorGeneral', 'seniorVocational'],
  seniorSecondaryStages: ['seniorGeneral', 'seniorVocational'],
  medicalMinAidRatio: 0.7,
  rehabilitationAgeLimit: 18,
  nonStacking: [
    {
      codes: ['basicLivingAllowance', 'minimumLivingAllowance'],
      clause: '一(二)',
      scope: 'always',
      excludesBothWays: true,
      sentence: NOT_STACKING,
    },
    {
      codes: ['basicLivingAllowance', 'disabledLivingSubsidy'],
      clause: '一(二)',
      scope: 'always',
      excludesBothWays: true,
      sentence: NOT_STACKING,
    },
    {
      codes: ['basicLivingAllowance', 'severeDisabilityUnemployedSubsidy'],
      clause: '一(二)',
      scope: 'always',
      excludesBothWays: true,
      sentence: NOT_STACKING,
    },
    {
      codes: ['basicLivingAllowance', 'extremePovertySupport'],
      clause: '一(二)',
      scope: 'scatteredOrphanOrGuardianshipMissingOrImproper',
      excludesBothWays: false,
      sentence: CHOOSING_ENDS_EXTREME_POVERTY,
    },
  ],
  reintegrationPlacements: ['municipalInstitution'],
  resettlementTasks: ['housing', 'hukou', 'employment', 'longTermCare'],
});

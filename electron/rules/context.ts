/** The facts as the rules read them: validated input plus the few derived notions several rules share. */
import {
  BENEFIT_LABELS_ZH,
  EDUCATION_STAGE_LABELS_ZH,
} from '../../shared/domain/rules-types';
import type { BenefitCode, ChildFacts, ClauseId } from '../../shared/domain/rules-types';
import { ageOn } from './dates';
import type { RuleTables } from './tables';

export type RuleContext = {
  facts: ChildFacts;
  asOf: string;
  tables: RuleTables;
  age: number;
  receiving: ReadonlySet<BenefitCode>;
  /** 孤儿、监护缺失或监护不当儿童等特殊儿童 (一(一)). */
  specialChild: boolean;
  /** 经人民法院指定市民政部门或市级儿童福利机构担任监护人 (一(四)). */
  treatedAsInstitutionalOrphan: boolean;
  /** 社会散居孤儿: an orphan in kinship or family care. */
  scatteredOrphan: boolean;
  guardianshipMissingOrImproper: boolean;
  /** 重残: disability grade 1–2. */
  severelyDisabled: boolean;
  /** Enrolled in any stage from preschool to tertiary. */
  studying: boolean;
};

/** A benefit decision before the non-stacking rules are applied. */
export type Decision = {
  status: 'eligible' | 'ineligible';
  clause: ClauseId;
  reason: string;
};

/** Ends an exhaustive switch: a compile error if a case is missing, a throw if reached at run time. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}

/** Builds the shared view of the facts on `asOf`. */
export function buildContext(facts: ChildFacts, asOf: string, tables: RuleTables): RuleContext {
  const guardianshipMissingOrImproper = facts.guardianship === 'missing' || facts.guardianship === 'improper';
  return {
    facts,
    asOf,
    tables,
    age: ageOn(facts.birthDate, asOf, tables.ageCounting),
    receiving: new Set(facts.receiving),
    specialChild: facts.orphan || guardianshipMissingOrImproper,
    treatedAsInstitutionalOrphan: facts.courtAppointedGuardian !== 'none',
    scatteredOrphan: facts.orphan && tables.scatteredPlacements.includes(facts.placement),
    guardianshipMissingOrImproper,
    severelyDisabled: facts.disability !== null && tables.severeDisabilityGrades.includes(facts.disability.grade),
    studying: tables.studyingStages.includes(facts.education.stage),
  };
}

/** An eligible decision. */
export function eligible(clause: ClauseId, reason: string): Decision {
  return { status: 'eligible', clause, reason };
}

/** An ineligible decision. */
export function ineligible(clause: ClauseId, reason: string): Decision {
  return { status: 'ineligible', clause, reason };
}

/** `现N周岁`, as reasons write the child's age beside a threshold (`未满18周岁（现17周岁）`). */
export function ageText(ctx: RuleContext): string {
  return `现${ctx.age}周岁`;
}

/** The benefit's Chinese name in 《》-less form, for reasons. */
export function benefitName(code: BenefitCode): string {
  return BENEFIT_LABELS_ZH[code];
}

/** The child's study stage in Chinese (教育阶段 names as the policy writes them). */
export function stageText(ctx: RuleContext): string {
  return EDUCATION_STAGE_LABELS_ZH[ctx.facts.education.stage];
}

/** Who the child is in the terms of 一(一)/一(四) (孤儿、监护缺失儿童…), or null when none applies. */
export function specialChildWho(ctx: RuleContext): string | null {
  const parts: string[] = [];
  if (ctx.facts.orphan) parts.push(ctx.scatteredOrphan ? '社会散居孤儿' : '孤儿');
  if (ctx.facts.guardianship === 'missing') parts.push('监护缺失儿童');
  if (ctx.facts.guardianship === 'improper') parts.push('监护不当儿童');
  if (parts.length === 0 && ctx.treatedAsInstitutionalOrphan) {
    parts.push(
      ctx.facts.courtAppointedGuardian === 'civilAffairs'
        ? '经法院指定市民政部门担任监护人（参照机构养育孤儿）'
        : '经法院指定市级儿童福利机构担任监护人（参照机构养育孤儿）',
    );
  }
  return parts.length === 0 ? null : parts.join('、');
}

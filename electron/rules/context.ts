/** The facts as the rules read them: validated input plus the few derived notions several rules share. */
import {
  BENEFIT_LABELS_ZH,
  EDUCATION_STAGE_LABELS_ZH,
} from '../../shared/domain/rules-types';
import type { BenefitCode, ChildFacts, ClauseId } from '../../shared/domain/rules-types';
import { ageOn, dateOfAge } from './dates';
import type { RuleTables } from './tables';

export type RuleContext = {
  facts: ChildFacts;
  asOf: string;
  tables: RuleTables;
  age: number;
  receiving: ReadonlySet<BenefitCode>;
  /** 18 周岁 or older: no longer a child (儿童 / 未成年人, RULES.md round 2). */
  adult: boolean;
  /**
   * 孤儿 as the rules read it: certified (`orphan`) or a minor confirmed by the police as abandoned
   * (弃婴、弃儿, 经查找无法找到法定监护人 — 查找不到生父母, RULES.md round 2). One reading everywhere.
   */
  orphan: boolean;
  /** Counted an orphan only because the police confirmed the abandonment (for reasons). */
  orphanByAbandonment: boolean;
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
  const orphan = facts.orphan || facts.abandonedConfirmedByPolice;
  const age = ageOn(facts.birthDate, asOf, tables.ageCounting);
  return {
    facts,
    asOf,
    tables,
    age,
    receiving: new Set(facts.receiving),
    adult: age >= tables.adultAge,
    orphan,
    orphanByAbandonment: orphan && !facts.orphan,
    specialChild: orphan || guardianshipMissingOrImproper,
    treatedAsInstitutionalOrphan: facts.courtAppointedGuardian !== 'none',
    scatteredOrphan: orphan && tables.scatteredPlacements.includes(facts.placement),
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

/**
 * How a reason marks a choice this system made where the text leaves the question open (RULES.md round 2:
 * "the reason says it is this system's reading"). Always this exact string, right after the choice it
 * marks; tests/unit/rules/reasons.test.ts checks every reason of every case against it.
 */
export const OUR_READING = '（本系统的理解）';

/**
 * The line for a person of 18 or more where the policy's sentence speaks of 儿童 / 未成年人: ineligible,
 * saying the rules for adults, outside this policy, decide (RULES.md round 2, "Who is a child").
 */
export function adultIneligible(ctx: RuleContext, clause: ClauseId, what: string): Decision {
  return ineligible(
    clause,
    `已满${ctx.tables.adultAge}周岁${ageParen(ctx)}，不再是儿童：本意见所称儿童指未满${ctx.tables.adultAge}周岁的未成年人${OUR_READING}；成年后的${what}由本意见以外的成年人相关规定确定。`,
  );
}

/**
 * `（现N周岁）` in brackets, as reasons write it beside a threshold; on the day the age is reached
 * `（现N周岁，生日当天起算…）（本系统的理解）`, the marker outside the brackets.
 */
export function ageParen(ctx: RuleContext): string {
  const text = ageText(ctx);
  return text.endsWith(OUR_READING) ? `（${text.slice(0, -OUR_READING.length)}）${OUR_READING}` : `（${text}）`;
}

/** `现N周岁`, as reasons write the child's age beside a threshold (`未满18周岁（现17周岁）`). */
export function ageText(ctx: RuleContext): string {
  if (ctx.age > 0 && dateOfAge(ctx.facts.birthDate, ctx.age, ctx.tables.ageCounting) === ctx.asOf) {
    // The day the age is reached: that the birthday itself counts (and 29 February turns over on
    // 28 February) is the contract's reading, not the policy's words.
    const leap = ctx.facts.birthDate.endsWith('-02-29') && ctx.asOf.endsWith('-02-28') ? '，2月29日出生者平年以2月28日为生日' : '';
    return `现${ctx.age}周岁，生日当天起算${leap}${OUR_READING}`;
  }
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
  if (ctx.orphanByAbandonment) parts.push(`经公安部门确认的弃婴、弃儿，按孤儿${OUR_READING}`);
  else if (ctx.orphan) parts.push(ctx.scatteredOrphan ? '社会散居孤儿' : '孤儿');
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

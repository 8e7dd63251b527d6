/**
 * The policy rules (沪府规〔2025〕11号) as pure functions: ChildFacts on a date → Evaluation, every line
 * with its clause and a zh-CN reason. No I/O, no clock. Contract: shared/RULES.md; reading decisions:
 * READING.md beside this file. Imports only shared/ and files of this folder.
 */
import { BENEFIT_CODES } from '../../shared/domain/rules-types';
import type { BenefitCode, ChildFacts, Evaluation } from '../../shared/domain/rules-types';
import { basicLivingAllowance } from './allowance';
import { categoriesOf } from './categories';
import { buildContext } from './context';
import type { Decision, RuleContext } from './context';
import { dateOfAge } from './dates';
import {
  disabledLivingSubsidy,
  severeDisabilityNursingSubsidy,
  severeDisabilityUnemployedSubsidy,
} from './disability-subsidies';
import { educationAid, nationalGrantTuitionWaiver } from './education';
import { extremePovertySupport, temporaryAid } from './extreme-poverty';
import { medical } from './medical';
import { minimumLivingAllowance, minimumLivingAsSingleHousehold } from './minimum-living';
import { placementResponsibility } from './placement';
import { policyTerm } from './policy-term';
import { reintegration, reintegrationApplies } from './reintegration';
import { rehabilitationAid } from './rehabilitation';
import { applyStacking } from './stacking';
import { RULE_TABLES } from './tables';
import type { RuleTables } from './tables';
import { checkConsistency, checkFactsAgainstDate, parseAsOf, parseFacts } from './validation';
import { compulsorySchooling, raisedMinimumLivingLevel } from './beyond-entitlements';

export { RulesValidationError } from './validation';
export type { RulesIssue } from './validation';
export { RULE_TABLES } from './tables';
export type { RuleTables, NonStackingRule } from './tables';
export { ageOn, dateOfAge } from './dates';
export { COMPULSORY_SCHOOL_AGE, mentalHealthCheckDue, schoolYearOf } from './beyond-entitlements';
export type { MentalHealthCheckDue } from './beyond-entitlements';
export { OUR_READING } from './context';
export { checkConsistency } from './validation';

export type Evaluator = (facts: unknown, asOf: string) => Evaluation;

function baseDecisions(ctx: RuleContext, medicalLines: { premium: Decision; aid: Decision }, inDifficultyWithout: string | null): Record<BenefitCode, Decision> {
  return {
    basicLivingAllowance: basicLivingAllowance(ctx),
    minimumLivingAllowance: minimumLivingAllowance(ctx),
    extremePovertySupport: extremePovertySupport(ctx),
    temporaryAid: temporaryAid(ctx),
    disabledLivingSubsidy: disabledLivingSubsidy(ctx),
    severeDisabilityUnemployedSubsidy: severeDisabilityUnemployedSubsidy(ctx),
    severeDisabilityNursingSubsidy: severeDisabilityNursingSubsidy(ctx),
    rehabilitationAid: rehabilitationAid(ctx),
    medicalInsurancePremium: medicalLines.premium,
    medicalAid: medicalLines.aid,
    educationAid: educationAid(ctx),
    nationalGrantTuitionWaiver: nationalGrantTuitionWaiver(ctx, inDifficultyWithout),
  };
}

/** An evaluate function over the given rule tables (the tests pass mutated copies). */
export function createEvaluator(tables: RuleTables): Evaluator {
  return (input, asOf) => {
    const facts = parseFacts(input);
    const date = parseAsOf(asOf);
    checkFactsAgainstDate(facts, date);
    checkConsistency(facts, date);
    const ctx = buildContext(facts, date, tables);
    const term = policyTerm(date, tables);
    // Two passes: 二(六)'s "纳入特困供养或最低生活保障范围" and 三(十)'s 困境儿童 read this evaluation's own
    // 特困 / 低保 decisions (after the non-stacking rules), so that no line contradicts another.
    const placeholder = medical(ctx, { extremePoverty: false, minimumLiving: false });
    const first = applyStacking(baseDecisions(ctx, placeholder, null), ctx).entitlements;
    // 特困: eligible here and grounded on the family's own record (a 特困 or 低保 determination, or 特困
    // being received); an institutional orphan eligible only for want of a supporter is not "纳入" it.
    const { family } = ctx.facts;
    const admitted = {
      extremePoverty:
        first.extremePovertySupport.status === 'eligible' &&
        (family.extremePoverty || family.minimumLivingSecurity || ctx.receiving.has('extremePovertySupport')),
      minimumLiving: first.minimumLivingAllowance.status === 'eligible',
    };
    const medicalResult = medical(ctx, admitted);
    const inDifficultyWithout = admitted.extremePoverty
      ? '纳入特困供养范围的困境儿童'
      : admitted.minimumLiving
        ? '纳入最低生活保障范围的困境儿童'
        : null;
    const { entitlements, conflicts } = applyStacking(baseDecisions(ctx, medicalResult, inDifficultyWithout), ctx);
    const placement = placementResponsibility(ctx, reintegrationApplies(ctx));
    const reintegrationResult = reintegration(ctx);
    // 一(一)'s 特殊儿童: from 18 only while the allowance still continues (RULES.md round 2).
    const specialChild = ctx.specialChild && (!ctx.adult || entitlements.basicLivingAllowance.status !== 'ineligible');
    return {
      asOf: date,
      policy: { id: '沪府规〔2025〕11号', inForce: term.inForce, inForceFrom: tables.policyTerm.from, inForceTo: tables.policyTerm.to },
      age: ctx.age,
      eighteenthBirthday: dateOfAge(facts.birthDate, tables.adultAge, tables.ageCounting),
      categories: categoriesOf(ctx, entitlements),
      specialChild,
      treatedAsInstitutionalOrphan: ctx.treatedAsInstitutionalOrphan,
      placementResponsibility: placement.responsibility,
      placementResponsibilityClause: '一(四)',
      placementResponsibilityReason: placement.reason,
      entitlements,
      conflicts,
      receivingIneligible: BENEFIT_CODES.filter(
        (code) => ctx.receiving.has(code) && entitlements[code].status === 'ineligible',
      ),
      minimumLivingAsSingleHousehold: minimumLivingAsSingleHousehold(ctx),
      medical: medicalResult.summary,
      reintegration: reintegrationResult,
      compulsorySchooling: compulsorySchooling(ctx),
      minimumLivingRaisedLevel: raisedMinimumLivingLevel(ctx, entitlements.minimumLivingAllowance.status === 'eligible'),
      warnings: term.warning === null ? [] : [term.warning],
    };
  };
}

const evaluateWithPolicyTables = createEvaluator(RULE_TABLES);

/**
 * What the policy gives this child on `asOf` (`YYYY-MM-DD`). Throws RulesValidationError naming the
 * first invalid field when the facts or the date are invalid.
 */
export function evaluate(facts: unknown | ChildFacts, asOf: string): Evaluation {
  return evaluateWithPolicyTables(facts, asOf);
}

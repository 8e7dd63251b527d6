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
import { reintegration, reintegrationWarnings } from './reintegration';
import { rehabilitationAid } from './rehabilitation';
import { applyStacking } from './stacking';
import { RULE_TABLES } from './tables';
import type { RuleTables } from './tables';
import { checkFactsAgainstDate, parseAsOf, parseFacts } from './validation';

export { RulesValidationError } from './validation';
export type { RulesIssue } from './validation';
export { RULE_TABLES } from './tables';
export type { RuleTables, NonStackingRule } from './tables';
export { ageOn, dateOfAge } from './dates';

export type Evaluator = (facts: unknown, asOf: string) => Evaluation;

function baseDecisions(ctx: RuleContext, medicalLines: { premium: Decision; aid: Decision }): Record<BenefitCode, Decision> {
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
    nationalGrantTuitionWaiver: nationalGrantTuitionWaiver(ctx),
  };
}

/** An evaluate function over the given rule tables (the tests pass mutated copies). */
export function createEvaluator(tables: RuleTables): Evaluator {
  return (input, asOf) => {
    const facts = parseFacts(input);
    const date = parseAsOf(asOf);
    checkFactsAgainstDate(facts, date);
    const ctx = buildContext(facts, date, tables);
    const term = policyTerm(date, tables);
    const medicalResult = medical(ctx);
    const { entitlements, conflicts } = applyStacking(baseDecisions(ctx, medicalResult), ctx);
    const placement = placementResponsibility(ctx);
    const reintegrationResult = reintegration(ctx);
    return {
      asOf: date,
      policy: { id: '沪府规〔2025〕11号', inForce: term.inForce, inForceFrom: tables.policyTerm.from, inForceTo: tables.policyTerm.to },
      age: ctx.age,
      eighteenthBirthday: dateOfAge(facts.birthDate, tables.adultAge, tables.ageCounting),
      categories: categoriesOf(ctx),
      specialChild: ctx.specialChild,
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
      warnings: [...(term.warning === null ? [] : [term.warning]), ...reintegrationWarnings(ctx)],
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

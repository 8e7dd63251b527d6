/**
 * 一(二): the disability benefits the policy pairs with the allowance. The policy names them (not
 * stacking: 困难残疾人生活补贴, 重残无业人员生活补助; stacking: 重度残疾人护理补贴) but leaves their own
 * conditions to their schemes; the minimal conditions read from their names are in READING.md.
 */
import { OUR_READING, adultIneligible, benefitName, eligible, ineligible } from './context';
import type { Decision, RuleContext } from './context';

export const DISABILITY_SUBSIDY_SENTENCE =
  '特殊儿童基本生活费与最低生活保障金、困难残疾人生活补贴、重残无业人员生活补助不叠加享受,符合条件的残疾儿童可同时享受重度残疾人护理补贴及康复救助等相关政策。';

function gradeText(ctx: RuleContext): string {
  return ctx.facts.disability === null ? '无残疾' : `${ctx.facts.disability.grade}级残疾`;
}

function hardship(ctx: RuleContext): string | null {
  const { family } = ctx.facts;
  if (ctx.specialChild || ctx.treatedAsInstitutionalOrphan) return '属特殊儿童';
  if (family.extremePoverty) return '家庭符合特困条件';
  if (family.minimumLivingSecurity) return '低保家庭';
  if (family.lowIncomeEdge) return '低保边缘家庭';
  if (family.economicHardship) return '家庭经济困难';
  return null;
}

/** 困难残疾人生活补贴: a disabled child in hardship (special child, 特困, 低保, 低保边缘 or economic hardship). */
export function disabledLivingSubsidy(ctx: RuleContext): Decision {
  if (ctx.facts.disability === null) return ineligible('一(二)', '无残疾，不享受困难残疾人生活补贴。');
  if (ctx.adult) return adultIneligible(ctx, '一(二)', benefitName('disabledLivingSubsidy'));
  const why = hardship(ctx);
  if (why === null) {
    return ineligible('一(二)', `${gradeText(ctx)}，但非特殊儿童且家庭无经济困难，不属困难残疾人，条件按该补贴名称理解${OUR_READING}。`);
  }
  return eligible('一(二)', `${gradeText(ctx)}且${why}，属困难残疾人，条件按该补贴名称理解${OUR_READING}。`);
}

/** 重残无业人员生活补助: a severely disabled (grade 1–2) child. */
export function severeDisabilityUnemployedSubsidy(ctx: RuleContext): Decision {
  if (ctx.severelyDisabled && ctx.adult) return adultIneligible(ctx, '一(二)', benefitName('severeDisabilityUnemployedSubsidy'));
  if (ctx.severelyDisabled) return eligible('一(二)', `${gradeText(ctx)}，属重残：重残按一、二级${OUR_READING}。`);
  if (ctx.facts.disability === null) return ineligible('一(二)', '无残疾，不享受重残无业人员生活补助。');
  return ineligible('一(二)', `${gradeText(ctx)}，非重残：重残按一、二级${OUR_READING}，不享受重残无业人员生活补助。`);
}

/** 重度残疾人护理补贴: a severely disabled (grade 1–2) child; it stacks with the allowance. */
export function severeDisabilityNursingSubsidy(ctx: RuleContext): Decision {
  if (ctx.severelyDisabled && ctx.adult) return adultIneligible(ctx, '一(二)', benefitName('severeDisabilityNursingSubsidy'));
  if (ctx.severelyDisabled) {
    return eligible('一(二)', `${gradeText(ctx)}，属重度残疾：重度残疾按一、二级${OUR_READING}；“符合条件的残疾儿童可同时享受重度残疾人护理补贴”。`);
  }
  if (ctx.facts.disability === null) return ineligible('一(二)', '无残疾，不享受重度残疾人护理补贴。');
  return ineligible('一(二)', `${gradeText(ctx)}，非重度残疾：重度残疾按一、二级${OUR_READING}，不享受重度残疾人护理补贴。`);
}

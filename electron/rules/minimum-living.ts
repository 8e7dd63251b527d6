/** 一(一)/一(二): minimum living security (低保) for children in difficulty. */
import { OUR_READING, adultIneligible, benefitName, eligible, ineligible } from './context';
import type { Decision, RuleContext } from './context';

export const MINIMUM_LIVING_SENTENCES = {
  singleHousehold: '最低生活保障边缘家庭中的重病、重残儿童参照单人户纳入最低生活保障范围。',
  supporterAble:
    '将法定抚养人有抚养能力但家庭经济困难、符合最低生活保障条件的困境儿童纳入保障范围,并适当提高对其救助水平。',
} as const;

/**
 * 一(一): a seriously ill or severely disabled (grade 1–2) child of a 低保边缘 family counts as a
 * single-person household — a child: under 18 only (RULES.md round 2).
 */
export function minimumLivingAsSingleHousehold(ctx: RuleContext): boolean {
  return !ctx.adult && ctx.facts.family.lowIncomeEdge && (ctx.facts.seriousIllness || ctx.severelyDisabled);
}

/** 一(二): the able-supporter 低保 family, whose child is due 适当提高对其救助水平 (under 18). */
export function minimumLivingRaisedLevel(ctx: RuleContext): boolean {
  return !ctx.adult && ctx.facts.family.legalSupporterAble && ctx.facts.family.minimumLivingSecurity;
}

function illnessOrDisability(ctx: RuleContext): string {
  const parts: string[] = [];
  if (ctx.facts.seriousIllness) parts.push('患重病');
  if (ctx.severelyDisabled && ctx.facts.disability !== null) parts.push(`${ctx.facts.disability.grade}级残疾，属重残：重残按一、二级${OUR_READING}`);
  return parts.join('且');
}

/** 最低生活保障金: 一(二)'s able-supporter 低保 family, or 一(一)'s single-person household; children only. */
export function minimumLivingAllowance(ctx: RuleContext): Decision {
  const { family } = ctx.facts;
  if (ctx.adult) return adultIneligible(ctx, family.lowIncomeEdge ? '一(一)' : '一(二)', `${benefitName('minimumLivingAllowance')}（含参照单人户纳入低保）`);
  if (minimumLivingRaisedLevel(ctx)) {
    return eligible('一(二)', '法定抚养人有抚养能力，但家庭经济困难、符合最低生活保障条件，纳入保障范围，并适当提高对其救助水平。');
  }
  if (minimumLivingAsSingleHousehold(ctx)) {
    return eligible('一(一)', `最低生活保障边缘家庭，儿童${illnessOrDisability(ctx)}，参照单人户纳入最低生活保障范围。`);
  }
  if (family.minimumLivingSecurity) {
    // The sentence covers a child whose supporter is able; for a child without one the policy's next
    // sentence opens 特困 support. The text does not say such a child is refused 低保.
    return ineligible(
      '一(二)',
      `家庭符合最低生活保障条件，但法定抚养人无抚养能力（或无法定抚养人），不属“法定抚养人有抚养能力但家庭经济困难、符合最低生活保障条件的困境儿童”；按一(二)下一句指向${benefitName('extremePovertySupport')}，不在本条认定低保${OUR_READING}。`,
    );
  }
  if (family.lowIncomeEdge) {
    const grade = ctx.facts.disability === null ? '无残疾' : `${ctx.facts.disability.grade}级残疾`;
    return ineligible('一(一)', `最低生活保障边缘家庭，但儿童未患重病且非重残（${grade}），重残按一、二级${OUR_READING}，不参照单人户纳入最低生活保障范围。`);
  }
  return ineligible('一(二)', '家庭不符合最低生活保障条件，也非最低生活保障边缘家庭。');
}

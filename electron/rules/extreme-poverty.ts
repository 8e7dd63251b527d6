/** 一(二): extreme-poverty support (特困人员救助供养) and temporary aid (临时救助). */
import { OUR_READING, adultIneligible, benefitName, eligible, ineligible } from './context';
import type { Decision, RuleContext } from './context';
import { isChildInDifficulty } from './categories';

export const EXTREME_POVERTY_SENTENCES = {
  extremePoverty:
    '无劳动能力、无生活来源、无法定抚养人或法定抚养人无抚养能力的困境儿童,可纳入特困人员救助供养范围予以救助。',
  temporaryAid: '对遭遇突发性、紧迫性、临时性基本生活困难家庭的困境儿童,及时提供临时救助。',
} as const;

/**
 * 特困人员救助供养: a child (under 18) with no legal supporter able to support them, or whose 特困
 * conditions are determined. A child has no ability to work; ChildFacts has no income fact, so no able
 * supporter stands for 无生活来源 (this system's reading, said in the reason).
 */
export function extremePovertySupport(ctx: RuleContext): Decision {
  const { family } = ctx.facts;
  if (ctx.adult) return adultIneligible(ctx, '一(二)', benefitName('extremePovertySupport'));
  if (!family.legalSupporterAble) {
    return eligible(
      '一(二)',
      `未成年人无劳动能力，无法定抚养人或法定抚养人无抚养能力，按无生活来源${OUR_READING}，属“无劳动能力、无生活来源、无法定抚养人或法定抚养人无抚养能力的困境儿童”，可纳入特困人员救助供养范围。`,
    );
  }
  if (family.extremePoverty) {
    return eligible('一(二)', '经认定符合特困人员救助供养条件（无劳动能力、无生活来源、无法定抚养人或法定抚养人无抚养能力），可纳入特困人员救助供养范围。');
  }
  return ineligible('一(二)', '法定抚养人有抚养能力，且未认定符合特困人员救助供养条件（无劳动能力、无生活来源、无法定抚养人或法定抚养人无抚养能力）。');
}

/** 临时救助: the family meets a sudden, urgent, temporary hardship (a child under 18). */
export function temporaryAid(ctx: RuleContext): Decision {
  if (!ctx.facts.family.suddenHardship) return ineligible('一(二)', '家庭未遭遇突发性、紧迫性、临时性基本生活困难。');
  if (ctx.adult) return adultIneligible(ctx, '一(二)', benefitName('temporaryAid'));
  const noCategory = isChildInDifficulty(ctx) ? '' : `；虽不属序言所列类别，遭遇此类困难家庭的儿童按困境儿童对待${OUR_READING}`;
  return eligible('一(二)', `家庭遭遇突发性、紧迫性、临时性基本生活困难${noCategory}，及时提供临时救助。`);
}

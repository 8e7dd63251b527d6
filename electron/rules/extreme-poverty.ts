/** 一(二): extreme-poverty support (特困人员救助供养) and temporary aid (临时救助). */
import { eligible, ineligible } from './context';
import type { Decision, RuleContext } from './context';

export const EXTREME_POVERTY_SENTENCES = {
  extremePoverty:
    '无劳动能力、无生活来源、无法定抚养人或法定抚养人无抚养能力的困境儿童,可纳入特困人员救助供养范围予以救助。',
  temporaryAid: '对遭遇突发性、紧迫性、临时性基本生活困难家庭的困境儿童,及时提供临时救助。',
} as const;

/** 特困人员救助供养: no legal supporter able to support the child, or 特困 conditions otherwise established. */
export function extremePovertySupport(ctx: RuleContext): Decision {
  const { family } = ctx.facts;
  if (!family.legalSupporterAble) {
    return eligible('一(二)', '无法定抚养人或法定抚养人无抚养能力，可纳入特困人员救助供养范围。');
  }
  if (family.extremePoverty) {
    return eligible('一(二)', '经认定符合特困人员救助供养条件，可纳入特困人员救助供养范围。');
  }
  return ineligible('一(二)', '法定抚养人有抚养能力，且未认定符合特困供养条件。');
}

/** 临时救助: the family meets a sudden, urgent, temporary hardship. */
export function temporaryAid(ctx: RuleContext): Decision {
  if (ctx.facts.family.suddenHardship) {
    return eligible('一(二)', '家庭遭遇突发性、紧迫性、临时性基本生活困难，及时提供临时救助。');
  }
  return ineligible('一(二)', '家庭未遭遇突发性、紧迫性、临时性基本生活困难。');
}

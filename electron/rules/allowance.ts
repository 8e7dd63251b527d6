/** 一(一): the special children's basic living allowance (基本生活费), and its continuation past 18. */
import { OUR_READING, assertNever, ageParen, eligible, ineligible, specialChildWho, stageText } from './context';
import type { Decision, RuleContext } from './context';

export const ALLOWANCE_SENTENCES = {
  who: '健全我市孤儿、监护缺失或监护不当儿童(即原“困境儿童基本生活保障对象”)等特殊儿童基本生活保障标准动态调整机制,依据我市城市居民家庭人均消费支出,结合儿童基本生活需求,合理确定保障标准。',
  continuation:
    '年满18周岁仍在义务教育阶段就读,或在学制规定年限内仍在全日制高中阶段(普通高中教育、中等职业教育)和全日制大学阶段(本科、高等职业教育)就读的,可继续享受基本生活费。',
  courtAppointed: '经人民法院指定市民政部门或市级儿童福利机构担任监护人的未成年人,参照本意见规定的机构养育孤儿政策执行。',
} as const;

/** 基本生活费: a special child (or one treated as an institutional orphan) under 18, or past 18 while studying as 一(一) says. */
export function basicLivingAllowance(ctx: RuleContext): Decision {
  const who = specialChildWho(ctx);
  const adultAge = ctx.tables.adultAge;
  if (who === null) {
    return ineligible('一(一)', '非孤儿、非监护缺失或监护不当儿童，也无法院指定的监护，不属于特殊儿童，不享受基本生活费。');
  }
  if (ctx.age < adultAge) {
    return eligible('一(一)', `${who}，未满${adultAge}周岁${ageParen(ctx)}，享受特殊儿童基本生活费。`);
  }
  const { stage, fullTime, withinStandardDuration } = ctx.facts.education;
  const adult = `${who}，已满${adultAge}周岁${ageParen(ctx)}`;
  const rule = ctx.tables.allowanceAfterAdultAge[stage];
  switch (rule) {
    case 'continues':
      return eligible('一(一)', `${adult}，仍在义务教育阶段就读，不问是否全日制、是否在学制规定年限内${OUR_READING}，可继续享受基本生活费。`);
    case 'continuesIfFullTimeWithinDuration': {
      if (fullTime && withinStandardDuration) {
        return eligible('一(一)', `${adult}，在学制规定年限内全日制就读${stageText(ctx)}，可继续享受基本生活费。`);
      }
      const why = [fullTime ? null : '非全日制', withinStandardDuration ? null : '已超出学制规定年限']
        .filter((s): s is string => s !== null)
        .join('且');
      return ineligible('一(一)', `${adult}，就读${stageText(ctx)}但${why}，不再享受基本生活费。`);
    }
    case 'stops':
      return ineligible(
        '一(一)',
        `${adult}，${stage === 'finished' ? '已完成学业' : `教育状况为「${stageText(ctx)}」，未在义务教育、高中阶段或大学阶段就读`}，不再享受基本生活费。`,
      );
    default:
      return assertNever(rule);
  }
}

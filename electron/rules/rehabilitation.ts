/** 二(七): rehabilitation aid (康复救助) for disabled and autistic children. */
import { ageText, eligible, ineligible } from './context';
import type { Decision, RuleContext } from './context';

export const REHABILITATION_SENTENCES = {
  disabled: '完善残疾儿童康复救助制度,加大康复设施设备资源整合与升级投入力度,为残疾儿童提供手术、康复辅助器具配置和康复训练等服务,确保符合条件的残疾儿童可享受康复救助政策。',
  autism: '建立健全孤独症儿童筛查、评估、诊治、干预、康复、照料等全链条关爱服务体系。',
} as const;

/** 康复救助: a disabled or autistic child (under 18). */
export function rehabilitationAid(ctx: RuleContext): Decision {
  const limit = ctx.tables.rehabilitationAgeLimit;
  const { disability, autism } = ctx.facts;
  const who = [disability === null ? null : `${disability.grade}级残疾`, autism ? '孤独症' : null]
    .filter((s): s is string => s !== null)
    .join('、');
  if (who === '') return ineligible('二(七)', '无残疾，也非孤独症儿童，不享受残疾儿童康复救助。');
  if (ctx.age >= limit) {
    return ineligible('二(七)', `${who}，但已满${limit}周岁（${ageText(ctx)}），不属残疾儿童康复救助对象。`);
  }
  return eligible('二(七)', `${who}儿童，未满${limit}周岁（${ageText(ctx)}），可享受康复救助（手术、康复辅助器具配置、康复训练）。`);
}

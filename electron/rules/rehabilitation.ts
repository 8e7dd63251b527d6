/** 二(七): rehabilitation aid (康复救助) for disabled and autistic children. */
import { OUR_READING, adultIneligible, eligible, ineligible } from './context';
import type { Decision, RuleContext } from './context';

export const REHABILITATION_SENTENCES = {
  disabled: '完善残疾儿童康复救助制度,加大康复设施设备资源整合与升级投入力度,为残疾儿童提供手术、康复辅助器具配置和康复训练等服务,确保符合条件的残疾儿童可享受康复救助政策。',
  autism: '建立健全孤独症儿童筛查、评估、诊治、干预、康复、照料等全链条关爱服务体系。',
} as const;

/**
 * 康复救助: a disabled or autistic child (under 18). A disabled child's aid is the 残疾儿童 sentence
 * (手术、康复辅助器具配置和康复训练); an autistic child's is the autism sentence's chain (筛查…照料), whose
 * 康复 this system reads as rehabilitation aid.
 */
export function rehabilitationAid(ctx: RuleContext): Decision {
  const { disability, autism } = ctx.facts;
  if (disability === null && !autism) return ineligible('二(七)', '无残疾，也非孤独症儿童，不享受残疾儿童康复救助。');
  if (ctx.age >= ctx.tables.rehabilitationAgeLimit) return adultIneligible(ctx, '二(七)', '康复救助');
  const parts: string[] = [];
  if (disability !== null) {
    parts.push(`${disability.grade}级残疾儿童，“确保符合条件的残疾儿童可享受康复救助政策”（手术、康复辅助器具配置和康复训练等服务）`);
  }
  if (autism) {
    parts.push(`孤独症儿童，纳入“筛查、评估、诊治、干预、康复、照料等全链条关爱服务体系”，其中的康复按康复救助办理${OUR_READING}`);
  }
  return eligible('二(七)', `${parts.join('；')}。`);
}

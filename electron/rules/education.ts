/** 三(九)/三(十): student financial aid, national grant and tuition waiver. */
import { CATEGORY_LABELS_ZH } from '../../shared/domain/rules-types';
import { categoriesOf } from './categories';
import { OUR_READING, adultIneligible, benefitName, eligible, ineligible, stageText } from './context';
import type { Decision, RuleContext } from './context';

export const EDUCATION_SENTENCES = {
  everyStage:
    '将孤儿、监护缺失或监护不当儿童、家庭经济困难儿童纳入各教育阶段资助范围,资助办法按照我市中小学幼儿园和普通高等学校学生资助的有关规定执行。',
  disabled: '按照规定对符合条件的残疾儿童实施从学前到高中阶段的学生资助。',
  seniorSecondary: '符合条件的普通高中、中等职业学校在读困境儿童,按照规定发放国家助学金、免除学费等费用。',
} as const;

/** Who the child is among 三(十)'s orphans and guardianship-missing/improper children (and those treated as institutional orphans). */
function orphanOrGuardianshipGroup(ctx: RuleContext): string | null {
  const parts: string[] = [];
  if (ctx.orphanByAbandonment) parts.push(`经公安部门确认的弃婴、弃儿，按孤儿${OUR_READING}`);
  else if (ctx.orphan) parts.push('孤儿');
  if (ctx.facts.guardianship === 'missing') parts.push('监护缺失儿童');
  if (ctx.facts.guardianship === 'improper') parts.push('监护不当儿童');
  if (parts.length === 0 && ctx.treatedAsInstitutionalOrphan) parts.push('经法院指定监护、参照机构养育孤儿政策执行的未成年人');
  return parts.length === 0 ? null : parts.join('、');
}

/**
 * 各教育阶段资助: orphans, guardianship missing/improper, economic hardship at every stage; disabled
 * children preschool→senior secondary. From 18 only the first group keeps it, at every stage (tertiary
 * included): RULES.md round 2.
 */
export function educationAid(ctx: RuleContext): Decision {
  const stage = ctx.facts.education.stage;
  if (!ctx.studying) {
    return ineligible('三(十)', `教育状况为「${stageText(ctx)}」，未在学前至大学阶段就读，无学生资助。`);
  }
  const group = orphanOrGuardianshipGroup(ctx);
  if (ctx.adult) {
    if (group === null) return adultIneligible(ctx, ctx.facts.disability !== null && !ctx.facts.family.economicHardship ? '三(九)' : '三(十)', '学生资助');
    return eligible(
      '三(十)',
      `已满18周岁时为${group}，就读${stageText(ctx)}，“纳入各教育阶段资助范围”；成年后在读仍按各教育阶段资助${OUR_READING}。`,
    );
  }
  const everyStage = [group, ctx.facts.family.economicHardship ? '家庭经济困难儿童' : null].filter((s): s is string => s !== null).join('、');
  if (everyStage !== '') {
    return eligible('三(十)', `${everyStage}，就读${stageText(ctx)}，纳入各教育阶段资助范围。`);
  }
  if (ctx.facts.disability !== null) {
    if (ctx.tables.disabledEducationAidStages.includes(stage)) {
      return eligible('三(九)', `${ctx.facts.disability.grade}级残疾儿童，就读${stageText(ctx)}，属从学前到高中阶段的学生资助范围。`);
    }
    return ineligible('三(九)', `残疾儿童就读${stageText(ctx)}，超出从学前到高中阶段的资助范围，且非孤儿、监护缺失或监护不当、家庭经济困难儿童。`);
  }
  return ineligible('三(十)', '非孤儿、监护缺失或监护不当、家庭经济困难儿童，也非残疾儿童，不属学生资助对象。');
}

/**
 * 国家助学金及免学费: a child in difficulty (under 18) studying in senior high or secondary vocational
 * school. `inDifficultyWithout` names why a child in no preamble category is still a 困境儿童 in this
 * evaluation (admitted to 低保 or 特困 here), so that no reason calls the child 困境儿童 in one line and
 * not in another.
 */
export function nationalGrantTuitionWaiver(ctx: RuleContext, inDifficultyWithout: string | null = null): Decision {
  const stage = ctx.facts.education.stage;
  const categories = categoriesOf(ctx).map(({ code }) => CATEGORY_LABELS_ZH[code]);
  if (categories.length === 0 && ctx.treatedAsInstitutionalOrphan) categories.push('参照机构养育孤儿政策执行的未成年人');
  if (categories.length === 0 && inDifficultyWithout !== null) categories.push(inDifficultyWithout);
  if (!ctx.tables.seniorSecondaryStages.includes(stage)) {
    return ineligible('三(十)', `教育状况为「${stageText(ctx)}」，非普通高中或中等职业学校在读。`);
  }
  if (ctx.adult) return adultIneligible(ctx, '三(十)', benefitName('nationalGrantTuitionWaiver'));
  if (categories.length === 0) {
    return ineligible('三(十)', `就读${stageText(ctx)}，但不属序言所列任一类困境儿童，也未纳入特困供养或最低生活保障范围。`);
  }
  return eligible('三(十)', `${categories.join('、')}，在读${stageText(ctx)}，按规定发放国家助学金、免除学费。`);
}

/** 三(九)/三(十): student financial aid, national grant and tuition waiver. */
import { CATEGORY_LABELS_ZH } from '../../shared/domain/rules-types';
import { categoriesOf } from './categories';
import { eligible, ineligible, stageText } from './context';
import type { Decision, RuleContext } from './context';

export const EDUCATION_SENTENCES = {
  everyStage:
    '将孤儿、监护缺失或监护不当儿童、家庭经济困难儿童纳入各教育阶段资助范围,资助办法按照我市中小学幼儿园和普通高等学校学生资助的有关规定执行。',
  disabled: '按照规定对符合条件的残疾儿童实施从学前到高中阶段的学生资助。',
  seniorSecondary: '符合条件的普通高中、中等职业学校在读困境儿童,按照规定发放国家助学金、免除学费等费用。',
} as const;

function everyStageGroup(ctx: RuleContext): string | null {
  const parts: string[] = [];
  if (ctx.facts.orphan) parts.push('孤儿');
  if (ctx.facts.guardianship === 'missing') parts.push('监护缺失儿童');
  if (ctx.facts.guardianship === 'improper') parts.push('监护不当儿童');
  if (ctx.facts.family.economicHardship) parts.push('家庭经济困难儿童');
  if (parts.length === 0 && ctx.treatedAsInstitutionalOrphan) parts.push('参照机构养育孤儿的未成年人');
  return parts.length === 0 ? null : parts.join('、');
}

/** 各教育阶段资助: orphans, guardianship missing/improper, economic hardship at every stage; disabled children preschool→senior secondary. */
export function educationAid(ctx: RuleContext): Decision {
  const stage = ctx.facts.education.stage;
  if (!ctx.studying) {
    return ineligible('三(十)', `教育状况为“${stageText(ctx)}”，未在学前至大学阶段就读，无学生资助。`);
  }
  const group = everyStageGroup(ctx);
  if (group !== null) {
    return eligible('三(十)', `${group}，就读${stageText(ctx)}，纳入各教育阶段资助范围。`);
  }
  if (ctx.facts.disability !== null) {
    if (ctx.tables.disabledEducationAidStages.includes(stage)) {
      return eligible('三(九)', `${ctx.facts.disability.grade}级残疾儿童，就读${stageText(ctx)}，属从学前到高中阶段的学生资助范围。`);
    }
    return ineligible('三(九)', `残疾儿童就读${stageText(ctx)}，超出从学前到高中阶段的资助范围，且非孤儿、监护缺失或监护不当、家庭经济困难儿童。`);
  }
  return ineligible('三(十)', '非孤儿、监护缺失或监护不当、家庭经济困难儿童，也非残疾儿童，不属学生资助对象。');
}

/** 国家助学金及免学费: a child in difficulty (any category) studying in senior high or secondary vocational school. */
export function nationalGrantTuitionWaiver(ctx: RuleContext): Decision {
  const stage = ctx.facts.education.stage;
  const categories = categoriesOf(ctx).map(({ code }) => CATEGORY_LABELS_ZH[code]);
  if (categories.length === 0 && ctx.treatedAsInstitutionalOrphan) categories.push('参照机构养育孤儿的未成年人');
  if (!ctx.tables.seniorSecondaryStages.includes(stage)) {
    return ineligible('三(十)', `教育状况为“${stageText(ctx)}”，非普通高中或中等职业学校在读。`);
  }
  if (categories.length === 0) {
    return ineligible('三(十)', `就读${stageText(ctx)}，但不属困境儿童。`);
  }
  return eligible('三(十)', `${categories.join('、')}，在读${stageText(ctx)}，按规定发放国家助学金、免除学费。`);
}

/** 二(六): medical insurance premiums and medical aid for Shanghai-hukou children in difficulty. */
import type { Evaluation } from '../../shared/domain/rules-types';
import { OUR_READING, adultIneligible, eligible, ineligible } from './context';
import type { Decision, RuleContext } from './context';
import { minimumLivingAsSingleHousehold } from './minimum-living';

/**
 * "纳入特困供养或最低生活保障范围": this evaluation's own decisions on 特困 and 低保 (eligible, after
 * the non-stacking rules), so that the medical line never calls a child admitted to 低保 while the
 * 低保 line refuses it (RULES.md round 2: one evaluation never contradicts itself).
 */
export type Admitted = { extremePoverty: boolean; minimumLiving: boolean };

export const MEDICAL_SENTENCES = {
  covered:
    '对我市户籍社会散居孤儿、监护缺失或监护不当儿童、纳入特困供养或最低生活保障范围的困境儿童,全额资助其参加城乡居民基本医疗保险和少儿住院互助基金,对符合规定的医疗费用按照不低于70%的比例进行救助。',
  treatedAsMinimumLiving: '社会散居孤儿、监护缺失或监护不当儿童的医疗救助待遇参照我市最低生活保障家庭成员执行。',
} as const;

/** Why the child is in 二(六)'s group, whatever the hukou; null when not. */
function coveredGroup(ctx: RuleContext, admitted: Admitted): string | null {
  if (ctx.scatteredOrphan) return ctx.orphanByAbandonment ? `社会散居的弃婴、弃儿，按社会散居孤儿${OUR_READING}` : '社会散居孤儿';
  if (ctx.facts.guardianship === 'missing') return '监护缺失儿童';
  if (ctx.facts.guardianship === 'improper') return '监护不当儿童';
  const reading = `（本评估认定可纳入即视为已纳入）${OUR_READING}`;
  if (admitted.extremePoverty) return `纳入特困供养范围的困境儿童${reading}`;
  if (admitted.minimumLiving) {
    return minimumLivingAsSingleHousehold(ctx) ? `参照单人户纳入最低生活保障范围的困境儿童${reading}` : `纳入最低生活保障范围的困境儿童${reading}`;
  }
  return null;
}

export type MedicalResult = {
  summary: Evaluation['medical'];
  premium: Decision;
  aid: Decision;
};

/** Premium subsidy, medical aid (≥70%) and 低保-member treatment, with one reason for all three. */
export function medical(ctx: RuleContext, admitted: Admitted): MedicalResult {
  if (ctx.adult) {
    const premium = adultIneligible(ctx, '二(六)', '城乡居民基本医疗保险资助');
    const aid = adultIneligible(ctx, '二(六)', '医疗救助');
    return {
      summary: { premiumFullySubsidised: false, minAidRatio: null, treatedAsMinimumLivingFamily: false, clause: '二(六)', reason: premium.reason },
      premium,
      aid,
    };
  }
  const group = coveredGroup(ctx, admitted);
  const shanghai = ctx.facts.hukou === 'shanghai';
  const treatedAsMinimumLivingFamily = ctx.scatteredOrphan || ctx.guardianshipMissingOrImproper;
  const ratio = ctx.tables.medicalMinAidRatio;
  const percent = `${Math.round(ratio * 100)}%`;
  if (group !== null && shanghai) {
    const treated = treatedAsMinimumLivingFamily ? '；医疗救助待遇参照本市最低生活保障家庭成员执行' : '';
    const reason = `本市户籍${group}，全额资助参加城乡居民基本医疗保险和少儿住院互助基金，符合规定的医疗费用按不低于${percent}救助${treated}。`;
    return {
      summary: {
        premiumFullySubsidised: true,
        minAidRatio: ratio,
        treatedAsMinimumLivingFamily,
        clause: '二(六)',
        reason,
      },
      premium: eligible('二(六)', `本市户籍${group}，全额资助参加城乡居民基本医疗保险和少儿住院互助基金。`),
      aid: eligible('二(六)', `本市户籍${group}，符合规定的医疗费用按不低于${percent}的比例救助${treated}。`),
    };
  }
  const reason =
    group === null
      ? '非社会散居孤儿、非监护缺失或监护不当儿童，也未纳入特困供养或最低生活保障范围，不属二(六)分类救助对象。'
      : `${group}，但非本市户籍，不属“我市户籍”的二(六)全额资助及医疗救助对象（“稳妥落实符合条件的流动儿童参加我市城乡居民基本医疗保险”，见二(五)）。`;
  return {
    summary: {
      premiumFullySubsidised: false,
      minAidRatio: null,
      treatedAsMinimumLivingFamily,
      clause: '二(六)',
      reason,
    },
    premium: ineligible('二(六)', reason),
    aid: ineligible('二(六)', reason),
  };
}

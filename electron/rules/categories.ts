/** 序言: who is a child in difficulty (困境儿童), as category codes. */
import type { BenefitCode, CategoryCode, CategoryLine, Entitlement } from '../../shared/domain/rules-types';
import { OUR_READING } from './context';
import type { RuleContext } from './context';

export const CATEGORIES_SENTENCE =
  '困境儿童包括孤儿、监护缺失或监护不当儿童、残疾儿童、家庭经济困难儿童、生活就医就学等困难的流动儿童、留守儿童等。';

type CategoryTest = {
  code: CategoryCode;
  test: (ctx: RuleContext) => boolean;
  /** The zh-CN reason naming the deciding fact. */
  reason: (ctx: RuleContext) => string;
};

/** Each category with the fact that decides it, in the preamble's order. */
export const CATEGORY_TESTS: readonly CategoryTest[] = [
  {
    code: 'orphan',
    test: (ctx) => ctx.orphan,
    reason: (ctx) =>
      ctx.orphanByAbandonment
        ? `经查找无法找到法定监护人，被公安部门确认为弃婴、弃儿，查找不到生父母，按孤儿${OUR_READING}，属困境儿童中的孤儿。`
        : '经认定为孤儿，属困境儿童中的孤儿。',
  },
  {
    code: 'guardianshipMissing',
    test: (ctx) => ctx.facts.guardianship === 'missing',
    reason: () => '监护状况为监护缺失（含无法确定监护人），属监护缺失儿童。',
  },
  {
    code: 'guardianshipImproper',
    test: (ctx) => ctx.facts.guardianship === 'improper',
    reason: () => '监护状况为监护不当，属监护不当儿童。',
  },
  {
    code: 'disabled',
    test: (ctx) => ctx.facts.disability !== null,
    reason: (ctx) => `持有残疾等级${ctx.facts.disability?.grade ?? ''}级的残疾认定，属残疾儿童。`,
  },
  {
    code: 'economicHardship',
    test: (ctx) => ctx.facts.family.economicHardship,
    reason: () => '家庭经认定为经济困难，属家庭经济困难儿童。',
  },
  {
    code: 'migrant',
    test: (ctx) => ctx.facts.migrant,
    reason: () => '属生活、就医、就学等有困难的流动儿童。',
  },
  { code: 'leftBehind', test: (ctx) => ctx.facts.leftBehind, reason: () => '属留守儿童。' },
];

/** The categories that ground a line continuing past 18 (the allowance, 一(一); education aid, 三(十)). */
const CONTINUING_CATEGORIES: readonly CategoryCode[] = ['orphan', 'guardianshipMissing', 'guardianshipImproper'];
const CONTINUING_LINES: readonly BenefitCode[] = ['basicLivingAllowance', 'educationAid'];

/**
 * The child's categories, each citing the preamble with the fact that decided it. From 18 (RULES.md
 * round 2) a category is listed only while it still grounds a line that continues: with `entitlements`
 * given, an adult keeps orphan / guardianship missing / improper while the allowance or education aid is
 * not ineligible, and no other category.
 */
export function categoriesOf(ctx: RuleContext, entitlements?: Readonly<Record<BenefitCode, Entitlement>>): CategoryLine[] {
  const continuing =
    ctx.adult && entitlements !== undefined
      ? CONTINUING_LINES.some((code) => entitlements[code].status !== 'ineligible')
      : true;
  return CATEGORY_TESTS.filter(({ code, test }) => test(ctx) && (!ctx.adult || (continuing && CONTINUING_CATEGORIES.includes(code)))).map(
    ({ code, reason }) => ({
      code,
      clause: '序言',
      reason: ctx.adult ? `${reason(ctx).replace(/。$/, '')}；已满18周岁，因仍可享受的基本生活费或各教育阶段资助而列出。` : reason(ctx),
    }),
  );
}

/** Whether the child is a 困境儿童 at all (any category, or treated as an institutional orphan). */
export function isChildInDifficulty(ctx: RuleContext): boolean {
  return ctx.treatedAsInstitutionalOrphan || CATEGORY_TESTS.some(({ test }) => test(ctx));
}

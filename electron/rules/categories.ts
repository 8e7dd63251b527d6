/** 序言: who is a child in difficulty (困境儿童), as category codes. */
import type { CategoryCode, ClauseId } from '../../shared/domain/rules-types';
import type { RuleContext } from './context';

export const CATEGORIES_SENTENCE =
  '困境儿童包括孤儿、监护缺失或监护不当儿童、残疾儿童、家庭经济困难儿童、生活就医就学等困难的流动儿童、留守儿童等。';

/** Each category with the fact that decides it, in the preamble's order. */
export const CATEGORY_TESTS: readonly { code: CategoryCode; test: (ctx: RuleContext) => boolean }[] = [
  { code: 'orphan', test: (ctx) => ctx.facts.orphan },
  { code: 'guardianshipMissing', test: (ctx) => ctx.facts.guardianship === 'missing' },
  { code: 'guardianshipImproper', test: (ctx) => ctx.facts.guardianship === 'improper' },
  { code: 'disabled', test: (ctx) => ctx.facts.disability !== null },
  { code: 'economicHardship', test: (ctx) => ctx.facts.family.economicHardship },
  { code: 'migrant', test: (ctx) => ctx.facts.migrant },
  { code: 'leftBehind', test: (ctx) => ctx.facts.leftBehind },
];

/** The child's categories, each citing the preamble. */
export function categoriesOf(ctx: RuleContext): { code: CategoryCode; clause: ClauseId }[] {
  return CATEGORY_TESTS.filter(({ test }) => test(ctx)).map(({ code }) => ({ code, clause: '序言' }));
}

/** Whether the child is a 困境儿童 at all (any category, or treated as an institutional orphan). */
export function isChildInDifficulty(ctx: RuleContext): boolean {
  return ctx.treatedAsInstitutionalOrphan || CATEGORY_TESTS.some(({ test }) => test(ctx));
}

/**
 * 一(二): benefits that may not be received together. Turns an otherwise eligible benefit into
 * 'excluded' when a benefit it may not stack with is in `receiving`, and lists the received pairs that
 * conflict. The pairs are data in RULE_TABLES.nonStacking.
 */
import { BENEFIT_CODES } from '../../shared/domain/rules-types';
import type { BenefitCode, Conflict, Entitlement } from '../../shared/domain/rules-types';
import { assertNever, benefitName } from './context';
import type { Decision, RuleContext } from './context';
import type { NonStackingRule, NonStackingScope } from './tables';

/** Whether the pair applies to this child. */
export function scopeApplies(scope: NonStackingScope, ctx: RuleContext): boolean {
  switch (scope) {
    case 'always':
      return true;
    case 'scatteredOrphanOrGuardianshipMissingOrImproper':
      return ctx.scatteredOrphan || ctx.guardianshipMissingOrImproper;
    default:
      return assertNever(scope);
  }
}

function whyNotStacking(rule: NonStackingRule): string {
  const [kept, yields] = rule.codes;
  return rule.scope === 'always'
    ? `${benefitName(kept)}与${benefitName(yields)}不叠加享受`
    : `以社会散居孤儿、监护缺失或监护不当儿童身份选择申请${benefitName(kept)}的，不再享受${benefitName(yields)}`;
}

/** Applies the non-stacking pairs to the base decisions: the entitlements and the conflicts. */
export function applyStacking(
  base: Readonly<Record<BenefitCode, Decision>>,
  ctx: RuleContext,
): { entitlements: Record<BenefitCode, Entitlement>; conflicts: Conflict[] } {
  const excludedBy = new Map<BenefitCode, { by: BenefitCode; rule: NonStackingRule }[]>();
  const exclude = (code: BenefitCode, by: BenefitCode, rule: NonStackingRule): void => {
    excludedBy.set(code, [...(excludedBy.get(code) ?? []), { by, rule }]);
  };
  const conflicts: Conflict[] = [];
  const notes = new Map<BenefitCode, string[]>();

  for (const rule of ctx.tables.nonStacking) {
    if (!scopeApplies(rule.scope, ctx)) continue;
    const [kept, yields] = rule.codes;
    const hasKept = ctx.receiving.has(kept);
    const hasYields = ctx.receiving.has(yields);
    if (hasKept && hasYields) {
      conflicts.push({
        codes: [kept, yields],
        clause: rule.clause,
        reason: `同时领取${benefitName(kept)}与${benefitName(yields)}：${whyNotStacking(rule)}，应停发其一。`,
      });
    }
    // Only a benefit the child is still entitled to shuts out its partner; one received without
    // entitlement is reported in receivingIneligible instead.
    if (hasKept && base[kept].status === 'eligible' && base[yields].status === 'eligible') exclude(yields, kept, rule);
    if (hasYields && !hasKept && base[yields].status === 'eligible' && base[kept].status === 'eligible') {
      if (rule.excludesBothWays) {
        exclude(kept, yields, rule);
      } else {
        notes.set(kept, [...(notes.get(kept) ?? []), `正领取${benefitName(yields)}；${whyNotStacking(rule)}`]);
      }
    }
  }

  const entitlements = {} as Record<BenefitCode, Entitlement>;
  for (const code of BENEFIT_CODES) {
    const decision = base[code];
    const exclusions = excludedBy.get(code) ?? [];
    if (exclusions.length > 0) {
      const first = exclusions[0];
      const by = exclusions.map((e) => benefitName(e.by)).join('、');
      entitlements[code] = {
        status: 'excluded',
        clause: first.rule.clause,
        reason: `本可享受：${decision.reason.replace(/。$/, '')}；但正领取${by}，${exclusions.map((e) => whyNotStacking(e.rule)).join('；')}。`,
        excludedBy: exclusions.map((e) => e.by),
      };
      continue;
    }
    const extra = notes.get(code);
    entitlements[code] = {
      ...decision,
      reason: extra === undefined ? decision.reason : `${decision.reason.replace(/。$/, '')}（${extra.join('；')}）。`,
      excludedBy: [],
    };
  }
  return { entitlements, conflicts };
}

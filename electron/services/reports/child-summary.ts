/**
 * A child's one-page summary for print (issue 8): the roster line of today (identity, hukou,
 * categories, disability, placement, education, benefit — `rosterValues`, the same reading as the
 * children roster), the categories and today's entitlements with their clauses (the rules, through
 * `evaluateChild`, which audits the evaluation), and the rehabilitation plan in force in brief
 * (`rehabSummary`, as the reintegration dossier has it; only for those who may read rehabilitation).
 */
import type { ChannelOutput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { can } from '../../../shared/contract/permissions';
import { BENEFIT_LABELS_ZH, type BenefitCode, CATEGORY_LABELS_ZH } from '../../../shared/domain/rules-types';
import type { ServiceContext } from '../core/context';
import { evaluateChild } from '../eligibility/facts';
import { rosterValues } from '../ledgers/ledger-values';
import { loadRecord } from '../record/record-store';
import { rehabSummary } from '../rehab/rehab';
import { getSetting } from '../core/settings';

export function childSummary(ctx: ServiceContext, childId: number): ChannelOutput<'eligibility:summary'> {
  const asOf = ctx.clock.today();
  const record = loadRecord(ctx, childId, { forFacts: true });
  if (!record) throw new AppError('not_found', '未找到该儿童');
  if (record.child.birthDate > asOf) throw new AppError('conflict', '出生日期晚于今天，无法生成概况');
  const { evaluation } = evaluateChild(ctx, childId, asOf);
  return {
    asOf,
    institutionName: getSetting(ctx, 'institutionName', null as string | null),
    childId,
    values: rosterValues(record, asOf),
    categories: evaluation.categories.map((c) => ({ code: c.code, label: CATEGORY_LABELS_ZH[c.code], clause: c.clause })),
    entitlements: Object.entries(evaluation.entitlements)
      .filter(([, e]) => e.status === 'eligible')
      .map(([code, e]) => ({ code, label: BENEFIT_LABELS_ZH[code as BenefitCode], clause: e.clause, reason: e.reason })),
    rehabilitation: ctx.actor && can(ctx.actor.roles, 'rehab.read') ? rehabSummary(ctx, childId) : null,
  };
}

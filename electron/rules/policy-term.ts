/** The policy's term (its last paragraph): 本意见自2026年1月1日起施行,有效期至2030年12月31日. */
import { POLICY_DOCUMENT } from '../../shared/domain/clauses';
import { isWithin } from './dates';
import type { RuleTables } from './tables';

export const POLICY_TERM_SENTENCE = POLICY_DOCUMENT.termText;

/** Whether the policy is in force on `asOf`, and the warning to show when it is not (the rules still run). */
export function policyTerm(asOf: string, tables: RuleTables): { inForce: boolean; warning: string | null } {
  const { from, to } = tables.policyTerm;
  if (isWithin(asOf, from, to)) return { inForce: true, warning: null };
  const side = asOf < from ? '尚未施行' : '已过有效期';
  return {
    inForce: false,
    warning: `评估日期 ${asOf} 不在${POLICY_DOCUMENT.id}有效期（${from}至${to}）内，${side}；以下结果按该文件规则计算，仅供参考。`,
  };
}

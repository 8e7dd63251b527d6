import type { MedicalInsuranceRow } from '../../../shared/contract/record';
import type { Evaluation } from '../../../shared/domain/rules-types';

/**
 * The insurance entries of the evaluation's year recorded as fully funded (全额资助) while the
 * entitlements say the child is not covered by that funding (medicalInsurancePremium not eligible):
 * a record to check, shown beside the entry.
 */
export function fundedWithoutEntitlement(rows: readonly MedicalInsuranceRow[], evaluation: Pick<Evaluation, 'asOf' | 'entitlements'> | null | undefined): number[] {
  if (!evaluation) return [];
  const entitlement = evaluation.entitlements.medicalInsurancePremium;
  if (!entitlement || entitlement.status === 'eligible') return [];
  const year = Number(evaluation.asOf.slice(0, 4));
  return rows.filter((r) => r.voidedAt === null && r.year === year && r.premiumSubsidised).map((r) => r.id);
}

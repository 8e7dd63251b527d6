import { describe, expect, it } from 'vitest';
import type { MedicalInsuranceRow } from '../../../shared/contract/record';
import type { Entitlement } from '../../../shared/domain/rules-types';
import { fundedWithoutEntitlement } from './insurance-check';

const row = (id: number, year: number, premiumSubsidised: boolean, voidedAt: string | null = null): MedicalInsuranceRow => ({
  id,
  childId: 1,
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: 1,
  voidedAt,
  voidedBy: null,
  voidReason: null,
  year,
  enrolled: true,
  premiumSubsidised,
  note: null,
} as MedicalInsuranceRow);
const evaluation = (status: Entitlement['status']) => ({
  asOf: '2026-11-29',
  entitlements: { medicalInsurancePremium: { status, clause: '三(九)', reason: '', excludedBy: [] } } as unknown as Record<string, Entitlement>,
});

describe('医保 全额资助 against 待遇资格', () => {
  it('flags this year’s fully funded entry when the child is not covered', () => {
    const rows = [row(1, 2026, true), row(2, 2025, true), row(3, 2026, false), row(4, 2026, true, '2026-02-01T00:00:00Z')];
    expect(fundedWithoutEntitlement(rows, evaluation('ineligible') as never)).toEqual([1]);
  });
  it('flags nothing when the child is covered, or before the evaluation is known', () => {
    expect(fundedWithoutEntitlement([row(1, 2026, true)], evaluation('eligible') as never)).toEqual([]);
    expect(fundedWithoutEntitlement([row(1, 2026, true)], null)).toEqual([]);
  });
});

import type { StatusFact, StatusFactKind, StatusFactRow } from '../../../shared/contract/record';
import type { MessageKey } from '../../i18n';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Kinds whose value is yes or no. */
export const YES_NO_KINDS = ['policeAbandonmentConfirmation', 'legalSupporterAbility', 'suddenHardship', 'seriousIllness', 'autismDiagnosis', 'migrant', 'leftBehind'] as const;

export const FAMILY_INCOME_FLAGS = ['minimumLivingSecurity', 'lowIncomeEdge', 'extremePoverty', 'economicHardship'] as const;

export function isYesNoKind(kind: StatusFactKind | null): kind is (typeof YES_NO_KINDS)[number] {
  return (YES_NO_KINDS as readonly (string | null)[]).includes(kind);
}

/** A status fact's value in words: "父：死亡；母：查找不到", "是", "低保、特困". */
export function describeFact(fact: StatusFact, t: T): string {
  switch (fact.kind) {
    case 'parentsStatus':
      return t('record.facts.parentsValue', {
        father: t(`record.facts.parentStatuses.${fact.value.father}`),
        mother: t(`record.facts.parentStatuses.${fact.value.mother}`),
      });
    case 'guardianship':
      return t(`record.adequacy.${fact.value}`);
    case 'courtAppointment':
      return t(`record.facts.courtAppointed.${fact.value}`);
    case 'familyIncome': {
      const flags = FAMILY_INCOME_FLAGS.filter((f) => fact.value[f]).map((f) => t(`record.facts.income.${f}`));
      return flags.length > 0 ? flags.join(t('record.common.listSeparator')) : t('record.facts.income.none');
    }
    case 'policeAbandonmentConfirmation':
    case 'legalSupporterAbility':
    case 'suddenHardship':
    case 'seriousIllness':
    case 'autismDiagnosis':
    case 'migrant':
    case 'leftBehind':
      return fact.value ? t('record.common.yes') : t('record.common.no');
  }
}

/**
 * The facts in force on `day`, one per kind: the latest live fact effective on or before it, unless
 * its validity has passed (the reading the rules make, electron/services/eligibility/facts.ts).
 */
export function currentFactIds(rows: readonly StatusFactRow[], day: string): Set<number> {
  const best = new Map<StatusFactKind, StatusFactRow>();
  for (const row of rows) {
    if (row.voidedAt !== null || row.effectiveDate > day) continue;
    const b = best.get(row.fact.kind);
    if (!b || row.effectiveDate > b.effectiveDate || (row.effectiveDate === b.effectiveDate && row.id > b.id)) best.set(row.fact.kind, row);
  }
  return new Set([...best.values()].filter((r) => r.validUntil === null || r.validUntil >= day).map((r) => r.id));
}

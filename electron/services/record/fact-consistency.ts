/**
 * Contradictory facts are refused where they are entered (shared/RULES.md, round 2; issue 16): a new
 * status fact is checked against what the record already says on its effective date, and the
 * ValidationError names the form field that contradicts (`fact.value.extremePoverty`, `fact.value`).
 * Within one form the contract's schema refuses (低保 with 低保边缘, a court-appointed guardian with
 * guardianship missing); this file does the checks across facts.
 */
import { ValidationError } from '../../../shared/contract/errors';
import type { ChildRecord, StatusFact, StatusFactKind, StatusFactRow } from '../../../shared/contract/record';
import { covers } from './record-intervals';
import { live } from './record-store';

type FactOf<K extends StatusFactKind> = Extract<StatusFact, { kind: K }>;

/** The latest live fact of a kind in effect on `date` (not yet expired), or null. */
function factOn<K extends StatusFactKind>(rows: readonly StatusFactRow[], kind: K, date: string): { row: StatusFactRow; value: FactOf<K>['value'] } | null {
  let best: StatusFactRow | null = null;
  for (const row of live(rows)) {
    if (row.fact.kind !== kind || row.effectiveDate > date) continue;
    if (best === null || row.effectiveDate > best.effectiveDate || (row.effectiveDate === best.effectiveDate && row.id > best.id)) best = row;
  }
  if (best === null || (best.validUntil !== null && best.validUntil < date)) return null;
  return { row: best, value: best.fact.value as FactOf<K>['value'] };
}

/** A dated statement on the record; the later one stands. */
type Said<T> = { date: string; value: T } | null;
const later = <T>(a: Said<T>, b: Said<T>): Said<T> => (a === null ? b : b === null ? a : b.date >= a.date ? b : a);

/** Whether a court had appointed civil affairs or the municipal institution as guardian on `date`. */
function courtAppointedOn(record: Pick<ChildRecord, 'statusFacts' | 'guardianships'>, date: string): Said<boolean> {
  const fact = factOn(record.statusFacts, 'courtAppointment', date);
  const interval = live(record.guardianships).filter((g) => covers(g, date)).sort((a, b) => b.from.localeCompare(a.from))[0];
  return later<boolean>(
    interval ? { date: interval.from, value: interval.courtAppointed && (interval.guardianKind === 'civilAffairs' || interval.guardianKind === 'municipalInstitution') } : null,
    fact ? { date: fact.row.effectiveDate, value: fact.value !== 'none' } : null,
  );
}

/** Whether guardianship was recorded as missing on `date` (a determination or the guardianship in force). */
function guardianshipMissingOn(record: Pick<ChildRecord, 'statusFacts' | 'guardianships'>, date: string): Said<boolean> {
  const fact = factOn(record.statusFacts, 'guardianship', date);
  const interval = live(record.guardianships).filter((g) => covers(g, date)).sort((a, b) => b.from.localeCompare(a.from))[0];
  return later<boolean>(
    interval ? { date: interval.from, value: interval.adequacy === 'missing' } : null,
    fact ? { date: fact.row.effectiveDate, value: fact.value === 'missing' } : null,
  );
}

/** Refuses a new status fact that contradicts what the record says on its effective date. */
export function refuseContradictoryFact(record: Pick<ChildRecord, 'statusFacts' | 'guardianships'>, fact: StatusFact, date: string): void {
  switch (fact.kind) {
    case 'familyIncome': {
      const supporter = factOn(record.statusFacts, 'legalSupporterAbility', date);
      if (fact.value.extremePoverty && supporter?.value === true) {
        throw new ValidationError(
          'fact.value.extremePoverty',
          `档案记载自 ${supporter.row.effectiveDate} 起法定抚养人有抚养能力，与“特困”（无法定抚养人或法定抚养人无抚养能力）矛盾；如情况已变化，请先登记“法定抚养人抚养能力”为“否”`,
        );
      }
      return;
    }
    case 'legalSupporterAbility': {
      const income = factOn(record.statusFacts, 'familyIncome', date);
      if (fact.value && income?.value.extremePoverty) {
        throw new ValidationError(
          'fact.value',
          `档案记载自 ${income.row.effectiveDate} 起家庭符合特困条件，与“法定抚养人有抚养能力”矛盾；如情况已变化，请先登记新的家庭经济状况`,
        );
      }
      return;
    }
    case 'guardianship': {
      const court = courtAppointedOn(record, date);
      if (fact.value === 'missing' && court?.value) {
        throw new ValidationError(
          'fact.value',
          `档案记载自 ${court.date} 起由人民法院指定民政部门或市级儿童福利机构担任监护人，监护状况不能是“监护缺失”；如指定已撤销，请先登记“法院指定监护”为“无”`,
        );
      }
      return;
    }
    case 'courtAppointment': {
      const missing = guardianshipMissingOn(record, date);
      if (fact.value !== 'none' && missing?.value) {
        throw new ValidationError(
          'fact.value',
          `档案记载自 ${missing.date} 起监护缺失，与法院指定监护人矛盾；请先登记法院指定后的监护状况（正常或不当）`,
        );
      }
      return;
    }
    default:
      return;
  }
}

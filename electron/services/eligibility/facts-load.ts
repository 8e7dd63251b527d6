/**
 * The parts of many children's records the rules read (FactsRecord), in one query per table: only the
 * columns deriveFacts uses, in the order loadRecord gives. Reading every child's whole record for the
 * worklist, the category filter and "rules for every child" spent most of its time making strings the
 * rules never look at (evidence, notes, who wrote each row); these reads make only what is used.
 * For up to SELECTIVE_LOAD_MAX children only their rows are read; for more, whole tables.
 */
import type { SqliteDb } from '../../../db/open';
import { statusFactSchema } from '../../../shared/contract/record';
import type { FactsRecord } from './facts';
import type { ServiceContext } from '../core/context';
import { type ChildRow, SELECTIVE_LOAD_MAX } from '../record/record-store';


/** The columns of the children row the facts need (a ChildRow has them all). */
type FactsChild = Pick<ChildRow, 'id' | 'birthDate' | 'hukouKind' | 'idNumber' | 'admissionDate' | 'dischargeDate'>;

type Keyed = { childId: number };

/** Each table's query (without WHERE and ORDER BY) and order; columns are aliased to the record's names. */
const QUERIES = {
  statusFacts: {
    select: 'SELECT child_id AS childId, id, kind, value, effective_date AS effectiveDate, valid_until AS validUntil, voided_at AS voidedAt FROM child_status_facts',
    order: 'effective_date, id',
  },
  placements: { select: 'SELECT child_id AS childId, from_date AS "from", to_date AS "to", kind, voided_at AS voidedAt FROM placements', order: 'from_date, id' },
  guardianships: {
    select:
      'SELECT child_id AS childId, from_date AS "from", to_date AS "to", adequacy, court_appointed AS courtAppointed, guardian_kind AS guardianKind, voided_at AS voidedAt FROM guardianships',
    order: 'from_date, id',
  },
  disabilities: {
    select: 'SELECT child_id AS childId, from_date AS "from", to_date AS "to", issued_on AS issuedOn, valid_until AS validUntil, grade, category, voided_at AS voidedAt FROM disabilities',
    order: 'from_date, id',
  },
  education: {
    select:
      'SELECT child_id AS childId, id, enrolment_date AS enrolmentDate, actual_completion AS actualCompletion, expected_completion AS expectedCompletion, stage, full_time AS fullTime, standard_duration_years AS standardDurationYears, voided_at AS voidedAt FROM education_records',
    order: 'enrolment_date, id',
  },
  benefits: { select: 'SELECT child_id AS childId, from_date AS "from", to_date AS "to", code, voided_at AS voidedAt FROM benefits_received', order: 'from_date, id' },
  assessments: {
    select: 'SELECT child_id AS childId, assessed_on AS assessedOn, approved_at AS approvedAt, round, result, voided_at AS voidedAt FROM reintegration_assessments',
    order: 'assessed_on, id',
  },
  vocationalRehab: { select: 'SELECT child_id AS childId, completed_on AS completedOn, voided_at AS voidedAt FROM vocational_rehab', order: 'from_date, id' },
} as const;

type Table = keyof typeof QUERIES;

function readGrouped<T extends Keyed>(sqlite: SqliteDb, table: Table, ids: readonly number[] | null): Map<number, T[]> {
  const q = QUERIES[table];
  const where = ids === null ? '' : ` WHERE child_id IN (${ids.map(() => '?').join(', ')})`;
  const rows = sqlite.prepare(`${q.select}${where} ORDER BY ${q.order}`).all(...(ids ?? [])) as T[];
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const list = out.get(row.childId);
    if (list) list.push(row);
    else out.set(row.childId, [row]);
  }
  return out;
}

/** The facts-relevant record of each child in `childRows`, by id. */
export function loadFactsRecords(ctx: ServiceContext, childRows: readonly FactsChild[]): Map<number, FactsRecord> {
  const out = new Map<number, FactsRecord>();
  if (childRows.length === 0) return out;
  const ids = childRows.length <= SELECTIVE_LOAD_MAX ? [...new Set(childRows.map((c) => c.id))] : null;
  const { sqlite } = ctx;
  type Raw<K extends Exclude<keyof FactsRecord, 'child'>> = FactsRecord[K][number] & Keyed;
  const facts = readGrouped<Keyed & { id: number; kind: string; value: string; effectiveDate: string; validUntil: string | null; voidedAt: string | null }>(sqlite, 'statusFacts', ids);
  const placements = readGrouped<Raw<'placements'>>(sqlite, 'placements', ids);
  const guardianships = readGrouped<Omit<Raw<'guardianships'>, 'courtAppointed'> & { courtAppointed: number | boolean }>(sqlite, 'guardianships', ids);
  const disabilities = readGrouped<Raw<'disabilities'>>(sqlite, 'disabilities', ids);
  const education = readGrouped<Omit<Raw<'education'>, 'fullTime'> & { fullTime: number | boolean }>(sqlite, 'education', ids);
  const benefits = readGrouped<Raw<'benefits'>>(sqlite, 'benefits', ids);
  const assessments = readGrouped<Raw<'assessments'>>(sqlite, 'assessments', ids);
  const vocational = readGrouped<Raw<'vocationalRehab'>>(sqlite, 'vocationalRehab', ids);
  // Booleans are stored as 0/1 and the status fact's value as JSON checked by the contract's schema,
  // exactly as the drizzle columns decode them for loadRecord.
  for (const list of guardianships.values()) for (const g of list) g.courtAppointed = g.courtAppointed === 1 || g.courtAppointed === true;
  for (const list of education.values()) for (const e of list) e.fullTime = e.fullTime === 1 || e.fullTime === true;
  for (const child of childRows) {
    out.set(child.id, {
      child,
      statusFacts: (facts.get(child.id) ?? []).map((f) => ({
        id: f.id,
        fact: statusFactSchema.parse({ kind: f.kind, value: JSON.parse(f.value) as unknown }),
        effectiveDate: f.effectiveDate,
        validUntil: f.validUntil,
        voidedAt: f.voidedAt,
      })),
      placements: placements.get(child.id) ?? [],
      guardianships: (guardianships.get(child.id) ?? []) as FactsRecord['guardianships'],
      disabilities: disabilities.get(child.id) ?? [],
      education: (education.get(child.id) ?? []) as FactsRecord['education'],
      benefits: benefits.get(child.id) ?? [],
      assessments: assessments.get(child.id) ?? [],
      vocationalRehab: vocational.get(child.id) ?? [],
    });
  }
  return out;
}

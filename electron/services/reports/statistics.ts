/**
 * The statistics page (统计报表, policy 七(二十一)): counts of the children in care on the last day of a
 * period, the 18th birthdays per quarter, rehabilitation activity per therapist and month, and the
 * reintegration outcomes per year. Read from the record through the rules, the same reading as the
 * children list's filters; the reintegration cases through the board's own `pipeline`.
 */
import { AGE_BANDS, type AgeBand } from '../../../shared/contract/children';
import { type Statistics, type StatisticsInput, statisticsInputSchema } from '../../../shared/contract/reports';
import { DISTRICT_CODES } from '../../../shared/domain/districts';
import { CATEGORY_CODES, PLACEMENTS } from '../../../shared/domain/rules-types';
import { dateOfAge } from '../../rules';
import { appendAudit } from '../audit/audit';
import { ageBandBirthRange, categoriesByChild } from '../registry/children';
import { type ServiceContext, inTransaction } from '../core/context';
import { parseInput } from '../record/record-store';
import type { WorkerPool } from '../core/worker-pool';
import { peopleNames } from '../rehab/rehab-plans';
import { pipeline } from '../reintegration/reintegration';

type InCareRow = { id: number; birth_date: string; hukou_kind: string | null; hukou_district_code: string | null; placement: string | null };

function tally(keys: readonly string[], values: readonly string[]): { key: string; count: number }[] {
  const counts = new Map(keys.map((k) => [k, 0]));
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count }));
}

function ageBandOf(birthDate: string, on: string): AgeBand {
  return AGE_BANDS.find((band) => {
    const { after, onOrBefore } = ageBandBirthRange(band, on);
    return birthDate <= onOrBefore && (after === null || birthDate > after);
  })!;
}

function quarterOf(date: string): string {
  return `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Every quarter from the one holding `from` to the one holding `to`, so an empty quarter shows as 0. */
function quartersBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let year = Number(from.slice(0, 4));
  let q = Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1;
  const last = quarterOf(to);
  for (;;) {
    const key = `${year}Q${q}`;
    out.push(key);
    if (key === last || out.length > 400) return out;
    q += 1;
    if (q === 5) {
      q = 1;
      year += 1;
    }
  }
}

type YearOutcomes = Statistics['reintegration'][number];

/**
 * Reintegration outcomes per calendar year from `from` to `to` (each year listed, 0 when empty), counting
 * events dated within the period: closed cases are those the board shows as closed, by closing date.
 */
function reintegrationOutcomes(ctx: ServiceContext, from: string, to: string): YearOutcomes[] {
  const years = new Map<string, YearOutcomes>();
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y += 1) {
    years.set(String(y), { year: String(y), closed: 0, resettled: 0, transferred: 0, capable: 0, notCapable: 0 });
  }
  const bump = (date: string | null, key: Exclude<keyof YearOutcomes, 'year'>) => {
    if (date !== null && date >= from && date <= to) years.get(date.slice(0, 4))![key] += 1;
  };
  const closedByBoard = new Set(
    pipeline(ctx, {})
      .cases.filter((c) => c.stage === 'closed')
      .map((c) => c.id),
  );
  const cases = ctx.sqlite
    .prepare('SELECT id, closed_on, resettled_on, transferred_on FROM reintegration_cases WHERE voided_at IS NULL')
    .all() as { id: number; closed_on: string | null; resettled_on: string | null; transferred_on: string | null }[];
  for (const c of cases) {
    if (closedByBoard.has(c.id)) bump(c.closed_on, 'closed');
    bump(c.resettled_on, 'resettled');
    bump(c.transferred_on, 'transferred');
  }
  const decisions = ctx.sqlite
    .prepare('SELECT assessed_on, result FROM reintegration_assessments WHERE voided_at IS NULL AND approved_at IS NOT NULL')
    .all() as { assessed_on: string; result: 'capable' | 'notCapable' }[];
  for (const d of decisions) bump(d.assessed_on, d.result);
  return [...years.values()];
}

/** The figures of the statistics page for a period; the counts are as of its last day. Audited. */
export function statistics(ctx: ServiceContext, raw: StatisticsInput): Statistics {
  const { from, to } = parseInput(statisticsInputSchema, raw);
  const figures = computeStatistics(ctx, { from, to });
  inTransaction(ctx, () => appendAudit(ctx, { action: 'reports.read', entity: 'reports', detail: { from, to } }));
  return figures;
}

/** The same figures worked out in a worker on its own read connection; the audit line is written here. */
export async function statisticsOffThread(ctx: ServiceContext, raw: StatisticsInput, workers: WorkerPool): Promise<Statistics> {
  const { from, to } = parseInput(statisticsInputSchema, raw);
  const figures = await workers.run<Statistics>('reports.statistics', { from, to }, ctx.actor);
  inTransaction(ctx, () => appendAudit(ctx, { action: 'reports.read', entity: 'reports', detail: { from, to } }));
  return figures;
}

/** The figures only (reads; no audit line): here, or in a worker. */
export function computeStatistics(ctx: ServiceContext, { from, to }: { from: string; to: string }): Statistics {
  // In care on `to`: born and admitted by then, and not yet gone (the discharge date is the last day in care).
  const inCare = ctx.sqlite
    .prepare(
      `SELECT c.id, c.birth_date, c.hukou_kind, c.hukou_district_code,
              (SELECT p.kind FROM placements p WHERE p.child_id = c.id AND p.voided_at IS NULL AND p.from_date <= @to
                 AND (p.to_date IS NULL OR p.to_date >= @to) ORDER BY p.from_date DESC, p.id DESC LIMIT 1) AS placement
       FROM children c
       WHERE c.birth_date <= @to AND (c.admission_date IS NULL OR c.admission_date <= @to)
         AND (c.status = 'inCare' OR (c.discharge_date IS NOT NULL AND c.discharge_date >= @to))`,
    )
    .all({ to }) as InCareRow[];
  const categories = categoriesByChild(ctx, to);
  const districtOf = (r: InCareRow) => (r.hukou_kind === 'other' ? 'other' : r.hukou_district_code && (DISTRICT_CODES as readonly string[]).includes(r.hukou_district_code) ? r.hukou_district_code : 'unknown');

  const birthdays = (ctx.sqlite.prepare(`SELECT birth_date FROM children WHERE status = 'inCare'`).all() as { birth_date: string }[])
    .map((r) => dateOfAge(r.birth_date, 18))
    .filter((d) => d >= from && d <= to);

  const names = peopleNames(ctx);
  const rehab = (
    ctx.sqlite
      .prepare(
        `SELECT substr(s.session_on, 1, 7) AS month, s.therapist_id, sum(s.attended) AS sessions, sum(1 - s.attended) AS absences,
                coalesce(sum(s.minutes), 0) AS minutes, count(DISTINCT CASE WHEN s.attended = 1 THEN s.child_id END) AS children
         FROM rehab_sessions s
         WHERE s.voided_at IS NULL AND s.session_on BETWEEN ? AND ?
           AND NOT EXISTS (SELECT 1 FROM rehab_sessions a WHERE a.amends_session_id = s.id AND a.voided_at IS NULL)
         GROUP BY month, s.therapist_id ORDER BY month, s.therapist_id`,
      )
      .all(from, to) as { month: string; therapist_id: number | null; sessions: number; absences: number; minutes: number; children: number }[]
  ).map((r) => ({
    month: r.month,
    therapist: r.therapist_id === null ? null : (names.get(r.therapist_id) ?? `#${r.therapist_id}`),
    sessions: r.sessions,
    absences: r.absences,
    minutes: r.minutes,
    children: r.children,
  }));

  return {
    from,
    to,
    inCare: inCare.length,
    byCategory: tally(
      CATEGORY_CODES,
      inCare.flatMap((r) => categories.get(r.id) ?? []),
    ),
    byPlacement: tally([...PLACEMENTS, 'none'], inCare.map((r) => r.placement ?? 'none')),
    byAgeBand: tally(AGE_BANDS, inCare.map((r) => ageBandOf(r.birth_date, to))),
    byDistrict: tally([...DISTRICT_CODES, 'other', 'unknown'], inCare.map(districtOf)),
    turning18: tally(quartersBetween(from, to), birthdays.map(quarterOf)).map(({ key, count }) => ({ quarter: key, count })),
    rehab,
    reintegration: reintegrationOutcomes(ctx, from, to),
  };
}

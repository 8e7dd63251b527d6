import type { AgeBand, ChildCreateInput, ChildListInput, ChildSummary, DischargeReason, PlacementFilter } from '../../../shared/contract/children';
import { childCreateSchema, childListInputSchema, identityDateProblem } from '../../../shared/contract/children';
import type { z } from 'zod';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import { addYears } from '../../../shared/domain/dates';
import type { CategoryCode } from '../../../shared/domain/rules-types';
import { evaluate } from '../../rules';
import { appendAudit } from '../audit/audit';
import { childRowsFor, memoByChild, warmMemoOffThread } from '../record/child-memo';
import type { WorkerPool } from '../core/worker-pool';
import { type ServiceContext, inTransaction } from '../core/context';
import { deriveFacts } from '../eligibility/facts';
import { createLogger } from '../core/logger';
import { namePinyin, normalisePinyin } from '../record/pinyin';
import { parseInput } from '../record/record-store';
import { loadFactsRecords } from '../eligibility/facts-load';

const log = createLogger('children');

type ChildRow = {
  id: number;
  name: string;
  sex: 'male' | 'female';
  birth_date: string;
  id_number: string | null;
  status: 'inCare' | 'discharged' | 'archived';
  admission_date: string | null;
  created_at: string;
  /** Absent where only the identity columns were read. */
  discharge_date?: string | null;
  discharge_reason?: DischargeReason | null;
};

/** The identity columns, as registration reads them (the same at every schema level since the first). */
const IDENTITY_COLUMNS = 'id, name, sex, birth_date, id_number, status, admission_date, created_at';
const SUMMARY_COLUMNS = `${IDENTITY_COLUMNS}, discharge_date, discharge_reason`;

function toSummary(row: ChildRow): ChildSummary {
  return {
    id: row.id,
    name: row.name,
    sex: row.sex,
    birthDate: row.birth_date,
    idNumber: row.id_number,
    status: row.status,
    admissionDate: row.admission_date,
    createdAt: row.created_at,
    dischargeDate: row.discharge_date ?? null,
    dischargeReason: row.discharge_reason ?? null,
  };
}

/** The summary of one child by id, or undefined. */
export function findSummary(ctx: ServiceContext, id: number): ChildSummary | undefined {
  const row = ctx.sqlite.prepare(`SELECT ${SUMMARY_COLUMNS} FROM children WHERE id = ?`).get(id) as ChildRow | undefined;
  return row ? toSummary(row) : undefined;
}

const SORT_COLUMNS = {
  name: 'name_pinyin',
  birthDate: 'birth_date',
  admissionDate: 'admission_date',
  createdAt: 'id',
} as const;

/**
 * Builds the WHERE clause for a search: ID fragment, pinyin (full or initials) or Chinese characters. A
 * query without Chinese characters is pinyin, normalised exactly as the stored pinyin is (normalisePinyin:
 * spaces, tone marks and the spellings of ü do not matter); "lu" also finds a stored "lv", as most input
 * methods spell ü as u after l and n.
 */
function searchCondition(query: string): { sql: string; params: string[] } | null {
  const q = query.trim().toLowerCase();
  if (q === '') return null;
  if (/^[0-9x]+$/.test(q) && /\d/.test(q)) return { sql: 'id_number LIKE ?', params: [`%${q.toUpperCase()}%`] };
  if (!/\p{Script=Han}/u.test(q)) {
    const p = normalisePinyin(q);
    if (p !== '') {
      // A query that spells ü (as v, ü or u:) wants ü; one that does not may mean u or ü.
      const stored = p.includes('v') ? 'name_pinyin' : "replace(name_pinyin, 'v', 'u')";
      return { sql: `(name_initials LIKE ? OR ${stored} LIKE ?)`, params: [`${p}%`, `%${p}%`] };
    }
  }
  const escaped = q.replace(/[%_\\]/g, (c) => `\\${c}`);
  return { sql: "name LIKE ? ESCAPE '\\'", params: [`%${escaped}%`] };
}

const AGE_BAND_YEARS: Readonly<Record<AgeBand, { min: number; max: number | null }>> = {
  '0-2': { min: 0, max: 2 },
  '3-5': { min: 3, max: 5 },
  '6-11': { min: 6, max: 11 },
  '12-15': { min: 12, max: 15 },
  '16-17': { min: 16, max: 17 },
  '18+': { min: 18, max: null },
};

/**
 * The birth dates of the children whose age (周岁, as `ageOn` counts it) on `today` is in the band:
 * born after `after` (exclusive; null = no limit) and on or before `onOrBefore`.
 */
export function ageBandBirthRange(band: AgeBand, today: string): { after: string | null; onOrBefore: string } {
  const { min, max } = AGE_BAND_YEARS[band];
  // age ≥ min  ⇔  born on or before the latest birth date of that age; age ≤ max  ⇔  born after the
  // latest birth date of age max + 1.
  return { after: max === null ? null : latestBirthOfAge(today, max + 1), onOrBefore: latestBirthOfAge(today, min) };
}

/**
 * The latest birth date of someone who is `years` 周岁 on `today`: today − years, except that on 28
 * February of a common year a 29 February birth of a leap year has its birthday too (民法典 第二百零二条;
 * RULES.md round 2 — ageOn counts it so).
 */
function latestBirthOfAge(today: string, years: number): string {
  const date = addYears(today, -years);
  const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const year = Number(date.slice(0, 4));
  return today.endsWith('-02-28') && !isLeap(Number(today.slice(0, 4))) && isLeap(year) ? `${year}-02-29` : date;
}

/** SQL for the children whose current placement (covering `today`) is one of `kinds` ('none': no live placement covers today). */
function placementCondition(kinds: readonly PlacementFilter[], today: string): { sql: string; params: string[] } {
  const covering = `SELECT 1 FROM placements p WHERE p.child_id = children.id AND p.voided_at IS NULL AND p.from_date <= ? AND (p.to_date IS NULL OR p.to_date >= ?)`;
  const real = kinds.filter((k): k is Exclude<PlacementFilter, 'none'> => k !== 'none');
  const parts: string[] = [];
  const params: string[] = [];
  if (real.length > 0) {
    parts.push(`EXISTS (${covering} AND p.kind IN (${real.map(() => '?').join(', ')}))`);
    params.push(today, today, ...real);
  }
  if (kinds.includes('none')) {
    parts.push(`NOT EXISTS (${covering})`);
    params.push(today, today);
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}

/**
 * Every child's categories of children in difficulty (序言) on `today`, from the record through the
 * rules — the same reading as the eligibility tab. Worked out for all children at once (one query per
 * table), then again only for the children whose record changed (child-memo.ts).
 */
export function categoriesByChild(ctx: ServiceContext, today: string): ReadonlyMap<number, readonly CategoryCode[]> {
  return memoByChild(ctx, 'categories', today, (ids) => {
    const started = performance.now();
    const rows = childRowsFor(ctx, ids);
    const records = loadFactsRecords(ctx, rows);
    const byChild = new Map<number, readonly CategoryCode[]>();
    for (const row of rows) {
      // A child born after today (a mistyped birth date) has no categories yet.
      if (row.birthDate > today) continue;
      try {
        const { facts } = deriveFacts(records.get(row.id)!, today);
        byChild.set(row.id, evaluate(facts, today).categories.map((c) => c.code));
      } catch (error) {
        log.warn('categories not computed for a child', { childId: row.id, error: (error as Error).name });
      }
    }
    if (ids === null) log.info('categories computed', { children: rows.length, ms: Math.round(performance.now() - started) });
    return byChild;
  });
}

/** Every child's categories on `asOf` (a worker's task: reads only). */
export function categoryEntries(ctx: ServiceContext, asOf: string): [number, readonly CategoryCode[]][] {
  return [...categoriesByChild(ctx, asOf)];
}

/**
 * The list, its first read of the day filtered by category (the rules for every child, at scale) worked
 * out in a worker and kept as the memo (child-memo.ts).
 */
export async function listChildrenOffThread(ctx: ServiceContext, raw: ChildListInput, workers: WorkerPool, minChildren?: number): Promise<{ total: number; rows: ChildSummary[] }> {
  const input = childListInputSchema.parse(raw);
  if (input.categories.length > 0) await warmMemoOffThread(ctx, 'categories', ctx.clock.today(), 'categories.all', workers, minChildren);
  return listChildren(ctx, raw);
}

/** The ids of the children having at least one of `wanted` on `today`. */
function childrenInCategories(ctx: ServiceContext, wanted: readonly CategoryCode[], today: string): number[] {
  const set = new Set(wanted);
  const ids: number[] = [];
  for (const [id, codes] of categoriesByChild(ctx, today)) if (codes.some((c) => set.has(c))) ids.push(id);
  return ids;
}

/**
 * One page of the children list, with the total for the same search and filters. Each filter keeps
 * the children matching any of its values; categories, placement and age are as of today.
 */
export function listChildren(ctx: ServiceContext, rawInput: ChildListInput): { total: number; rows: ChildSummary[] } {
  const input = childListInputSchema.parse(rawInput);
  const { countSql, rowsSql, params } = childListQueries(ctx, input);
  const total = (ctx.sqlite.prepare(countSql).get(...params) as { n: number }).n;
  const rows = ctx.sqlite.prepare(rowsSql).all(...params, input.limit, input.offset) as ChildRow[];
  return { total, rows: rows.map(toSummary) };
}

/**
 * The list's two queries (how many match; one page of them, `LIMIT ? OFFSET ?` last) and their
 * parameters. A search looks at every child's name, pinyin or ID number (a LIKE the indexes cannot
 * answer), so with one the status is tested on the row (`+status`): one pass over the table, the few
 * matches sorted, instead of walking the status index and looking up each of thousands of children in
 * care one by one (several times slower at 10,000 children, on every search of every desk).
 */
export function childListQueries(ctx: ServiceContext, input: z.output<typeof childListInputSchema>): { countSql: string; rowsSql: string; params: (string | number)[] } {
  const today = ctx.clock.today();
  const where: string[] = [];
  const params: (string | number)[] = [];
  const search = searchCondition(input.query);
  if (input.status) {
    where.push(search ? '+status = ?' : 'status = ?');
    params.push(input.status);
  }
  if (search) {
    where.push(search.sql);
    params.push(...search.params);
  }
  if (input.ageBands.length > 0) {
    const ranges = input.ageBands.map((band) => ageBandBirthRange(band, today));
    where.push(`(${ranges.map((r) => (r.after === null ? '(birth_date <= ?)' : '(birth_date > ? AND birth_date <= ?)')).join(' OR ')})`);
    for (const r of ranges) params.push(...(r.after === null ? [r.onOrBefore] : [r.after, r.onOrBefore]));
  }
  if (input.districts.length > 0) {
    const codes = input.districts.filter((d) => d !== 'other');
    const parts: string[] = [];
    if (codes.length > 0) {
      parts.push(`(hukou_kind = 'shanghai' AND hukou_district_code IN (${codes.map(() => '?').join(', ')}))`);
      params.push(...codes);
    }
    if (input.districts.includes('other')) parts.push(`hukou_kind = 'other'`);
    where.push(`(${parts.join(' OR ')})`);
  }
  if (input.placements.length > 0) {
    const placement = placementCondition(input.placements, today);
    where.push(placement.sql);
    params.push(...placement.params);
  }
  if (input.categories.length > 0) {
    where.push('id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(childrenInCategories(ctx, input.categories, today)));
  }
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const order = `${SORT_COLUMNS[input.sort]} ${input.direction === 'desc' ? 'DESC' : 'ASC'}, id ASC`;
  return {
    countSql: `SELECT count(*) AS n FROM children ${whereSql}`,
    rowsSql: `SELECT ${SUMMARY_COLUMNS} FROM children ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    params,
  };
}

/** One child; audited as a read of the child's page. */
export function getChild(ctx: ServiceContext, id: number): ChildSummary {
  const child = findSummary(ctx, id);
  if (!child) throw new AppError('not_found', '未找到该儿童的档案');
  inTransaction(ctx, () => appendAudit(ctx, { action: 'child.read', entity: 'child', entityId: id, childId: id }));
  return child;
}

/**
 * Registers a child. The same ID number twice is refused; the same name or pinyin with the same
 * birth date is a `duplicate` warning carrying the existing record, unless confirmed.
 */
export function createChild(ctx: ServiceContext, rawInput: ChildCreateInput): ChildSummary {
  // Parsed into a field-named ValidationError (the import calls this directly, not through the router).
  const input = parseInput(childCreateSchema, rawInput);
  const dateProblem = identityDateProblem(input, ctx.clock.today());
  if (dateProblem) throw new ValidationError(dateProblem.field, dateProblem.message);
  const { full, initials } = namePinyin(input.name);
  return inTransaction(ctx, () => {
    if (input.idNumber) {
      const existing = ctx.sqlite.prepare(`SELECT ${IDENTITY_COLUMNS} FROM children WHERE id_number = ?`).get(input.idNumber) as ChildRow | undefined;
      if (existing) {
        throw new AppError('conflict', '该身份证号已登记', { field: 'idNumber', details: { existing: toSummary(existing) } });
      }
    }
    if (!input.confirmPossibleDuplicate) {
      const similar = ctx.sqlite
        .prepare(`SELECT ${IDENTITY_COLUMNS} FROM children WHERE birth_date = ? AND (name = ? OR name_pinyin = ?) LIMIT 5`)
        .all(input.birthDate, input.name, full) as ChildRow[];
      if (similar.length > 0) {
        throw new AppError('duplicate', '已有同名（或同音）且出生日期相同的儿童，请确认不是同一人', {
          field: 'name',
          details: { existing: similar.map(toSummary) },
        });
      }
    }
    const now = ctx.clock.now().toISOString();
    const info = ctx.sqlite
      .prepare(
        `INSERT INTO children (name, name_pinyin, name_initials, sex, birth_date, id_number, status, admission_date, ethnicity, hukou_kind, hukou_district_code, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'inCare', ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.name,
        full,
        initials,
        input.sex,
        input.birthDate,
        input.idNumber,
        input.admissionDate ?? null,
        input.ethnicity ?? null,
        input.hukouDistrictCode ? 'shanghai' : null,
        input.hukouDistrictCode ?? null,
        now,
        now,
      );
    const id = Number(info.lastInsertRowid);
    appendAudit(ctx, {
      action: 'child.create',
      entity: 'child',
      entityId: id,
      childId: id,
      detail: { fields: ['name', 'sex', 'birthDate', 'idNumber', 'admissionDate', ...(input.ethnicity ? ['ethnicity'] : []), ...(input.hukouDistrictCode ? ['hukouKind', 'hukouDistrictCode'] : [])] },
    });
    const row = ctx.sqlite.prepare(`SELECT ${IDENTITY_COLUMNS} FROM children WHERE id = ?`).get(id) as ChildRow;
    return toSummary(row);
  });
}

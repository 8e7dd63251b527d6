import type { ChildCreateInput, ChildListInput, ChildSummary } from '../../shared/contract/children';
import { childCreateSchema, childListInputSchema } from '../../shared/contract/children';
import { AppError } from '../../shared/contract/errors';
import { appendAudit } from './audit';
import { type ServiceContext, inTransaction } from './context';
import { namePinyin } from './pinyin';

type ChildRow = {
  id: number;
  name: string;
  sex: 'male' | 'female';
  birth_date: string;
  id_number: string | null;
  status: 'inCare' | 'discharged' | 'archived';
  admission_date: string | null;
  created_at: string;
};

const SUMMARY_COLUMNS = 'id, name, sex, birth_date, id_number, status, admission_date, created_at';

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
  };
}

const SORT_COLUMNS = {
  name: 'name_pinyin',
  birthDate: 'birth_date',
  admissionDate: 'admission_date',
  createdAt: 'id',
} as const;

/** Builds the WHERE clause for a search: ID fragment, pinyin (full or initials) or Chinese characters. */
export function searchCondition(query: string): { sql: string; params: string[] } | null {
  const q = query.trim().toLowerCase();
  if (q === '') return null;
  if (/^[0-9x]+$/.test(q) && /\d/.test(q)) return { sql: 'id_number LIKE ?', params: [`%${q.toUpperCase()}%`] };
  if (/^[a-z]+$/.test(q)) {
    return { sql: '(name_initials LIKE ? OR name_pinyin LIKE ?)', params: [`${q}%`, `%${q}%`] };
  }
  const escaped = q.replace(/[%_\\]/g, (c) => `\\${c}`);
  return { sql: "name LIKE ? ESCAPE '\\'", params: [`%${escaped}%`] };
}

/** One page of the children list, with the total for the same filters. */
export function listChildren(ctx: ServiceContext, rawInput: ChildListInput): { total: number; rows: ChildSummary[] } {
  const input = childListInputSchema.parse(rawInput);
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (input.status) {
    where.push('status = ?');
    params.push(input.status);
  }
  const search = searchCondition(input.query);
  if (search) {
    where.push(search.sql);
    params.push(...search.params);
  }
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const order = `${SORT_COLUMNS[input.sort]} ${input.direction === 'desc' ? 'DESC' : 'ASC'}, id ASC`;
  const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM children ${whereSql}`).get(...params) as { n: number }).n;
  const rows = ctx.sqlite
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM children ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...params, input.limit, input.offset) as ChildRow[];
  return { total, rows: rows.map(toSummary) };
}

/** One child; audited as a read of the child's page. */
export function getChild(ctx: ServiceContext, id: number): ChildSummary {
  const row = ctx.sqlite.prepare(`SELECT ${SUMMARY_COLUMNS} FROM children WHERE id = ?`).get(id) as ChildRow | undefined;
  if (!row) throw new AppError('not_found', '未找到该儿童的档案');
  inTransaction(ctx, () => appendAudit(ctx, { action: 'child.read', entity: 'child', entityId: id, childId: id }));
  return toSummary(row);
}

/**
 * Registers a child. The same ID number twice is refused; the same name or pinyin with the same
 * birth date is a `duplicate` warning carrying the existing record, unless confirmed.
 */
export function createChild(ctx: ServiceContext, rawInput: ChildCreateInput): ChildSummary {
  const input = childCreateSchema.parse(rawInput);
  const { full, initials } = namePinyin(input.name);
  return inTransaction(ctx, () => {
    if (input.idNumber) {
      const existing = ctx.sqlite.prepare(`SELECT ${SUMMARY_COLUMNS} FROM children WHERE id_number = ?`).get(input.idNumber) as ChildRow | undefined;
      if (existing) {
        throw new AppError('conflict', '该身份证号已登记', { field: 'idNumber', details: { existing: toSummary(existing) } });
      }
    }
    if (!input.confirmPossibleDuplicate) {
      const similar = ctx.sqlite
        .prepare(`SELECT ${SUMMARY_COLUMNS} FROM children WHERE birth_date = ? AND (name = ? OR name_pinyin = ?) LIMIT 5`)
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
        `INSERT INTO children (name, name_pinyin, name_initials, sex, birth_date, id_number, status, admission_date, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'inCare', ?, ?, ?)`,
      )
      .run(input.name, full, initials, input.sex, input.birthDate, input.idNumber, input.admissionDate ?? null, now, now);
    const id = Number(info.lastInsertRowid);
    appendAudit(ctx, {
      action: 'child.create',
      entity: 'child',
      entityId: id,
      childId: id,
      detail: { fields: ['name', 'sex', 'birthDate', 'idNumber', 'admissionDate'] },
    });
    const row = ctx.sqlite.prepare(`SELECT ${SUMMARY_COLUMNS} FROM children WHERE id = ?`).get(id) as ChildRow;
    return toSummary(row);
  });
}

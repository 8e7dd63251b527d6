import { createHash } from 'node:crypto';
import type { SqliteDb } from '../../../db/open';
import { PRINTABLE, type Printable } from '../../../shared/contract/audit';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import { type Permission, type Role, can } from '../../../shared/contract/permissions';
import { type ServiceContext, inTransaction } from '../core/context';

const GENESIS_HASH = '0'.repeat(64);

type AuditEntry = {
  action: string;
  entity?: string | null;
  entityId?: number | null;
  childId?: number | null;
  detail?: unknown;
};

type FieldChange = { field: string; before: unknown; after: unknown };

type AuditRow = {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string | null;
  entity_id: number | null;
  child_id: number | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
};

/** The hash of one row: SHA-256 over the previous hash and the row's content, in a fixed order. */
function auditRowHash(row: Omit<AuditRow, 'id' | 'hash'>): string {
  const canonical = JSON.stringify([
    row.prev_hash,
    row.at,
    row.user_id,
    row.username,
    row.action,
    row.entity,
    row.entity_id,
    row.child_id,
    row.detail,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one row to the audit trail, chained to the last. Call inside the write's transaction. */
export function appendAudit(ctx: Pick<ServiceContext, 'sqlite' | 'clock' | 'actor'>, entry: AuditEntry): void {
  const last = ctx.sqlite.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const row = {
    prev_hash: last?.hash ?? GENESIS_HASH,
    at: ctx.clock.now().toISOString(),
    user_id: ctx.actor?.userId ?? null,
    username: ctx.actor?.username ?? null,
    action: entry.action,
    entity: entry.entity ?? null,
    entity_id: entry.entityId ?? null,
    child_id: entry.childId ?? null,
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
  };
  const hash = auditRowHash(row);
  ctx.sqlite
    .prepare(
      `INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, child_id, detail, prev_hash, hash)
       VALUES (@at, @user_id, @username, @action, @entity, @entity_id, @child_id, @detail, @prev_hash, @hash)`,
    )
    .run({ ...row, hash });
}

/** Walks the chain from the first row; names the first row whose hash or link does not hold. */
export function verifyAuditChain(sqlite: SqliteDb): { ok: true; rows: number } | { ok: false; rows: number; firstBrokenId: number; reason: string } {
  let prev = GENESIS_HASH;
  let count = 0;
  for (const row of sqlite.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    count += 1;
    if (row.prev_hash !== prev) return { ok: false, rows: count, firstBrokenId: row.id, reason: '与上一行的链接不符' };
    const { id: _id, hash, ...rest } = row;
    if (auditRowHash(rest) !== hash) return { ok: false, rows: count, firstBrokenId: row.id, reason: '内容与其哈希不符（被改动）' };
    prev = hash;
  }
  return { ok: true, rows: count };
}

/** Lists the fields whose values differ between two versions of a record. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>, fields: string[]): FieldChange[] {
  return fields
    .filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    .map((f) => ({ field: f, before: before[f] ?? null, after: after[f] ?? null }));
}

/**
 * Parts of the file whose audit rows carry details only some may read, each with the permission that
 * reads them and the SQL that picks its rows (alias `a` for audit_log). One rule for every reader of
 * the trail: the audit page (audit:query) and a child's history (children:history).
 */
const RESTRICTED_ROWS = {
  /** The mental-health file (四(十二)): its checks, follow-ups, closes, voids, reads and prints. */
  mentalHealth: { permission: 'mentalHealth.read', sql: `(a.action LIKE 'mentalHealth%' OR (a.action = 'print' AND a.detail LIKE '%"mentalHealth"%'))` },
  /** Scanned documents: a title or kind ("精神科诊断报告") is itself sensitive, as are size and hash. */
  documents: { permission: 'documents.read', sql: `(a.entity = 'document' OR a.action LIKE 'document.%')` },
} as const satisfies Record<string, { permission: Permission; sql: string }>;

/** SQL true for the rows of that restricted part the person holding `roles` may not read ('0' when they may). */
export function restrictedRowsSql(roles: readonly Role[], part: keyof typeof RESTRICTED_ROWS): string {
  const rule = RESTRICTED_ROWS[part];
  return can(roles, rule.permission) ? '0' : rule.sql;
}

/** SQL true for every row whose details the person holding `roles` may not read, whatever the part. */
function hiddenDetailSql(roles: readonly Role[]): string {
  const parts = (Object.keys(RESTRICTED_ROWS) as (keyof typeof RESTRICTED_ROWS)[]).map((part) => restrictedRowsSql(roles, part)).filter((sql) => sql !== '0');
  return parts.length === 0 ? '0' : `(${parts.join(' OR ')})`;
}

/** A filter of the audit page; dates are calendar days in China time, both inclusive. */
type AuditQuery = {
  person?: number;
  childId?: number;
  action?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
};

type AuditView = {
  id: number;
  at: string;
  userId: number | null;
  who: string | null;
  username: string | null;
  action: string;
  entity: string | null;
  entityId: number | null;
  childId: number | null;
  childName: string | null;
  summary: string;
  restricted: boolean;
};

/** The first instant of a China-time calendar day, as the ISO string the rows store. */
function dayStart(isoDay: string, plusDays = 0): string {
  const d = new Date(`${isoDay}T00:00:00+08:00`);
  return new Date(d.getTime() + plusDays * 86_400_000).toISOString();
}

function shortValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** A one-line plain-text summary of a row's detail JSON: changed fields, or key=value pairs. */
function summarizeDetail(detail: string | null): string {
  if (detail === null) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return detail.slice(0, 200);
  }
  const changeList = (list: unknown[]) =>
    list.map((c: unknown) => {
      const change = c as { field?: unknown; before?: unknown; after?: unknown };
      return typeof change?.field === 'string' ? `${change.field}: ${shortValue(change.before)} → ${shortValue(change.after)}` : shortValue(c);
    });
  let text: string;
  if (Array.isArray(parsed)) {
    text = changeList(parsed).join('；');
  } else if (parsed !== null && typeof parsed === 'object') {
    const { changes, textFields, ...rest } = parsed as Record<string, unknown>;
    // Free text is never copied into the trail: `textFields` names the text fields written or changed.
    text = [
      ...(Array.isArray(changes) ? changeList(changes) : changes === undefined ? [] : [`changes=${shortValue(changes)}`]),
      ...Object.entries(rest).map(([k, v]) => `${k}=${shortValue(v)}`),
      ...(Array.isArray(textFields) ? textFields.map((f) => `${String(f)}（文字，未记入审计）`) : []),
    ].join('，');
  } else {
    text = shortValue(parsed);
  }
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/**
 * The audit trail newest first, filtered. `person` matches what the person did and what happened to
 * their account while nobody was signed in (failed logins, the lock). The details of rows of a restricted
 * part (RESTRICTED_ROWS) are left out for those who may not read that part. The first page of a query
 * is itself audited ('audit.read'), before reading, so paging stays stable.
 */
export function queryAudit(
  ctx: ServiceContext,
  query: AuditQuery,
): { total: number; rows: AuditView[]; actions: string[]; people: { id: number; name: string }[] } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (query.person !== undefined) {
    where.push("(a.user_id = @person OR (a.user_id IS NULL AND a.entity = 'user' AND a.entity_id = @person))");
    params.person = query.person;
  }
  if (query.childId !== undefined) {
    where.push('a.child_id = @childId');
    params.childId = query.childId;
  }
  if (query.action !== undefined) {
    if (query.action.endsWith('.')) {
      where.push("substr(a.action, 1, length(@action)) = @action");
    } else {
      where.push('a.action = @action');
    }
    params.action = query.action;
  }
  if (query.from !== undefined) {
    where.push('a.at >= @from');
    params.from = dayStart(query.from);
  }
  if (query.to !== undefined) {
    where.push('a.at < @to');
    params.to = dayStart(query.to, 1);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return ctx.sqlite.transaction(() => {
    if (query.offset === 0) {
      const filter = Object.fromEntries(Object.entries({ person: query.person, childId: query.childId, action: query.action, from: query.from, to: query.to }).filter(([, v]) => v !== undefined));
      appendAudit(ctx, { action: 'audit.read', detail: filter });
    }
    const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM audit_log a ${clause}`).get(params) as { n: number }).n;
    const raw = ctx.sqlite
      .prepare(
        `SELECT a.id, a.at, a.user_id, a.username, a.action, a.entity, a.entity_id, a.child_id, a.detail,
                u.display_name AS who, c.name AS child_name, ${hiddenDetailSql(ctx.actor?.roles ?? [])} AS restricted
           FROM audit_log a
           LEFT JOIN users u ON u.id = a.user_id
           LEFT JOIN children c ON c.id = a.child_id
           ${clause}
          ORDER BY a.id DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: query.limit, offset: query.offset }) as (Omit<AuditRow, 'prev_hash' | 'hash'> & { who: string | null; child_name: string | null; restricted: number })[];
    const rows = raw.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      who: r.who ?? r.username,
      username: r.username,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      childId: r.child_id,
      childName: r.child_name,
      // What was done, by whom, to which record stays; the details only for those who may read that part.
      summary: r.restricted ? '' : summarizeDetail(r.detail),
      restricted: r.restricted === 1,
    }));
    const actions = (ctx.sqlite.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').all() as { action: string }[]).map((r) => r.action);
    const people = (ctx.sqlite.prepare('SELECT id, display_name AS name FROM users ORDER BY lower(username)').all() as { id: number; name: string }[]);
    return { total, rows, actions, people };
  }).immediate();
}

/** Verifies the chain and records that it was verified (and the outcome). */
export function verifyAudit(ctx: ServiceContext): { ok: boolean; checked: number; firstBrokenId?: number; reason?: string } {
  const result = verifyAuditChain(ctx.sqlite);
  const out = result.ok
    ? { ok: true, checked: result.rows }
    : { ok: false, checked: result.rows, firstBrokenId: result.firstBrokenId, reason: result.reason };
  ctx.sqlite.transaction(() => appendAudit(ctx, { action: 'audit.verify', detail: out })).immediate();
  return out;
}

/**
 * A page printed by the signed-in person (the print dialog opens after this row is written). Refused:
 * a page the person may not read (`forbidden`), a child's page without a child or with one that does
 * not exist, a child given for a page that is not a child's (`invalid_input` / `not_found`).
 */
export function recordPrint(ctx: ServiceContext, what: Printable, childId?: number): null {
  const printable = PRINTABLE[what];
  if (!printable) throw new ValidationError('what', '不能打印该内容');
  if (!can(ctx.actor?.roles ?? [], printable.permission)) throw new AppError('forbidden', '没有打印该页面的权限', { field: 'what' });
  if (printable.child && childId === undefined) throw new ValidationError('childId', '请指明打印的是哪位儿童的页面');
  if (!printable.child && childId !== undefined) throw new ValidationError('childId', '该页面不属于某位儿童，不能指定儿童');
  inTransaction(ctx, () => {
    if (childId !== undefined && !ctx.sqlite.prepare('SELECT 1 FROM children WHERE id = ?').get(childId)) {
      throw new AppError('not_found', '未找到该儿童的档案', { field: 'childId' });
    }
    appendAudit(ctx, { action: 'print', entity: childId !== undefined ? 'child' : what === 'recoveryCode' ? 'key' : null, entityId: childId, childId, detail: { what } });
  });
  return null;
}

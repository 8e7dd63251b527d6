import { createHash } from 'node:crypto';
import type { SqliteDb } from '../../../db/open';
import { PRINTABLE, type Printable } from '../../../shared/contract/audit';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import { type Permission, type Role, can } from '../../../shared/contract/permissions';
import { type ServiceContext, inTransaction } from '../core/context';
import { currentOrigin } from '../core/origin';
import type { WorkerPool } from '../core/worker-pool';

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
  workstation_id: number | null;
};

/**
 * The hash of one row: SHA-256 over the previous hash and the row's content, in a fixed order. The
 * workstation (migration 0017) is covered when there is one; rows without one hash as they always did.
 */
function auditRowHash(row: Omit<AuditRow, 'id' | 'hash'>): string {
  const fields: unknown[] = [
    row.prev_hash,
    row.at,
    row.user_id,
    row.username,
    row.action,
    row.entity,
    row.entity_id,
    row.child_id,
    row.detail,
  ];
  if (row.workstation_id !== null && row.workstation_id !== undefined) fields.push(row.workstation_id);
  const canonical = JSON.stringify(fields);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one row to the audit trail, chained to the last. Call inside the write's transaction. */
export function appendAudit(ctx: Pick<ServiceContext, 'sqlite' | 'clock' | 'actor'>, entry: AuditEntry): void {
  // A database found damaged is open read-only: reads stay possible (their audit row cannot be written),
  // and every write is refused by the connection itself.
  if (ctx.sqlite.readonly) return;
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
    workstation_id: currentOrigin()?.workstationId ?? null,
  };
  const hash = auditRowHash(row);
  ctx.sqlite
    .prepare(
      `INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, child_id, detail, prev_hash, hash, workstation_id)
       VALUES (@at, @user_id, @username, @action, @entity, @entity_id, @child_id, @detail, @prev_hash, @hash, @workstation_id)`,
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
  workstation: string | null;
  detail: AuditDetail;
  restricted: boolean;
};

/** A detail as stored: JSON (written by appendAudit). */
type AuditDetail = string | number | boolean | null | AuditDetail[] | { [key: string]: AuditDetail };

/** A row's detail JSON parsed (text that is not JSON stays text). */
function parseDetail(detail: string | null): AuditDetail {
  if (detail === null) return null;
  try {
    return JSON.parse(detail) as AuditDetail;
  } catch {
    return detail;
  }
}

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

/** The WHERE clause of the audit view's filters (shared by the view and its export). */
function auditWhere(query: Omit<AuditQuery, 'offset' | 'limit'>): { clause: string; params: Record<string, unknown> } {
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
  return { clause: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** A stored row as the audit view reads it. */
function toView(r: Omit<AuditRow, 'prev_hash' | 'hash'> & { who: string | null; child_name: string | null; workstation_name?: string | null; restricted: number }): AuditView {
  // What was done, by whom, to which record stays; the details only for those who may read that part.
  const hidden = r.restricted === 1;
  return {
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
    summary: hidden ? '' : summarizeDetail(r.detail),
    detail: hidden ? null : parseDetail(r.detail),
    workstation: r.workstation_name ?? null,
    restricted: hidden,
  };
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
  const { clause, params } = auditWhere(query);
  return ctx.sqlite.transaction(() => {
    if (query.offset === 0) {
      const filter = Object.fromEntries(Object.entries({ person: query.person, childId: query.childId, action: query.action, from: query.from, to: query.to }).filter(([, v]) => v !== undefined));
      appendAudit(ctx, { action: 'audit.read', detail: filter });
    }
    const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM audit_log a ${clause}`).get(params) as { n: number }).n;
    const raw = ctx.sqlite
      .prepare(
        `SELECT a.id, a.at, a.user_id, a.username, a.action, a.entity, a.entity_id, a.child_id, a.detail,
                u.display_name AS who, c.name AS child_name, w.name AS workstation_name, ${hiddenDetailSql(ctx.actor?.roles ?? [])} AS restricted
           FROM audit_log a
           LEFT JOIN users u ON u.id = a.user_id
           LEFT JOIN children c ON c.id = a.child_id
           LEFT JOIN workstations w ON w.id = a.workstation_id
           ${clause}
          ORDER BY a.id DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: query.limit, offset: query.offset }) as (Omit<AuditRow, 'prev_hash' | 'hash'> & { who: string | null; child_name: string | null; workstation_name: string | null; restricted: number })[];
    const rows = raw.map(toView);
    const actions = (ctx.sqlite.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').all() as { action: string }[]).map((r) => r.action);
    const people = (ctx.sqlite.prepare('SELECT id, display_name AS name FROM users ORDER BY lower(username)').all() as { id: number; name: string }[]);
    return { total, rows, actions, people };
  }).immediate();
}

/** How many rows one export may hold (a year of a busy institution is far below it). */
const EXPORT_LIMIT = 200_000;

/**
 * Every row matching the audit view's filters, newest first (at most EXPORT_LIMIT), with the people's
 * names, for the page to write into a workbook in words. The export is audited before reading
 * ('audit.export'), so it lists itself. Same permission as the view.
 */
export function exportAudit(
  ctx: ServiceContext,
  query: Omit<AuditQuery, 'offset' | 'limit'>,
): { rows: AuditView[]; people: { id: number; name: string }[]; truncated: boolean } {
  const { clause, params } = auditWhere(query);
  return ctx.sqlite.transaction(() => {
    const filter = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
    appendAudit(ctx, { action: 'audit.export', detail: filter });
    const raw = ctx.sqlite
      .prepare(
        `SELECT a.id, a.at, a.user_id, a.username, a.action, a.entity, a.entity_id, a.child_id, a.detail,
                u.display_name AS who, c.name AS child_name, w.name AS workstation_name,
                ${hiddenDetailSql(ctx.actor?.roles ?? [])} AS restricted
           FROM audit_log a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN children c ON c.id = a.child_id
           LEFT JOIN workstations w ON w.id = a.workstation_id
           ${clause} ORDER BY a.id DESC LIMIT ${EXPORT_LIMIT + 1}`,
      )
      .all(params) as (Omit<AuditRow, 'prev_hash' | 'hash'> & { who: string | null; child_name: string | null; workstation_name: string | null; restricted: number })[];
    const people = ctx.sqlite.prepare('SELECT id, display_name AS name FROM users ORDER BY lower(username)').all() as { id: number; name: string }[];
    return { rows: raw.slice(0, EXPORT_LIMIT).map(toView), people, truncated: raw.length > EXPORT_LIMIT };
  }).immediate();
}

type AuditVerification = { ok: boolean; checked: number; firstBrokenId?: number; reason?: string; anchors: number; firstPartingRow?: number };

/**
 * Verifies the chain, compares it with every anchor given (heads kept outside the database) and
 * records that it was verified (and the outcome).
 */
export function verifyAudit(ctx: ServiceContext, anchors: AuditAnchorSource[] = []): AuditVerification {
  return recordVerification(ctx, anchors, verifyAuditChain(ctx.sqlite));
}

/**
 * verifyAudit with the walk of the chain (every row hashed again: seconds on a long trail) in a worker
 * thread on its own read-only connection; the anchors are compared and the outcome recorded here.
 */
export async function verifyAuditOffThread(ctx: ServiceContext, anchors: AuditAnchorSource[], workers: WorkerPool): Promise<AuditVerification> {
  return recordVerification(ctx, anchors, await workers.run<ReturnType<typeof verifyAuditChain>>('audit.chain', null, ctx.actor));
}

function recordVerification(ctx: ServiceContext, anchors: AuditAnchorSource[], result: ReturnType<typeof verifyAuditChain>): AuditVerification {
  let out: AuditVerification = result.ok
    ? { ok: true, checked: result.rows, anchors: anchors.length }
    : { ok: false, checked: result.rows, firstBrokenId: result.firstBrokenId, reason: result.reason, anchors: anchors.length };
  if (out.ok) {
    const compared = compareAuditAnchors(ctx.sqlite, anchors);
    if (!compared.ok) out = { ...out, ok: false, firstPartingRow: compared.firstPartingRow, reason: compared.message };
  }
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

/** The chain's head: the hash of its last row and how many rows it has. */
export type AuditHead = { hash: string; count: number };

/** Where an anchor was found (the key store, a backup's record, a printed checkpoint, a workstation) and its head. */
export type AuditAnchorSource = { source: string; head: AuditHead; at?: string | null };

export type AuditHeadCheck =
  | { ok: true }
  | { ok: false; kind: 'cut' | 'wiped' | 'rewritten'; liveCount: number; message: string };

export function auditHead(sqlite: SqliteDb): AuditHead {
  const row = sqlite.prepare('SELECT hash, (SELECT count(*) FROM audit_log) AS n FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string; n: number } | undefined;
  return row ? { hash: row.hash, count: row.n } : { hash: GENESIS_HASH, count: 0 };
}

/** How many rows the live chain has and its first and last id (read once per comparison: it counts every row). */
type LiveChainShape = { n: number; lo: number | null; hi: number | null };

function liveChainShape(sqlite: SqliteDb): LiveChainShape {
  return sqlite.prepare('SELECT count(*) AS n, min(id) AS lo, max(id) AS hi FROM audit_log').get() as LiveChainShape;
}

/**
 * Whether the live chain extends a head seen earlier (an anchor): it still has at least `count` rows
 * and its row number `count` carries `hash`. Pure read; for reuse wherever a head was kept (a
 * workstation's witness, a printed checkpoint). It does not walk the chain: run verifyAuditChain too.
 */
export function checkAuditHead(sqlite: SqliteDb, head: AuditHead, live: LiveChainShape = liveChainShape(sqlite)): AuditHeadCheck {
  if (!Number.isInteger(head.count) || head.count < 0) throw new RangeError('audit head count must be a whole number ≥ 0');
  const { n: liveCount, lo, hi } = live;
  if (head.count === 0) return { ok: true };
  if (liveCount === 0) return { ok: false, kind: 'wiped', liveCount, message: `审计记录已被清空（此前记录有 ${head.count} 行）` };
  if (liveCount < head.count) {
    return { ok: false, kind: 'cut', liveCount, message: `第 ${liveCount + 1} 行起的审计记录被删除（此前记录有 ${head.count} 行，现在只有 ${liveCount} 行）` };
  }
  // Ids 1..n without a gap (the usual case: rows are never deleted) make row number k the row with id k.
  const contiguous = lo === 1 && hi === liveCount;
  const at = (
    contiguous ? sqlite.prepare('SELECT hash FROM audit_log WHERE id = ?').get(head.count) : sqlite.prepare('SELECT hash FROM audit_log ORDER BY id LIMIT 1 OFFSET ?').get(head.count - 1)
  ) as { hash: string };
  if (at.hash === head.hash) return { ok: true };
  return { ok: false, kind: 'rewritten', liveCount, message: `第 ${head.count} 行及之前的审计记录与此前记录的链头不符（有行被改写或重算）` };
}

export type AuditAnchorComparison =
  | { ok: true; anchors: number }
  | { ok: false; anchors: number; kind: 'cut' | 'wiped' | 'rewritten'; firstPartingRow: number; lastAgreeingRow: number; source: string; message: string };

/**
 * Compares the live chain with every anchor given and names the first row where they part: for cut
 * or wiped rows, the first missing row; for a rewrite, the row range between the last anchor that
 * still agrees and the first that does not (one row when two anchors are adjacent).
 */
export function compareAuditAnchors(sqlite: SqliteDb, anchors: AuditAnchorSource[]): AuditAnchorComparison {
  const sorted = [...anchors].sort((a, b) => a.head.count - b.head.count);
  const live = liveChainShape(sqlite);
  let lastAgreeingRow = 0;
  for (const anchor of sorted) {
    const check = checkAuditHead(sqlite, anchor.head, live);
    if (check.ok) {
      lastAgreeingRow = Math.max(lastAgreeingRow, anchor.head.count);
      continue;
    }
    const from = anchor.at ? `（${anchor.source}，${anchor.at}）` : `（${anchor.source}）`;
    if (check.kind !== 'rewritten') {
      const firstPartingRow = check.liveCount + 1;
      return { ok: false, anchors: anchors.length, kind: check.kind, firstPartingRow, lastAgreeingRow: Math.min(lastAgreeingRow, check.liveCount), source: anchor.source, message: `${check.message}${from}` };
    }
    const first = lastAgreeingRow + 1;
    const where = first === anchor.head.count ? `第 ${first} 行` : `第 ${first}–${anchor.head.count} 行之间`;
    return {
      ok: false,
      anchors: anchors.length,
      kind: 'rewritten',
      firstPartingRow: first,
      lastAgreeingRow,
      source: anchor.source,
      message: `审计记录在${where}与此前记录的链头不符（有行被改写或重算）${from}`,
    };
  }
  return { ok: true, anchors: anchors.length };
}

const APPEND_ONLY_TRIGGERS = [
  { name: 'audit_log_no_update', event: 'UPDATE' },
  { name: 'audit_log_no_delete', event: 'DELETE' },
] as const;

/** The append-only triggers on audit_log that are missing or altered (empty when all is in place). */
export function missingAuditTriggers(sqlite: SqliteDb): string[] {
  const rows = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'`).all() as { name: string; sql: string | null }[];
  return APPEND_ONLY_TRIGGERS.filter(({ name, event }) => {
    const sql = (rows.find((r) => r.name === name)?.sql ?? '').replace(/\s+/g, ' ');
    return !(new RegExp(`BEFORE ${event} ON \`?audit_log\`? BEGIN SELECT RAISE\\(ABORT, 'audit_log is append-only'\\); END`, 'i').test(sql));
  }).map((t) => t.name);
}

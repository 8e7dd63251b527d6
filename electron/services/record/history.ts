/**
 * A child's history, read from the audit trail (audit.ts): every row with the child's id, newest
 * first, each made readable — who (display name), when, the action, the part of the record, field by
 * field before and after, and the row it concerns as it stands now (so "ended placement 12" can say
 * which placement). Views of the record are kept apart from changes and shown only to those who may
 * read the audit trail.
 */
import { and, eq, inArray } from 'drizzle-orm';
import {
  autismPathwayEvents,
  benefitsReceived,
  childStatusFacts,
  disabilities,
  educationRecords,
  guardianships,
  medicalAidClaims,
  medicalInsurance,
  mentalHealthChecks,
  placements,
  reintegrationAssessments,
  vocationalRehab,
  documents,
} from '../../../db/schema';
import { AppError } from '../../../shared/contract/errors';
import { type HistoryChange, type HistoryEntry, type HistoryInput, type HistoryOutput, historyInputSchema } from '../../../shared/contract/history';
import { can } from '../../../shared/contract/permissions';
import { appendAudit, restrictedRowsSql } from '../audit/audit';
import { type ServiceContext, inTransaction } from '../core/context';
import { documentMetaColumns, parseInput, requireChild } from './record-store';

type Json = HistoryChange['after'];
type Subject = Record<string, Json>;

/** Verbs that record someone looking, not changing: reads of the page or the record, evaluations, exports. */
const VIEW_VERBS = ['read', 'evaluate', 'export', 'print'] as const;
const VIEW_SQL = `(${VIEW_VERBS.map((v) => `a.action LIKE '%.${v}'`).join(' OR ')})`;


/** Whether an audited action is a view of the record rather than a change to it. */
export function isViewAction(action: string): boolean {
  const verb = action.slice(action.lastIndexOf('.') + 1);
  return (VIEW_VERBS as readonly string[]).includes(verb);
}

/** Keys of an added row's detail that are bookkeeping, not values entered. */
const NOT_VALUES = new Set(['reason', 'fields', 'changes', 'textFields']);

function isChange(value: unknown): value is HistoryChange {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { field?: unknown }).field === 'string';
}

function asChanges(value: unknown[]): HistoryChange[] {
  return value.filter(isChange).map((c) => ({ field: c.field, before: (c.before ?? null) as Json, after: (c.after ?? null) as Json }));
}

/**
 * An audit row's detail as field changes and a reason. The trail writes updates as
 * `[{ field, before, after }]`, a status change with a reason as `{ changes, reason }`, a void as
 * `{ reason }`, and a row added as its values (`{ kind, from, to }`: each becomes a change from null).
 * Views carry no changes. Pure.
 */
export function readDetail(action: string, detail: string | null): { changes: HistoryChange[]; reason: string | null } {
  if (detail === null) return { changes: [], reason: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return { changes: [], reason: null };
  }
  if (Array.isArray(parsed)) return { changes: asChanges(parsed), reason: null };
  if (typeof parsed !== 'object' || parsed === null) return { changes: [], reason: null };
  const object = parsed as Record<string, unknown>;
  const reason = typeof object.reason === 'string' ? object.reason : null;
  if (Array.isArray(object.changes)) return { changes: asChanges(object.changes), reason };
  if (isViewAction(action)) return { changes: [], reason };
  const changes = Object.entries(object)
    .filter(([key]) => !NOT_VALUES.has(key))
    .map(([field, value]) => ({ field, before: null, after: (value ?? null) as Json }));
  return { changes, reason };
}

type Loader = (ctx: ServiceContext, childId: number, ids: number[]) => Map<number, Subject>;

function byId<T extends { id: number; voidedAt: string | null }>(rows: T[], pick: (row: T) => Subject): Map<number, Subject> {
  return new Map(rows.map((row) => [row.id, { ...pick(row), voided: row.voidedAt !== null }]));
}

/** How each kind of row is described in an entry about it. */
const SUBJECTS: Record<string, Loader> = {
  placement: (ctx, childId, ids) =>
    byId(ctx.db.select().from(placements).where(and(eq(placements.childId, childId), inArray(placements.id, ids))).all(), (r) => ({
      kind: r.kind,
      from: r.from,
      to: r.to,
      place: r.place,
    })),
  guardianship: (ctx, childId, ids) =>
    byId(ctx.db.select().from(guardianships).where(and(eq(guardianships.childId, childId), inArray(guardianships.id, ids))).all(), (r) => ({
      guardianKind: r.guardianKind,
      guardianName: r.guardianName,
      adequacy: r.adequacy,
      courtAppointed: r.courtAppointed,
      from: r.from,
      to: r.to,
    })),
  benefit: (ctx, childId, ids) =>
    byId(ctx.db.select().from(benefitsReceived).where(and(eq(benefitsReceived.childId, childId), inArray(benefitsReceived.id, ids))).all(), (r) => ({
      code: r.code,
      from: r.from,
      to: r.to,
      monthlyAmountFen: r.monthlyAmountFen,
    })),
  disability: (ctx, childId, ids) =>
    byId(ctx.db.select().from(disabilities).where(and(eq(disabilities.childId, childId), inArray(disabilities.id, ids))).all(), (r) => ({
      category: r.category,
      grade: r.grade,
      from: r.from,
      to: r.to,
    })),
  education: (ctx, childId, ids) =>
    byId(ctx.db.select().from(educationRecords).where(and(eq(educationRecords.childId, childId), inArray(educationRecords.id, ids))).all(), (r) => ({
      stage: r.stage,
      school: r.school,
      enrolmentDate: r.enrolmentDate,
    })),
  statusFact: (ctx, childId, ids) =>
    byId(ctx.db.select().from(childStatusFacts).where(and(eq(childStatusFacts.childId, childId), inArray(childStatusFacts.id, ids))).all(), (r) => ({
      kind: r.kind,
      value: r.value as Json,
      effectiveDate: r.effectiveDate,
    })),
  medicalInsurance: (ctx, childId, ids) =>
    byId(ctx.db.select().from(medicalInsurance).where(and(eq(medicalInsurance.childId, childId), inArray(medicalInsurance.id, ids))).all(), (r) => ({
      year: r.year,
    })),
  medicalAidClaim: (ctx, childId, ids) =>
    byId(ctx.db.select().from(medicalAidClaims).where(and(eq(medicalAidClaims.childId, childId), inArray(medicalAidClaims.id, ids))).all(), (r) => ({
      claimDate: r.claimDate,
      hospital: r.hospital,
    })),
  document: (ctx, childId, ids) =>
    byId(ctx.db.select(documentMetaColumns).from(documents).where(and(eq(documents.childId, childId), inArray(documents.id, ids))).all(), (r) => ({
      kind: r.kind,
      title: r.title,
    })),
  assessment: (ctx, childId, ids) =>
    byId(
      ctx.db.select().from(reintegrationAssessments).where(and(eq(reintegrationAssessments.childId, childId), inArray(reintegrationAssessments.id, ids))).all(),
      (r) => ({ round: r.round, result: r.result, assessedOn: r.assessedOn }),
    ),
  mentalHealthCheck: (ctx, childId, ids) =>
    byId(ctx.db.select().from(mentalHealthChecks).where(and(eq(mentalHealthChecks.childId, childId), inArray(mentalHealthChecks.id, ids))).all(), (r) => ({
      checkedOn: r.checkedOn,
      riskLevel: r.riskLevel,
    })),
  autismEvent: (ctx, childId, ids) =>
    byId(ctx.db.select().from(autismPathwayEvents).where(and(eq(autismPathwayEvents.childId, childId), inArray(autismPathwayEvents.id, ids))).all(), (r) => ({
      stage: r.stage,
      occurredOn: r.occurredOn,
    })),
  vocationalRehab: (ctx, childId, ids) =>
    byId(ctx.db.select().from(vocationalRehab).where(and(eq(vocationalRehab.childId, childId), inArray(vocationalRehab.id, ids))).all(), (r) => ({
      from: r.from,
      completedOn: r.completedOn,
    })),
};

type AuditRow = {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  display_name: string | null;
  action: string;
  entity: string | null;
  entity_id: number | null;
  detail: string | null;
  /** A document's entry read by someone without documents.read: what was done and by whom, no title, kind, size or hash. */
  restricted: number;
};

/**
 * One page of a child's history, newest first: changes only, or views too (`includeViews`, for those
 * who may read the audit trail). Reading the first page is itself audited as a view.
 */
export function childHistory(ctx: ServiceContext, raw: HistoryInput): HistoryOutput {
  const input = parseInput(historyInputSchema, raw);
  if (input.includeViews && !can(ctx.actor?.roles ?? [], 'audit.read')) {
    throw new AppError('forbidden', '查看浏览记录需要审计权限（主管或系统管理员）', { field: 'includeViews' });
  }
  const child = requireChild(ctx, input.childId);
  if (input.offset === 0 && input.beforeId === undefined) {
    inTransaction(ctx, () => appendAudit(ctx, { action: 'history.read', entity: 'child', entityId: child.id, childId: child.id }));
  }
  const where = ['a.child_id = ?'];
  const params: number[] = [child.id];
  if (!input.includeViews) where.push(`NOT ${VIEW_SQL}`);
  const roles = ctx.actor?.roles ?? [];
  // The mental-health file is restricted (四(十二)): its entries only for those who may read it.
  where.push(`NOT ${restrictedRowsSql(roles, 'mentalHealth')}`);
  const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM audit_log a WHERE ${where.join(' AND ')}`).get(...params) as { n: number }).n;
  if (input.beforeId !== undefined) {
    where.push('a.id < ?');
    params.push(input.beforeId);
  }
  const rows = ctx.sqlite
    .prepare(
      `SELECT a.id, a.at, a.user_id, a.username, u.display_name, a.action, a.entity, a.entity_id, a.detail,
              ${restrictedRowsSql(roles, 'documents')} AS restricted
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
       WHERE ${where.join(' AND ')} ORDER BY a.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, input.limit + 1, input.offset) as AuditRow[];
  const hasMore = rows.length > input.limit;
  const page = rows.slice(0, input.limit);

  const idsByEntity = new Map<string, Set<number>>();
  for (const row of page) {
    if (row.restricted) continue;
    if (row.entity === null || row.entity_id === null || !(row.entity in SUBJECTS)) continue;
    const ids = idsByEntity.get(row.entity) ?? new Set<number>();
    ids.add(row.entity_id);
    idsByEntity.set(row.entity, ids);
  }
  const subjects = new Map<string, Map<number, Subject>>();
  for (const [entity, ids] of idsByEntity) subjects.set(entity, SUBJECTS[entity](ctx, child.id, [...ids]));

  const entries: HistoryEntry[] = page.map((row) => {
    const { changes, reason } = row.restricted ? { changes: [], reason: null } : readDetail(row.action, row.detail);
    const name = row.display_name ?? row.username;
    return {
      id: row.id,
      at: row.at,
      actor: name === null ? null : { id: row.user_id, name },
      action: row.action,
      kind: isViewAction(row.action) ? 'view' : 'change',
      entity: row.entity,
      entityId: row.entity_id,
      changes,
      subject: (row.entity !== null && row.entity_id !== null && subjects.get(row.entity)?.get(row.entity_id)) || null,
      reason,
    };
  });
  return { total, entries, hasMore };
}

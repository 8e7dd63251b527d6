/**
 * Versions of the parts of a record (migration 0018) and the check every edit passes: an edit read at
 * an older version than the part's current one is refused with `conflict`, naming from the audit trail
 * who changed the part, when, and which fields. Never merges: the person compares and reapplies.
 */
import { AppError } from '../../../shared/contract/errors';
import { type ConflictDetails, type Versions, partKey } from '../../../shared/contract/versions';
import type { ServiceContext } from '../core/context';

/** One editable part: its audit entity name and id (settings: `setting:<key>` and 0). */
export type RecordPart = { entity: string; id: number };

/** How a part is named in a conflict message. */
const PART_NOUNS: Readonly<Record<string, string>> = {
  child: '基本信息',
  statusFact: '状况记录',
  placement: '安置记录',
  guardianship: '监护记录',
  disability: '残疾记录',
  education: '就学记录',
  benefit: '待遇记录',
  medicalInsurance: '医保记录',
  medicalAidClaim: '医疗救助记录',
  document: '文件',
  rehabPlan: '康复计划',
  rehabSession: '康复训练记录',
  rehabMeasure: '评估量表记录',
  rehabConfig: '量表分界值',
  mentalHealthCheck: '心理健康检查',
  mentalHealthFollowUp: '心理随访记录',
  autismEvent: '孤独症路径记录',
  reintegrationCase: '社会融入个案',
  reintegrationChecklist: '办理清单',
  reintegrationTask: '交接任务',
  reintegrationVisit: '回访记录',
  assessment: '评估记录',
  vocationalRehab: '职业康复记录',
  user: '账户',
};

export function partNoun(entity: string): string {
  if (entity.startsWith('setting:')) return '系统设置';
  return PART_NOUNS[entity] ?? '记录';
}

/** The part's current version (0: never changed since it was added). */
export function versionOf(ctx: Pick<ServiceContext, 'sqlite'>, part: RecordPart): number {
  const row = ctx.sqlite.prepare('SELECT version FROM record_versions WHERE entity = ? AND entity_id = ?').get(part.entity, part.id) as { version: number } | undefined;
  return row?.version ?? 0;
}

/** Every changed part of one child's record, keyed `entity:id`. */
export function versionsOfChild(ctx: Pick<ServiceContext, 'sqlite'>, childId: number): Versions {
  const rows = ctx.sqlite.prepare('SELECT entity, entity_id AS id, version FROM record_versions WHERE child_id = ?').all(childId) as { entity: string; id: number; version: number }[];
  return Object.fromEntries(rows.map((r) => [partKey(r.entity, r.id), r.version]));
}

/** Every changed part of one kind that belongs to no child (users, rehab configuration, settings). */
export function versionsOfEntity(ctx: Pick<ServiceContext, 'sqlite'>, entity: string): Versions {
  const rows = ctx.sqlite.prepare('SELECT entity, entity_id AS id, version FROM record_versions WHERE entity = ?').all(entity) as { entity: string; id: number; version: number }[];
  return Object.fromEntries(rows.map((r) => [partKey(r.entity, r.id), r.version]));
}

/**
 * Moves a part's version when a change supersedes it without updating its row (an amendment of a
 * session), so an edit read before is refused like any other stale edit. Call inside the change's transaction.
 */
export function moveVersion(ctx: Pick<ServiceContext, 'sqlite'>, part: RecordPart, childId: number | null): void {
  ctx.sqlite
    .prepare(
      'INSERT INTO record_versions (entity, entity_id, child_id, version) VALUES (?, ?, ?, 1) ON CONFLICT(entity, entity_id) DO UPDATE SET version = record_versions.version + 1, child_id = excluded.child_id',
    )
    .run(part.entity, part.id, childId);
}

type AuditChange = { at: string; username: string | null; displayName: string | null; action: string; detail: string | null };

/** Views of the record are in the trail too (reads, prints, exports): never a change. */
const NOT_A_VIEW_SQL = `a.action NOT LIKE '%.read' AND a.action NOT LIKE '%.evaluate' AND a.action NOT LIKE '%.export' AND a.action NOT LIKE '%.print' AND a.action <> 'print'`;

/** The audited changes of a part, newest first (views left out); settings by their audited action. */
function changesOf(ctx: Pick<ServiceContext, 'sqlite'>, part: RecordPart, limit: number, settingAction?: string): AuditChange[] {
  const select = `SELECT a.at, a.username, u.display_name AS displayName, a.action, a.detail FROM audit_log a LEFT JOIN users u ON u.id = a.user_id`;
  return part.entity.startsWith('setting:')
    ? (ctx.sqlite.prepare(`${select} WHERE a.action = ? ORDER BY a.id DESC LIMIT ?`).all(settingAction ?? '', limit) as AuditChange[])
    : (ctx.sqlite.prepare(`${select} WHERE a.entity = ? AND a.entity_id = ? AND ${NOT_A_VIEW_SQL} ORDER BY a.id DESC LIMIT ?`).all(part.entity, part.id, limit) as AuditChange[]);
}

function fieldChanges(detail: string | null): { field: string; before: unknown; after: unknown }[] {
  if (!detail) return [];
  try {
    const parsed = JSON.parse(detail) as unknown;
    const list = Array.isArray(parsed) ? parsed : Array.isArray((parsed as { changes?: unknown })?.changes) ? (parsed as { changes: unknown[] }).changes : [];
    return list
      .filter((c): c is { field: string; before?: unknown; after?: unknown } => typeof c === 'object' && c !== null && typeof (c as { field?: unknown }).field === 'string')
      .map((c) => ({ field: c.field, before: c.before ?? null, after: c.after ?? null }));
  } catch {
    return [];
  }
}

const shanghaiTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** 2026-12-05 21:50, Shanghai time. */
function readableTime(iso: string): string {
  const parts = Object.fromEntries(shanghaiTime.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * Refuses an edit read at `expected` when the part has moved on since: `conflict`, with who changed it,
 * when and what (ConflictDetails). Call in the same synchronous step as the write (the host does, before
 * the handler, inside one transaction), so nothing can change the part in between.
 */
export function assertCurrentVersion(ctx: Pick<ServiceContext, 'sqlite'>, part: RecordPart, expected: number, settingAction?: string, trail?: RecordPart | null): void {
  const current = versionOf(ctx, part);
  if (current === expected) return;
  // `trail`: where the change that overtook the part is audited when that is another row (the row that
  // replaced a year's insurance, the amendment of a session).
  const since = changesOf(ctx, trail ?? part, Math.max(1, Math.min(20, current - expected)), settingAction);
  const latest = since[0] ?? null;
  const byField = new Map<string, { field: string; before: unknown; after: unknown }>();
  for (const change of [...since].reverse()) {
    for (const c of fieldChanges(change.detail)) {
      const earlier = byField.get(c.field);
      byField.set(c.field, { field: c.field, before: earlier ? earlier.before : c.before, after: c.after });
    }
  }
  const who = latest ? (latest.displayName ?? latest.username ?? null) : null;
  const details: ConflictDetails = {
    kind: 'staleEdit',
    entity: part.entity,
    entityId: part.id,
    expectedVersion: expected,
    currentVersion: current,
    changedBy: who,
    changedAt: latest?.at ?? null,
    action: latest?.action ?? null,
    changes: [...byField.values()],
  };
  const noun = partNoun(part.entity);
  const whoWhen = latest ? `${who ?? '他人'}于${readableTime(latest.at)}` : '他人';
  const message =
    current > expected
      ? `此${noun}已被${whoWhen}修改，您的修改没有保存。请对照对方的修改后重新填写。`
      : `此${noun}的版本与读取时不符，您的修改没有保存。请刷新后重新填写。`;
  throw new AppError('conflict', message, { details });
}

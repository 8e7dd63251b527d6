/**
 * Leaving care and coming back (issue 3, item 5): nothing is ever deleted. Discharge (adopted, returned
 * to family, resettled, transferred, deceased) and archive are statuses of the child; a supervisor can
 * bring a discharged or archived child back into care. Each is one transaction with its audit rows
 * (status, dates and reason before and after).
 *
 * The discharge date is the child's last day in the institution's care. The placement open on it ends
 * on that same day (an interval's `to` is its last day), audited as a placement end; a placement that
 * only starts after the discharge date (where the child lives next) is left as it is. Restoring does
 * not reopen the ended placement: a new placement is added from the day the child is back.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { children, placements } from '../../../db/schema';
import {
  type ChildArchiveInput,
  type ChildDischargeInput,
  type ChildRestoreInput,
  type ChildStatusChange,
  childArchiveSchema,
  childDischargeSchema,
  childRestoreSchema,
  dischargeDateProblem,
} from '../../../shared/contract/children';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import { appendAudit, diffFields } from '../audit/audit';
import { findSummary } from './children';
import { type ServiceContext, inTransaction } from '../core/context';
import { type ChildRow, nowIso, parseInput, requireChild } from '../record/record-store';

const STATUS_FIELDS = ['status', 'dischargeDate', 'dischargeReason', 'dischargeNote'] as const;

function statusOf(row: ChildRow): Record<(typeof STATUS_FIELDS)[number], unknown> {
  return { status: row.status, dischargeDate: row.dischargeDate, dischargeReason: row.dischargeReason, dischargeNote: row.dischargeNote };
}

function summary(ctx: ServiceContext, childId: number) {
  return findSummary(ctx, childId)!;
}

/**
 * Discharges a child in care on `date` (the last day in care) for a reason. Refuses a date in the
 * future or before birth or admission. Ends the placement open on that date.
 */
export function dischargeChild(ctx: ServiceContext, raw: ChildDischargeInput): ChildStatusChange {
  const input = parseInput(childDischargeSchema, raw);
  return inTransaction(ctx, () => {
    const row = requireChild(ctx, input.childId);
    if (row.status !== 'inCare') {
      throw new AppError('conflict', row.status === 'archived' ? '该儿童的档案已归档' : `该儿童已于 ${row.dischargeDate ?? '—'} 离院`);
    }
    const problem = dischargeDateProblem(row, input.date, ctx.clock.today());
    if (problem) throw new ValidationError('date', problem);

    const open = ctx.db
      .select()
      .from(placements)
      .where(and(eq(placements.childId, row.id), isNull(placements.to), isNull(placements.voidedAt)))
      .all()
      .find((p) => p.from <= input.date);
    let endedPlacement: ChildStatusChange['endedPlacement'] = null;
    if (open) {
      ctx.db.update(placements).set({ to: input.date }).where(eq(placements.id, open.id)).run();
      appendAudit(ctx, { action: 'placement.end', entity: 'placement', entityId: open.id, childId: row.id, detail: [{ field: 'to', before: null, after: input.date }] });
      endedPlacement = { id: open.id, kind: open.kind, from: open.from, to: input.date };
    }

    const updated = ctx.db
      .update(children)
      .set({ status: 'discharged', dischargeDate: input.date, dischargeReason: input.reason, dischargeNote: input.note, updatedAt: nowIso(ctx) })
      .where(eq(children.id, row.id))
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'child.discharge',
      entity: 'child',
      entityId: row.id,
      childId: row.id,
      detail: diffFields(statusOf(row), statusOf(updated), [...STATUS_FIELDS]),
    });
    return { child: summary(ctx, row.id), endedPlacement };
  });
}

/** Archives a discharged child's file: a status, reversible by a supervisor. */
export function archiveChild(ctx: ServiceContext, raw: ChildArchiveInput): ChildStatusChange {
  const input = parseInput(childArchiveSchema, raw);
  return inTransaction(ctx, () => {
    const row = requireChild(ctx, input.childId);
    if (row.status === 'inCare') throw new AppError('conflict', '只有已离院的儿童才能归档，请先办理离院');
    if (row.status === 'archived') throw new AppError('conflict', '该儿童的档案已归档');
    const updated = ctx.db.update(children).set({ status: 'archived', updatedAt: nowIso(ctx) }).where(eq(children.id, row.id)).returning().get();
    appendAudit(ctx, {
      action: 'child.archive',
      entity: 'child',
      entityId: row.id,
      childId: row.id,
      detail: diffFields(statusOf(row), statusOf(updated), ['status']),
    });
    return { child: summary(ctx, row.id), endedPlacement: null };
  });
}

/**
 * Brings a discharged or archived child back into care (a supervisor's decision, with a reason). The
 * discharge date and reason are cleared on the child; the history keeps them.
 */
export function restoreChild(ctx: ServiceContext, raw: ChildRestoreInput): ChildStatusChange {
  const input = parseInput(childRestoreSchema, raw);
  return inTransaction(ctx, () => {
    const row = requireChild(ctx, input.childId);
    if (row.status === 'inCare') throw new AppError('conflict', '该儿童在院，无需恢复');
    const updated = ctx.db
      .update(children)
      .set({ status: 'inCare', dischargeDate: null, dischargeReason: null, dischargeNote: null, updatedAt: nowIso(ctx) })
      .where(eq(children.id, row.id))
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'child.restore',
      entity: 'child',
      entityId: row.id,
      childId: row.id,
      detail: { changes: diffFields(statusOf(row), statusOf(updated), [...STATUS_FIELDS]), reason: input.reason },
    });
    return { child: summary(ctx, row.id), endedPlacement: null };
  });
}

/**
 * Reading a child's record: one indexed query per table (by child_id), rows already in the contract's
 * shapes. Shared helpers for the record services: input parsing into field-named ValidationErrors,
 * the child lookup, who and when.
 */
import { and, asc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import {
  benefitsReceived,
  childStatusFacts,
  children,
  disabilities,
  documents,
  educationRecords,
  guardianships,
  medicalAidClaims,
  medicalInsurance,
  placements,
  reintegrationAssessments,
  vocationalRehab,
} from '../../../db/schema';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import { type ChildProfile, type ChildRecord, type StatusFactRow, statusFactSchema } from '../../../shared/contract/record';
import { can } from '../../../shared/contract/permissions';
import type { ServiceContext } from '../core/context';

/** Parses a service input; the first problem becomes a ValidationError naming the field (zh-CN message). */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || '(input)';
  throw new ValidationError(field, issue?.message ?? '输入无效', {
    issues: result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  });
}

/** Now, as stored in created_at / updated_at / voided_at. */
export function nowIso(ctx: ServiceContext): string {
  return ctx.clock.now().toISOString();
}

export function actorId(ctx: ServiceContext): number | null {
  return ctx.actor?.userId ?? null;
}

export type ChildRow = typeof children.$inferSelect;

/** The child's row, or not_found. */
export function requireChild(ctx: ServiceContext, childId: number): ChildRow {
  const row = ctx.db.select().from(children).where(eq(children.id, childId)).get();
  if (!row) throw new AppError('not_found', '未找到该儿童的档案');
  return row;
}

export function toProfile(row: ChildRow): ChildProfile {
  return {
    id: row.id,
    name: row.name,
    sex: row.sex,
    birthDate: row.birthDate,
    idNumber: row.idNumber,
    status: row.status,
    admissionDate: row.admissionDate,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    formerNames: row.formerNames ?? [],
    nationality: row.nationality,
    ethnicity: row.ethnicity,
    hukouKind: row.hukouKind,
    hukouDistrictCode: row.hukouDistrictCode,
    hukouStreet: row.hukouStreet,
    hukouProvinceCode: row.hukouProvinceCode,
    admissionSource: row.admissionSource,
    referringBody: row.referringBody,
    notes: row.notes,
    dischargeDate: row.dischargeDate,
    photoDocumentId: row.photoDocumentId,
  };
}

export function toStatusFactRow(row: typeof childStatusFacts.$inferSelect): StatusFactRow {
  const { kind, value, ...rest } = row;
  return { ...rest, fact: statusFactSchema.parse({ kind, value }) };
}

const { bytes: _content, ...metaColumns } = getTableColumns(documents);
/** Every column of documents but the content. */
export const documentMetaColumns = metaColumns;

/** The live (not voided) rows of a list. */
export function live<T extends { voidedAt: string | null }>(rows: readonly T[]): T[] {
  return rows.filter((row) => row.voidedAt === null);
}

/**
 * The record of one child, or null when there is no such child. `forFacts` leaves out what the rules
 * never read (medical insurance, aid claims, documents): nine indexed queries instead of twelve.
 */
export function loadRecord(ctx: ServiceContext, childId: number, options: { forFacts?: boolean } = {}): ChildRecord | null {
  const child = ctx.db.select().from(children).where(eq(children.id, childId)).get();
  if (!child) return null;
  const db = ctx.db;
  const full = !options.forFacts;
  return {
    child: toProfile(child),
    statusFacts: db
      .select()
      .from(childStatusFacts)
      .where(eq(childStatusFacts.childId, childId))
      .orderBy(asc(childStatusFacts.effectiveDate), asc(childStatusFacts.id))
      .all()
      .map(toStatusFactRow),
    placements: db.select().from(placements).where(eq(placements.childId, childId)).orderBy(asc(placements.from), asc(placements.id)).all(),
    guardianships: db
      .select()
      .from(guardianships)
      .where(eq(guardianships.childId, childId))
      .orderBy(asc(guardianships.from), asc(guardianships.id))
      .all(),
    disabilities: db
      .select()
      .from(disabilities)
      .where(eq(disabilities.childId, childId))
      .orderBy(asc(disabilities.from), asc(disabilities.id))
      .all(),
    education: db
      .select()
      .from(educationRecords)
      .where(eq(educationRecords.childId, childId))
      .orderBy(asc(educationRecords.enrolmentDate), asc(educationRecords.id))
      .all(),
    benefits: db
      .select()
      .from(benefitsReceived)
      .where(eq(benefitsReceived.childId, childId))
      .orderBy(asc(benefitsReceived.from), asc(benefitsReceived.id))
      .all(),
    medicalInsurance: full
      ? db.select().from(medicalInsurance).where(eq(medicalInsurance.childId, childId)).orderBy(asc(medicalInsurance.year), asc(medicalInsurance.id)).all()
      : [],
    medicalAidClaims: full
      ? db
          .select()
          .from(medicalAidClaims)
          .where(eq(medicalAidClaims.childId, childId))
          .orderBy(asc(medicalAidClaims.claimDate), asc(medicalAidClaims.id))
          .all()
      : [],
    documents: full
      ? db.select(documentMetaColumns).from(documents).where(eq(documents.childId, childId)).orderBy(asc(documents.id)).all()
      : [],
    assessments: db
      .select()
      .from(reintegrationAssessments)
      .where(eq(reintegrationAssessments.childId, childId))
      .orderBy(asc(reintegrationAssessments.assessedOn), asc(reintegrationAssessments.id))
      .all(),
    vocationalRehab: db
      .select()
      .from(vocationalRehab)
      .where(eq(vocationalRehab.childId, childId))
      .orderBy(asc(vocationalRehab.from), asc(vocationalRehab.id))
      .all(),
  };
}

/**
 * A child's documents as the person acting may see them: all of them with documents.read, none without
 * (a title such as "精神科诊断报告", the kind, size and hash are themselves sensitive). Every service
 * that returns document descriptions passes them through here.
 */
export function documentsFor<T>(ctx: Pick<ServiceContext, 'actor'>, rows: readonly T[]): T[] {
  return can(ctx.actor?.roles ?? [], 'documents.read') ? [...rows] : [];
}

/** A document's description (no content) if it belongs to the child, else null. */
export function findDocument(ctx: ServiceContext, childId: number, id: number) {
  return ctx.db
    .select(documentMetaColumns)
    .from(documents)
    .where(and(eq(documents.id, id), eq(documents.childId, childId)))
    .get();
}

function groupByChild<T extends { childId: number }>(rows: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const list = out.get(row.childId);
    if (list) list.push(row);
    else out.set(row.childId, [row]);
  }
  return out;
}

/** Up to this many children, the batch load reads only their rows (an IN list on the child_id indexes). */
export const SELECTIVE_LOAD_MAX = 900;

/**
 * Every row of `table` (of the given children only, when `ids` is a list) in the given order, in the
 * shape `db.select().from(table)` gives: the same columns, each decoded by its own column, read as raw
 * arrays and mapped by a loop fixed once per table instead of drizzle's generic per-row mapper (the
 * batch load maps some 100,000 rows).
 */
function batchRows<T extends SQLiteTable & { childId: SQLiteColumn }>(
  ctx: ServiceContext,
  table: T,
  ids: readonly number[] | null,
  order: SQLiteColumn[],
): T['$inferSelect'][] {
  const columns = getTableColumns(table);
  const keys = Object.keys(columns);
  const decoders = Object.values(columns);
  const query = ctx.db
    .select(columns)
    .from(table as SQLiteTable)
    .where(ids === null ? undefined : inArray(table.childId, [...ids]))
    .orderBy(...order.map((c) => asc(c)));
  // The generic table widens the builder's type to sync-or-async; the database is better-sqlite3 (sync).
  const raw = (query as unknown as { values: () => unknown[][] }).values();
  return raw.map((values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const value = values[i];
      row[keys[i]!] = value === null ? null : decoders[i]!.mapFromDriverValue(value);
    }
    return row as T['$inferSelect'];
  });
}

/**
 * The facts-relevant record of many children at once (the worklist, reports): one query per table for
 * all of them instead of nine per child, the same shapes and order as `loadRecord(…, { forFacts })`.
 * For a few children (up to SELECTIVE_LOAD_MAX) only their rows are read; for more, whole tables.
 */
export function loadRecordsForFacts(ctx: ServiceContext, childRows: readonly ChildRow[]): Map<number, ChildRecord> {
  if (childRows.length === 0) return new Map();
  const ids = childRows.length <= SELECTIVE_LOAD_MAX ? [...new Set(childRows.map((c) => c.id))] : null;
  const facts = groupByChild(batchRows(ctx, childStatusFacts, ids, [childStatusFacts.effectiveDate, childStatusFacts.id]).map(toStatusFactRow));
  const place = groupByChild(batchRows(ctx, placements, ids, [placements.from, placements.id]));
  const guard = groupByChild(batchRows(ctx, guardianships, ids, [guardianships.from, guardianships.id]));
  const disab = groupByChild(batchRows(ctx, disabilities, ids, [disabilities.from, disabilities.id]));
  const edu = groupByChild(batchRows(ctx, educationRecords, ids, [educationRecords.enrolmentDate, educationRecords.id]));
  const ben = groupByChild(batchRows(ctx, benefitsReceived, ids, [benefitsReceived.from, benefitsReceived.id]));
  const assess = groupByChild(batchRows(ctx, reintegrationAssessments, ids, [reintegrationAssessments.assessedOn, reintegrationAssessments.id]));
  const voc = groupByChild(batchRows(ctx, vocationalRehab, ids, [vocationalRehab.from, vocationalRehab.id]));
  const out = new Map<number, ChildRecord>();
  for (const child of childRows) {
    out.set(child.id, {
      child: toProfile(child),
      statusFacts: facts.get(child.id) ?? [],
      placements: place.get(child.id) ?? [],
      guardianships: guard.get(child.id) ?? [],
      disabilities: disab.get(child.id) ?? [],
      education: edu.get(child.id) ?? [],
      benefits: ben.get(child.id) ?? [],
      medicalInsurance: [],
      medicalAidClaims: [],
      documents: [],
      assessments: assess.get(child.id) ?? [],
      vocationalRehab: voc.get(child.id) ?? [],
    });
  }
  return out;
}

/**
 * The record of a child as a whole: reading it, changing the profile (identity, hukou, admission), the
 * photo, and voiding a mistaken history row. The history operations live in record-history.ts,
 * documents in record-documents.ts, assessments in record-reintegration.ts.
 */
import { and, eq, ne } from 'drizzle-orm';
import { children } from '../../../db/schema';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import { identityDateProblem } from '../../../shared/contract/children';
import {
  type ChildProfile,
  type ChildRecord,
  type PhotoSetInput,
  type ProfileUpdateInput,
  type VoidInput,
  type VoidableEntity,
  photoSetSchema,
  profileUpdateSchema,
  voidSchema,
} from '../../../shared/contract/record';
import { checkIdNumber } from '../../../shared/domain/id-number';
import { appendAudit, diffFields } from '../audit/audit';
import { type ServiceContext, inTransaction } from '../core/context';
import { namePinyin } from './pinyin';
import { type ChildRow, actorId, documentsFor, findDocument, loadRecord, nowIso, parseInput, requireChild, toProfile } from './record-store';

/**
 * The whole record of one child, history included; audited as a read of the child's page. Documents
 * (titles, kinds, sizes, hashes) only for those who may read them.
 */
export function getRecord(ctx: ServiceContext, childId: number): ChildRecord {
  const record = loadRecord(ctx, childId);
  if (!record) throw new AppError('not_found', '未找到该儿童的档案');
  inTransaction(ctx, () => appendAudit(ctx, { action: 'record.read', entity: 'child', entityId: childId, childId }));
  return { ...record, documents: documentsFor(ctx, record.documents) };
}

const PROFILE_FIELDS = [
  'name',
  'sex',
  'birthDate',
  'idNumber',
  'admissionDate',
  'formerNames',
  'nationality',
  'ethnicity',
  'hukouKind',
  'hukouDistrictCode',
  'hukouStreet',
  'hukouProvinceCode',
  'admissionSource',
  'referringBody',
  'notes',
] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Cross-field checks of a profile after the patch is laid over it; names the field the person changed. */
function checkProfile(ctx: ServiceContext, merged: ChildProfile, changed: ReadonlySet<string>): void {
  if (merged.idNumber !== null) {
    const check = checkIdNumber(merged.idNumber, { birthDate: merged.birthDate, sex: merged.sex });
    if (!check.ok) {
      let field = 'idNumber';
      if (!changed.has('idNumber')) {
        if (check.problem === 'birthDateMismatch') field = 'birthDate';
        if (check.problem === 'sexMismatch') field = 'sex';
      }
      throw new ValidationError(field, check.message);
    }
    if (changed.has('idNumber')) {
      const other = ctx.db
        .select({ id: children.id })
        .from(children)
        .where(and(eq(children.idNumber, merged.idNumber), ne(children.id, merged.id)))
        .get();
      if (other) throw new AppError('conflict', '该身份证号已登记', { field: 'idNumber', details: { existingId: other.id } });
    }
  }
  if (merged.admissionDate !== null && merged.admissionDate < merged.birthDate) {
    throw new ValidationError(changed.has('admissionDate') ? 'admissionDate' : 'birthDate', `入院日期不能早于出生日期（${merged.birthDate}）`);
  }
  // No birth or admission in the future.
  const dateProblem = identityDateProblem(merged, ctx.clock.today());
  if (dateProblem) throw new ValidationError(dateProblem.field, dateProblem.message);
  switch (merged.hukouKind) {
    case null:
      if (merged.hukouDistrictCode !== null || merged.hukouProvinceCode !== null) {
        throw new ValidationError('hukouKind', '请先选择户籍类型（本市或外省市）');
      }
      break;
    case 'shanghai':
      if (merged.hukouProvinceCode !== null && merged.hukouProvinceCode !== '31') {
        throw new ValidationError('hukouProvinceCode', '本市户籍无需填写外省市代码');
      }
      break;
    case 'other':
      if (merged.hukouDistrictCode !== null) throw new ValidationError('hukouDistrictCode', '外省市户籍不填写本市区代码');
      if (merged.hukouProvinceCode === '31') throw new ValidationError('hukouProvinceCode', '户籍在上海时请选择“本市户籍”');
      break;
  }
}

/**
 * Changes profile fields: an absent field stays, null clears it. The ID number is re-checked against
 * the birth date and sex; every changed field is audited before/after.
 */
export function updateProfile(ctx: ServiceContext, raw: ProfileUpdateInput): ChildProfile {
  const input = parseInput(profileUpdateSchema, raw);
  return inTransaction(ctx, () => {
    const row = requireChild(ctx, input.childId);
    const before = toProfile(row);
    const patch: Partial<Record<ProfileField, unknown>> = {};
    for (const field of PROFILE_FIELDS) {
      if (input[field] !== undefined) patch[field] = input[field];
    }
    const merged = { ...before, ...patch } as ChildProfile;
    const changes = diffFields(before, merged, [...PROFILE_FIELDS]);
    if (changes.length === 0) return before;
    checkProfile(ctx, merged, new Set(changes.map((c) => c.field)));
    const set: Partial<ChildRow> = { ...(patch as Partial<ChildRow>), updatedAt: nowIso(ctx) };
    if (patch.name !== undefined) {
      const { full, initials } = namePinyin(merged.name);
      set.namePinyin = full;
      set.nameInitials = initials;
    }
    const updated = ctx.db.update(children).set(set).where(eq(children.id, row.id)).returning().get();
    appendAudit(ctx, { action: 'child.update', entity: 'child', entityId: row.id, childId: row.id, detail: changes });
    return toProfile(updated);
  });
}

/** Sets the child's photo to one of the child's live photo documents, or clears it (null). */
export function setPhoto(ctx: ServiceContext, rawInput: PhotoSetInput): ChildProfile {
  const raw = parseInput(photoSetSchema, rawInput);
  return inTransaction(ctx, () => {
    const row = requireChild(ctx, raw.childId);
    if (raw.documentId !== null) {
      const document = findDocument(ctx, row.id, raw.documentId);
      if (!document || document.voidedAt !== null) throw new ValidationError('documentId', '该照片不属于该儿童或已作废');
      if (document.kind !== 'photo' || !document.mime.startsWith('image/')) throw new ValidationError('documentId', '请选择类型为“照片”的图片文件');
    }
    if (row.photoDocumentId === raw.documentId) return toProfile(row);
    const updated = ctx.db.update(children).set({ photoDocumentId: raw.documentId, updatedAt: nowIso(ctx) }).where(eq(children.id, row.id)).returning().get();
    appendAudit(ctx, {
      action: 'child.update',
      entity: 'child',
      entityId: row.id,
      childId: row.id,
      detail: [{ field: 'photoDocumentId', before: row.photoDocumentId, after: raw.documentId }],
    });
    return toProfile(updated);
  });
}

/** Table and Chinese noun of each row kind `record:void` reaches. */
const VOIDABLE_TABLES: Readonly<Record<VoidableEntity, { table: string; noun: string }>> = {
  statusFact: { table: 'child_status_facts', noun: '状况记录' },
  placement: { table: 'placements', noun: '安置记录' },
  guardianship: { table: 'guardianships', noun: '监护记录' },
  disability: { table: 'disabilities', noun: '残疾记录' },
  education: { table: 'education_records', noun: '就学记录' },
  benefit: { table: 'benefits_received', noun: '待遇记录' },
  medicalInsurance: { table: 'medical_insurance', noun: '医保记录' },
  medicalAidClaim: { table: 'medical_aid_claims', noun: '医疗救助记录' },
};

/**
 * Voids one row of a child's record with a reason: it stays in the history, marked, and counts nowhere.
 * Call inside a transaction. Shared with the document and reintegration services. `clinical`: the
 * reason is free text of a clinical part of the file and is not copied into the audit trail.
 */
export function voidRow(
  ctx: ServiceContext,
  target: { table: string; noun: string; entity: string; clinical?: boolean },
  childId: number,
  id: number,
  reason: string,
): { id: number; voidedAt: string } {
  requireChild(ctx, childId);
  const row = ctx.sqlite.prepare(`SELECT voided_at FROM ${target.table} WHERE id = ? AND child_id = ?`).get(id, childId) as
    | { voided_at: string | null }
    | undefined;
  if (!row) throw new AppError('not_found', `未找到该${target.noun}`);
  if (row.voided_at !== null) throw new AppError('conflict', `该${target.noun}已于 ${row.voided_at} 作废`);
  const voidedAt = nowIso(ctx);
  ctx.sqlite
    .prepare(`UPDATE ${target.table} SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ? AND child_id = ?`)
    .run(voidedAt, actorId(ctx), reason, id, childId);
  // A clinical row's reason (mental health, autism, rehabilitation, assessments) stays on the row, read
  // with that part of the file; the audit trail says only that it was voided, by whom.
  appendAudit(ctx, { action: `${target.entity}.void`, entity: target.entity, entityId: id, childId, detail: target.clinical ? { textFields: ['reason'] } : { reason } });
  return { id, voidedAt };
}

/** Voids a mistaken history row (status fact, placement, guardianship, disability, enrolment, benefit, medical). */
export function voidEntry(ctx: ServiceContext, raw: VoidInput): { entity: VoidableEntity; id: number; voidedAt: string } {
  const input = parseInput(voidSchema, raw);
  return inTransaction(ctx, () => {
    const done = voidRow(ctx, { ...VOIDABLE_TABLES[input.entity], entity: input.entity }, input.childId, input.id, input.reason);
    return { entity: input.entity, ...done };
  });
}

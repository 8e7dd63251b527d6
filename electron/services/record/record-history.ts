/**
 * The dated history of a child's record: placements, guardianships and benefits as intervals (no two
 * of a kind at once), status facts, disabilities, enrolments, medical insurance and aid claims. Each
 * operation is one transaction with its audit row; rows are never overwritten — an interval is ended
 * once, a mistake is voided (record.ts) and entered again.
 */
import { and, eq, isNull } from 'drizzle-orm';
import {
  benefitsReceived,
  childStatusFacts,
  disabilities,
  educationRecords,
  guardianships,
  medicalAidClaims,
  medicalInsurance,
  placements,
} from '../../../db/schema';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import {
  type BenefitAddInput,
  type BenefitRow,
  type DisabilityRow,
  type DisabilitySetInput,
  type EducationAddInput,
  type EducationRow,
  type EducationUpdateInput,
  type GuardianKind,
  type GuardianshipAddInput,
  type GuardianshipRow,
  type IntervalEndInput,
  type MedicalAidClaimAddInput,
  type MedicalAidClaimRow,
  type MedicalInsuranceRow,
  type MedicalInsuranceSetInput,
  type PlacementAddInput,
  type PlacementRow,
  type StatusFactAddInput,
  type StatusFactRow,
  benefitAddSchema,
  disabilitySetSchema,
  educationAddSchema,
  educationUpdateSchema,
  guardianshipAddSchema,
  intervalEndSchema,
  medicalAidClaimAddSchema,
  medicalInsuranceSetSchema,
  placementAddSchema,
  statusFactAddSchema,
} from '../../../shared/contract/record';
import { addYears } from '../../../shared/domain/dates';
import { DISABILITY_CATEGORY_LABELS_ZH, checkDisabilityCertificate } from '../../../shared/domain/disability-certificate';
import { BENEFIT_LABELS_ZH, PLACEMENT_LABELS_ZH } from '../../../shared/domain/rules-types';
import { appendAudit, diffFields } from '../audit/audit';
import { type ServiceContext, inTransaction } from '../core/context';
import { addDays, describeInterval, findOverlap } from './record-intervals';
import { refuseContradictoryFact } from './fact-consistency';
import { type ChildRow, actorId, findDocument, loadRecord, nowIso, parseInput, requireChild, toStatusFactRow } from './record-store';

const GUARDIAN_KIND_LABELS_ZH: Readonly<Record<GuardianKind, string>> = {
  parent: '父母',
  relative: '亲属',
  civilAffairs: '民政部门',
  municipalInstitution: '市级儿童福利机构',
  other: '其他',
};

function created(ctx: ServiceContext, childId: number) {
  return { childId, createdAt: nowIso(ctx), createdBy: actorId(ctx) };
}

function notBeforeBirth(child: ChildRow, date: string, field: string, what: string): void {
  if (date < child.birthDate) throw new ValidationError(field, `${what}不能早于出生日期（${child.birthDate}）`);
}

function endNotBeforeStart(from: string, to: string | null | undefined, field = 'to'): void {
  if (to !== null && to !== undefined && to < from) throw new ValidationError(field, `结束日期不能早于开始日期（${from}）`);
}

/** Shared by the interval kinds: how a refusal names the interval already there. */
type IntervalKindText = { noun: string; describe: (row: { from: string; to: string | null }) => string };

/**
 * The open interval ended by `endCurrent`: the live row without an end that starts before `from`. It
 * ends on the day before `from`. Returns the ended row's id, or null when there is none to end.
 */
function endOpenBefore<T extends { id: number; from: string; to: string | null; voidedAt: string | null }>(
  rows: T[],
  from: string,
  text: IntervalKindText,
): { row: T; to: string } | null {
  const open = rows.find((r) => r.voidedAt === null && r.to === null);
  if (!open) return null;
  if (open.from >= from) {
    throw new ValidationError('from', `当前${text.noun}（${text.describe(open)}）开始于 ${open.from}，新${text.noun}的开始日期须晚于此日`);
  }
  return { row: open, to: addDays(from, -1) };
}

function refuseOverlap<T extends { id: number; from: string; to: string | null; voidedAt: string | null }>(
  rows: T[],
  candidate: { from: string; to: string | null },
  text: IntervalKindText,
  field = 'from',
): void {
  const clash = findOverlap(rows, candidate);
  if (clash) {
    throw new ValidationError(field, `与已有${text.noun}（${text.describe(clash)}）时间重叠：同一时间只能有一个${text.noun}。请先结束或作废原记录`, {
      conflictingId: clash.id,
    });
  }
}

// ——— placements ———

const placementText: IntervalKindText = {
  noun: '安置',
  describe: (r) => `${PLACEMENT_LABELS_ZH[(r as PlacementRow).kind]}，${describeInterval(r)}`,
};

/** Adds a placement interval; with `endCurrent` the open placement ends the day before. Overlaps are refused. */
export function addPlacement(ctx: ServiceContext, raw: PlacementAddInput): PlacementRow {
  const input = parseInput(placementAddSchema, raw);
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    notBeforeBirth(child, input.from, 'from', '安置开始日期');
    endNotBeforeStart(input.from, input.to);
    const rows = ctx.db.select().from(placements).where(eq(placements.childId, child.id)).all();
    if (input.endCurrent) {
      const ended = endOpenBefore(rows, input.from, placementText);
      if (ended) {
        ctx.db.update(placements).set({ to: ended.to }).where(eq(placements.id, ended.row.id)).run();
        ended.row.to = ended.to;
        appendAudit(ctx, { action: 'placement.end', entity: 'placement', entityId: ended.row.id, childId: child.id, detail: [{ field: 'to', before: null, after: ended.to }] });
      }
    }
    refuseOverlap(rows, { from: input.from, to: input.to ?? null }, placementText);
    const row = ctx.db
      .insert(placements)
      .values({ ...created(ctx, child.id), kind: input.kind, from: input.from, to: input.to ?? null, place: input.place, note: input.note })
      .returning()
      .get();
    appendAudit(ctx, { action: 'placement.add', entity: 'placement', entityId: row.id, childId: child.id, detail: { kind: row.kind, from: row.from, to: row.to } });
    return row;
  });
}

/** Ends an open placement: `to` is its last day. */
export function endPlacement(ctx: ServiceContext, raw: IntervalEndInput): PlacementRow {
  const input = parseInput(intervalEndSchema, raw);
  return inTransaction(ctx, () => {
    requireChild(ctx, input.childId);
    const row = ctx.db.select().from(placements).where(and(eq(placements.id, input.id), eq(placements.childId, input.childId))).get();
    const ended = endInterval(row, input.to, '安置');
    const updated = ctx.db.update(placements).set({ to: ended }).where(eq(placements.id, input.id)).returning().get();
    appendAudit(ctx, { action: 'placement.end', entity: 'placement', entityId: input.id, childId: input.childId, detail: [{ field: 'to', before: null, after: ended }] });
    return updated;
  });
}

/** Checks an interval can be ended on `to`; returns `to`. */
function endInterval(row: { from: string; to: string | null; voidedAt: string | null } | undefined, to: string, noun: string): string {
  if (!row || row.voidedAt !== null) throw new AppError('not_found', `未找到该${noun}记录（或已作废）`);
  if (row.to !== null) {
    throw new AppError('conflict', `该${noun}已于 ${row.to} 结束；如需更正，请作废后重新登记`, { field: 'to' });
  }
  endNotBeforeStart(row.from, to);
  return to;
}

// ——— guardianships ———

const guardianshipText: IntervalKindText = {
  noun: '监护',
  describe: (r) => {
    const g = r as GuardianshipRow;
    return `${GUARDIAN_KIND_LABELS_ZH[g.guardianKind]}“${g.guardianName}”，${describeInterval(g)}`;
  },
};

/** Adds a guardianship interval; with `endCurrent` the open one ends the day before. Overlaps are refused. */
export function addGuardianship(ctx: ServiceContext, raw: GuardianshipAddInput): GuardianshipRow {
  const input = parseInput(guardianshipAddSchema, raw);
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    notBeforeBirth(child, input.from, 'from', '监护开始日期');
    endNotBeforeStart(input.from, input.to);
    const rows = ctx.db.select().from(guardianships).where(eq(guardianships.childId, child.id)).all();
    if (input.endCurrent) {
      const ended = endOpenBefore(rows, input.from, guardianshipText);
      if (ended) {
        ctx.db.update(guardianships).set({ to: ended.to }).where(eq(guardianships.id, ended.row.id)).run();
        ended.row.to = ended.to;
        appendAudit(ctx, { action: 'guardianship.end', entity: 'guardianship', entityId: ended.row.id, childId: child.id, detail: [{ field: 'to', before: null, after: ended.to }] });
      }
    }
    refuseOverlap(rows, { from: input.from, to: input.to ?? null }, guardianshipText);
    const row = ctx.db
      .insert(guardianships)
      .values({
        ...created(ctx, child.id),
        guardianKind: input.guardianKind,
        guardianName: input.guardianName,
        basis: input.basis,
        courtAppointed: input.courtAppointed,
        adequacy: input.adequacy,
        from: input.from,
        to: input.to ?? null,
        note: input.note,
      })
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'guardianship.add',
      entity: 'guardianship',
      entityId: row.id,
      childId: child.id,
      detail: { guardianKind: row.guardianKind, courtAppointed: row.courtAppointed, adequacy: row.adequacy, from: row.from, to: row.to },
    });
    return row;
  });
}

/** Ends an open guardianship: `to` is its last day. */
export function endGuardianship(ctx: ServiceContext, raw: IntervalEndInput): GuardianshipRow {
  const input = parseInput(intervalEndSchema, raw);
  return inTransaction(ctx, () => {
    requireChild(ctx, input.childId);
    const row = ctx.db.select().from(guardianships).where(and(eq(guardianships.id, input.id), eq(guardianships.childId, input.childId))).get();
    const ended = endInterval(row, input.to, '监护');
    const updated = ctx.db.update(guardianships).set({ to: ended }).where(eq(guardianships.id, input.id)).returning().get();
    appendAudit(ctx, { action: 'guardianship.end', entity: 'guardianship', entityId: input.id, childId: input.childId, detail: [{ field: 'to', before: null, after: ended }] });
    return updated;
  });
}

// ——— benefits received ———

const benefitText = (code: BenefitRow['code']): IntervalKindText => ({
  noun: `“${BENEFIT_LABELS_ZH[code]}”待遇`,
  describe: (r) => describeInterval(r),
});

/** Adds a benefit received over an interval; the same benefit twice at once is refused. */
export function addBenefit(ctx: ServiceContext, raw: BenefitAddInput): BenefitRow {
  const input = parseInput(benefitAddSchema, raw);
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    notBeforeBirth(child, input.from, 'from', '待遇开始日期');
    endNotBeforeStart(input.from, input.to);
    const sameCode = ctx.db
      .select()
      .from(benefitsReceived)
      .where(and(eq(benefitsReceived.childId, child.id), eq(benefitsReceived.code, input.code)))
      .all();
    refuseOverlap(sameCode, { from: input.from, to: input.to ?? null }, benefitText(input.code));
    const row = ctx.db
      .insert(benefitsReceived)
      .values({ ...created(ctx, child.id), code: input.code, from: input.from, to: input.to ?? null, monthlyAmountFen: input.monthlyAmountFen ?? null, note: input.note })
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'benefit.add',
      entity: 'benefit',
      entityId: row.id,
      childId: child.id,
      detail: { code: row.code, from: row.from, to: row.to, monthlyAmountFen: row.monthlyAmountFen },
    });
    return row;
  });
}

/** Ends an open benefit: `to` is the last day it was received. */
export function endBenefit(ctx: ServiceContext, raw: IntervalEndInput): BenefitRow {
  const input = parseInput(intervalEndSchema, raw);
  return inTransaction(ctx, () => {
    requireChild(ctx, input.childId);
    const row = ctx.db.select().from(benefitsReceived).where(and(eq(benefitsReceived.id, input.id), eq(benefitsReceived.childId, input.childId))).get();
    const ended = endInterval(row, input.to, '待遇');
    const updated = ctx.db.update(benefitsReceived).set({ to: ended }).where(eq(benefitsReceived.id, input.id)).returning().get();
    appendAudit(ctx, { action: 'benefit.end', entity: 'benefit', entityId: input.id, childId: input.childId, detail: [{ field: 'to', before: null, after: ended }] });
    return updated;
  });
}

// ——— status facts ———

/** Adds a dated status fact; a later fact of the same kind supersedes it from its effective date. */
export function addStatusFact(ctx: ServiceContext, raw: StatusFactAddInput): StatusFactRow {
  const input = parseInput(statusFactAddSchema, raw);
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    endNotBeforeStart(input.effectiveDate, input.validUntil, 'validUntil');
    if (input.documentId !== null && input.documentId !== undefined) {
      const document = findDocument(ctx, child.id, input.documentId);
      if (!document || document.voidedAt !== null) throw new ValidationError('documentId', '所附证明文件不属于该儿童或已作废');
    }
    refuseContradictoryFact(loadRecord(ctx, child.id, { forFacts: true })!, input.fact, input.effectiveDate);
    const row = ctx.db
      .insert(childStatusFacts)
      .values({
        ...created(ctx, child.id),
        kind: input.fact.kind,
        value: input.fact.value,
        effectiveDate: input.effectiveDate,
        validUntil: input.validUntil ?? null,
        evidence: input.evidence,
        documentId: input.documentId ?? null,
      })
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'statusFact.add',
      entity: 'statusFact',
      entityId: row.id,
      childId: child.id,
      detail: { kind: row.kind, value: row.value, effectiveDate: row.effectiveDate, validUntil: row.validUntil },
    });
    return toStatusFactRow(row);
  });
}

// ——— disability ———

const disabilityText: IntervalKindText = {
  noun: '残疾记录',
  describe: (r) => {
    const d = r as DisabilityRow;
    return `${DISABILITY_CATEGORY_LABELS_ZH[d.category]}${d.grade}级，${describeInterval(d)}`;
  },
};

/**
 * Records a disability from `from` on. A certificate number is checked against the child (first 18 =
 * the ID number) and gives the category and grade. The current disability ends the day before.
 */
export function setDisability(ctx: ServiceContext, raw: DisabilitySetInput): DisabilityRow {
  const input = parseInput(disabilitySetSchema, raw);
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    let category = input.category ?? null;
    let grade = input.grade ?? null;
    if (input.certificateNumber !== null) {
      const check = checkDisabilityCertificate(input.certificateNumber, { idNumber: child.idNumber, birthDate: child.birthDate });
      if (!check.ok) throw new ValidationError('certificateNumber', check.message, { problem: check.problem });
      if (category !== null && category !== check.value.category) {
        throw new ValidationError('category', `残疾类别与残疾证号第19位（${DISABILITY_CATEGORY_LABELS_ZH[check.value.category]}）不一致`);
      }
      if (grade !== null && grade !== check.value.grade) {
        throw new ValidationError('grade', `残疾等级与残疾证号第20位（${check.value.grade}级）不一致`);
      }
      category = check.value.category;
      grade = check.value.grade;
    }
    if (category === null) throw new ValidationError('category', '无残疾证号时请选择残疾类别');
    if (grade === null) throw new ValidationError('grade', '无残疾证号时请选择残疾等级');
    notBeforeBirth(child, input.from, 'from', '残疾记录开始日期');
    if (input.issuedOn && input.validUntil && input.validUntil < input.issuedOn) {
      throw new ValidationError('validUntil', `有效期至不能早于发证日期（${input.issuedOn}）`);
    }
    const rows = ctx.db.select().from(disabilities).where(eq(disabilities.childId, child.id)).all();
    const ended = endOpenBefore(rows, input.from, disabilityText);
    if (ended) {
      ctx.db.update(disabilities).set({ to: ended.to }).where(eq(disabilities.id, ended.row.id)).run();
      ended.row.to = ended.to;
      appendAudit(ctx, { action: 'disability.end', entity: 'disability', entityId: ended.row.id, childId: child.id, detail: [{ field: 'to', before: null, after: ended.to }] });
    }
    refuseOverlap(rows, { from: input.from, to: null }, disabilityText);
    const row = ctx.db
      .insert(disabilities)
      .values({
        ...created(ctx, child.id),
        certificateNumber: input.certificateNumber,
        category,
        grade,
        issuedOn: input.issuedOn ?? null,
        validUntil: input.validUntil ?? null,
        from: input.from,
        to: null,
        note: input.note,
      })
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'disability.set',
      entity: 'disability',
      entityId: row.id,
      childId: child.id,
      detail: { category, grade, certificate: row.certificateNumber !== null, from: row.from, validUntil: row.validUntil },
    });
    return row;
  });
}

/** Ends the current disability (certificate withdrawn, condition reassessed): `to` is its last day. */
export function endDisability(ctx: ServiceContext, raw: IntervalEndInput): DisabilityRow {
  const input = parseInput(intervalEndSchema, raw);
  return inTransaction(ctx, () => {
    requireChild(ctx, input.childId);
    const row = ctx.db.select().from(disabilities).where(and(eq(disabilities.id, input.id), eq(disabilities.childId, input.childId))).get();
    const ended = endInterval(row, input.to, '残疾记录');
    const updated = ctx.db.update(disabilities).set({ to: ended }).where(eq(disabilities.id, input.id)).returning().get();
    appendAudit(ctx, { action: 'disability.end', entity: 'disability', entityId: input.id, childId: input.childId, detail: [{ field: 'to', before: null, after: ended }] });
    return updated;
  });
}

// ——— education ———

/** The last day of the standard duration (学制) counted from enrolment: the day before the N-th anniversary. */
export function standardDurationEnd(enrolmentDate: string, years: number): string {
  return addDays(addYears(enrolmentDate, years), -1);
}

type EducationShape = Pick<EducationRow, 'enrolmentDate' | 'expectedCompletion' | 'actualCompletion' | 'outcome'>;

function checkEducation(child: ChildRow, e: EducationShape): void {
  notBeforeBirth(child, e.enrolmentDate, 'enrolmentDate', '入学日期');
  if (e.expectedCompletion !== null && e.expectedCompletion < e.enrolmentDate) {
    throw new ValidationError('expectedCompletion', `预计完成日期不能早于入学日期（${e.enrolmentDate}）`);
  }
  if (e.actualCompletion !== null && e.actualCompletion < e.enrolmentDate) {
    throw new ValidationError('actualCompletion', `学业结束日期不能早于入学日期（${e.enrolmentDate}）`);
  }
  if (e.outcome !== null && e.actualCompletion === null) {
    throw new ValidationError('actualCompletion', '填写了毕业或离校情况时，请填写学业结束日期');
  }
}

/** Adds an enrolment. Without an expected completion, the last day of the standard duration is used. */
export function addEducation(ctx: ServiceContext, raw: EducationAddInput): EducationRow {
  const input = parseInput(educationAddSchema, raw);
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    const values = {
      stage: input.stage,
      school: input.school,
      fullTime: input.fullTime,
      enrolmentDate: input.enrolmentDate,
      standardDurationYears: input.standardDurationYears,
      expectedCompletion: input.expectedCompletion ?? standardDurationEnd(input.enrolmentDate, input.standardDurationYears),
      actualCompletion: input.actualCompletion ?? null,
      outcome: input.outcome ?? null,
      note: input.note,
    };
    checkEducation(child, values);
    const row = ctx.db
      .insert(educationRecords)
      .values({ ...created(ctx, child.id), ...values })
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'education.add',
      entity: 'education',
      entityId: row.id,
      childId: child.id,
      detail: { stage: row.stage, fullTime: row.fullTime, enrolmentDate: row.enrolmentDate, standardDurationYears: row.standardDurationYears },
    });
    return row;
  });
}

const EDUCATION_FIELDS = [
  'stage',
  'school',
  'fullTime',
  'enrolmentDate',
  'standardDurationYears',
  'expectedCompletion',
  'actualCompletion',
  'outcome',
  'note',
] as const;

/** Changes an enrolment (completion, school, full-time…); every changed field is audited before/after. */
export function updateEducation(ctx: ServiceContext, raw: EducationUpdateInput): EducationRow {
  const input = parseInput(educationUpdateSchema, raw);
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    const row = ctx.db.select().from(educationRecords).where(and(eq(educationRecords.id, input.id), eq(educationRecords.childId, child.id))).get();
    if (!row || row.voidedAt !== null) throw new AppError('not_found', '未找到该就学记录（或已作废）');
    const patch: Partial<Pick<EducationRow, (typeof EDUCATION_FIELDS)[number]>> = {};
    for (const field of EDUCATION_FIELDS) {
      if (input[field] !== undefined) (patch as Record<string, unknown>)[field] = input[field];
    }
    const merged = { ...row, ...patch } as EducationRow;
    checkEducation(child, merged);
    const changes = diffFields(row, merged, [...EDUCATION_FIELDS]);
    if (changes.length === 0) return row;
    const updated = ctx.db
      .update(educationRecords)
      .set({ ...patch, updatedAt: nowIso(ctx), updatedBy: actorId(ctx) })
      .where(eq(educationRecords.id, row.id))
      .returning()
      .get();
    appendAudit(ctx, { action: 'education.update', entity: 'education', entityId: row.id, childId: child.id, detail: changes });
    return updated;
  });
}

// ——— medical ———

/** Records the year's medical insurance enrolment; an earlier live entry for the year is voided (superseded). */
export function setMedicalInsurance(ctx: ServiceContext, raw: MedicalInsuranceSetInput): MedicalInsuranceRow {
  const input = parseInput(medicalInsuranceSetSchema, raw);
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    const earlier = ctx.db
      .select()
      .from(medicalInsurance)
      .where(and(eq(medicalInsurance.childId, child.id), eq(medicalInsurance.year, input.year), isNull(medicalInsurance.voidedAt)))
      .get();
    if (earlier) {
      ctx.db
        .update(medicalInsurance)
        .set({ voidedAt: nowIso(ctx), voidedBy: actorId(ctx), voidReason: '由新的当年登记取代' })
        .where(eq(medicalInsurance.id, earlier.id))
        .run();
    }
    const row = ctx.db
      .insert(medicalInsurance)
      .values({ ...created(ctx, child.id), year: input.year, enrolled: input.enrolled, premiumSubsidised: input.premiumSubsidised, note: input.note })
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'medicalInsurance.set',
      entity: 'medicalInsurance',
      entityId: row.id,
      childId: child.id,
      detail: earlier
        ? diffFields(earlier, row, ['enrolled', 'premiumSubsidised', 'note'])
        : { year: row.year, enrolled: row.enrolled, premiumSubsidised: row.premiumSubsidised },
    });
    return row;
  });
}

/** Adds a medical aid claim (eligible cost and amount aided, in fen). */
export function addMedicalAidClaim(ctx: ServiceContext, raw: MedicalAidClaimAddInput): MedicalAidClaimRow {
  const input = parseInput(medicalAidClaimAddSchema, raw);
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    notBeforeBirth(child, input.claimDate, 'claimDate', '救助日期');
    const row = ctx.db
      .insert(medicalAidClaims)
      .values({
        ...created(ctx, child.id),
        claimDate: input.claimDate,
        hospital: input.hospital,
        eligibleCostFen: input.eligibleCostFen,
        aidedFen: input.aidedFen,
        note: input.note,
      })
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'medicalAidClaim.add',
      entity: 'medicalAidClaim',
      entityId: row.id,
      childId: child.id,
      detail: { claimDate: row.claimDate, eligibleCostFen: row.eligibleCostFen, aidedFen: row.aidedFen },
    });
    return row;
  });
}

/**
 * The record services (issue 3, item 1) against a real encrypted database: each operation writes its
 * rows and one audit entry in one transaction; overlapping intervals of a kind are refused with a
 * field-named Chinese ValidationError and nothing written; rows are ended or voided, never deleted;
 * the disability certificate is checked against the child; record.get returns the whole history in a
 * handful of indexed queries.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { createChild } from '../../electron/services/registry/children';
import { getRecord, setPhoto, updateProfile, voidEntry } from '../../electron/services/record/record';
import { addDocument, getDocument, voidDocument } from '../../electron/services/record/record-documents';
import {
  addBenefit,
  addEducation,
  addGuardianship,
  addMedicalAidClaim,
  addPlacement,
  addStatusFact,
  endBenefit,
  endDisability,
  endGuardianship,
  endPlacement,
  setDisability,
  setMedicalInsurance,
  updateEducation,
} from '../../electron/services/record/record-history';
import { addAssessment, addVocationalRehab, completeVocationalRehab, voidReintegrationEntry } from '../../electron/services/record/record-reintegration';
import { loadRecord } from '../../electron/services/record/record-store';
import type { ServiceContext } from '../../electron/services/core/context';
import { AppError } from '../../shared/contract/errors';
import { makeIdNumber } from '../../shared/domain/id-number';
import { tempDatabase } from '../helpers/temp-db';

const ID = makeIdNumber('310104', '2010-03-07', 11, 'male');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1');

let db: ReturnType<typeof tempDatabase>;
let ctx: ServiceContext;
let childId: number;

beforeEach(() => {
  db = tempDatabase();
  ctx = db.ctx;
  childId = createChild(ctx, { name: '王小明', sex: 'male', birthDate: '2010-03-07', idNumber: ID, admissionDate: '2011-01-01' }).id;
});
afterEach(() => db.cleanup());

const count = (table: string) => (ctx.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const audits = () => ctx.sqlite.prepare('SELECT action, entity, entity_id, child_id, detail FROM audit_log ORDER BY id').all() as {
  action: string;
  entity: string | null;
  entity_id: number | null;
  child_id: number | null;
  detail: string | null;
}[];
const lastAudit = () => audits().at(-1)!;

/** Runs `fn`, expects an AppError, returns it; and checks that nothing at all was written. */
function refused(fn: () => unknown): AppError {
  const before = JSON.stringify(snapshot());
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  expect(JSON.stringify(snapshot())).toBe(before);
  return error as AppError;
}

function snapshot() {
  const tables = ['children', 'child_status_facts', 'placements', 'guardianships', 'disabilities', 'education_records', 'benefits_received', 'medical_insurance', 'medical_aid_claims', 'documents', 'reintegration_assessments', 'vocational_rehab', 'audit_log'];
  return tables.map((t) => ctx.sqlite.prepare(`SELECT * FROM ${t} ORDER BY id`).all());
}

describe('placements', () => {
  it('adds, ends, and refuses an overlap naming the field in Chinese', () => {
    const first = addPlacement(ctx, { childId, kind: 'municipalInstitution', from: '2011-01-01', place: '上海市儿童福利院' });
    expect(first).toMatchObject({ kind: 'municipalInstitution', from: '2011-01-01', to: null, place: '上海市儿童福利院', createdBy: 1, voidedAt: null });
    expect(lastAudit()).toMatchObject({ action: 'placement.add', entity: 'placement', entity_id: first.id, child_id: childId });

    const error = refused(() => addPlacement(ctx, { childId, kind: 'foster', from: '2015-05-01' }));
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('from');
    expect(error.message).toContain('市级儿童福利机构集中养育');
    expect(error.message).toContain('2011-01-01 至今');
    expect(error.message).toMatch(/重叠/);

    const ended = endPlacement(ctx, { childId, id: first.id, to: '2015-04-30' });
    expect(ended.to).toBe('2015-04-30');
    expect(lastAudit()).toMatchObject({ action: 'placement.end', entity_id: first.id });
    expect(JSON.parse(lastAudit().detail!)).toEqual([{ field: 'to', before: null, after: '2015-04-30' }]);

    // The day after the end is free; the last day itself is not.
    expect(refused(() => addPlacement(ctx, { childId, kind: 'foster', from: '2015-04-30' })).field).toBe('from');
    const foster = addPlacement(ctx, { childId, kind: 'foster', from: '2015-05-01' });
    expect(getRecord(ctx, childId).placements.map((p) => [p.kind, p.from, p.to])).toEqual([
      ['municipalInstitution', '2011-01-01', '2015-04-30'],
      ['foster', '2015-05-01', null],
    ]);
    // A closed interval in the past that overlaps a closed one is refused too.
    expect(refused(() => addPlacement(ctx, { childId, kind: 'kinship', from: '2012-01-01', to: '2012-02-01' })).field).toBe('from');
    expect(foster.id).toBeGreaterThan(first.id);
  });

  it('endCurrent ends the open placement the day before, in the same transaction', () => {
    const first = addPlacement(ctx, { childId, kind: 'municipalInstitution', from: '2011-01-01' });
    addPlacement(ctx, { childId, kind: 'foster', from: '2016-03-01', endCurrent: true });
    const rows = getRecord(ctx, childId).placements;
    expect(rows.map((p) => [p.id === first.id, p.to])).toEqual([
      [true, '2016-02-29'],
      [false, null],
    ]);
    expect(audits().map((a) => a.action).slice(-3)).toEqual(['placement.end', 'placement.add', 'record.read']);
  });

  it('endCurrent refuses a new start on or before the open one’s start, and leaves it open', () => {
    addPlacement(ctx, { childId, kind: 'municipalInstitution', from: '2011-01-01' });
    const error = refused(() => addPlacement(ctx, { childId, kind: 'foster', from: '2011-01-01', endCurrent: true }));
    expect(error.field).toBe('from');
  });

  it('refuses a start before birth, an end before the start, ending twice, and another child’s row', () => {
    expect(refused(() => addPlacement(ctx, { childId, kind: 'foster', from: '2010-03-06' })).field).toBe('from');
    expect(refused(() => addPlacement(ctx, { childId, kind: 'foster', from: '2012-01-01', to: '2011-12-31' })).field).toBe('to');
    const p = addPlacement(ctx, { childId, kind: 'foster', from: '2012-01-01' });
    expect(refused(() => endPlacement(ctx, { childId, id: p.id, to: '2011-12-31' })).field).toBe('to');
    endPlacement(ctx, { childId, id: p.id, to: '2012-12-31' });
    const again = refused(() => endPlacement(ctx, { childId, id: p.id, to: '2013-12-31' }));
    expect(again.code).toBe('conflict');
    const other = createChild(ctx, { name: '李四', sex: 'female', birthDate: '2012-01-01', idNumber: null }).id;
    expect(refused(() => endPlacement(ctx, { childId: other, id: p.id, to: '2013-01-01' })).code).toBe('not_found');
    expect(refused(() => addPlacement(ctx, { childId: 9999, kind: 'foster', from: '2012-01-01' })).code).toBe('not_found');
  });

  it('a voided placement no longer blocks, and stays in the history with its reason', () => {
    const wrong = addPlacement(ctx, { childId, kind: 'foster', from: '2011-01-01' });
    voidEntry(ctx, { childId, entity: 'placement', id: wrong.id, reason: '录入错误：应为机构养育' });
    expect(lastAudit()).toMatchObject({ action: 'placement.void', entity_id: wrong.id });
    addPlacement(ctx, { childId, kind: 'municipalInstitution', from: '2011-01-01' });
    const rows = getRecord(ctx, childId).placements;
    expect(rows).toHaveLength(2);
    expect(rows.find((p) => p.id === wrong.id)).toMatchObject({ voidReason: '录入错误：应为机构养育', voidedBy: 1 });
    expect(refused(() => voidEntry(ctx, { childId, entity: 'placement', id: wrong.id, reason: '再次作废' })).code).toBe('conflict');
    expect(refused(() => voidEntry(ctx, { childId, entity: 'placement', id: wrong.id, reason: '' })).field).toBe('reason');
  });
});

describe('guardianships', () => {
  it('adds a court-appointed civil affairs guardianship, refuses two at once, ends it', () => {
    const g = addGuardianship(ctx, {
      childId,
      guardianKind: 'civilAffairs',
      guardianName: '上海市民政局',
      basis: '(2012)沪0105民特12号',
      courtAppointed: true,
      from: '2012-05-01',
    });
    expect(g).toMatchObject({ courtAppointed: true, adequacy: 'adequate', to: null });
    const error = refused(() => addGuardianship(ctx, { childId, guardianKind: 'relative', guardianName: '祖母', from: '2013-01-01' }));
    expect(error.field).toBe('from');
    expect(error.message).toContain('民政部门“上海市民政局”');
    expect(endGuardianship(ctx, { childId, id: g.id, to: '2012-12-31' }).to).toBe('2012-12-31');
    addGuardianship(ctx, { childId, guardianKind: 'relative', guardianName: '祖母', from: '2013-01-01', adequacy: 'improper' });
    expect(getRecord(ctx, childId).guardianships.map((x) => x.adequacy)).toEqual(['adequate', 'improper']);
  });

  it('requires the guardian’s name', () => {
    expect(refused(() => addGuardianship(ctx, { childId, guardianKind: 'relative', guardianName: '  ', from: '2013-01-01' })).field).toBe('guardianName');
  });
});

describe('benefits', () => {
  it('the same benefit twice at once is refused; a different benefit at the same time is not', () => {
    const allowance = addBenefit(ctx, { childId, code: 'basicLivingAllowance', from: '2011-01-01', monthlyAmountFen: 252_000 });
    expect(allowance.monthlyAmountFen).toBe(252_000);
    const error = refused(() => addBenefit(ctx, { childId, code: 'basicLivingAllowance', from: '2020-01-01' }));
    expect(error.field).toBe('from');
    expect(error.message).toContain('基本生活费');
    // Not stacking is the rules' business, not the registry's: both may be recorded (and flagged).
    addBenefit(ctx, { childId, code: 'minimumLivingAllowance', from: '2020-01-01' });
    endBenefit(ctx, { childId, id: allowance.id, to: '2019-12-31' });
    addBenefit(ctx, { childId, code: 'basicLivingAllowance', from: '2020-01-01' });
    expect(getRecord(ctx, childId).benefits.map((b) => [b.code, b.from, b.to])).toEqual([
      ['basicLivingAllowance', '2011-01-01', '2019-12-31'],
      ['minimumLivingAllowance', '2020-01-01', null],
      ['basicLivingAllowance', '2020-01-01', null],
    ]);
  });

  it('amounts are whole, non-negative fen', () => {
    expect(refused(() => addBenefit(ctx, { childId, code: 'temporaryAid', from: '2020-01-01', monthlyAmountFen: 12.5 })).field).toBe('monthlyAmountFen');
    expect(refused(() => addBenefit(ctx, { childId, code: 'temporaryAid', from: '2020-01-01', monthlyAmountFen: -1 })).field).toBe('monthlyAmountFen');
  });
});

describe('status facts', () => {
  it('stores the kind and value, with evidence and a document of the same child', () => {
    const doc = addDocument(ctx, { childId, kind: 'deathCertificate', title: '父亲死亡证明', mime: 'application/pdf', contentBase64: PDF.toString('base64') });
    const row = addStatusFact(ctx, {
      childId,
      fact: { kind: 'parentsStatus', value: { father: 'deceased', mother: 'declaredMissing' } },
      effectiveDate: '2011-01-01',
      evidence: '死亡证明；宣告失踪判决书',
      documentId: doc.id,
    });
    expect(row.fact).toEqual({ kind: 'parentsStatus', value: { father: 'deceased', mother: 'declaredMissing' } });
    expect(lastAudit()).toMatchObject({ action: 'statusFact.add', entity_id: row.id });
    expect(getRecord(ctx, childId).statusFacts[0]).toMatchObject({ documentId: doc.id, evidence: '死亡证明；宣告失踪判决书' });
  });

  it('refuses a value of the wrong shape for its kind, validUntil before the date, and another child’s document', () => {
    expect(refused(() => addStatusFact(ctx, { childId, fact: { kind: 'migrant', value: 'yes' } as never, effectiveDate: '2020-01-01' })).field).toBe('fact.value');
    expect(refused(() => addStatusFact(ctx, { childId, fact: { kind: 'unknownKind', value: true } as never, effectiveDate: '2020-01-01' })).field).toBe('fact.kind');
    expect(
      refused(() => addStatusFact(ctx, { childId, fact: { kind: 'suddenHardship', value: true }, effectiveDate: '2020-01-01', validUntil: '2019-12-31' })).field,
    ).toBe('validUntil');
    const other = createChild(ctx, { name: '李四', sex: 'female', birthDate: '2012-01-01', idNumber: null }).id;
    const doc = addDocument(ctx, { childId: other, kind: 'other', title: '别人的文件', mime: 'application/pdf', contentBase64: PDF.toString('base64') });
    expect(refused(() => addStatusFact(ctx, { childId, fact: { kind: 'migrant', value: true }, effectiveDate: '2020-01-01', documentId: doc.id })).field).toBe('documentId');
  });
});

describe('disability', () => {
  it('a certificate number fills in category and grade; the next one ends the current the day before', () => {
    const first = setDisability(ctx, { childId, certificateNumber: `${ID}52`, issuedOn: '2015-01-10', validUntil: '2025-01-09', from: '2015-01-10' });
    expect(first).toMatchObject({ category: 'intellectual', grade: 2, certificateNumber: `${ID}52`, to: null });
    expect(lastAudit()).toMatchObject({ action: 'disability.set' });
    const second = setDisability(ctx, { childId, certificateNumber: `${ID}51`.toLowerCase(), from: '2020-06-01' });
    expect(second).toMatchObject({ category: 'intellectual', grade: 1, certificateNumber: `${ID}51` });
    expect(getRecord(ctx, childId).disabilities.map((d) => [d.grade, d.from, d.to])).toEqual([
      [2, '2015-01-10', '2020-05-31'],
      [1, '2020-06-01', null],
    ]);
    expect(endDisability(ctx, { childId, id: second.id, to: '2024-12-31' }).to).toBe('2024-12-31');
  });

  it.each([
    ['another person’s ID number', `${makeIdNumber('310104', '2010-03-07', 13, 'male')}52`, 'certificateNumber', /身份证号不一致/],
    ['category digit 8', `${ID}82`, 'certificateNumber', /第19位/],
    ['grade digit 5', `${ID}55`, 'certificateNumber', /第20位/],
    ['19 characters', `${ID}5`, 'certificateNumber', /20位/],
  ])('refuses %s', (_label, certificateNumber, field, message) => {
    const error = refused(() => setDisability(ctx, { childId, certificateNumber, from: '2015-01-10' }));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('refuses a category or grade that contradicts the certificate, and requires both without one', () => {
    expect(refused(() => setDisability(ctx, { childId, certificateNumber: `${ID}52`, category: 'visual', from: '2015-01-10' })).field).toBe('category');
    expect(refused(() => setDisability(ctx, { childId, certificateNumber: `${ID}52`, grade: 3, from: '2015-01-10' })).field).toBe('grade');
    expect(refused(() => setDisability(ctx, { childId, certificateNumber: null, grade: 3, from: '2015-01-10' })).field).toBe('category');
    expect(setDisability(ctx, { childId, certificateNumber: '', category: 'hearing', grade: 4, from: '2015-01-10' })).toMatchObject({ certificateNumber: null, grade: 4 });
  });

  it('a new disability must start after the current one', () => {
    setDisability(ctx, { childId, category: 'hearing', grade: 4, from: '2015-01-10' });
    expect(refused(() => setDisability(ctx, { childId, category: 'hearing', grade: 3, from: '2015-01-10' })).field).toBe('from');
  });
});

describe('education', () => {
  it('adds an enrolment with the standard duration’s last day as expected completion, then records completion', () => {
    const e = addEducation(ctx, { childId, stage: 'seniorVocational', school: '上海市工业技术学校', fullTime: true, enrolmentDate: '2025-09-01', standardDurationYears: 3 });
    expect(e.expectedCompletion).toBe('2028-08-31');
    const done = updateEducation(ctx, { childId, id: e.id, actualCompletion: '2028-06-30', outcome: 'graduated' });
    expect(done).toMatchObject({ actualCompletion: '2028-06-30', outcome: 'graduated', updatedBy: 1 });
    expect(JSON.parse(lastAudit().detail!)).toEqual([
      { field: 'actualCompletion', before: null, after: '2028-06-30' },
      { field: 'outcome', before: null, after: 'graduated' },
    ]);
    const auditsBefore = audits().length;
    expect(updateEducation(ctx, { childId, id: e.id, outcome: 'graduated' })).toMatchObject({ outcome: 'graduated' });
    expect(audits()).toHaveLength(auditsBefore);
  });

  it('refuses completion before enrolment and an outcome without a completion date', () => {
    const e = addEducation(ctx, { childId, stage: 'compulsory', fullTime: true, enrolmentDate: '2016-09-01', standardDurationYears: 9 });
    expect(refused(() => updateEducation(ctx, { childId, id: e.id, actualCompletion: '2016-08-31' })).field).toBe('actualCompletion');
    expect(refused(() => updateEducation(ctx, { childId, id: e.id, outcome: 'leftEarly' })).field).toBe('actualCompletion');
    expect(refused(() => addEducation(ctx, { childId, stage: 'compulsory', fullTime: true, enrolmentDate: '2016-09-01', standardDurationYears: 12 })).field).toBe('standardDurationYears');
    expect(refused(() => addEducation(ctx, { childId, stage: 'finished' as never, fullTime: true, enrolmentDate: '2016-09-01', standardDurationYears: 3 })).field).toBe('stage');
  });
});

describe('medical', () => {
  it('a second entry for the same year supersedes the first (voided, kept)', () => {
    setMedicalInsurance(ctx, { childId, year: 2026, enrolled: true, premiumSubsidised: false });
    setMedicalInsurance(ctx, { childId, year: 2026, enrolled: true, premiumSubsidised: true });
    const rows = getRecord(ctx, childId).medicalInsurance;
    expect(rows.map((r) => [r.premiumSubsidised, r.voidedAt !== null])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('aid claims keep the eligible cost and the amount aided; aided above cost is refused', () => {
    const claim = addMedicalAidClaim(ctx, { childId, claimDate: '2026-03-01', hospital: '上海市儿童医院', eligibleCostFen: 1_000_000, aidedFen: 700_000 });
    expect(claim).toMatchObject({ eligibleCostFen: 1_000_000, aidedFen: 700_000 });
    expect(refused(() => addMedicalAidClaim(ctx, { childId, claimDate: '2026-03-01', eligibleCostFen: 100, aidedFen: 101 })).field).toBe('aidedFen');
  });
});

describe('documents and the photo', () => {
  it('stores the content inside the database with its hash; the record lists it without content', () => {
    const doc = addDocument(ctx, { childId, kind: 'photo', title: '入院照片', mime: 'image/png', contentBase64: PNG.toString('base64') });
    expect(doc).toMatchObject({ size: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex') });
    expect(Object.keys(doc)).not.toContain('bytes');
    const listed = getRecord(ctx, childId).documents;
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0])).not.toContain('bytes');
    expect(Buffer.from(getDocument(ctx, { childId, id: doc.id }).contentBase64, 'base64').equals(PNG)).toBe(true);
    expect(lastAudit()).toMatchObject({ action: 'document.read', entity_id: doc.id });

    expect(setPhoto(ctx, { childId, documentId: doc.id }).photoDocumentId).toBe(doc.id);
    voidDocument(ctx, { childId, id: doc.id, reason: '照片拍错了人' });
    expect(loadRecord(ctx, childId)!.child.photoDocumentId).toBeNull();
    expect(audits().slice(-2).map((a) => a.action)).toEqual(['document.void', 'child.update']);
  });

  it('refuses content that is not what the type says, a PDF as photo, and a photo from another kind', () => {
    expect(refused(() => addDocument(ctx, { childId, kind: 'other', title: '假PDF', mime: 'application/pdf', contentBase64: PNG.toString('base64') })).field).toBe('contentBase64');
    expect(refused(() => addDocument(ctx, { childId, kind: 'photo', title: '照片', mime: 'application/pdf', contentBase64: PDF.toString('base64') })).field).toBe('mime');
    expect(refused(() => addDocument(ctx, { childId, kind: 'other', title: '坏编码', mime: 'application/pdf', contentBase64: '%%%%' })).field).toBe('contentBase64');
    const report = addDocument(ctx, { childId, kind: 'medicalReport', title: '体检报告', mime: 'image/png', contentBase64: PNG.toString('base64') });
    expect(refused(() => setPhoto(ctx, { childId, documentId: report.id })).field).toBe('documentId');
  });
});

describe('assessments and vocational rehabilitation', () => {
  let adult: number;
  beforeEach(() => {
    adult = createChild(ctx, { name: '赵成年', sex: 'female', birthDate: '2007-05-01', idNumber: null }).id;
  });

  it('a second round needs an earlier first round that found the young person not capable', () => {
    expect(refused(() => addAssessment(ctx, { childId: adult, assessedOn: '2026-01-10', round: 2, result: 'capable' })).field).toBe('round');
    addAssessment(ctx, { childId: adult, assessedOn: '2025-06-01', round: 1, result: 'notCapable', panel: '市民政局、福利院' });
    expect(refused(() => addAssessment(ctx, { childId: adult, assessedOn: '2025-06-01', round: 2, result: 'capable' })).field).toBe('round');
    const second = addAssessment(ctx, { childId: adult, assessedOn: '2026-01-10', round: 2, result: 'capable' });
    expect(second).toMatchObject({ round: 2, result: 'capable' });
    expect(lastAudit()).toMatchObject({ action: 'assessment.add', child_id: adult });
  });

  it('refuses an assessment dated in the future (the clock says 2026-11-29)', () => {
    expect(refused(() => addAssessment(ctx, { childId: adult, assessedOn: '2026-11-30', round: 1, result: 'capable' })).field).toBe('assessedOn');
    expect(addAssessment(ctx, { childId: adult, assessedOn: '2026-11-29', round: 1, result: 'capable' }).assessedOn).toBe('2026-11-29');
  });

  it('vocational rehabilitation is completed once; a voided assessment stays listed', () => {
    const v = addVocationalRehab(ctx, { childId: adult, from: '2025-07-01', provider: '阳光职业康复中心' });
    expect(completeVocationalRehab(ctx, { childId: adult, id: v.id, completedOn: '2026-01-01' }).completedOn).toBe('2026-01-01');
    expect(refused(() => completeVocationalRehab(ctx, { childId: adult, id: v.id, completedOn: '2026-02-01' })).code).toBe('conflict');
    const a = addAssessment(ctx, { childId: adult, assessedOn: '2025-06-01', round: 1, result: 'notCapable' });
    voidReintegrationEntry(ctx, { childId: adult, entity: 'assessment', id: a.id, reason: '评估日期录错' });
    expect(getRecord(ctx, adult).assessments[0].voidReason).toBe('评估日期录错');
  });
});

describe('the profile', () => {
  it('changes hukou and admission fields, auditing each change before/after', () => {
    const p = updateProfile(ctx, {
      childId,
      hukouKind: 'shanghai',
      hukouDistrictCode: '310104',
      hukouStreet: '田林街道',
      formerNames: ['王明'],
      ethnicity: '汉族',
      admissionSource: 'police',
      referringBody: '徐汇公安分局',
      notes: '',
    });
    expect(p).toMatchObject({ hukouKind: 'shanghai', hukouDistrictCode: '310104', formerNames: ['王明'], admissionSource: 'police', notes: null });
    const detail = JSON.parse(lastAudit().detail!) as { field: string }[];
    expect(lastAudit().action).toBe('child.update');
    expect(detail.map((d) => d.field)).toEqual(['formerNames', 'ethnicity', 'hukouKind', 'hukouDistrictCode', 'hukouStreet', 'admissionSource', 'referringBody']);
  });

  it('renaming recomputes the pinyin used by search', () => {
    updateProfile(ctx, { childId, name: '李小红' });
    expect(ctx.sqlite.prepare('SELECT name_pinyin, name_initials FROM children WHERE id = ?').get(childId)).toEqual({ name_pinyin: 'lixiaohong', name_initials: 'lxh' });
  });

  it.each([
    ['a retired district code', { hukouKind: 'shanghai', hukouDistrictCode: '310103' }, 'hukouDistrictCode'],
    ['a Shanghai district on an other-province hukou', { hukouKind: 'other', hukouDistrictCode: '310104' }, 'hukouDistrictCode'],
    ['province 31 on an other-province hukou', { hukouKind: 'other', hukouProvinceCode: '31' }, 'hukouProvinceCode'],
    ['an unknown province', { hukouKind: 'other', hukouProvinceCode: '99' }, 'hukouProvinceCode'],
    ['a district without the hukou kind', { hukouDistrictCode: '310104' }, 'hukouKind'],
    ['a birth date that contradicts the ID number', { birthDate: '2010-03-08' }, 'birthDate'],
    ['a sex that contradicts the ID number', { sex: 'female' }, 'sex'],
    ['an ID number with a wrong check digit', { idNumber: `${ID.slice(0, 17)}${ID[17] === '0' ? '1' : '0'}` }, 'idNumber'],
    ['an admission before birth', { admissionDate: '2009-01-01' }, 'admissionDate'],
  ] as const)('refuses %s', (_label, patch, field) => {
    expect(refused(() => updateProfile(ctx, { childId, ...(patch as object) })).field).toBe(field);
  });

  it('refuses another child’s ID number as a conflict', () => {
    const otherId = makeIdNumber('310105', '2012-01-01', 3, 'female');
    createChild(ctx, { name: '李四', sex: 'female', birthDate: '2012-01-01', idNumber: otherId });
    const error = refused(() => updateProfile(ctx, { childId, idNumber: otherId, birthDate: '2012-01-01', sex: 'female' }));
    expect([error.code, error.field]).toEqual(['conflict', 'idNumber']);
  });

  it('an unchanged patch writes nothing', () => {
    const before = audits().length;
    updateProfile(ctx, { childId, birthDate: '2010-03-07' });
    expect(audits()).toHaveLength(before);
  });
});

describe('the record as a whole', () => {
  it('record.get returns every part and is audited as a read', () => {
    addPlacement(ctx, { childId, kind: 'municipalInstitution', from: '2011-01-01' });
    const record = getRecord(ctx, childId);
    expect(Object.keys(record).sort()).toEqual(
      ['assessments', 'benefits', 'child', 'disabilities', 'documents', 'education', 'guardianships', 'medicalAidClaims', 'medicalInsurance', 'placements', 'statusFacts', 'vocationalRehab'].sort(),
    );
    expect(record.child).toMatchObject({ id: childId, name: '王小明', idNumber: ID, formerNames: [] });
    expect(lastAudit()).toMatchObject({ action: 'record.read', child_id: childId });
    expect(refused(() => getRecord(ctx, 424242)).code).toBe('not_found');
  });

  it('deleting a child (should an administrator ever) cascades to every part of the record', () => {
    addPlacement(ctx, { childId, kind: 'municipalInstitution', from: '2011-01-01' });
    addGuardianship(ctx, { childId, guardianKind: 'civilAffairs', guardianName: '上海市民政局', from: '2011-01-01' });
    addBenefit(ctx, { childId, code: 'basicLivingAllowance', from: '2011-01-01' });
    const doc = addDocument(ctx, { childId, kind: 'photo', title: '照片', mime: 'image/png', contentBase64: PNG.toString('base64') });
    setPhoto(ctx, { childId, documentId: doc.id });
    addStatusFact(ctx, { childId, fact: { kind: 'migrant', value: false }, effectiveDate: '2011-01-01', documentId: doc.id });
    ctx.sqlite.prepare('DELETE FROM children WHERE id = ?').run(childId);
    for (const t of ['placements', 'guardianships', 'benefits_received', 'documents', 'child_status_facts']) expect(count(t), t).toBe(0);
    expect(ctx.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('loads in at most twelve queries, each one an index search (never a table scan)', () => {
    const seen: string[] = [];
    const prepare = ctx.sqlite.prepare.bind(ctx.sqlite);
    ctx.sqlite.prepare = ((source: string) => {
      seen.push(source);
      return prepare(source);
    }) as typeof ctx.sqlite.prepare;
    try {
      loadRecord(ctx, childId);
      const full = seen.length;
      seen.length = 0;
      loadRecord(ctx, childId, { forFacts: true });
      expect([full, seen.length]).toEqual([12, 9]);
    } finally {
      ctx.sqlite.prepare = prepare;
    }
    for (const source of seen) {
      const plan = (ctx.sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(childId) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan, source).toMatch(/SEARCH .* USING (INTEGER PRIMARY KEY|INDEX)/);
      expect(plan, source).not.toMatch(/SCAN (?!.*USING)/);
    }
  });

  it('every write left one audit row and the chain holds', () => {
    addPlacement(ctx, { childId, kind: 'municipalInstitution', from: '2011-01-01' });
    addBenefit(ctx, { childId, code: 'basicLivingAllowance', from: '2011-01-01' });
    setDisability(ctx, { childId, certificateNumber: `${ID}41`, from: '2015-01-10' });
    expect(audits().map((a) => a.action)).toEqual(['child.create', 'placement.add', 'benefit.add', 'disability.set']);
    expect(verifyAuditChain(ctx.sqlite).ok).toBe(true);
  });
});

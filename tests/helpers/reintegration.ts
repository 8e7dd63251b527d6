/** Builders for tests of the reintegration case: a child the rules cover, and a scored assessment. */
import { createChild } from '../../electron/services/registry/children';
import type { ServiceContext } from '../../electron/services/core/context';
import { addEducation, addGuardianship, addPlacement, addStatusFact, updateEducation } from '../../electron/services/record/record-history';
import type { CaseAssessmentAddInput } from '../../shared/contract/reintegration';
import { rubricOn } from '../../shared/domain/reintegration';

/** An abandoned child raised by the municipal institution (reintegration applies), studies finished on `finished`. */
export function institutionChild(ctx: ServiceContext, name: string, birthDate: string, options: { idNumber?: string | null; finished?: string } = {}): number {
  const childId = createChild(ctx, { name, sex: 'female', birthDate, idNumber: options.idNumber ?? null, admissionDate: birthDate }).id;
  addStatusFact(ctx, { childId, fact: { kind: 'parentsStatus', value: { father: 'notFound', mother: 'notFound' } }, effectiveDate: birthDate });
  addStatusFact(ctx, { childId, fact: { kind: 'policeAbandonmentConfirmation', value: true }, effectiveDate: birthDate });
  addPlacement(ctx, { childId, kind: 'municipalInstitution', from: birthDate });
  addGuardianship(ctx, { childId, guardianKind: 'municipalInstitution', guardianName: '上海市儿童福利院', courtAppointed: true, from: birthDate });
  const e = addEducation(ctx, { childId, stage: 'seniorVocational', fullTime: true, enrolmentDate: '2023-09-01', standardDurationYears: 3 });
  updateEducation(ctx, { childId, id: e.id, actualCompletion: options.finished ?? '2026-06-30', outcome: 'graduated' });
  return childId;
}

/** A round-1 assessment, every domain scored `score` (80: capable), with reasons. */
export function caseAssessment(caseId: number, over: Partial<CaseAssessmentAddInput> = {}, score = 80): CaseAssessmentAddInput {
  return {
    caseId,
    assessedOn: '2026-08-01',
    round: 1,
    panel: ['市民政局 李明', '福利院 张华', '社工 王芳'],
    scores: rubricOn('2026-11-29').domains.map((d) => ({ domain: d.code, score, evidence: `${d.zh}观察记录` })),
    result: 'capable',
    reasons: '各维度评分均达到要求，能够独立生活。',
    ...over,
  };
}

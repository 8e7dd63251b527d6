/**
 * Issue 4, item 4: the rules' ChildFacts derived from a stored record as of a date, and evaluateChild
 * running the rules on them — through a real encrypted database. Plus the demo data set: deterministic,
 * consistent with the registry's own checks, and carrying the situations the worklist needs.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../electron/services/core/context';
import { createChild } from '../../electron/services/registry/children';
import { loadDemoData } from '../../electron/demo/demo';
import { DEMO_SCENARIOS, type DemoScenario, demoRecords } from '../../electron/demo/records';
import { evaluateChild, factsForChild, factsFromRecord } from '../../electron/services/eligibility/facts';
import { getRecord } from '../../electron/services/record/record';
import { addAssessment } from '../../electron/services/record/record-reintegration';
import { caseOfChild, decideAssessment } from '../../electron/services/reintegration/reintegration';
import { addBenefit, addEducation, addGuardianship, addPlacement, addStatusFact, endBenefit, setDisability, updateEducation } from '../../electron/services/record/record-history';
import { findOverlap } from '../../electron/services/record/record-intervals';
import { loadRecord } from '../../electron/services/record/record-store';
import { AppError } from '../../shared/contract/errors';
import { addMonths, ageOn } from '../../shared/domain/dates';
import { checkDisabilityCertificate } from '../../shared/domain/disability-certificate';
import { makeIdNumber } from '../../shared/domain/id-number';
import { childFactsSchema } from '../../shared/domain/rules-types';
import { tempDatabase } from '../helpers/temp-db';

describe('evaluateChild over a stored record', () => {
  let db: ReturnType<typeof tempDatabase>;
  let ctx: ServiceContext;
  let childId: number;
  const BIRTH = '2008-03-10';
  const ID = makeIdNumber('310107', BIRTH, 21, 'female');

  beforeEach(() => {
    db = tempDatabase();
    ctx = db.ctx;
    childId = createChild(ctx, { name: '陈思远', sex: 'female', birthDate: BIRTH, idNumber: ID, admissionDate: '2008-06-01' }).id;
    addStatusFact(ctx, { childId, fact: { kind: 'parentsStatus', value: { father: 'notFound', mother: 'notFound' } }, effectiveDate: '2008-06-01' });
    addStatusFact(ctx, { childId, fact: { kind: 'policeAbandonmentConfirmation', value: true }, effectiveDate: '2008-06-01', evidence: '公安机关捡拾证明' });
    addPlacement(ctx, { childId, kind: 'municipalInstitution', from: '2008-06-01' });
    addGuardianship(ctx, { childId, guardianKind: 'civilAffairs', guardianName: '上海市民政局', courtAppointed: true, basis: '(2009)沪0107民特3号', from: '2009-01-15' });
    addBenefit(ctx, { childId, code: 'basicLivingAllowance', from: '2008-06-01' });
    setDisability(ctx, { childId, certificateNumber: `${ID}42`, issuedOn: '2020-01-01', validUntil: '2029-12-31', from: '2020-01-01' });
  });
  afterEach(() => db.cleanup());

  it('derives the facts from every part of the record, as of the date', () => {
    addEducation(ctx, { childId, stage: 'seniorVocational', fullTime: true, enrolmentDate: '2023-09-01', standardDurationYears: 3 });
    const facts = factsForChild(ctx, childId, '2026-03-09');
    expect(childFactsSchema.parse(facts)).toEqual(facts);
    expect(facts).toMatchObject({
      birthDate: BIRTH,
      hukou: 'shanghai',
      orphan: true,
      abandonedConfirmedByPolice: true,
      guardianship: 'adequate',
      courtAppointedGuardian: 'civilAffairs',
      placement: 'municipalInstitution',
      disability: { category: 'physical', grade: 2 },
      education: { stage: 'seniorVocational', fullTime: true, withinStandardDuration: true },
      receiving: ['basicLivingAllowance'],
      reintegration: { assessments: [], vocationalRehabCompleted: false },
    });
    // The pure mapping over the same record gives the same facts.
    expect(factsFromRecord(getRecord(ctx, childId), '2026-03-09')).toEqual(facts);
  });

  it('the day before and the day of the 18th birthday, studying: notYetAdult, then deferredStudying with the allowance continuing', () => {
    addEducation(ctx, { childId, stage: 'seniorVocational', fullTime: true, enrolmentDate: '2023-09-01', standardDurationYears: 3 });
    const before = evaluateChild(ctx, childId, '2026-03-09');
    expect([before.evaluation.age, before.evaluation.reintegration.status]).toEqual([17, 'notYetAdult']);
    const on = evaluateChild(ctx, childId, '2026-03-10');
    expect([on.evaluation.age, on.evaluation.reintegration.status]).toEqual([18, 'deferredStudying']);
    expect(on.evaluation.entitlements.basicLivingAllowance.status).toBe('eligible');
    expect(on.evaluation.entitlements.basicLivingAllowance.clause).toBe('一(一)');
  });

  it('studies finished and no assessment → assessmentDue, and the allowance received becomes ineligible', () => {
    const e = addEducation(ctx, { childId, stage: 'seniorVocational', fullTime: true, enrolmentDate: '2023-09-01', standardDurationYears: 3 });
    updateEducation(ctx, { childId, id: e.id, actualCompletion: '2026-06-30', outcome: 'graduated' });
    const r = evaluateChild(ctx, childId, '2026-07-01');
    expect(r.facts.education.stage).toBe('finished');
    expect(r.evaluation.reintegration.status).toBe('assessmentDue');
    expect(r.evaluation.receivingIneligible).toContain('basicLivingAllowance');
    // On the completion day itself study has ended too (actual completion ≤ asOf).
    expect(evaluateChild(ctx, childId, '2026-06-30').facts.education.stage).toBe('finished');
    expect(evaluateChild(ctx, childId, '2026-06-29').facts.education.stage).toBe('seniorVocational');
  });

  it('an assessment recorded as capable → resettle with the four tasks; one dated after asOf does not count', () => {
    const e = addEducation(ctx, { childId, stage: 'seniorVocational', fullTime: true, enrolmentDate: '2023-09-01', standardDurationYears: 3 });
    updateEducation(ctx, { childId, id: e.id, actualCompletion: '2026-06-30' });
    const a = addAssessment(ctx, { childId, assessedOn: '2026-08-01', round: 1, result: 'capable', reasons: '各维度评分均达到要求' });
    // Until a supervisor approves the decision it has no effect.
    expect(evaluateChild(ctx, childId, '2026-08-01').evaluation.reintegration.status).toBe('assessmentDue');
    const { caseId } = caseOfChild(ctx, { childId });
    // Approved by a supervisor who did not record it (nobody approves their own assessment).
    decideAssessment({ ...ctx, actor: { userId: 2, username: 'supervisor', roles: ['supervisor'] } }, { caseId: caseId!, assessmentId: a.id, approve: true });
    expect(evaluateChild(ctx, childId, '2026-07-31').evaluation.reintegration.status).toBe('assessmentDue');
    const r = evaluateChild(ctx, childId, '2026-08-01');
    expect(r.evaluation.reintegration).toMatchObject({ status: 'resettle', tasks: ['housing', 'hukou', 'employment', 'longTermCare'] });
  });

  it('receiving a benefit that may not stack shows as a conflict, and ending it removes the conflict', () => {
    const low = addBenefit(ctx, { childId, code: 'minimumLivingAllowance', from: '2025-01-01' });
    const r = evaluateChild(ctx, childId, '2025-06-01');
    expect(r.facts.receiving).toEqual(['basicLivingAllowance', 'minimumLivingAllowance']);
    expect(r.evaluation.conflicts.map((c) => [...c.codes].sort())).toEqual([['basicLivingAllowance', 'minimumLivingAllowance']]);
    endBenefit(ctx, { childId, id: low.id, to: '2025-05-31' });
    expect(evaluateChild(ctx, childId, '2025-06-01').evaluation.conflicts).toEqual([]);
    expect(evaluateChild(ctx, childId, '2025-05-31').evaluation.conflicts).toHaveLength(1);
  });

  it('defaults to today, lists its assumptions, and is audited as a read', () => {
    const r = evaluateChild(ctx, childId);
    expect(r.asOf).toBe('2026-11-29');
    expect(r.assumptions.map((a) => a.field)).toEqual(expect.arrayContaining(['education', 'family.legalSupporterAble']));
    const audit = ctx.sqlite.prepare('SELECT action, child_id, detail FROM audit_log ORDER BY id DESC LIMIT 1').get();
    expect(audit).toEqual({ action: 'child.evaluate', child_id: childId, detail: JSON.stringify({ asOf: '2026-11-29' }) });
  });

  it('refuses a date before birth (field asOf) and an unknown child (not_found)', () => {
    const tooEarly = (() => {
      try {
        evaluateChild(ctx, childId, '2008-03-09');
      } catch (e) {
        return e as AppError;
      }
      return null;
    })();
    expect(tooEarly).toBeInstanceOf(AppError);
    expect([tooEarly?.code, tooEarly?.field]).toEqual(['invalid_input', 'asOf']);
    expect(() => factsForChild(ctx, 9999, '2026-01-01')).toThrow(/未找到/);
  });
});

describe('the demo data', () => {
  const TODAY = '2026-11-29';
  let db: ReturnType<typeof tempDatabase>;
  let ctx: ServiceContext;
  const byScenario = new Map<DemoScenario, number>();

  beforeAll(() => {
    db = tempDatabase();
    ctx = db.ctx;
    loadDemoData(ctx, { children: 200 });
    DEMO_SCENARIOS.forEach((s, i) => byScenario.set(s, i + 1));
  });
  afterAll(() => db.cleanup());

  it('is deterministic for a seed and a date, and moves with the date', () => {
    expect(demoRecords(50, TODAY)).toEqual(demoRecords(50, TODAY));
    const later = demoRecords(8, '2027-05-01');
    expect(later[0].child.birthDate).toBe(addMonths('2027-05-01', -(18 * 12 - 5)));
  });

  it('loads 200 children, each with a record that evaluates without error', () => {
    const ids = (ctx.sqlite.prepare('SELECT id FROM children ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    expect(ids).toHaveLength(200);
    for (const id of ids) {
      const { facts, evaluation } = evaluateChild(ctx, id, TODAY);
      expect(childFactsSchema.safeParse(facts).success, `child ${id}`).toBe(true);
      expect(evaluation.asOf).toBe(TODAY);
    }
  });

  it('keeps the registry’s own rules: no overlaps, certificates that match the child, dates after birth', () => {
    const ids = (ctx.sqlite.prepare('SELECT id FROM children').all() as { id: number }[]).map((r) => r.id);
    for (const id of ids) {
      const r = loadRecord(ctx, id)!;
      const intervals: { id: number; from: string; to: string | null; voidedAt: string | null }[][] = [r.placements, r.guardianships];
      for (const rows of intervals) {
        rows.forEach((row) => expect(findOverlap(rows, row, row.id), `child ${id}`).toBeNull());
      }
      r.benefits.forEach((b) => expect(findOverlap(r.benefits.filter((x) => x.code === b.code), b, b.id), `child ${id} ${b.code}`).toBeNull());
      for (const d of r.disabilities) {
        if (d.certificateNumber) {
          const check = checkDisabilityCertificate(d.certificateNumber, r.child);
          expect(check.ok && [check.value.category, check.value.grade], `child ${id}`).toEqual([d.category, d.grade]);
        }
      }
      const dates = [
        ...r.placements.map((p) => p.from),
        ...r.guardianships.map((g) => g.from),
        ...r.benefits.map((b) => b.from),
        ...r.education.map((e) => e.enrolmentDate),
        ...r.assessments.map((a) => a.assessedOn),
      ];
      for (const d of dates) expect(d >= r.child.birthDate && d <= TODAY, `child ${id}: ${d}`).toBe(true);
      for (const e of r.education) if (e.actualCompletion) expect(e.actualCompletion >= e.enrolmentDate).toBe(true);
    }
  });

  it('has the pinned situations the worklist needs', () => {
    const evalOf = (s: DemoScenario) => evaluateChild(ctx, byScenario.get(s)!, TODAY);

    const soon = evalOf('turning18Soon');
    expect(soon.evaluation.reintegration.status).toBe('notYetAdult');
    expect(soon.evaluation.eighteenthBirthday).toBe(addMonths(TODAY, 5));
    expect(soon.facts.education.stage).toBe('seniorVocational');

    const due = evalOf('finishedNoAssessment');
    expect([due.evaluation.age, due.facts.education.stage, due.evaluation.reintegration.status]).toEqual([18, 'finished', 'assessmentDue']);
    expect(due.facts.reintegration.assessments).toEqual([]);

    expect(evalOf('secondAssessmentDue').evaluation.reintegration.status).toBe('secondAssessmentDue');
    expect(evalOf('resettle').evaluation.reintegration.status).toBe('resettle');
    expect(evalOf('resettle').facts.courtAppointedGuardian).toBe('municipalInstitution');

    const pair = evalOf('nonStacking');
    expect(pair.facts.receiving).toEqual(expect.arrayContaining(['basicLivingAllowance', 'minimumLivingAllowance']));
    expect(pair.evaluation.conflicts.some((c) => c.codes.includes('basicLivingAllowance') && c.codes.includes('minimumLivingAllowance'))).toBe(true);

    const disabled = evalOf('severeDisability');
    expect(disabled.facts.disability).toEqual({ category: 'intellectual', grade: 2 });
    expect(disabled.facts.autism).toBe(true);
    expect(disabled.facts.receiving).toEqual(expect.arrayContaining(['severeDisabilityNursingSubsidy', 'rehabilitationAid']));

    const studying = evalOf('studyingAdult');
    expect([studying.evaluation.reintegration.status, studying.evaluation.entitlements.basicLivingAllowance.status]).toEqual(['deferredStudying', 'eligible']);

    const senior = evalOf('seniorGeneral17');
    expect([senior.evaluation.age, senior.facts.education.stage]).toEqual([17, 'seniorGeneral']);
  });

  it('across the whole set: court-appointed civil affairs guardians, 17-year-olds in vocational school, 18-year-olds who finished school', () => {
    const ids = (ctx.sqlite.prepare('SELECT id FROM children').all() as { id: number }[]).map((r) => r.id);
    const all = ids.map((id) => ({ id, facts: factsForChild(ctx, id, TODAY) }));
    expect(all.filter((c) => c.facts.courtAppointedGuardian === 'civilAffairs').length).toBeGreaterThan(0);
    expect(all.filter((c) => ageOn(c.facts.birthDate, TODAY) === 17 && c.facts.education.stage === 'seniorVocational').length).toBeGreaterThan(1);
    expect(all.filter((c) => ageOn(c.facts.birthDate, TODAY) >= 18 && c.facts.education.stage === 'finished').length).toBeGreaterThan(2);
    expect(all.filter((c) => c.facts.disability !== null).length).toBeGreaterThan(30);
    expect(all.filter((c) => c.facts.placement === 'foster').length).toBeGreaterThan(0);
  });

  it('a small demo set still loads (the pinned situations first)', () => {
    const small = tempDatabase();
    try {
      loadDemoData(small.ctx, { children: 3 });
      expect((small.ctx.sqlite.prepare('SELECT count(*) AS n FROM children').get() as { n: number }).n).toBe(3);
      expect(evaluateChild(small.ctx, 2, TODAY).evaluation.reintegration.status).toBe('assessmentDue');
    } finally {
      small.cleanup();
    }
  });
});

/**
 * factsFromRecord: every ChildFacts field derived from a record as of a date, without a database.
 * Interval boundaries: an interval ending the day before asOf does not count; one starting on asOf
 * does; one ending on asOf still does. Voided rows never count.
 */
import { describe, expect, it } from 'vitest';
import { deriveFacts, educationOn, factsFromRecord } from '../../../electron/services/eligibility/facts';
import { evaluate } from '../../../electron/rules';
import { standardDurationEnd } from '../../../electron/services/record/record-history';
import { addDays, covers, findOverlap, intervalsOverlap } from '../../../electron/services/record/record-intervals';
import type {
  AssessmentRow,
  BenefitRow,
  ChildRecord,
  DisabilityRow,
  EducationRow,
  GuardianshipRow,
  PlacementRow,
  StatusFact,
  StatusFactRow,
  VocationalRehabRow,
} from '../../../shared/contract/record';
import { childFactsSchema } from '../../../shared/domain/rules-types';

const ASOF = '2026-06-15';
const DAY_BEFORE = '2026-06-14';
const DAY_AFTER = '2026-06-16';

let nextId = 1;
const meta = () => ({ id: nextId++, childId: 1, createdAt: '2026-01-01T00:00:00.000Z', createdBy: 1, voidedAt: null, voidedBy: null, voidReason: null });
const voided = { voidedAt: '2026-02-01T00:00:00.000Z', voidedBy: 1, voidReason: '录入错误' };

function record(parts: Partial<Omit<ChildRecord, 'child'>> & { child?: Partial<ChildRecord['child']> } = {}): ChildRecord {
  const { child, ...rest } = parts;
  return {
    child: {
      id: 1,
      name: '测试',
      sex: 'female',
      birthDate: '2010-03-01',
      idNumber: null,
      status: 'inCare',
      admissionDate: '2011-01-01',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      formerNames: [],
      nationality: null,
      ethnicity: null,
      hukouKind: 'shanghai',
      hukouDistrictCode: '310104',
      hukouStreet: null,
      hukouProvinceCode: null,
      admissionSource: null,
      referringBody: null,
      notes: null,
      dischargeDate: null,
      photoDocumentId: null,
      ...child,
    },
    statusFacts: [],
    placements: [],
    guardianships: [],
    disabilities: [],
    education: [],
    benefits: [],
    medicalInsurance: [],
    medicalAidClaims: [],
    documents: [],
    assessments: [],
    vocationalRehab: [],
    ...rest,
  };
}

const fact = (f: StatusFact, effectiveDate: string, extra: Partial<StatusFactRow> = {}): StatusFactRow => ({
  ...meta(),
  fact: f,
  effectiveDate,
  validUntil: null,
  evidence: null,
  documentId: null,
  ...extra,
});
const placement = (kind: PlacementRow['kind'], from: string, to: string | null = null, extra: Partial<PlacementRow> = {}): PlacementRow => ({
  ...meta(),
  kind,
  from,
  to,
  place: null,
  note: null,
  ...extra,
});
const guardianship = (g: Partial<GuardianshipRow> & { from: string }): GuardianshipRow => ({
  ...meta(),
  guardianKind: 'civilAffairs',
  guardianName: '上海市民政局',
  basis: null,
  courtAppointed: false,
  adequacy: 'adequate',
  to: null,
  note: null,
  ...g,
});
const disability = (d: Partial<DisabilityRow> & { from: string }): DisabilityRow => ({
  ...meta(),
  certificateNumber: null,
  category: 'physical',
  grade: 3,
  issuedOn: null,
  validUntil: null,
  to: null,
  note: null,
  ...d,
});
const enrolment = (e: Partial<EducationRow> & { enrolmentDate: string }): EducationRow => ({
  ...meta(),
  stage: 'seniorVocational',
  school: null,
  fullTime: true,
  standardDurationYears: 3,
  expectedCompletion: null,
  actualCompletion: null,
  outcome: null,
  note: null,
  updatedAt: null,
  updatedBy: null,
  ...e,
});
const benefit = (code: BenefitRow['code'], from: string, to: string | null = null, extra: Partial<BenefitRow> = {}): BenefitRow => ({
  ...meta(),
  code,
  from,
  to,
  monthlyAmountFen: null,
  note: null,
  ...extra,
});
const assessment = (assessedOn: string, round: 1 | 2, result: AssessmentRow['result'], extra: Partial<AssessmentRow> = {}): AssessmentRow => ({
  ...meta(),
  assessedOn,
  round,
  result,
  panel: null,
  note: null,
  caseId: null,
  reasons: null,
  rubricVersion: null,
  // A decision in effect: approved (a pending one is left out of the facts; see the test below).
  approvedAt: '2020-01-01T00:00:00.000Z',
  approvedBy: null,
  ...extra,
});
const rehab = (from: string, completedOn: string | null, extra: Partial<VocationalRehabRow> = {}): VocationalRehabRow => ({
  ...meta(),
  from,
  completedOn,
  provider: null,
  caseId: null,
  programme: null,
  plannedEnd: null,
  outcome: null,
  note: null,
  ...extra,
});

const facts = (r: ChildRecord, asOf = ASOF) => factsFromRecord(r, asOf);
const assumed = (r: ChildRecord, field: string, asOf = ASOF) => deriveFacts(r, asOf).assumptions.filter((a) => a.field === field);

describe('the intervals', () => {
  it('covers: both ends count; the day before the start and the day after the end do not', () => {
    const i = { from: '2026-01-01', to: '2026-01-31' };
    expect([covers(i, '2025-12-31'), covers(i, '2026-01-01'), covers(i, '2026-01-31'), covers(i, '2026-02-01')]).toEqual([false, true, true, false]);
    expect(covers({ from: '2026-01-01', to: null }, '2099-01-01')).toBe(true);
  });

  it('overlap: ending the day before the next starts is no overlap; ending on its first day is', () => {
    expect(intervalsOverlap({ from: '2020-01-01', to: '2020-12-31' }, { from: '2021-01-01', to: null })).toBe(false);
    expect(intervalsOverlap({ from: '2020-01-01', to: '2021-01-01' }, { from: '2021-01-01', to: null })).toBe(true);
    expect(intervalsOverlap({ from: '2020-01-01', to: null }, { from: '2030-01-01', to: '2030-01-02' })).toBe(true);
    expect(intervalsOverlap({ from: '2021-01-01', to: null }, { from: '2020-01-01', to: '2020-12-31' })).toBe(false);
  });

  it('findOverlap skips voided rows and the row itself', () => {
    const rows = [{ id: 1, from: '2020-01-01', to: null, voidedAt: '2026-01-01' }, { id: 2, from: '2020-06-01', to: '2020-12-31', voidedAt: null }];
    expect(findOverlap(rows, { from: '2021-01-01', to: null })).toBeNull();
    expect(findOverlap(rows, { from: '2020-12-31', to: null })?.id).toBe(2);
    expect(findOverlap(rows, { from: '2020-12-31', to: null }, 2)).toBeNull();
  });

  it('addDays crosses months, years and leap days', () => {
    expect([addDays('2026-03-01', -1), addDays('2024-03-01', -1), addDays('2026-12-31', 1)]).toEqual(['2026-02-28', '2024-02-29', '2027-01-01']);
  });
});

describe('the facts are valid ChildFacts', () => {
  it('an empty record gives complete, schema-valid facts with the assumptions listed', () => {
    const derived = deriveFacts(record(), ASOF);
    expect(childFactsSchema.safeParse(derived.facts).success).toBe(true);
    expect(derived.facts.birthDate).toBe('2010-03-01');
    expect(derived.assumptions.map((a) => a.field).sort()).toEqual(['education', 'family.legalSupporterAble', 'guardianship', 'orphan', 'placement']);
    expect(derived.assumptions.every((a) => /[\u4e00-\u9fff]/.test(a.message))).toBe(true);
  });
});

describe('hukou', () => {
  it('is the profile’s hukou kind', () => {
    expect(facts(record({ child: { hukouKind: 'other', idNumber: '310104201503070014' } })).hukou).toBe('other');
  });
  it('without one, a Shanghai ID number stands for Shanghai, anything else for other — flagged', () => {
    const sh = record({ child: { hukouKind: null, idNumber: '310104201503070014' } });
    expect(facts(sh).hukou).toBe('shanghai');
    expect(assumed(sh, 'hukou')).toHaveLength(1);
    expect(facts(record({ child: { hukouKind: null, idNumber: '110105194912310021' } })).hukou).toBe('other');
    expect(facts(record({ child: { hukouKind: null, idNumber: null } })).hukou).toBe('other');
  });
});

describe('orphan (parents’ status)', () => {
  const parents = (father: string, mother: string, on = '2012-01-01') => fact({ kind: 'parentsStatus', value: { father, mother } } as StatusFact, on);

  it.each([
    ['deceased', 'deceased', true],
    ['declaredDead', 'deceased', true],
    ['notFound', 'notFound', true],
    ['deceased', 'living', false],
    ['deceased', 'declaredMissing', false],
    ['imprisoned', 'deceased', false],
    ['incapacitated', 'incapacitated', false],
  ])('father %s, mother %s → orphan %s', (father, mother, expected) => {
    expect(facts(record({ statusFacts: [parents(father, mother)] })).orphan).toBe(expected);
  });

  it('the latest statement on or before asOf wins; one effective the day after does not count yet', () => {
    const r = record({ statusFacts: [parents('living', 'deceased', '2012-01-01'), parents('deceased', 'deceased', DAY_AFTER)] });
    expect(facts(r).orphan).toBe(false);
    expect(facts(r, DAY_AFTER).orphan).toBe(true);
  });

  it('a statement effective on asOf counts', () => {
    expect(facts(record({ statusFacts: [parents('deceased', 'deceased', ASOF)] })).orphan).toBe(true);
  });

  it('on the same date the later entry wins', () => {
    const r = record({ statusFacts: [parents('deceased', 'deceased', '2012-01-01'), parents('living', 'deceased', '2012-01-01')] });
    expect(facts(r).orphan).toBe(false);
  });

  it('a voided statement counts nowhere', () => {
    const r = record({ statusFacts: [parents('living', 'living', '2012-01-01'), { ...parents('deceased', 'deceased', '2013-01-01'), ...voided }] });
    expect(facts(r).orphan).toBe(false);
  });
});

describe('boolean status facts and validUntil', () => {
  it.each([
    ['policeAbandonmentConfirmation', 'abandonedConfirmedByPolice'],
    ['autismDiagnosis', 'autism'],
    ['seriousIllness', 'seriousIllness'],
    ['migrant', 'migrant'],
    ['leftBehind', 'leftBehind'],
  ] as const)('%s → %s: false without a fact, the fact’s value with one', (kind, field) => {
    expect(facts(record())[field]).toBe(false);
    expect(facts(record({ statusFacts: [fact({ kind, value: true }, '2015-01-01')] }))[field]).toBe(true);
    expect(facts(record({ statusFacts: [fact({ kind, value: true }, '2015-01-01'), fact({ kind, value: false }, '2020-01-01')] }))[field]).toBe(false);
  });

  it('a fact valid until the day before asOf has expired; valid until asOf still holds; the older fact does not come back', () => {
    const hardship = (validUntil: string) =>
      record({
        statusFacts: [
          fact({ kind: 'suddenHardship', value: true }, '2020-01-01'),
          fact({ kind: 'suddenHardship', value: true }, '2026-01-01', { validUntil }),
        ],
      });
    expect(facts(hardship(ASOF)).family.suddenHardship).toBe(true);
    expect(facts(hardship(DAY_BEFORE)).family.suddenHardship).toBe(false);
  });
});

describe('family', () => {
  it('takes the latest income determination and supporter ability; defaults grant nothing', () => {
    expect(facts(record()).family).toEqual({
      minimumLivingSecurity: false,
      lowIncomeEdge: false,
      extremePoverty: false,
      legalSupporterAble: true,
      economicHardship: false,
      suddenHardship: false,
    });
    const r = record({
      statusFacts: [
        fact({ kind: 'familyIncome', value: { minimumLivingSecurity: false, lowIncomeEdge: true, extremePoverty: false, economicHardship: true } }, '2024-01-01'),
        fact({ kind: 'legalSupporterAbility', value: false }, '2024-01-01'),
        fact({ kind: 'suddenHardship', value: true }, '2026-06-01'),
      ],
    });
    expect(facts(r).family).toEqual({
      minimumLivingSecurity: false,
      lowIncomeEdge: true,
      extremePoverty: false,
      legalSupporterAble: false,
      economicHardship: true,
      suddenHardship: true,
    });
    expect(assumed(r, 'family.legalSupporterAble')).toEqual([]);
  });
});

describe('placement', () => {
  it('is the placement covering asOf', () => {
    const r = record({ placements: [placement('municipalInstitution', '2011-01-01', DAY_BEFORE), placement('foster', ASOF)] });
    expect(facts(r).placement).toBe('foster');
    expect(facts(r, DAY_BEFORE).placement).toBe('municipalInstitution');
  });

  it('one ending on asOf still counts', () => {
    const r = record({ child: { admissionDate: null }, placements: [placement('kinship', '2011-01-01', ASOF)] });
    expect(facts(r).placement).toBe('kinship');
    expect(assumed(r, 'placement')).toEqual([]);
  });

  it('one ending the day before asOf does not: with none, an admitted child is in the institution (flagged)', () => {
    const r = record({ placements: [placement('kinship', '2011-01-01', DAY_BEFORE)] });
    expect(facts(r).placement).toBe('municipalInstitution');
    expect(assumed(r, 'placement')).toHaveLength(1);
  });

  it('with none, a child not admitted (or discharged on or before asOf) is in a family (flagged)', () => {
    expect(facts(record({ child: { admissionDate: null } })).placement).toBe('family');
    expect(facts(record({ child: { dischargeDate: ASOF } })).placement).toBe('family');
    expect(facts(record({ child: { dischargeDate: DAY_AFTER } })).placement).toBe('municipalInstitution');
    expect(facts(record({ child: { admissionDate: DAY_AFTER } })).placement).toBe('family');
  });

  it('a voided placement does not count', () => {
    const r = record({ placements: [placement('foster', '2011-01-01', null, voided), placement('kinship', '2011-01-01')] });
    expect(facts(r).placement).toBe('kinship');
  });
});

describe('guardianship and the court-appointed guardian', () => {
  it('the covering guardianship’s adequacy', () => {
    expect(facts(record({ guardianships: [guardianship({ from: '2011-01-01', adequacy: 'improper' })] })).guardianship).toBe('improper');
  });

  it('no guardianship recorded at all → adequate, flagged', () => {
    const r = record();
    expect(facts(r).guardianship).toBe('adequate');
    expect(assumed(r, 'guardianship')).toHaveLength(1);
  });

  it('after the last guardianship ended (the day before asOf) and none since → missing, flagged', () => {
    const r = record({ guardianships: [guardianship({ from: '2011-01-01', to: DAY_BEFORE })] });
    expect(facts(r).guardianship).toBe('missing');
    expect(assumed(r, 'guardianship')[0].message).toContain(DAY_BEFORE);
    expect(facts(r, DAY_BEFORE).guardianship).toBe('adequate');
  });

  it('a guardianship starting on asOf counts', () => {
    const r = record({ guardianships: [guardianship({ from: '2011-01-01', to: DAY_BEFORE }), guardianship({ from: ASOF, adequacy: 'adequate' })] });
    expect(facts(r).guardianship).toBe('adequate');
  });

  it('the latest-dated statement wins between the history and a determination', () => {
    const g = guardianship({ from: '2015-01-01', guardianKind: 'parent', guardianName: '母亲' });
    const later = record({ guardianships: [g], statusFacts: [fact({ kind: 'guardianship', value: 'improper' }, '2020-01-01')] });
    expect(facts(later).guardianship).toBe('improper');
    const earlier = record({ guardianships: [g], statusFacts: [fact({ kind: 'guardianship', value: 'missing' }, '2012-01-01')] });
    expect(facts(earlier).guardianship).toBe('adequate');
    const sameDay = record({ guardianships: [g], statusFacts: [fact({ kind: 'guardianship', value: 'missing' }, '2015-01-01')] });
    expect(facts(sameDay).guardianship).toBe('missing');
  });

  it('court appointed civil affairs or the municipal institution → that guardian; a court-appointed relative → none', () => {
    const appointed = (guardianKind: GuardianshipRow['guardianKind'], courtAppointed: boolean) =>
      facts(record({ guardianships: [guardianship({ from: '2012-01-01', guardianKind, courtAppointed })] })).courtAppointedGuardian;
    expect(appointed('civilAffairs', true)).toBe('civilAffairs');
    expect(appointed('municipalInstitution', true)).toBe('municipalInstitution');
    expect(appointed('civilAffairs', false)).toBe('none');
    expect(appointed('relative', true)).toBe('none');
  });

  it('a court appointment fact counts from its date, and the later one wins', () => {
    const r = record({
      guardianships: [guardianship({ from: '2012-01-01', guardianKind: 'civilAffairs', courtAppointed: false })],
      statusFacts: [fact({ kind: 'courtAppointment', value: 'municipalInstitution' }, '2014-01-01')],
    });
    expect(facts(r).courtAppointedGuardian).toBe('municipalInstitution');
    expect(facts(r, '2013-12-31').courtAppointedGuardian).toBe('none');
  });

  it('a court-appointed guardianship that ended the day before asOf no longer counts', () => {
    const r = record({ guardianships: [guardianship({ from: '2012-01-01', to: DAY_BEFORE, courtAppointed: true })] });
    expect(facts(r).courtAppointedGuardian).toBe('none');
    expect(facts(r, DAY_BEFORE).courtAppointedGuardian).toBe('civilAffairs');
  });
});

describe('guardianship after the 18th birthday (read as it stood the day before)', () => {
  // Born 2008-06-15: 18 on ASOF (2026-06-15).
  const adult = (parts: Parameters<typeof record>[0]) => record({ ...parts, child: { birthDate: '2008-06-15', admissionDate: '2008-07-01', ...parts?.child } });

  it('a court appointment that ended with majority still counts for the young person', () => {
    const r = adult({ guardianships: [guardianship({ from: '2009-01-01', to: DAY_BEFORE, courtAppointed: true, guardianKind: 'municipalInstitution' })] });
    expect(facts(r)).toMatchObject({ courtAppointedGuardian: 'municipalInstitution', guardianship: 'adequate' });
    expect(facts(r, '2027-01-01').courtAppointedGuardian).toBe('municipalInstitution');
    expect(assumed(r, 'guardianship')).toEqual([]);
  });

  it('a guardianship that ended before the day before the 18th birthday leaves the young person guardianship-missing', () => {
    const r = adult({ guardianships: [guardianship({ from: '2009-01-01', to: '2026-06-13' })] });
    expect(facts(r).guardianship).toBe('missing');
  });

  it('determinations dated from the 18th birthday on are not guardianship facts', () => {
    const r = adult({
      guardianships: [guardianship({ from: '2009-01-01' })],
      statusFacts: [fact({ kind: 'guardianship', value: 'improper' }, ASOF), fact({ kind: 'courtAppointment', value: 'civilAffairs' }, ASOF)],
    });
    expect(facts(r)).toMatchObject({ guardianship: 'adequate', courtAppointedGuardian: 'none' });
    expect(facts(r, DAY_BEFORE)).toMatchObject({ guardianship: 'adequate', courtAppointedGuardian: 'none' });
    const minor = record({ guardianships: [guardianship({ from: '2011-01-01' })], statusFacts: [fact({ kind: 'guardianship', value: 'improper' }, ASOF)] });
    expect(facts(minor).guardianship).toBe('improper');
  });
});

describe('disability', () => {
  it('the disability covering asOf with a valid certificate', () => {
    const r = record({ disabilities: [disability({ from: '2015-01-01', category: 'intellectual', grade: 2, issuedOn: '2015-01-01', validUntil: '2029-12-31' })] });
    expect(facts(r).disability).toEqual({ category: 'intellectual', grade: 2 });
  });

  it('ended the day before asOf → none; starting on asOf → counts', () => {
    expect(facts(record({ disabilities: [disability({ from: '2015-01-01', to: DAY_BEFORE })] })).disability).toBeNull();
    expect(facts(record({ disabilities: [disability({ from: ASOF })] })).disability).toEqual({ category: 'physical', grade: 3 });
  });

  it('a certificate valid until the day before asOf has expired (flagged); valid until asOf still holds', () => {
    const expired = record({ disabilities: [disability({ from: '2015-01-01', issuedOn: '2015-01-01', validUntil: DAY_BEFORE })] });
    expect(facts(expired).disability).toBeNull();
    expect(assumed(expired, 'disability')[0].message).toContain(DAY_BEFORE);
    expect(facts(record({ disabilities: [disability({ from: '2015-01-01', validUntil: ASOF })] })).disability).not.toBeNull();
  });

  it('a certificate issued after asOf does not count yet', () => {
    expect(facts(record({ disabilities: [disability({ from: '2015-01-01', issuedOn: DAY_AFTER })] })).disability).toBeNull();
  });

  it('voided → none; of two covering (should never be), the most severe', () => {
    expect(facts(record({ disabilities: [disability({ from: '2015-01-01', ...voided })] })).disability).toBeNull();
    const two = record({ disabilities: [disability({ from: '2015-01-01', grade: 3 }), disability({ from: '2016-01-01', grade: 1, category: 'visual' })] });
    expect(facts(two).disability).toEqual({ category: 'visual', grade: 1 });
  });
});

describe('education', () => {
  it('no enrolment → none (flagged from age 3)', () => {
    expect(facts(record()).education).toEqual({ stage: 'none', fullTime: false, withinStandardDuration: false });
    expect(assumed(record(), 'education')).toHaveLength(1);
    expect(assumed(record({ child: { birthDate: '2024-01-01', admissionDate: null } }), 'education')).toEqual([]);
  });

  it('the latest enrolment on or before asOf, with its stage and full-time flag', () => {
    const r = record({
      education: [
        enrolment({ stage: 'compulsory', enrolmentDate: '2016-09-01', standardDurationYears: 9, actualCompletion: '2025-06-30' }),
        enrolment({ stage: 'seniorVocational', enrolmentDate: '2025-09-01', fullTime: false }),
        enrolment({ stage: 'higherVocational', enrolmentDate: DAY_AFTER }),
      ],
    });
    expect(facts(r).education).toEqual({ stage: 'seniorVocational', fullTime: false, withinStandardDuration: true });
    expect(facts(r, DAY_AFTER).education.stage).toBe('higherVocational');
  });

  it('an enrolment starting on asOf counts', () => {
    expect(facts(record({ education: [enrolment({ enrolmentDate: ASOF })] })).education.stage).toBe('seniorVocational');
  });

  it('study ended on or before asOf → finished; ending the day after → still studying', () => {
    expect(facts(record({ education: [enrolment({ enrolmentDate: '2023-09-01', actualCompletion: ASOF })] })).education).toEqual({
      stage: 'finished',
      fullTime: false,
      withinStandardDuration: false,
    });
    expect(facts(record({ education: [enrolment({ enrolmentDate: '2023-09-01', actualCompletion: DAY_AFTER })] })).education.stage).toBe('seniorVocational');
  });

  it('left early counts as study ended', () => {
    expect(facts(record({ education: [enrolment({ enrolmentDate: '2025-09-01', actualCompletion: '2026-01-15', outcome: 'leftEarly' })] })).education.stage).toBe('finished');
  });

  it('within the standard duration up to the day before the N-th anniversary of enrolment', () => {
    const e = enrolment({ enrolmentDate: '2023-06-15', standardDurationYears: 3 });
    expect(standardDurationEnd('2023-06-15', 3)).toBe('2026-06-14');
    expect(educationOn([e], DAY_BEFORE).facts.withinStandardDuration).toBe(true);
    expect(educationOn([e], ASOF).facts.withinStandardDuration).toBe(false);
  });

  it('an expected completion entered by hand does not move the standard duration', () => {
    const e = enrolment({ enrolmentDate: '2023-09-01', standardDurationYears: 3, expectedCompletion: '2026-01-31' });
    expect(educationOn([e], ASOF).facts.withinStandardDuration).toBe(true);
  });

  it('voided enrolments are skipped; educationOn reports its source row', () => {
    const kept = enrolment({ stage: 'compulsory', enrolmentDate: '2016-09-01', standardDurationYears: 9 });
    const r = educationOn([kept, enrolment({ enrolmentDate: '2025-09-01', ...voided })], ASOF);
    expect(r.facts.stage).toBe('compulsory');
    expect(r.source?.id).toBe(kept.id);
  });
});

describe('receiving', () => {
  it('benefits covering asOf, each once, in BenefitCode order', () => {
    const r = record({
      benefits: [
        benefit('rehabilitationAid', '2015-01-01'),
        benefit('basicLivingAllowance', '2011-01-01', '2020-12-31'),
        benefit('basicLivingAllowance', '2021-01-01'),
        benefit('minimumLivingAllowance', ASOF),
        benefit('temporaryAid', '2026-01-01', DAY_BEFORE),
        benefit('educationAid', '2026-01-01', ASOF),
        benefit('medicalAid', DAY_AFTER),
        benefit('disabledLivingSubsidy', '2015-01-01', null, voided),
      ],
    });
    expect(facts(r).receiving).toEqual(['basicLivingAllowance', 'minimumLivingAllowance', 'rehabilitationAid', 'educationAid']);
  });
});

describe('reintegration', () => {
  it('assessments dated on or before asOf, as the rules read them; later and voided ones left out', () => {
    const r = record({
      assessments: [
        assessment('2025-01-01', 1, 'notCapable'),
        assessment(ASOF, 2, 'capable'),
        assessment(DAY_AFTER, 2, 'notCapable'),
        assessment('2025-06-01', 1, 'capable', voided),
      ],
      vocationalRehab: [rehab('2025-01-01', '2025-06-01')],
    });
    expect(facts(r).reintegration.assessments).toEqual([
      { date: '2025-01-01', round: 1, result: 'notCapable' },
      { date: ASOF, round: 2, result: 'capable' },
    ]);
  });

  it('assessments out of order (RULES.md round 2: invalid facts) are left out with an assumption, so the facts stay valid', () => {
    // A round 2 without completed vocational rehabilitation; a round 2 whose round 1 was voided; two round 1s.
    const noRehab = record({ assessments: [assessment('2025-01-01', 1, 'notCapable'), assessment('2025-06-01', 2, 'capable')] });
    const derived = deriveFacts(noRehab, ASOF);
    expect(derived.facts.reintegration.assessments).toEqual([{ date: '2025-01-01', round: 1, result: 'notCapable' }]);
    expect(derived.assumptions.map((a) => a.field)).toContain('reintegration.assessments');
    const orphaned = record({ assessments: [assessment('2025-01-01', 1, 'notCapable', voided), assessment('2025-06-01', 2, 'capable')], vocationalRehab: [rehab('2025-01-01', '2025-03-01')] });
    expect(facts(orphaned).reintegration.assessments).toEqual([]);
    const twice = record({ assessments: [assessment('2025-01-01', 1, 'notCapable'), assessment('2025-06-01', 1, 'capable')] });
    expect(facts(twice).reintegration.assessments).toEqual([{ date: '2025-01-01', round: 1, result: 'notCapable' }]);
    for (const r of [noRehab, orphaned, twice]) expect(() => evaluate(facts(r), ASOF)).not.toThrow();
  });

  it('a decision awaiting a supervisor\'s approval has no effect', () => {
    const r = record({ assessments: [assessment('2025-01-01', 1, 'notCapable'), assessment('2025-06-01', 2, 'capable', { approvedAt: null })] });
    expect(facts(r).reintegration.assessments).toEqual([{ date: '2025-01-01', round: 1, result: 'notCapable' }]);
  });

  it('vocational rehabilitation counts once completed on or before asOf', () => {
    expect(facts(record({ vocationalRehab: [rehab('2025-01-01', null)] })).reintegration.vocationalRehabCompleted).toBe(false);
    expect(facts(record({ vocationalRehab: [rehab('2025-01-01', DAY_AFTER)] })).reintegration.vocationalRehabCompleted).toBe(false);
    expect(facts(record({ vocationalRehab: [rehab('2025-01-01', ASOF)] })).reintegration.vocationalRehabCompleted).toBe(true);
    expect(facts(record({ vocationalRehab: [rehab('2025-01-01', '2025-06-01', voided)] })).reintegration.vocationalRehabCompleted).toBe(false);
  });
});

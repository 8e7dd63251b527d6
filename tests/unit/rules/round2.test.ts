/** Issue 16: the round-2 outputs that are not case-file paths (四(十二)'s school year) and the shared age. */
import { describe, expect, it } from 'vitest';
import { ageOn as rulesAgeOn, mentalHealthCheckDue, schoolYearOf } from '../../../electron/rules/index';
import { ageOn as sharedAgeOn } from '../../../shared/domain/dates';

describe('四(十二) "组织学校每学年开展心理健康监测": once in every school year', () => {
  it('a school year runs from 1 September to 31 August', () => {
    expect(schoolYearOf('2026-09-01')).toEqual({ from: '2026-09-01', to: '2027-08-31' });
    expect(schoolYearOf('2026-08-31')).toEqual({ from: '2025-09-01', to: '2026-08-31' });
    expect(schoolYearOf('2027-01-15')).toEqual({ from: '2026-09-01', to: '2027-08-31' });
  });

  it('a check in August and another in September are one per school year, though a month apart', () => {
    const august = mentalHealthCheckDue('2026-08-20', '2026-09-05');
    expect(august).toMatchObject({ doneThisSchoolYear: false, overdue: false, dueBy: '2027-08-31', clause: '四(十二)' });
    const september = mentalHealthCheckDue('2026-09-20', '2026-10-01');
    expect(september).toMatchObject({ doneThisSchoolYear: true, dueFrom: '2027-09-01', dueBy: '2028-08-31' });
  });

  it('eleven months after the last check nothing is due when it was this school year; 13 months after, it is not overdue', () => {
    expect(mentalHealthCheckDue('2026-09-02', '2027-08-02').doneThisSchoolYear).toBe(true);
    expect(mentalHealthCheckDue('2025-10-01', '2026-11-01')).toMatchObject({ doneThisSchoolYear: false, overdue: false, dueBy: '2027-08-31' });
  });

  it('a whole school year without a check is overdue; never checked is overdue', () => {
    expect(mentalHealthCheckDue('2025-08-31', '2026-09-01').overdue).toBe(true);
    expect(mentalHealthCheckDue('2025-09-01', '2026-09-01').overdue).toBe(false);
    expect(mentalHealthCheckDue(null, '2026-09-01')).toMatchObject({ overdue: true, doneThisSchoolYear: false, dueBy: '2027-08-31' });
  });

  it('its reasons mark the school year as this system’s reading', () => {
    for (const r of [mentalHealthCheckDue(null, '2026-09-01'), mentalHealthCheckDue('2025-10-01', '2026-11-01'), mentalHealthCheckDue('2026-09-20', '2026-10-01')]) {
      expect(r.reason).toContain('学年按9月1日至次年8月31日（本系统的理解）');
    }
  });
});

describe('the app’s age agrees with the rules on 29 February (民法典 第二百零二条)', () => {
  it('shared/domain/dates ageOn turns a 29 February birth on 28 February of a common year, as the rules do', () => {
    for (const [birth, on] of [
      ['2008-02-29', '2026-02-27'],
      ['2008-02-29', '2026-02-28'],
      ['2008-02-29', '2026-03-01'],
      ['2008-02-29', '2028-02-28'],
      ['2008-02-29', '2028-02-29'],
      ['2012-02-29', '2030-02-28'],
      ['2010-12-31', '2026-12-30'],
      ['2010-12-31', '2026-12-31'],
    ] as const) {
      expect(sharedAgeOn(birth, on), `${birth} on ${on}`).toBe(rulesAgeOn(birth, on));
    }
    expect(sharedAgeOn('2008-02-29', '2026-02-28')).toBe(18);
  });
});

describe('"what changes when" follows the rules: the 18th birthday ends every child’s line but the two that continue', () => {
  it('a Shanghai scattered orphan of 17 in full-time vocational school: 二(六) and 康复救助 end on the birthday, the allowance and education aid go on', async () => {
    const { eligibilityTimeline } = await import('../../../electron/services/eligibility/eligibility-timeline');
    const { evaluate } = await import('../../../electron/rules/index');
    const facts = {
      birthDate: '2009-03-10',
      hukou: 'shanghai' as const,
      orphan: true,
      abandonedConfirmedByPolice: false,
      guardianship: 'adequate' as const,
      courtAppointedGuardian: 'none' as const,
      placement: 'kinship' as const,
      disability: { category: 'physical' as const, grade: 3 as const },
      autism: false,
      seriousIllness: false,
      family: { minimumLivingSecurity: false, lowIncomeEdge: false, extremePoverty: false, legalSupporterAble: true, economicHardship: false, suddenHardship: false },
      migrant: false,
      leftBehind: false,
      education: { stage: 'seniorVocational' as const, fullTime: true, withinStandardDuration: true },
      receiving: ['basicLivingAllowance' as const],
      reintegration: { assessments: [], vocationalRehabCompleted: false },
    };
    const timeline = eligibilityTimeline(evaluate, facts, '2027-01-10', null);
    const birthday = timeline.entries.find((e) => e.kinds.includes('eighteenthBirthday'))!;
    expect(birthday.date).toBe('2027-03-10');
    const ended = birthday.changes.flatMap((c) => (c.kind === 'entitlement' && c.to === 'ineligible' ? [c.benefit] : []));
    expect(ended).toEqual(expect.arrayContaining(['medicalInsurancePremium', 'medicalAid', 'rehabilitationAid', 'nationalGrantTuitionWaiver', 'disabledLivingSubsidy']));
    expect(ended).not.toContain('basicLivingAllowance');
    expect(ended).not.toContain('educationAid');
  });
});

/**
 * The one-page child summary (issue 8): the roster line of today, the categories and today's
 * entitlements with their clauses (agreeing with the eligibility evaluation), and the rehabilitation
 * plan in brief only for those who may read rehabilitation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { childSummary } from '../../electron/services/reports/child-summary';
import { createChild } from '../../electron/services/registry/children';
import type { ServiceContext } from '../../electron/services/core/context';
import { evaluateChild } from '../../electron/services/eligibility/facts';
import { addEducation, addGuardianship, addPlacement, addStatusFact, setDisability } from '../../electron/services/record/record-history';
import { AppError } from '../../shared/contract/errors';
import { tempDatabase } from '../helpers/temp-db';

let db: ReturnType<typeof tempDatabase>;
let ctx: ServiceContext;
beforeEach(() => {
  db = tempDatabase();
  ctx = db.ctx;
});
afterEach(() => db.cleanup());

describe('the child summary', () => {
  it('gives identity, categories, placement, education, disability and the entitlements of today with their clauses', () => {
    const childId = createChild(ctx, { name: '林小雨', sex: 'female', birthDate: '2016-03-01', idNumber: null, admissionDate: '2017-03-01' }).id;
    addStatusFact(ctx, { childId, fact: { kind: 'parentsStatus', value: { father: 'deceased', mother: 'deceased' } }, effectiveDate: '2017-03-01' });
    addPlacement(ctx, { childId, kind: 'municipalInstitution', from: '2017-03-01' });
    addGuardianship(ctx, { childId, guardianKind: 'municipalInstitution', guardianName: '上海市儿童福利院', courtAppointed: true, from: '2017-03-01' });
    addEducation(ctx, { childId, stage: 'compulsory', fullTime: true, enrolmentDate: '2022-09-01', standardDurationYears: 9, school: '徐汇区第一中心小学' });
    setDisability(ctx, { childId, category: 'hearing', grade: 3, from: '2020-01-01', certificateNumber: null });

    const s = childSummary(ctx, childId);
    expect(s.asOf).toBe('2026-11-29');
    expect(s.values).toMatchObject({ name: '林小雨', sex: '女', birthDate: '2016-03-01', placementKind: '市级儿童福利机构集中养育', school: '徐汇区第一中心小学', disabilityGrade: 3 });
    expect(s.categories).toEqual([
      { code: 'orphan', label: '孤儿', clause: '序言' },
      { code: 'disabled', label: '残疾儿童', clause: '序言' },
    ]);
    const { evaluation } = evaluateChild(ctx, childId);
    const eligible = Object.entries(evaluation.entitlements).filter(([, e]) => e.status === 'eligible');
    expect(eligible.length).toBeGreaterThan(0);
    expect(s.entitlements.map((e) => [e.code, e.clause])).toEqual(eligible.map(([code, e]) => [code, e.clause]));
    expect(s.entitlements.find((e) => e.code === 'basicLivingAllowance')).toMatchObject({ label: '基本生活费', clause: '一(一)' });
    // The caseworker reads rehabilitation: the plan in brief is there (none yet).
    expect(s.rehabilitation).toMatchObject({ plan: null, sessions: { attended: 0, missed: 0 } });
    // A placement officer does not: no rehabilitation section.
    expect(childSummary({ ...ctx, actor: { userId: 1, username: 'po', roles: ['placementOfficer'] } }, childId).rehabilitation).toBeNull();
  });

  it('refuses a child that does not exist', () => {
    expect(() => childSummary(ctx, 999)).toThrow(AppError);
  });
});

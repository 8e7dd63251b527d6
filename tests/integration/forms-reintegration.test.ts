/**
 * Issue 18 item 4 and issue 15 item 9, the reintegration case: a conclusion against the rubric's
 * threshold needs a reason (kept); nobody approves an assessment they recorded or on whose panel they
 * sat; the checklist cannot say 居民身份证 已完成 without an ID number; a case opened after the 18th
 * birthday has its checklist due by the birthday (overdue), never after it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../electron/services/core/context';
import { addCaseAssessment, caseOfChild, decideAssessment, getCase, pipeline, updateChecklist } from '../../electron/services/reintegration/reintegration';
import { createUser } from '../../electron/services/users/users';
import { AppError, ValidationError } from '../../shared/contract/errors';
import { makeIdNumber } from '../../shared/domain/id-number';
import { RUBRICS, resultByThreshold, weightedScore } from '../../shared/domain/reintegration';
import { caseAssessment, institutionChild } from '../helpers/reintegration';
import { tempDatabase } from '../helpers/temp-db';

let db: ReturnType<typeof tempDatabase>;
let ctx: ServiceContext;
let officer: ServiceContext;
let supervisor: ServiceContext;
let dual: ServiceContext;

const refused = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

beforeEach(() => {
  db = tempDatabase();
  ctx = db.ctx;
  const po = createUser(ctx, { username: 'po', displayName: '周安置', password: 'Pl@cement-officer1', roles: ['placementOfficer'] }).id;
  const sv = createUser(ctx, { username: 'sv', displayName: '孙主管', password: 'Sup3rvisor!pass', roles: ['supervisor'] }).id;
  const both = createUser(ctx, { username: 'pd', displayName: '钱双岗', password: 'Dual!role-pass1', roles: ['placementOfficer', 'supervisor'] }).id;
  officer = { ...ctx, actor: { userId: po, username: 'po', roles: ['placementOfficer'] } };
  supervisor = { ...ctx, actor: { userId: sv, username: 'sv', roles: ['supervisor'] } };
  dual = { ...ctx, actor: { userId: both, username: 'pd', roles: ['placementOfficer', 'supervisor'] } };
});
afterEach(() => db.cleanup());

describe('the running score against the rubric’s threshold', () => {
  it('the rubric names a threshold and reads a score against it', () => {
    for (const r of RUBRICS) expect(r.threshold).toBeGreaterThan(0);
    expect(resultByThreshold(RUBRICS[0], 59.9)).toBe('notCapable');
    expect(resultByThreshold(RUBRICS[0], 60)).toBe('capable');
  });

  it('具备 at a weighted score below the threshold needs a reason; with one it is saved and kept', () => {
    const caseId = caseOfChild(ctx, { childId: institutionChild(ctx, '陈思远', '2008-03-10') }).caseId!;
    const low = caseAssessment(caseId, {}, 32);
    expect(weightedScore(low.scores.map((s) => ({ weight: 0.2, score: s.score })))).toBe(32);
    const e = refused(() => addCaseAssessment(officer, low));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.field).toBe('thresholdReason');
    expect(e.message).toContain('认定线 60');
    expect(getCase(ctx, { caseId }).assessments).toHaveLength(0);
    const saved = addCaseAssessment(officer, { ...low, thresholdReason: '已稳定就业一年，实际生活能力高于评分' });
    expect(saved.thresholdReason).toBe('已稳定就业一年，实际生活能力高于评分');
    expect(getCase(ctx, { caseId }).assessments[0].thresholdReason).toBe('已稳定就业一年，实际生活能力高于评分');
  });

  it('不具备 at a score above the threshold needs a reason too; a conclusion that agrees needs none', () => {
    const caseId = caseOfChild(ctx, { childId: institutionChild(ctx, '陈思远', '2008-03-10') }).caseId!;
    expect(refused(() => addCaseAssessment(officer, caseAssessment(caseId, { result: 'notCapable' }, 80))).field).toBe('thresholdReason');
    expect(addCaseAssessment(officer, caseAssessment(caseId, { result: 'notCapable' }, 40)).thresholdReason).toBeNull();
  });
});

describe('separation of duties', () => {
  it('nobody approves an assessment they recorded ("不能审批自己提交的…")', () => {
    const caseId = caseOfChild(ctx, { childId: institutionChild(ctx, '陈思远', '2008-03-10') }).caseId!;
    const a = addCaseAssessment(dual, caseAssessment(caseId));
    const e = refused(() => decideAssessment(dual, { caseId, assessmentId: a.id, approve: true }));
    expect(e.code).toBe('forbidden');
    expect(e.message).toContain('不能审批自己提交的综合评估');
    expect(getCase(ctx, { caseId }).assessments[0].approvedAt).toBeNull();
    decideAssessment(supervisor, { caseId, assessmentId: a.id, approve: true });
    expect(getCase(ctx, { caseId }).assessments[0].approvedByName).toBe('孙主管');
  });

  it('a supervisor who sat on the panel cannot approve it', () => {
    const caseId = caseOfChild(ctx, { childId: institutionChild(ctx, '陈思远', '2008-03-10') }).caseId!;
    const a = addCaseAssessment(officer, caseAssessment(caseId, { panel: ['市民政局 李明', '孙主管'] }));
    const e = refused(() => decideAssessment(supervisor, { caseId, assessmentId: a.id, approve: true }));
    expect(e.code).toBe('forbidden');
    expect(e.message).toContain('评估小组成员');
    // Returning it is still possible (that is not approving one's own work).
    decideAssessment(supervisor, { caseId, assessmentId: a.id, approve: false, reason: '评估小组成员不能审批，请重新组织' });
  });
});

describe('the preparation checklist', () => {
  it('居民身份证 cannot be done while the record has no ID number', () => {
    const without = caseOfChild(ctx, { childId: institutionChild(ctx, '林一', '2009-05-01') }).caseId!;
    const item = getCase(ctx, { caseId: without }).checklist.find((i) => i.item === 'idCard')!;
    const e = refused(() => updateChecklist(officer, { caseId: without, id: item.id, status: 'done' }));
    expect(e.field).toBe('status');
    expect(e.message).toContain('尚无身份证号');
    const withId = caseOfChild(ctx, { childId: institutionChild(ctx, '林二', '2009-05-02', { idNumber: makeIdNumber('310104', '2009-05-02', 12, 'female') }) }).caseId!;
    const other = getCase(ctx, { caseId: withId }).checklist.find((i) => i.item === 'idCard')!;
    expect(updateChecklist(officer, { caseId: withId, id: other.id, status: 'done' }).status).toBe('done');
  });

  it('a case opened after the 18th birthday has no due date after it: its open items are overdue', () => {
    const childId = institutionChild(ctx, '陈思远', '2008-03-10'); // 18 on 2026-03-10, case opened 2026-11-29
    const caseId = caseOfChild(ctx, { childId }).caseId!;
    const checklist = getCase(ctx, { caseId }).checklist;
    expect(checklist.every((i) => i.dueOn !== null && i.dueOn <= '2026-03-10')).toBe(true);
    expect(pipeline(ctx, {}).cases.find((c) => c.id === caseId)!.overdue).toHaveLength(checklist.length);
  });
});

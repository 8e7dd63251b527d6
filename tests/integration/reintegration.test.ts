/**
 * Issue 6: the age-18 reintegration case over a real encrypted database — opening by itself (idempotent,
 * audited as the system), both branches of 一(四) through approval, the refusals (each leaving nothing
 * half-saved), and the stage always agreeing with the rules' status for the approved facts.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChild } from '../../electron/services/registry/children';
import type { ServiceContext } from '../../electron/services/core/context';
import { loadDemoData } from '../../electron/demo/demo';
import { evaluateChild } from '../../electron/services/eligibility/facts';
import { addAssessment } from '../../electron/services/record/record-reintegration';
import { addEducation, addGuardianship, addPlacement, addStatusFact, updateEducation } from '../../electron/services/record/record-history';
import {
  addCaseAssessment,
  addVisit,
  caseOfChild,
  completeRehab,
  decideAssessment,
  dossier,
  ensureCases,
  getCase,
  pipeline,
  resettle,
  startRehab,
  transfer,
  updateChecklist,
  updateTask,
} from '../../electron/services/reintegration/reintegration';
import { addMeasure } from '../../electron/services/rehab/rehab-measures';
import { decidePlan, savePlan } from '../../electron/services/rehab/rehab-plans';
import { logSession } from '../../electron/services/rehab/rehab-sessions';
import { createUser } from '../../electron/services/users/users';
import { buildWorklist } from '../../electron/services/worklist/worklist';
import { AppError, ValidationError } from '../../shared/contract/errors';
import type { CaseAssessmentAddInput } from '../../shared/contract/reintegration';
import { STAGE_STATUSES, rubricOn } from '../../shared/domain/reintegration';
import { tempDatabase } from '../helpers/temp-db';

let db: ReturnType<typeof tempDatabase>;
let ctx: ServiceContext;
let officerId: number;

/** An abandoned child raised by the municipal institution (reintegration applies), studies finished on `finished`. */
function institutionChild(name: string, birthDate: string, finished: string | null = '2026-06-30'): number {
  const childId = createChild(ctx, { name, sex: 'female', birthDate, idNumber: null, admissionDate: birthDate }).id;
  addStatusFact(ctx, { childId, fact: { kind: 'parentsStatus', value: { father: 'notFound', mother: 'notFound' } }, effectiveDate: birthDate });
  addStatusFact(ctx, { childId, fact: { kind: 'policeAbandonmentConfirmation', value: true }, effectiveDate: birthDate });
  addPlacement(ctx, { childId, kind: 'municipalInstitution', from: birthDate });
  addGuardianship(ctx, { childId, guardianKind: 'municipalInstitution', guardianName: '上海市儿童福利院', courtAppointed: true, from: birthDate });
  const e = addEducation(ctx, { childId, stage: 'seniorVocational', fullTime: true, enrolmentDate: '2023-09-01', standardDurationYears: 3 });
  if (finished) updateEducation(ctx, { childId, id: e.id, actualCompletion: finished, outcome: 'graduated' });
  return childId;
}

const scores = (value = 80) => rubricOn('2026-11-29').domains.map((d) => ({ domain: d.code, score: value, evidence: `${d.zh}观察记录` }));
const assessment = (caseId: number, over: Partial<CaseAssessmentAddInput> = {}): CaseAssessmentAddInput => ({
  caseId,
  assessedOn: '2026-08-01',
  round: 1,
  panel: ['市民政局 李明', '福利院 张华', '社工 王芳'],
  scores: scores(),
  result: 'capable',
  reasons: '各维度评分均达到要求，能够独立生活。',
  ...over,
});
const as = (roles: ('placementOfficer' | 'supervisor')[], userId: number): ServiceContext => ({ ...ctx, actor: { userId, username: `u${userId}`, roles } });
const refused = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};
const count = (table: string) => (ctx.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const stageOf = (childId: number) => caseOfChild(ctx, { childId }).stage;

beforeEach(() => {
  db = tempDatabase();
  ctx = db.ctx;
  officerId = createUser(ctx, { username: 'po', displayName: '周安置', password: 'Pl@cement-officer1', roles: ['placementOfficer'] }).id;
  createUser(ctx, { username: 'sv', displayName: '孙主管', password: 'Sup3rvisor!pass', roles: ['supervisor'] });
});
afterEach(() => db.cleanup());

describe('opening', () => {
  it('opens a case six months before the 18th birthday, once, for those the rules cover, assigned and audited as the system', () => {
    const due = institutionChild('林一', '2009-05-29', null); // 18 on 2027-05-29: exactly six months ahead
    const later = institutionChild('林二', '2009-05-30', null); // one day too early
    const family = createChild(ctx, { name: '林三', sex: 'male', birthDate: '2008-01-01', idNumber: null }).id;
    addPlacement(ctx, { childId: family, kind: 'kinship', from: '2008-01-01' });
    expect(ensureCases(ctx)).toBe(1);
    expect(ensureCases(ctx)).toBe(0);
    const { cases } = pipeline(ctx, {});
    expect(cases.map((c) => c.childId)).toEqual([due]);
    expect(cases[0]).toMatchObject({ stage: 'preparing', status: 'notYetAdult', officer: { id: officerId, displayName: '周安置' }, openedOn: '2026-11-29' });
    expect(caseOfChild(ctx, { childId: later })).toEqual({ caseId: null, stage: null });
    const audit = ctx.sqlite.prepare("SELECT user_id, child_id, detail FROM audit_log WHERE action = 'reintegrationCase.open'").all() as { user_id: number | null; child_id: number; detail: string }[];
    expect(audit).toEqual([{ user_id: null, child_id: due, detail: expect.stringContaining('"by":"system"') }]);
    // The checklist is there, with due dates before the birthday.
    const detail = getCase(ctx, { caseId: cases[0].id });
    expect(detail.checklist.map((i) => i.item)).toContain('idCard');
    expect(detail.checklist.every((i) => i.dueOn !== null && i.dueOn <= '2027-05-29')).toBe(true);
  });

  it('a case opened while there was no placement officer gets one once there is', () => {
    ctx.sqlite.prepare('UPDATE users SET active = 0 WHERE id = ?').run(officerId);
    const childId = institutionChild('林五', '2008-03-10');
    expect(pipeline(ctx, {}).cases[0].officer).toBeNull();
    const second = createUser(ctx, { username: 'po2', displayName: '吴安置', password: 'Pl@cement-officer2', roles: ['placementOfficer'] }).id;
    expect(pipeline(ctx, {}).cases[0]).toMatchObject({ childId, officer: { id: second } });
    expect(pipeline(ctx, { officerId: second }).cases).toHaveLength(1);
    expect(pipeline(ctx, { officerId: officerId }).cases).toHaveLength(0);
  });

  it('a checklist item past its due date and not done shows as overdue until done', () => {
    const childId = institutionChild('林四', '2009-03-10');
    const caseId = caseOfChild(ctx, { childId }).caseId!;
    const idCard = getCase(ctx, { caseId }).checklist.find((i) => i.item === 'hukou')!;
    updateChecklist(ctx, { caseId, id: idCard.id, owner: '周安置', dueOn: '2026-10-01', status: 'inProgress' });
    expect(pipeline(ctx, {}).cases[0].overdue).toContain('户口材料（2026-10-01到期）');
    const worklist = () => buildWorklist(as(['placementOfficer'], officerId), {}).items.filter((i) => i.kind === 'reintegrationOverdue');
    expect(worklist()).toEqual([expect.objectContaining({ childId, dueDate: '2026-10-01', reason: '回归社会安置：1项逾期——户口材料（2026-10-01到期）' })]);
    expect(buildWorklist(as(['supervisor'], 2), {}).visibleKinds).toContain('reintegrationOverdue');
    updateChecklist(ctx, { caseId, id: idCard.id, owner: '周安置', dueOn: '2026-10-01', status: 'done' });
    expect(pipeline(ctx, {}).cases[0].overdue.join()).not.toContain('户口材料');
    expect(worklist()).toEqual([]);
  });
});

describe('the two branches of 一(四)', () => {
  it('(a) round 1 capable → approval → resettlement with the four tasks → all done → closed', () => {
    const childId = institutionChild('陈思远', '2008-03-10');
    const caseId = caseOfChild(ctx, { childId }).caseId!;
    expect(stageOf(childId)).toBe('assessmentDue');
    const a = addCaseAssessment(ctx, assessment(caseId));
    expect(a).toMatchObject({ approvedAt: null, weightedScore: 80, rubricVersion: '2026-01' });
    expect(stageOf(childId)).toBe('assessed');
    expect(evaluateChild(ctx, childId).evaluation.reintegration.status).toBe('assessmentDue');
    expect(refused(() => resettle(ctx, { caseId, receivingDistrict: '310104', receivingStreet: '田林街道', resettledOn: '2026-11-01', tasks: [] })).code).toBe('conflict');
    decideAssessment(as(['supervisor'], 2), { caseId, assessmentId: a.id, approve: true });
    expect(stageOf(childId)).toBe('resettling');
    const tasks = resettle(ctx, {
      caseId,
      receivingDistrict: '310104',
      receivingStreet: '田林街道',
      resettledOn: '2026-11-01',
      tasks: [{ task: 'housing', contact: '徐汇区民政局 赵科长 021-64872222', dueOn: '2026-12-31' }],
    });
    expect(tasks.map((t) => t.task)).toEqual(['housing', 'hukou', 'employment', 'longTermCare']);
    addVisit(ctx, { caseId, visitedOn: '2026-11-20', visitor: '周安置', notes: '已入住公租房，适应良好。' });
    for (const t of tasks.slice(0, 3)) updateTask(ctx, { caseId, id: t.id, contact: t.contact, dueOn: t.dueOn, status: 'done', evidenceDocumentIds: [] });
    expect(stageOf(childId)).toBe('resettling');
    updateTask(ctx, { caseId, id: tasks[3].id, contact: '田林街道 社区事务受理中心', dueOn: null, status: 'done', evidenceDocumentIds: [] });
    expect(stageOf(childId)).toBe('closed');
    const detail = getCase(ctx, { caseId });
    expect(detail.case.closedOn).toBe('2026-11-29');
    expect(detail.visits).toHaveLength(1);
    expect(refused(() => updateTask(ctx, { caseId, id: tasks[0].id, contact: null, status: 'todo', evidenceDocumentIds: [] })).code).toBe('conflict');
    const d = dossier(ctx, { caseId });
    expect(d.detail.assessments[0]).toMatchObject({ approvedByName: '孙主管', scores: expect.arrayContaining([expect.objectContaining({ domain: 'workAbility', score: 80 })]) });
    expect(d.rehabilitation).toEqual({ plan: null, sessions: { attended: 0, missed: 0, minutes: 0, first: null, last: null }, tScore: null, measures: [] });
  });

  it('the dossier carries the rehabilitation file in brief: the plan in force, sessions, the T-score, the latest measures', () => {
    const childId = institutionChild('林一舟', '2008-03-10');
    const caseId = caseOfChild(ctx, { childId }).caseId!;
    const therapistId = createUser(ctx, { username: 'pt', displayName: '钱康复', password: 'Th3rapist!pass', roles: ['therapist'] }).id;
    const therapist: ServiceContext = { ...ctx, actor: { userId: therapistId, username: 'pt', roles: ['therapist'] } };
    const levels = { minus2: '不能', minus1: '部分', zero: '独立', plus1: '熟练', plus2: '指导他人' };
    const plan = savePlan(therapist, {
      childId,
      startsOn: '2026-06-01',
      reviewOn: '2026-12-31',
      therapistIds: [therapistId],
      goals: [{ title: '独立乘坐公交', levels, baseline: -1, importance: 2, difficulty: 2 }],
    });
    decidePlan(as(['supervisor'], 2), { planId: plan.id, decision: 'approve' });
    logSession(therapist, { childId, sessionOn: '2026-07-01', attended: true, minutes: 45, goals: [{ goalId: plan.goals[0]!.id, rating: 1 }] });
    logSession(therapist, { childId, sessionOn: '2026-07-08', attended: false, absenceReason: '实习面试' });
    addMeasure(therapist, { childId, instrument: 'WeeFIM', administeredOn: '2026-07-02', scores: { total: 110 } });
    const d = dossier(ctx, { caseId });
    expect(d.rehabilitation).toEqual({
      plan: { version: 1, startsOn: '2026-06-01', reviewOn: '2026-12-31', goals: [{ title: '独立乘坐公交', baseline: -1, latest: 1 }] },
      sessions: { attended: 1, missed: 1, minutes: 45, first: '2026-07-01', last: '2026-07-08' },
      tScore: 60,
      measures: [{ instrument: '儿童功能独立性评定（WeeFIM）', administeredOn: '2026-07-02', field: '总分', value: 110, reading: null }],
    });
  });

  it('(b) round 1 not capable → transfer → vocational rehabilitation → round 2 capable → resettlement', () => {
    const childId = institutionChild('王晓雨', '2007-05-01', '2025-06-30');
    const caseId = caseOfChild(ctx, { childId }).caseId!;
    const first = addCaseAssessment(ctx, assessment(caseId, { assessedOn: '2025-09-01', result: 'notCapable', scores: scores(50), reasons: '劳动能力不足' }));
    decideAssessment(as(['supervisor'], 2), { caseId, assessmentId: first.id, approve: true });
    expect(stageOf(childId)).toBe('transferred');
    transfer(ctx, { caseId, institution: '上海市第三社会福利院', transferredOn: '2025-10-01' });
    const rehab = startRehab(ctx, { caseId, programme: '烘焙职业康复', provider: '阳光职业康复中心', from: '2025-10-15', plannedEnd: '2026-06-30' });
    expect(stageOf(childId)).toBe('vocationalRehab');
    expect(refused(() => addCaseAssessment(ctx, assessment(caseId, { round: 2, assessedOn: '2026-08-01' }))).field).toBe('round');
    completeRehab(ctx, { caseId, id: rehab.id, completedOn: '2026-07-01', outcome: '结业，能独立完成烘焙岗位工作' });
    expect(stageOf(childId)).toBe('secondAssessment');
    const second = addCaseAssessment(ctx, assessment(caseId, { round: 2, assessedOn: '2026-08-01' }));
    expect(stageOf(childId)).toBe('assessed');
    decideAssessment(as(['supervisor'], 2), { caseId, assessmentId: second.id, approve: true });
    expect(stageOf(childId)).toBe('resettling');
    expect(resettle(ctx, { caseId, receivingDistrict: '310115', receivingStreet: '花木街道', resettledOn: '2026-09-01', tasks: [] })).toHaveLength(4);
  });

  it('a returned decision is voided with its reason and the assessment can be recorded again', () => {
    const childId = institutionChild('赵成', '2008-03-10');
    const caseId = caseOfChild(ctx, { childId }).caseId!;
    const a = addCaseAssessment(ctx, assessment(caseId));
    expect(refused(() => addCaseAssessment(ctx, assessment(caseId))).code).toBe('conflict');
    expect(refused(() => decideAssessment(ctx, { caseId, assessmentId: a.id, approve: false, reason: '' })).field).toBe('reason');
    decideAssessment(ctx, { caseId, assessmentId: a.id, approve: false, reason: '评分依据不足' });
    expect(getCase(ctx, { caseId }).assessments[0].voidReason).toBe('退回：评分依据不足');
    expect(stageOf(childId)).toBe('assessmentDue');
    addCaseAssessment(ctx, assessment(caseId));
  });
});

describe('bad input is refused with a field-named message, nothing half-saved', () => {
  let childId: number;
  let caseId: number;
  beforeEach(() => {
    childId = institutionChild('陈思远', '2008-03-10');
    caseId = caseOfChild(ctx, { childId }).caseId!;
  });

  it('a receiving district outside the 16 current ones', () => {
    const a = addCaseAssessment(ctx, assessment(caseId));
    decideAssessment(as(['supervisor'], 2), { caseId, assessmentId: a.id, approve: true });
    for (const district of ['310108', '310000', '上海']) {
      const e = refused(() => resettle(ctx, { caseId, receivingDistrict: district as '310104', receivingStreet: '天目西路街道', resettledOn: '2026-11-01', tasks: [] }));
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.field).toBe('receivingDistrict');
      expect(e.message).toBe('接收安置区须为上海市现有的16个区之一');
    }
    expect(count('reintegration_tasks')).toBe(0);
    expect(getCase(ctx, { caseId }).case.receivingDistrict).toBeNull();
  });

  it('an assessment dated before the 18th birthday', () => {
    const before = count('reintegration_assessments');
    const e = refused(() => addCaseAssessment(ctx, assessment(caseId, { assessedOn: '2026-03-09' })));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.field).toBe('assessedOn');
    expect(e.message).toBe('综合评估须在年满18周岁（2026-03-10）之后进行');
    expect(count('reintegration_assessments')).toBe(before);
    expect(count('reintegration_assessment_scores')).toBe(0);
    // The record's own channel refuses it too.
    expect(refused(() => addAssessment(ctx, { childId, assessedOn: '2026-03-09', round: 1, result: 'capable' })).field).toBe('assessedOn');
    expect(count('reintegration_assessments')).toBe(before);
    expect(addCaseAssessment(ctx, assessment(caseId, { assessedOn: '2026-03-10' })).assessedOn).toBe('2026-03-10');
  });

  it('a second assessment before vocational rehabilitation is completed', () => {
    const a = addCaseAssessment(ctx, assessment(caseId, { result: 'notCapable', scores: scores(50), reasons: '劳动能力不足' }));
    decideAssessment(as(['supervisor'], 2), { caseId, assessmentId: a.id, approve: true });
    transfer(ctx, { caseId, institution: '上海市第三社会福利院', transferredOn: '2026-08-10' });
    startRehab(ctx, { caseId, programme: '园艺', from: '2026-08-15' });
    const scoresBefore = count('reintegration_assessment_scores');
    const e = refused(() => addCaseAssessment(ctx, assessment(caseId, { round: 2, assessedOn: '2026-11-20' })));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.field).toBe('round');
    expect(e.message).toBe('职业康复尚未完成，不能进行二次综合评估');
    expect(count('reintegration_assessments')).toBe(1);
    expect(count('reintegration_assessment_scores')).toBe(scoresBefore);
  });

  it('a decision without reasons', () => {
    for (const reasons of ['', '   ']) {
      const e = refused(() => addCaseAssessment(ctx, assessment(caseId, { reasons })));
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.field).toBe('reasons');
      expect(e.message).toBe('请写明评估结论的理由');
    }
    expect(count('reintegration_assessments')).toBe(0);
    expect(count('reintegration_assessment_scores')).toBe(0);
  });

  it('a domain left unscored or scored above the scale, in one transaction with the decision', () => {
    const [, ...rest] = scores();
    expect(refused(() => addCaseAssessment(ctx, assessment(caseId, { scores: rest }))).field).toBe('scores.physicalMentalHealth');
    expect(refused(() => addCaseAssessment(ctx, assessment(caseId, { scores: scores(101) }))).field).toBe('scores.physicalMentalHealth');
    expect(count('reintegration_assessments')).toBe(0);
  });
});

describe('demo data', () => {
  it('a demo install has cases in most stages, each agreeing with the rules', () => {
    loadDemoData(ctx, { children: 200 });
    const { cases } = pipeline(ctx, {});
    const stages = new Set(cases.map((c) => c.stage));
    for (const stage of ['preparing', 'assessmentDue', 'assessed', 'resettling', 'transferred', 'vocationalRehab', 'secondAssessment', 'closed'] as const) {
      expect(stages, stage).toContain(stage);
    }
    for (const c of cases) expect(STAGE_STATUSES[c.stage]).toContain(evaluateChild(ctx, c.childId).evaluation.reintegration.status);
    // Every case has a placement officer (the demo brings its own placement officer account beside this test's).
    const officers = new Set(
      (ctx.sqlite.prepare('SELECT id, roles FROM users').all() as { id: number; roles: string }[]).filter((u) => (JSON.parse(u.roles) as string[]).includes('placementOfficer')).map((u) => u.id),
    );
    expect(officers.has(officerId)).toBe(true);
    expect(cases.every((c) => c.officer !== null && officers.has(c.officer.id))).toBe(true);
  });
});

describe('the stage shown always agrees with the rules', () => {
  it('over generated cases: the pipeline stage is one the rules status for the approved facts allows', () => {
    const step = fc.record({
      birthMonthsAgo: fc.integer({ min: 17 * 12 + 6, max: 21 * 12 }),
      finishedMonthsAgo: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
      round1: fc.option(fc.record({ capable: fc.boolean(), approve: fc.boolean() }), { nil: null }),
      transferAndRehab: fc.constantFrom('none', 'started', 'completed'),
      round2: fc.option(fc.record({ capable: fc.boolean(), approve: fc.boolean() }), { nil: null }),
      tasksDone: fc.constantFrom(0, 3, 4),
    });
    let n = 0;
    const seen = new Set<string>();
    fc.assert(
      fc.property(step, (s) => {
        n += 1;
        const birth = new Date(Date.UTC(2026, 10 - s.birthMonthsAgo, 15)).toISOString().slice(0, 10);
        const finished = s.finishedMonthsAgo === null ? null : new Date(Date.UTC(2026, 10 - s.finishedMonthsAgo, 1)).toISOString().slice(0, 10);
        const childId = institutionChild(`生成${n}`, birth, finished);
        const caseId = caseOfChild(ctx, { childId }).caseId!;
        const eighteenth = `${Number(birth.slice(0, 4)) + 18}${birth.slice(4)}`;
        const attempt = (fn: () => unknown) => {
          try {
            fn();
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
          }
        };
        const on = eighteenth > '2026-06-01' ? eighteenth : '2026-06-01';
        const decide = (round: 1 | 2, r: { capable: boolean; approve: boolean }, date: string) =>
          attempt(() => {
            const a = addCaseAssessment(ctx, assessment(caseId, { round, assessedOn: date, result: r.capable ? 'capable' : 'notCapable', scores: scores(r.capable ? 80 : 50) }));
            if (r.approve) decideAssessment(as(['supervisor'], 2), { caseId, assessmentId: a.id, approve: true });
          });
        if (s.round1) decide(1, s.round1, on);
        if (s.transferAndRehab !== 'none') {
          attempt(() => transfer(ctx, { caseId, institution: '上海市第三社会福利院', transferredOn: on }));
          attempt(() => {
            const r = startRehab(ctx, { caseId, programme: '园艺', from: on });
            if (s.transferAndRehab === 'completed') completeRehab(ctx, { caseId, id: r.id, completedOn: '2026-10-01', outcome: '结业' });
          });
        }
        if (s.round2) decide(2, s.round2, '2026-11-01');
        attempt(() => {
          const tasks = resettle(ctx, { caseId, receivingDistrict: '310104', receivingStreet: '田林街道', resettledOn: '2026-11-02', tasks: [] });
          for (const t of tasks.slice(0, s.tasksDone)) updateTask(ctx, { caseId, id: t.id, contact: null, status: 'done', evidenceDocumentIds: [] });
        });
        const shown = pipeline(ctx, {}).cases.find((c) => c.id === caseId)!;
        const status = evaluateChild(ctx, childId).evaluation.reintegration.status;
        seen.add(shown.stage);
        expect(shown.status).toBe(status);
        expect(STAGE_STATUSES[shown.stage]).toContain(status);
        expect(shown.stage === 'closed').toBe((status === 'resettle' && s.tasksDone === 4) || getCase(ctx, { caseId }).case.closedOn !== null);
      }),
      { numRuns: 60, seed: 20261129 },
    );
    // The generated cases reach every stage (so the agreement was checked for each).
    expect([...seen].sort()).toEqual(['assessed', 'assessmentDue', 'closed', 'preparing', 'resettling', 'secondAssessment', 'transferred', 'vocationalRehab']);
  });
});

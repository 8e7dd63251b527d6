/**
 * Demo reintegration cases: once the demo children are loaded, the due cases are opened (as in use)
 * and moved along plausibly through the case services themselves — checklist progress, scored
 * decisions, transfers, resettlements with tasks partly or wholly done, visits — so a demo install
 * shows cases in every stage. Deterministic for a seed.
 */
import { eq, isNull } from 'drizzle-orm';
import { reintegrationAssessmentScores, reintegrationAssessments } from '../../db/schema';
import { activeWith } from './demo-staff';
import { addDays, addMonths } from '../../shared/domain/dates';
import { SHANGHAI_DISTRICTS } from '../../shared/domain/districts';
import { rubricOn } from '../../shared/domain/reintegration';
import type { ServiceContext } from '../services/core/context';
import { DISTRICT_STREETS } from './streets';
import { addCaseAssessment, addVisit, decideAssessment, ensureCases, getCase, pipeline, resettle, startRehab, transfer, updateChecklist, updateTask } from '../services/reintegration/reintegration';

const earliest = (a: string, b: string) => (a < b ? a : b);
const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

const OWNERS = ['生活老师 刘芳', '社工 陈静', '生活老师 何伟', '社工 许婷'];
const INSTITUTIONS = ['上海市第三社会福利院', '上海市第一社会福利院'];

/** Domain scores near `level` (0–100) for the rubric in force on `date`. */
function demoScores(rand: () => number, date: string, level: number) {
  return rubricOn(date).domains.map((d) => ({
    domain: d.code,
    weight: d.weight,
    score: Math.max(0, Math.min(100, Math.round(level + (rand() - 0.5) * 16))),
    evidence: `${d.zh}：日常观察与评估小组面谈`,
  }));
}

export function loadDemoCases(ctx: ServiceContext, rand: () => number, pinnedChildIds: ReadonlySet<number>): void {
  const today = ctx.clock.today();
  ensureCases(ctx);

  // The demo's recorded decisions get their domain scores (they were scored when they were made).
  ctx.sqlite.transaction(() => {
    for (const a of ctx.db.select().from(reintegrationAssessments).where(isNull(reintegrationAssessments.voidedAt)).all()) {
      const scores = demoScores(rand, a.assessedOn, a.result === 'capable' ? 82 : 52);
      ctx.db.update(reintegrationAssessments).set({ rubricVersion: rubricOn(a.assessedOn).version }).where(eq(reintegrationAssessments.id, a.id)).run();
      for (const s of scores) ctx.db.insert(reintegrationAssessmentScores).values({ assessmentId: a.id, ...s }).run();
    }
  })();

  // Decisions on the cases due for assessment: two found not capable (one transferred, one also in
  // vocational rehabilitation), the rest awaiting a supervisor's approval. The worklist's pinned
  // situations keep their rules status (a pending decision has no effect).
  const due = pipeline(ctx, {}).cases.filter((c) => c.stage === 'assessmentDue');
  const free = due.filter((c) => !pinnedChildIds.has(c.childId));
  const panel = ['市民政局 李明', '福利院 张华', '社工 陈静'];
  // Nobody approves an assessment they recorded: a supervisor other than the loader does (the demo's
  // own supervisor account), or the system. The approval is dated a few days after the decision and
  // never after the transfer it allows.
  const supervisor = activeWith(ctx, 'supervisor').find((u) => u.id !== ctx.actor?.userId);
  const approverOn = (date: string): ServiceContext => ({
    ...ctx,
    clock: { today: () => date, now: () => new Date(`${date}T03:00:00.000Z`) },
    actor: supervisor ? { userId: supervisor.id, username: supervisor.username, roles: supervisor.roles } : null,
  });
  // Never before the 18th birthday (a large demo has young people who turned 18 only days ago).
  const notBefore18 = (c: { eighteenthBirthday: string }, date: string) => (date < c.eighteenthBirthday ? c.eighteenthBirthday : date);
  free.slice(0, 2).forEach((c, i) => {
    const on = notBefore18(c, addDays(today, -60));
    const a = addCaseAssessment(ctx, {
      caseId: c.id,
      assessedOn: on,
      round: 1,
      panel,
      scores: demoScores(rand, on, 50).map(({ domain, score, evidence }) => ({ domain, score, evidence })),
      result: 'notCapable',
      reasons: '劳动能力和独立生活技能评分偏低，尚需职业康复。',
    });
    const transferredOn = earliest(addDays(on, 10), today);
    decideAssessment(approverOn(earliest(addDays(on, 3), transferredOn)), { caseId: c.id, assessmentId: a.id, approve: true });
    transfer(ctx, { caseId: c.id, institution: pick(rand, INSTITUTIONS), transferredOn });
    if (i === 1) startRehab(ctx, { caseId: c.id, programme: '烘焙职业康复', provider: '上海市阳光职业康复中心', from: addDays(on, 20), plannedEnd: addMonths(on, 8) });
  });
  for (const c of [...free.slice(2), ...due.filter((d) => pinnedChildIds.has(d.childId))].slice(0, Math.max(1, free.length - 2))) {
    addCaseAssessment(ctx, {
      caseId: c.id,
      assessedOn: notBefore18(c, addDays(today, -3)),
      round: 1,
      panel,
      scores: demoScores(rand, today, 80).map(({ domain, score, evidence }) => ({ domain, score, evidence })),
      result: 'capable',
      reasons: '各维度评分达到要求，已在实习单位工作两个月，能够独立安排生活。',
    });
  }

  let resettled = 0;
  for (const c of pipeline(ctx, {}).cases) {
    const detail = getCase(ctx, { caseId: c.id });
    // Preparation: some items done or under way, with owners.
    const progress = c.stage === 'preparing' ? rand() : 1;
    detail.checklist.forEach((item, i) => {
      const share = (i + 1) / detail.checklist.length;
      const planned = share <= progress ? 'done' : share <= progress + 0.2 ? 'inProgress' : 'todo';
      // An ID card is not done while the record has no ID number.
      const status = item.item === 'idCard' && planned === 'done' && !detail.child.idNumber ? 'inProgress' : planned;
      const overdueDemo = c.stage === 'preparing' && status !== 'done' && rand() < 0.15;
      updateChecklist(ctx, {
        caseId: c.id,
        id: item.id,
        owner: pick(rand, OWNERS),
        dueOn: overdueDemo ? addDays(today, -10 - Math.floor(rand() * 30)) : item.dueOn,
        status,
      });
    });
    const decided = detail.assessments.find((a) => a.voidedAt === null && a.approvedAt !== null && a.result === 'notCapable');
    if (decided && detail.case.transferInstitution === null && (c.stage === 'transferred' || c.stage === 'vocationalRehab' || c.stage === 'secondAssessment')) {
      const rehabFrom = detail.vocationalRehab.find((v) => v.voidedAt === null)?.from;
      const on = rehabFrom && rehabFrom > decided.assessedOn ? addDays(decided.assessedOn, 7) : addDays(decided.assessedOn, 14);
      transfer(ctx, { caseId: c.id, institution: pick(rand, INSTITUTIONS), transferredOn: on < today ? on : today });
    }
    if (c.stage === 'resettling') {
      const capableOn = detail.assessments.find((a) => a.approvedAt !== null && a.result === 'capable')?.assessedOn ?? today;
      const resettledOn = addDays(capableOn, 20) < today ? addDays(capableOn, 20) : today;
      const district = pick(rand, SHANGHAI_DISTRICTS);
      const tasks = resettle(ctx, { caseId: c.id, receivingDistrict: district.code, receivingStreet: pick(rand, DISTRICT_STREETS[district.code]), resettledOn, tasks: [] });
      // The first stays under way (two tasks done); the others are done or partly done at random.
      const done = resettled === 0 ? 2 : rand() < 0.5 ? 4 : Math.floor(rand() * 4);
      resettled += 1;
      tasks.forEach((task, i) => {
        updateTask(ctx, {
          caseId: c.id,
          id: task.id,
          contact: `${district.zh}${task.task === 'longTermCare' ? '街道社区事务受理中心' : '民政局安置科'}`,
          dueOn: i === 3 && done < 3 ? addDays(today, -5) : addMonths(resettledOn, 3),
          status: i < done ? 'done' : i === done ? 'inProgress' : 'todo',
          evidenceDocumentIds: [],
        });
      });
      if (resettledOn < today) {
        const visitedOn = addDays(resettledOn, 14) < today ? addDays(resettledOn, 14) : today;
        addVisit(ctx, { caseId: c.id, visitedOn, visitor: pick(rand, OWNERS), notes: '已入住，生活规律，与社区网格员建立联系。' });
      }
    }
  }
}

/**
 * The age-18 reintegration case (回归社会安置, 一(四)). A case opens by itself six months before the
 * 18th birthday of every child in care to whom the rules say reintegration applies (`ensureCases`,
 * idempotent, audited as the system). Its stage is never stored: it is the rules' `reintegration.status`
 * for the approved facts, refined by the case's rows (shared/domain/reintegration.ts `caseStage`).
 * Decisions are the record's `reintegration_assessments` rows (scored, with reasons) and take effect
 * only once a supervisor approves them; vocational rehabilitation is the record's `vocational_rehab`.
 */
import { rehabSummary } from '../rehab/rehab';
import { memoByChild } from '../record/child-memo';
import { loadFactsRecords } from '../eligibility/facts-load';
import { and, asc, eq, inArray, isNull, lte, notExists } from 'drizzle-orm';
import {
  children,
  disabilities,
  documents,
  educationRecords,
  placements,
  reintegrationAssessmentScores,
  reintegrationAssessments,
  reintegrationCases,
  reintegrationChecklist,
  reintegrationTasks,
  reintegrationVisits,
  users,
  vocationalRehab,
} from '../../../db/schema';
import type { ChannelOutput } from '../../../shared/contract';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import type { Role } from '../../../shared/contract/permissions';
import type { ChildRecord } from '../../../shared/contract/record';
import {
  type CaseAssessment,
  type CaseAssessmentAddInput,
  type CaseDetail,
  type ChecklistRow,
  type ChecklistUpdateInput,
  type DecideInput,
  type PipelineCase,
  type RehabCompleteInput,
  type RehabStartInput,
  type ResettleInput,
  type TaskRow,
  type TaskUpdateInput,
  type TransferInput,
  type VisitAddInput,
  type VisitRow,
  assignOfficerSchema,
  caseAssessmentAddSchema,
  checklistUpdateSchema,
  decideSchema,
  pipelineQuerySchema,
  rehabCompleteSchema,
  rehabStartSchema,
  resettleSchema,
  taskUpdateSchema,
  transferSchema,
  visitAddSchema,
} from '../../../shared/contract/reintegration';
import { addDays, addMonths } from '../../../shared/domain/dates';
import { SHANGHAI_DISTRICTS } from '../../../shared/domain/districts';
import {
  CHECKLIST_ITEMS,
  CHECKLIST_ITEM_LABELS_ZH,
  type CaseStage,
  TASK_LABELS_ZH,
  caseStage,
  resultByThreshold,
  rubricOn,
  weightedScore,
} from '../../../shared/domain/reintegration';
import { type Evaluation, REINTEGRATION_TASKS, type ReintegrationTask } from '../../../shared/domain/rules-types';
import { dateOfAge, evaluate } from '../../rules';
import { decidingAssessment } from '../../rules/reintegration';
import { appendAudit } from '../audit/audit';
import { type ServiceContext, inTransaction } from '../core/context';
import { type FactsRecord, deriveFacts } from '../eligibility/facts';
import { voidRow } from '../record/record';
import { actorId, documentMetaColumns, documentsFor, live, loadRecord, loadRecordsForFacts, nowIso, parseInput, requireChild, SELECTIVE_LOAD_MAX, type ChildRow } from '../record/record-store';
import { getSetting } from '../core/settings';

type CaseRow = typeof reintegrationCases.$inferSelect;

/** Months before the 18th birthday that a case opens (DOMAIN.md). */
const CASE_OPENS_MONTHS_BEFORE = 6;

const DISTRICT_ZH = new Map<string, string>(SHANGHAI_DISTRICTS.map((d) => [d.code, d.zh]));

function evaluationOf(record: FactsRecord, asOf: string): Evaluation | null {
  if (asOf < record.child.birthDate) return null;
  try {
    return evaluate(deriveFacts(record, asOf).facts, asOf);
  } catch {
    // Facts the rules refuse (an inconsistent record) open no case; the eligibility tab names the problem.
    return null;
  }
}

/** Active users holding the placement-officer role. */
function placementOfficers(ctx: ServiceContext): { id: number; displayName: string }[] {
  return ctx.db
    .select()
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.id))
    .all()
    .filter((u) => (u.roles as Role[]).includes('placementOfficer'))
    .map((u) => ({ id: u.id, displayName: u.displayName }));
}

/**
 * The default checklist of a new case: documents due three months before the birthday, skills by it.
 * A case opened after the birthday keeps those dates: its open items are overdue, never given a date
 * after the birthday they are meant to precede.
 */
function defaultChecklist(eighteenth: string): { item: (typeof CHECKLIST_ITEMS)[number]; dueOn: string }[] {
  return CHECKLIST_ITEMS.map((item) => ({ item, dueOn: item.startsWith('skill') ? eighteenth : addMonths(eighteenth, -3) }));
}

/**
 * Opens a case for every child in care whose 18th birthday is at most six months away (or past) and to
 * whom the rules say reintegration applies, unless the child has a live case. Assigns the placement
 * officer with the fewest open cases (and one to open cases opened before any officer existed).
 * Idempotent; each opening and assignment is audited as the system (no user). Returns how many were opened.
 */
export function ensureCases(ctx: ServiceContext): number {
  const today = ctx.clock.today();
  const latestBirth = addMonths(today, -(18 * 12 - CASE_OPENS_MONTHS_BEFORE));
  // Only children in care old enough for a case and without a live one are read (the live-case index
  // answers NOT EXISTS), and only their records: the work follows their number, not the roster's. Whether
  // each is due is kept while its record is unchanged (child-memo.ts; opening a case changes it).
  const verdicts = memoByChild(ctx, 'reintegrationDue', today, (ids) => {
    const wanted = ids === null ? null : new Set(ids);
    const liveCase = ctx.db
      .select({ id: reintegrationCases.id })
      .from(reintegrationCases)
      .where(and(eq(reintegrationCases.childId, children.id), isNull(reintegrationCases.voidedAt)));
    const candidates = ctx.db
      .select()
      .from(children)
      .where(and(eq(children.status, 'inCare'), lte(children.birthDate, latestBirth), notExists(liveCase), ids === null || ids.length > SELECTIVE_LOAD_MAX ? undefined : inArray(children.id, [...ids])))
      .all()
      .filter((c) => wanted === null || wanted.has(c.id));
    const records = loadFactsRecords(ctx, candidates);
    const out = new Map<number, { child: ChildRow; evaluation: Evaluation } | null>();
    for (const c of candidates) {
      const evaluation = evaluationOf(records.get(c.id)!, today);
      out.set(c.id, evaluation !== null && evaluation.reintegration.status !== 'notApplicable' ? { child: c, evaluation } : null);
    }
    return out;
  });
  const due = [...verdicts.values()].filter((v): v is { child: ChildRow; evaluation: Evaluation } => v !== null);
  const officers = placementOfficers(ctx);
  const unassigned = () =>
    ctx.db
      .select()
      .from(reintegrationCases)
      .where(and(isNull(reintegrationCases.voidedAt), isNull(reintegrationCases.officerId), isNull(reintegrationCases.closedOn)))
      .all();
  if (due.length === 0 && (officers.length === 0 || unassigned().length === 0)) return 0;
  const system: ServiceContext = { ...ctx, actor: null };
  return inTransaction(system, () => {
    const load = new Map<number, number>(officers.map((o) => [o.id, 0]));
    for (const row of ctx.db.select().from(reintegrationCases).where(isNull(reintegrationCases.voidedAt)).all()) {
      if (row.officerId !== null && row.closedOn === null && load.has(row.officerId)) load.set(row.officerId, load.get(row.officerId)! + 1);
    }
    const leastLoaded = () => (officers.length === 0 ? null : officers.reduce((best, o) => (load.get(o.id)! < load.get(best.id)! ? o : best)));
    // Open cases still without an officer (opened before any placement officer existed) get one now.
    for (const row of officers.length === 0 ? [] : unassigned()) {
      const officer = leastLoaded()!;
      load.set(officer.id, load.get(officer.id)! + 1);
      ctx.db.update(reintegrationCases).set({ officerId: officer.id, updatedAt: nowIso(ctx) }).where(eq(reintegrationCases.id, row.id)).run();
      appendAudit(system, {
        action: 'reintegrationCase.assign',
        entity: 'reintegrationCase',
        entityId: row.id,
        childId: row.childId,
        detail: [{ field: 'officerId', before: null, after: officer.id }],
      });
    }
    const now = nowIso(ctx);
    let opened = 0;
    for (const { child, evaluation } of due) {
      // Checked again inside the transaction: two readers may have raced to open the same case.
      const existing = ctx.db
        .select({ id: reintegrationCases.id })
        .from(reintegrationCases)
        .where(and(eq(reintegrationCases.childId, child.id), isNull(reintegrationCases.voidedAt)))
        .get();
      if (existing) continue;
      const officer = leastLoaded();
      if (officer) load.set(officer.id, load.get(officer.id)! + 1);
      const row = ctx.db
        .insert(reintegrationCases)
        .values({ childId: child.id, createdAt: now, createdBy: null, openedOn: today, officerId: officer?.id ?? null })
        .returning()
        .get();
      for (const c of defaultChecklist(evaluation.eighteenthBirthday)) {
        ctx.db.insert(reintegrationChecklist).values({ childId: child.id, createdAt: now, createdBy: null, caseId: row.id, item: c.item, dueOn: c.dueOn }).run();
      }
      appendAudit(system, {
        action: 'reintegrationCase.open',
        entity: 'reintegrationCase',
        entityId: row.id,
        childId: child.id,
        detail: { by: 'system', openedOn: today, officerId: officer?.id ?? null, status: evaluation.reintegration.status },
      });
      opened += 1;
    }
    return opened;
  });
}

// ——— reading ———

type CaseRows = {
  row: CaseRow;
  record: ChildRecord;
  checklist: (typeof reintegrationChecklist.$inferSelect)[];
  tasks: (typeof reintegrationTasks.$inferSelect)[];
};

/** The stage, status and what is missing or overdue of one case, from its rows and the rules. */
function summarise(c: CaseRows, today: string, officers: Map<number, string>): PipelineCase & { reason: string } {
  const evaluation = evaluationOf(c.record, today);
  const status = evaluation?.reintegration.status ?? 'notApplicable';
  const assessments = live(c.record.assessments);
  const pending = assessments.filter((a) => a.approvedAt === null).sort((a, b) => a.assessedOn.localeCompare(b.assessedOn));
  const approved = assessments.filter((a) => a.approvedAt !== null && a.assessedOn <= today);
  const deciding = decidingAssessment(
    approved.map((a) => ({ date: a.assessedOn, round: a.round, result: a.result })),
    today,
  );
  const rehab = live(c.record.vocationalRehab);
  const tasks = live(c.tasks);
  const tasksAllDone = REINTEGRATION_TASKS.every((t) => tasks.some((row) => row.task === t && row.status === 'done'));
  const stage: CaseStage = caseStage({
    status,
    pendingRound: pending.length > 0 ? pending[pending.length - 1].round : null,
    decidingRound: deciding?.round ?? null,
    tasksAllDone,
    rehabUnderway: rehab.some((v) => v.completedOn === null && v.from <= today),
  });

  const missing: string[] = [];
  if (c.row.officerId === null) missing.push('未指定安置专员');
  const checklist = live(c.checklist);
  const openItems = checklist.filter((i) => i.status !== 'done');
  if (status === 'deferredStudying') missing.push('仍在就读，完成学业后进行综合评估');
  if (stage === 'preparing' || stage === 'assessmentDue') {
    if (openItems.length > 0) missing.push(`准备清单尚有${openItems.length}项未完成`);
  }
  if (stage === 'assessmentDue') missing.push('尚未进行综合评估');
  if (stage === 'secondAssessment') missing.push('尚未进行二次综合评估');
  if (stage === 'assessed') missing.push('评估结论待主管审批');
  if (stage === 'resettling') {
    if (c.row.receivingDistrict === null) missing.push('尚未确定接收安置区');
    const notDone = REINTEGRATION_TASKS.filter((t) => !tasks.some((row) => row.task === t && row.status === 'done'));
    if (c.row.receivingDistrict !== null && notDone.length > 0) missing.push(`交接任务未完成：${notDone.map((t) => TASK_LABELS_ZH[t]).join('、')}`);
  }
  if (stage === 'transferred') {
    if (c.row.transferInstitution === null) missing.push('尚未登记转入的社会福利机构');
    else missing.push('尚未开始职业康复');
  }
  if (stage === 'vocationalRehab') missing.push('职业康复尚未完成');

  const overdue: string[] = [];
  if (stage !== 'closed') {
    for (const i of openItems) if (i.dueOn !== null && i.dueOn < today) overdue.push(`${CHECKLIST_ITEM_LABELS_ZH[i.item]}（${i.dueOn}到期）`);
    for (const t of tasks) if (t.status !== 'done' && t.dueOn !== null && t.dueOn < today) overdue.push(`${TASK_LABELS_ZH[t.task]}（${t.dueOn}到期）`);
  }
  const eighteenth = evaluation?.eighteenthBirthday ?? dateOfAge(c.record.child.birthDate, 18);
  return {
    id: c.row.id,
    childId: c.row.childId,
    childName: c.record.child.name,
    birthDate: c.record.child.birthDate,
    eighteenthBirthday: eighteenth,
    openedOn: c.row.openedOn,
    stage,
    status,
    officer: c.row.officerId === null ? null : { id: c.row.officerId, displayName: officers.get(c.row.officerId) ?? `#${c.row.officerId}` },
    receivingDistrict: (c.row.receivingDistrict as PipelineCase['receivingDistrict']) ?? null,
    missing,
    overdue,
    reason: evaluation?.reintegration.reason ?? '回归社会安置不适用。',
  };
}

function officerNames(ctx: ServiceContext): Map<number, string> {
  return new Map(ctx.db.select({ id: users.id, displayName: users.displayName }).from(users).all().map((u) => [u.id, u.displayName]));
}

function groupBy<T extends { caseId: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) out.set(r.caseId, [...(out.get(r.caseId) ?? []), r]);
  return out;
}

/** Every live case by stage (opening the due ones first), filtered by officer, district or stage. */
export function pipeline(ctx: ServiceContext, raw: unknown): ChannelOutput<'reintegration:pipeline'> {
  const input = parseInput(pipelineQuerySchema, raw);
  ensureCases(ctx);
  const today = ctx.clock.today();
  const rows = ctx.db.select().from(reintegrationCases).where(isNull(reintegrationCases.voidedAt)).all();
  const childRows = rows.length === 0 ? [] : ctx.db.select().from(children).where(inArray(children.id, rows.map((r) => r.childId))).all();
  const records = loadRecordsForFacts(ctx, childRows);
  const checklist = groupBy(ctx.db.select().from(reintegrationChecklist).all());
  const tasks = groupBy(ctx.db.select().from(reintegrationTasks).all());
  const names = officerNames(ctx);
  const cases = rows
    .map((row) => summarise({ row, record: records.get(row.childId)!, checklist: checklist.get(row.id) ?? [], tasks: tasks.get(row.id) ?? [] }, today, names))
    .filter((c) => !input.officerId || c.officer?.id === input.officerId)
    .filter((c) => !input.district || c.receivingDistrict === input.district)
    .filter((c) => !input.stage || c.stage === input.stage)
    .map(({ reason: _reason, ...c }) => c)
    .sort((a, b) => a.eighteenthBirthday.localeCompare(b.eighteenthBirthday) || a.id - b.id);
  return { asOf: today, cases, officers: placementOfficers(ctx) };
}

function requireCase(ctx: ServiceContext, caseId: number): CaseRow {
  const row = ctx.db.select().from(reintegrationCases).where(eq(reintegrationCases.id, caseId)).get();
  if (!row || row.voidedAt !== null) throw new AppError('not_found', '未找到该回归社会安置个案');
  return row;
}

function loadCase(ctx: ServiceContext, row: CaseRow): CaseRows & { record: ChildRecord } {
  const record = loadRecord(ctx, row.childId)!;
  return {
    row,
    record,
    checklist: ctx.db.select().from(reintegrationChecklist).where(eq(reintegrationChecklist.caseId, row.id)).orderBy(asc(reintegrationChecklist.id)).all(),
    tasks: ctx.db.select().from(reintegrationTasks).where(eq(reintegrationTasks.caseId, row.id)).orderBy(asc(reintegrationTasks.id)).all(),
  };
}

function summaryOf(ctx: ServiceContext, row: CaseRow) {
  return summarise(loadCase(ctx, row), ctx.clock.today(), officerNames(ctx));
}

function caseAssessments(ctx: ServiceContext, record: ChildRecord, names: Map<number, string>): CaseAssessment[] {
  const ids = record.assessments.map((a) => a.id);
  const scores = ids.length === 0 ? [] : ctx.db.select().from(reintegrationAssessmentScores).where(inArray(reintegrationAssessmentScores.assessmentId, ids)).orderBy(asc(reintegrationAssessmentScores.id)).all();
  const reasons = new Map(
    ids.length === 0
      ? []
      : ctx.db
          .select({ id: reintegrationAssessments.id, thresholdReason: reintegrationAssessments.thresholdReason })
          .from(reintegrationAssessments)
          .where(inArray(reintegrationAssessments.id, ids))
          .all()
          .map((r) => [r.id, r.thresholdReason]),
  );
  return record.assessments.map((a) => {
    const own = scores.filter((s) => s.assessmentId === a.id).map(({ domain, weight, score, evidence }) => ({ domain, weight, score, evidence }));
    return { ...a, thresholdReason: reasons.get(a.id) ?? null, scores: own, weightedScore: weightedScore(own), approvedByName: a.approvedBy === null ? null : (names.get(a.approvedBy) ?? null) };
  });
}

function detailOf(ctx: ServiceContext, row: CaseRow): CaseDetail {
  const loaded = loadCase(ctx, row);
  const names = officerNames(ctx);
  const summary = summarise(loaded, ctx.clock.today(), names);
  const { record } = loaded;
  return {
    case: {
      ...summary,
      receivingStreet: row.receivingStreet,
      resettledOn: row.resettledOn,
      transferInstitution: row.transferInstitution,
      transferredOn: row.transferredOn,
      closedOn: row.closedOn,
      clause: '一(四)',
    },
    child: record.child,
    checklist: loaded.checklist,
    assessments: caseAssessments(ctx, record, names),
    vocationalRehab: record.vocationalRehab,
    tasks: loaded.tasks,
    visits: ctx.db.select().from(reintegrationVisits).where(eq(reintegrationVisits.caseId, row.id)).orderBy(asc(reintegrationVisits.visitedOn)).all(),
    documents: documentsFor(ctx, live(record.documents)),
    officers: placementOfficers(ctx),
  };
}

/** One case in full; audited as a read of the child's record. */
export function getCase(ctx: ServiceContext, input: { caseId: number }): CaseDetail {
  const row = requireCase(ctx, input.caseId);
  const detail = detailOf(ctx, row);
  inTransaction(ctx, () => appendAudit(ctx, { action: 'reintegrationCase.read', entity: 'reintegrationCase', entityId: row.id, childId: row.childId }));
  return detail;
}

/**
 * For the worklist: per child, the open case's checklist items and handover tasks past their due date
 * and not done (earliest first). Closed cases owe nothing. Only the children of `childIds` when given.
 */
export function overdueByChild(ctx: ServiceContext, asOf: string, childIds: readonly number[] | null = null): Map<number, { dueOn: string; what: string }[]> {
  // For a few children (the worklist's memo after edits) only their cases and those cases' items are read.
  const open = new Map(
    ctx.db
      .select({ id: reintegrationCases.id, childId: reintegrationCases.childId })
      .from(reintegrationCases)
      .where(and(isNull(reintegrationCases.voidedAt), isNull(reintegrationCases.closedOn), childIds === null ? undefined : inArray(reintegrationCases.childId, [...childIds])))
      .all()
      .map((c) => [c.id, c.childId]),
  );
  const out = new Map<number, { dueOn: string; what: string }[]>();
  if (childIds !== null && open.size === 0) return out;
  const caseIds = childIds === null ? null : [...open.keys()];
  const add = (caseId: number, dueOn: string | null, status: string, voidedAt: string | null, what: string) => {
    const childId = open.get(caseId);
    if (childId === undefined || voidedAt !== null || status === 'done' || dueOn === null || dueOn >= asOf) return;
    out.set(childId, [...(out.get(childId) ?? []), { dueOn, what }]);
  };
  const checklist = ctx.db.select().from(reintegrationChecklist);
  const tasks = ctx.db.select().from(reintegrationTasks);
  for (const i of (caseIds === null ? checklist : checklist.where(inArray(reintegrationChecklist.caseId, caseIds))).all()) add(i.caseId, i.dueOn, i.status, i.voidedAt, CHECKLIST_ITEM_LABELS_ZH[i.item]);
  for (const t of (caseIds === null ? tasks : tasks.where(inArray(reintegrationTasks.caseId, caseIds))).all()) add(t.caseId, t.dueOn, t.status, t.voidedAt, TASK_LABELS_ZH[t.task]);
  for (const list of out.values()) list.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return out;
}

/** The child's live case (opening due cases first), for the child page's link. */
export function caseOfChild(ctx: ServiceContext, input: { childId: number }): { caseId: number | null; stage: CaseStage | null } {
  requireChild(ctx, input.childId);
  ensureCases(ctx);
  const row = ctx.db
    .select()
    .from(reintegrationCases)
    .where(and(eq(reintegrationCases.childId, input.childId), isNull(reintegrationCases.voidedAt)))
    .get();
  return row ? { caseId: row.id, stage: summaryOf(ctx, row).stage } : { caseId: null, stage: null };
}

/** The dossier for the receiving district or institution; audited as a read (the print itself is audited by `audit:printed`). */
export function dossier(ctx: ServiceContext, input: { caseId: number }): ChannelOutput<'reintegration:dossier'> {
  const row = requireCase(ctx, input.caseId);
  const detail = detailOf(ctx, row);
  const childId = row.childId;
  const result = {
    detail,
    institutionName: getSetting(ctx, 'institutionName', null as string | null),
    placements: live(ctx.db.select().from(placements).where(eq(placements.childId, childId)).orderBy(asc(placements.from)).all()).map((p) => ({
      kind: p.kind,
      from: p.from,
      to: p.to,
      place: p.place,
    })),
    education: live(ctx.db.select().from(educationRecords).where(eq(educationRecords.childId, childId)).orderBy(asc(educationRecords.enrolmentDate)).all()).map(
      (e) => ({ stage: e.stage, enrolmentDate: e.enrolmentDate, actualCompletion: e.actualCompletion, school: e.school, outcome: e.outcome }),
    ),
    disabilities: live(ctx.db.select().from(disabilities).where(eq(disabilities.childId, childId)).orderBy(asc(disabilities.from)).all()).map((d) => ({
      category: d.category,
      grade: d.grade,
      from: d.from,
    })),
    statusReason: detail.case.reason,
    rehabilitation: rehabSummary(ctx, childId),
  };
  inTransaction(ctx, () => appendAudit(ctx, { action: 'reintegrationDossier.read', entity: 'reintegrationCase', entityId: row.id, childId }));
  return result;
}

/**
 * A page-to-PDF exporter the host may offer (Electron: the sender's window through printToPDF and a
 * save dialog). Returns where the file was saved, or null when the person cancelled.
 */
export type PagePdfExporter = (connection: string, suggestedName: string) => Promise<string | null>;

/** Exports the dossier being viewed on `connection`; audited as a print whether or not the host can export. */
export async function exportDossier(
  ctx: ServiceContext,
  input: { caseId: number },
  connection: string,
  exporter: PagePdfExporter | undefined,
): Promise<{ supported: boolean; savedTo: string | null }> {
  const row = requireCase(ctx, input.caseId);
  const child = requireChild(ctx, row.childId);
  const savedTo = exporter ? await exporter(connection, `回归社会安置档案-${child.name}-${ctx.clock.today()}.pdf`) : null;
  inTransaction(ctx, () =>
    appendAudit(ctx, {
      action: 'print',
      entity: 'child',
      entityId: child.id,
      childId: child.id,
      detail: { what: 'reintegrationDossier', caseId: row.id, pdf: exporter ? (savedTo === null ? 'cancelled' : 'saved') : 'browserPrint' },
    }),
  );
  return { supported: exporter !== undefined, savedTo };
}

// ——— writing ———

/**
 * An update's audit detail: field by field before and after, except free-text fields (notes), which are
 * named as changed without their text (the audit row says what was done, not what was written).
 */
function auditChanges<T extends Record<string, unknown>>(changed: (keyof T & string)[], before: T, after: T, freeText: (keyof T & string)[]) {
  return {
    changes: changed.filter((k) => !freeText.includes(k)).map((k) => ({ field: k, before: before[k], after: after[k] })),
    textFields: changed.filter((k) => freeText.includes(k)),
  };
}

function stamp(ctx: ServiceContext, childId: number, caseId: number) {
  return { childId, caseId, createdAt: nowIso(ctx), createdBy: actorId(ctx) };
}

function refuseIfClosed(row: CaseRow): void {
  if (row.closedOn !== null) throw new AppError('conflict', `该个案已于 ${row.closedOn} 结案`);
}

function notInFuture(ctx: ServiceContext, date: string, field: string, what: string): void {
  if (date > ctx.clock.today()) throw new ValidationError(field, `${what}不能晚于今天`);
}

/** Assigns (or clears) the placement officer; the person must be an active placement officer. */
export function assignOfficer(ctx: ServiceContext, raw: unknown): null {
  const input = parseInput(assignOfficerSchema, raw);
  return inTransaction(ctx, () => {
    const row = requireCase(ctx, input.caseId);
    if (input.officerId !== null && !placementOfficers(ctx).some((o) => o.id === input.officerId)) {
      throw new ValidationError('officerId', '所选人员不是在职的安置专员');
    }
    ctx.db.update(reintegrationCases).set({ officerId: input.officerId, updatedAt: nowIso(ctx) }).where(eq(reintegrationCases.id, row.id)).run();
    appendAudit(ctx, {
      action: 'reintegrationCase.assign',
      entity: 'reintegrationCase',
      entityId: row.id,
      childId: row.childId,
      detail: [{ field: 'officerId', before: row.officerId, after: input.officerId }],
    });
    return null;
  });
}

/** Updates a checklist item's owner, due date, status and note (done items get today's date). */
export function updateChecklist(ctx: ServiceContext, raw: ChecklistUpdateInput): ChecklistRow {
  const input = parseInput(checklistUpdateSchema, raw);
  return inTransaction(ctx, () => {
    const c = requireCase(ctx, input.caseId);
    refuseIfClosed(c);
    const item = ctx.db.select().from(reintegrationChecklist).where(and(eq(reintegrationChecklist.id, input.id), eq(reintegrationChecklist.caseId, c.id))).get();
    if (!item || item.voidedAt !== null) throw new AppError('not_found', '未找到该清单项');
    if (item.item === 'idCard' && input.status === 'done' && !requireChild(ctx, c.childId).idNumber) {
      throw new ValidationError('status', '档案中尚无身份证号，“居民身份证”不能标为已完成；请先在基本信息中登记身份证号');
    }
    const doneOn = input.status === 'done' ? (item.doneOn ?? ctx.clock.today()) : null;
    const after = { owner: input.owner, dueOn: input.dueOn ?? null, status: input.status, note: input.note, doneOn };
    const updated = ctx.db.update(reintegrationChecklist).set({ ...after, updatedAt: nowIso(ctx) }).where(eq(reintegrationChecklist.id, item.id)).returning().get();
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => item[k] !== after[k]);
    appendAudit(ctx, { action: 'reintegrationChecklist.update', entity: 'reintegrationChecklist', entityId: item.id, childId: c.childId, detail: auditChanges(changed, item, after, ['note']) });
    return updated;
  });
}

/**
 * Records a comprehensive assessment on the case: every domain of the rubric in force scored, the
 * panel, the conclusion and its reasons. It has no effect until a supervisor approves it. Refused:
 * dated before the 18th birthday or in the future; a round that does not follow (round 1 twice, round 2
 * without an approved round 1 that found the young person not capable, or before vocational
 * rehabilitation was completed); while another decision awaits approval.
 */
export function addCaseAssessment(ctx: ServiceContext, raw: CaseAssessmentAddInput): CaseAssessment {
  const input = parseInput(caseAssessmentAddSchema, raw);
  return inTransaction(ctx, () => {
    const c = requireCase(ctx, input.caseId);
    refuseIfClosed(c);
    const record = loadRecord(ctx, c.childId)!;
    const eighteenth = dateOfAge(record.child.birthDate, 18);
    if (input.assessedOn < eighteenth) throw new ValidationError('assessedOn', `综合评估须在年满18周岁（${eighteenth}）之后进行`);
    notInFuture(ctx, input.assessedOn, 'assessedOn', '评估日期');
    const assessments = live(record.assessments);
    if (assessments.some((a) => a.approvedAt === null)) throw new AppError('conflict', '已有一份评估结论待主管审批，审批或退回后才能录入新的评估', { field: 'round' });
    const approved = assessments.filter((a) => a.approvedAt !== null);
    if (input.round === 1 && approved.length > 0) throw new ValidationError('round', '已有经审批的首次综合评估；如需再评估，请录入二次综合评估');
    if (input.round === 2) {
      const first = approved.find((a) => a.round === 1 && a.result === 'notCapable' && a.assessedOn < input.assessedOn);
      if (!first) throw new ValidationError('round', '二次综合评估须在首次综合评估认定“不具备回归社会生活能力”并经审批之后进行');
      if (approved.some((a) => a.round === 2)) throw new ValidationError('round', '二次综合评估已作出并经审批，为最终评估');
      const completed = live(record.vocationalRehab).find((v) => v.completedOn !== null && v.completedOn <= input.assessedOn);
      if (!completed) throw new ValidationError('round', '职业康复尚未完成，不能进行二次综合评估');
    } else {
      const status = evaluationOf(record, ctx.clock.today())?.reintegration.status;
      if (status === 'deferredStudying') throw new ValidationError('assessedOn', '仍在就读，完成学业后才能进行综合评估');
    }
    const rubric = rubricOn(input.assessedOn);
    const scores = rubric.domains.map((d) => {
      const index = input.scores.findIndex((s) => s.domain === d.code);
      if (index < 0) throw new ValidationError(`scores.${d.code}`, `请为“${d.zh}”评分`);
      const s = input.scores[index];
      if (s.score > rubric.maxScore) throw new ValidationError(`scores.${d.code}`, `“${d.zh}”的评分须在0至${rubric.maxScore}之间`);
      return { domain: d.code, weight: d.weight, score: s.score, evidence: s.evidence };
    });
    const unknown = input.scores.find((s) => !rubric.domains.some((d) => d.code === s.domain));
    if (unknown) throw new ValidationError('scores', `评分维度“${unknown.domain}”不在评估量表（${rubric.version}版）中`);
    const total = weightedScore(scores);
    if (total !== null && resultByThreshold(rubric, total) !== input.result && !input.thresholdReason) {
      throw new ValidationError(
        'thresholdReason',
        `加权得分 ${total}/${rubric.maxScore}${total >= rubric.threshold ? '达到' : '低于'}认定线 ${rubric.threshold} 分，结论“${input.result === 'capable' ? '具备' : '不具备'}回归社会生活能力”与之不符，请写明理由`,
      );
    }
    const row = ctx.db
      .insert(reintegrationAssessments)
      .values({
        ...stamp(ctx, c.childId, c.id),
        assessedOn: input.assessedOn,
        round: input.round,
        result: input.result,
        panel: input.panel.join('、'),
        reasons: input.reasons,
        thresholdReason: input.thresholdReason,
        rubricVersion: rubric.version,
      })
      .returning()
      .get();
    for (const s of scores) ctx.db.insert(reintegrationAssessmentScores).values({ assessmentId: row.id, ...s }).run();
    appendAudit(ctx, {
      action: 'assessment.add',
      entity: 'assessment',
      entityId: row.id,
      childId: c.childId,
      detail: { caseId: c.id, assessedOn: row.assessedOn, round: row.round, result: row.result, rubricVersion: rubric.version },
    });
    return { ...row, scores, weightedScore: weightedScore(scores), approvedByName: null };
  });
}

/**
 * A supervisor's decision on a pending assessment: approved, it takes effect (a final round-2 "not
 * capable" closes the case); returned, it is voided with the reason.
 */
export function decideAssessment(ctx: ServiceContext, raw: DecideInput): null {
  const input = parseInput(decideSchema, raw);
  return inTransaction(ctx, () => {
    const c = requireCase(ctx, input.caseId);
    refuseIfClosed(c);
    const a = ctx.db
      .select()
      .from(reintegrationAssessments)
      .where(and(eq(reintegrationAssessments.id, input.assessmentId), eq(reintegrationAssessments.childId, c.childId)))
      .get();
    if (!a || a.voidedAt !== null) throw new AppError('not_found', '未找到该评估（或已作废）');
    if (a.approvedAt !== null) throw new AppError('conflict', `该评估结论已于 ${a.approvedAt.slice(0, 10)} 审批`);
    if (!input.approve) {
      voidRow(ctx, { table: 'reintegration_assessments', noun: '综合评估记录', entity: 'assessment', clinical: true }, c.childId, a.id, `退回：${input.reason}`);
      return null;
    }
    if (input.approve) refuseOwnAssessment(ctx, a);
    if (!a.reasons) throw new ValidationError('reasons', '评估结论没有写明理由，不能审批；请退回后重新录入');
    const now = nowIso(ctx);
    ctx.db.update(reintegrationAssessments).set({ approvedAt: now, approvedBy: actorId(ctx) }).where(eq(reintegrationAssessments.id, a.id)).run();
    appendAudit(ctx, { action: 'assessment.approve', entity: 'assessment', entityId: a.id, childId: c.childId, detail: { caseId: c.id, round: a.round, result: a.result } });
    if (a.round === 2 && a.result === 'notCapable') closeCase(ctx, c, 'finalNotCapable');
    return null;
  });
}

/**
 * Separation of duties: nobody approves an assessment they recorded, nor one on whose panel they sat
 * (the panel is names as written; the approver's display name is looked for among them).
 */
function refuseOwnAssessment(ctx: ServiceContext, a: typeof reintegrationAssessments.$inferSelect): void {
  const me = actorId(ctx);
  if (me === null) return;
  if (a.createdBy === me) throw new AppError('forbidden', '不能审批自己提交的综合评估，请由另一位主管审批');
  const name = ctx.db.select({ name: users.displayName }).from(users).where(eq(users.id, me)).get()?.name?.trim();
  const panel = (a.panel ?? '').split(/[、,，;；\s]+/).map((p) => p.trim()).filter(Boolean);
  if (name && panel.includes(name)) throw new AppError('forbidden', `您（${name}）是该评估的评估小组成员，不能审批；请由未参加评估的主管审批`);
}

function closeCase(ctx: ServiceContext, c: CaseRow, why: 'tasksDone' | 'finalNotCapable'): void {
  const today = ctx.clock.today();
  ctx.db.update(reintegrationCases).set({ closedOn: today, updatedAt: nowIso(ctx) }).where(eq(reintegrationCases.id, c.id)).run();
  appendAudit(ctx, { action: 'reintegrationCase.close', entity: 'reintegrationCase', entityId: c.id, childId: c.childId, detail: { closedOn: today, why } });
}

/** The stage of the case as it stands inside the current transaction. */
function stageNow(ctx: ServiceContext, c: CaseRow): PipelineCase {
  return summaryOf(ctx, c);
}

/**
 * Starts resettlement after an approved "capable" decision: the receiving district (one of the 16) and
 * street/township, and the four handover tasks with contact and due date.
 */
export function resettle(ctx: ServiceContext, raw: ResettleInput): TaskRow[] {
  const input = parseInput(resettleSchema, raw);
  return inTransaction(ctx, () => {
    const c = requireCase(ctx, input.caseId);
    refuseIfClosed(c);
    const now = stageNow(ctx, c);
    if (now.status !== 'resettle') throw new AppError('conflict', '尚无经审批的“具备回归社会生活能力”评估结论，不能安置');
    if (c.receivingDistrict !== null) throw new AppError('conflict', `已确定接收安置区（${DISTRICT_ZH.get(c.receivingDistrict) ?? c.receivingDistrict}）`);
    notInFuture(ctx, input.resettledOn, 'resettledOn', '安置日期');
    ctx.db
      .update(reintegrationCases)
      .set({ receivingDistrict: input.receivingDistrict, receivingStreet: input.receivingStreet, resettledOn: input.resettledOn, updatedAt: nowIso(ctx) })
      .where(eq(reintegrationCases.id, c.id))
      .run();
    const plan = new Map<ReintegrationTask, (typeof input.tasks)[number]>(input.tasks.map((t) => [t.task, t]));
    const rows = REINTEGRATION_TASKS.map((task) =>
      ctx.db
        .insert(reintegrationTasks)
        .values({
          ...stamp(ctx, c.childId, c.id),
          task,
          contact: plan.get(task)?.contact ?? null,
          dueOn: plan.get(task)?.dueOn ?? addDays(input.resettledOn, 90),
        })
        .returning()
        .get(),
    );
    appendAudit(ctx, {
      action: 'reintegrationCase.resettle',
      entity: 'reintegrationCase',
      entityId: c.id,
      childId: c.childId,
      detail: { receivingDistrict: input.receivingDistrict, receivingStreet: input.receivingStreet, resettledOn: input.resettledOn },
    });
    return rows;
  });
}

/** Updates a handover task; the evidence must be the child's live documents. The case closes once all four are done. */
export function updateTask(ctx: ServiceContext, raw: TaskUpdateInput): TaskRow {
  const input = parseInput(taskUpdateSchema, raw);
  return inTransaction(ctx, () => {
    const c = requireCase(ctx, input.caseId);
    refuseIfClosed(c);
    const task = ctx.db.select().from(reintegrationTasks).where(and(eq(reintegrationTasks.id, input.id), eq(reintegrationTasks.caseId, c.id))).get();
    if (!task || task.voidedAt !== null) throw new AppError('not_found', '未找到该交接任务');
    for (const id of input.evidenceDocumentIds) {
      const doc = ctx.db.select(documentMetaColumns).from(documents).where(and(eq(documents.id, id), eq(documents.childId, c.childId))).get();
      if (!doc || doc.voidedAt !== null) throw new ValidationError('evidenceDocumentIds', `证明材料 #${id} 不是该儿童档案中的有效文件`);
    }
    const doneOn = input.status === 'done' ? (task.doneOn ?? ctx.clock.today()) : null;
    const after = {
      contact: input.contact,
      dueOn: input.dueOn ?? null,
      status: input.status,
      doneOn,
      evidenceDocumentIds: [...new Set(input.evidenceDocumentIds)],
      note: input.note,
    };
    const updated = ctx.db.update(reintegrationTasks).set({ ...after, updatedAt: nowIso(ctx) }).where(eq(reintegrationTasks.id, task.id)).returning().get();
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(task[k]) !== JSON.stringify(after[k]));
    appendAudit(ctx, { action: 'reintegrationTask.update', entity: 'reintegrationTask', entityId: task.id, childId: c.childId, detail: auditChanges(changed, task, after, ['note']) });
    if (stageNow(ctx, c).stage === 'closed') closeCase(ctx, c, 'tasksDone');
    return updated;
  });
}

/** A follow-up visit after resettlement. */
export function addVisit(ctx: ServiceContext, raw: VisitAddInput): VisitRow {
  const input = parseInput(visitAddSchema, raw);
  return inTransaction(ctx, () => {
    const c = requireCase(ctx, input.caseId);
    if (c.resettledOn === null) throw new AppError('conflict', '尚未安置，不能登记回访', { field: 'visitedOn' });
    if (input.visitedOn < c.resettledOn) throw new ValidationError('visitedOn', `回访日期不能早于安置日期（${c.resettledOn}）`);
    notInFuture(ctx, input.visitedOn, 'visitedOn', '回访日期');
    const row = ctx.db
      .insert(reintegrationVisits)
      .values({ ...stamp(ctx, c.childId, c.id), visitedOn: input.visitedOn, visitor: input.visitor, notes: input.notes })
      .returning()
      .get();
    appendAudit(ctx, { action: 'reintegrationVisit.add', entity: 'reintegrationVisit', entityId: row.id, childId: c.childId, detail: { visitedOn: row.visitedOn } });
    return row;
  });
}

/** Records the transfer to a municipal social welfare institution after an approved "not capable" round 1. */
export function transfer(ctx: ServiceContext, raw: TransferInput): null {
  const input = parseInput(transferSchema, raw);
  return inTransaction(ctx, () => {
    const c = requireCase(ctx, input.caseId);
    refuseIfClosed(c);
    const now = stageNow(ctx, c);
    if (now.status !== 'transferToAdultWelfare' && now.status !== 'secondAssessmentDue') {
      throw new AppError('conflict', '尚无经审批的“不具备回归社会生活能力”评估结论，不能转入社会福利机构');
    }
    if (c.transferInstitution !== null) throw new AppError('conflict', `已于 ${c.transferredOn} 转入${c.transferInstitution}`);
    const record = loadRecord(ctx, c.childId)!;
    const decided = live(record.assessments).find((a) => a.approvedAt !== null && a.result === 'notCapable');
    if (decided && input.transferredOn < decided.assessedOn) throw new ValidationError('transferredOn', `转入日期不能早于评估日期（${decided.assessedOn}）`);
    notInFuture(ctx, input.transferredOn, 'transferredOn', '转入日期');
    ctx.db
      .update(reintegrationCases)
      .set({ transferInstitution: input.institution, transferredOn: input.transferredOn, updatedAt: nowIso(ctx) })
      .where(eq(reintegrationCases.id, c.id))
      .run();
    appendAudit(ctx, {
      action: 'reintegrationCase.transfer',
      entity: 'reintegrationCase',
      entityId: c.id,
      childId: c.childId,
      detail: { institution: input.institution, transferredOn: input.transferredOn },
    });
    return null;
  });
}

/** Starts a vocational rehabilitation episode (after the transfer is recorded). */
export function startRehab(ctx: ServiceContext, raw: RehabStartInput): typeof vocationalRehab.$inferSelect {
  const input = parseInput(rehabStartSchema, raw);
  return inTransaction(ctx, () => {
    const c = requireCase(ctx, input.caseId);
    refuseIfClosed(c);
    if (c.transferredOn === null) throw new AppError('conflict', '请先登记转入的社会福利机构，再开始职业康复', { field: 'from' });
    if (input.from < c.transferredOn) throw new ValidationError('from', `开始日期不能早于转入日期（${c.transferredOn}）`);
    if (input.plannedEnd && input.plannedEnd < input.from) throw new ValidationError('plannedEnd', `计划结束日期不能早于开始日期（${input.from}）`);
    const open = ctx.db
      .select()
      .from(vocationalRehab)
      .where(and(eq(vocationalRehab.childId, c.childId), isNull(vocationalRehab.voidedAt), isNull(vocationalRehab.completedOn)))
      .get();
    if (open) throw new AppError('conflict', `已有一期职业康复（${open.from} 起）尚未完成`);
    const row = ctx.db
      .insert(vocationalRehab)
      .values({ ...stamp(ctx, c.childId, c.id), from: input.from, programme: input.programme, provider: input.provider, plannedEnd: input.plannedEnd ?? null })
      .returning()
      .get();
    appendAudit(ctx, { action: 'vocationalRehab.add', entity: 'vocationalRehab', entityId: row.id, childId: c.childId, detail: { caseId: c.id, from: row.from, programme: row.programme } });
    return row;
  });
}

/** Completes the episode with its outcome: the second assessment is open from then. */
export function completeRehab(ctx: ServiceContext, raw: RehabCompleteInput): typeof vocationalRehab.$inferSelect {
  const input = parseInput(rehabCompleteSchema, raw);
  return inTransaction(ctx, () => {
    const c = requireCase(ctx, input.caseId);
    const row = ctx.db.select().from(vocationalRehab).where(and(eq(vocationalRehab.id, input.id), eq(vocationalRehab.childId, c.childId))).get();
    if (!row || row.voidedAt !== null) throw new AppError('not_found', '未找到该职业康复记录（或已作废）');
    if (row.completedOn !== null) throw new AppError('conflict', `该职业康复已于 ${row.completedOn} 完成`, { field: 'completedOn' });
    if (input.completedOn < row.from) throw new ValidationError('completedOn', `完成日期不能早于开始日期（${row.from}）`);
    notInFuture(ctx, input.completedOn, 'completedOn', '完成日期');
    const updated = ctx.db
      .update(vocationalRehab)
      .set({ completedOn: input.completedOn, outcome: input.outcome })
      .where(eq(vocationalRehab.id, row.id))
      .returning()
      .get();
    appendAudit(ctx, {
      action: 'vocationalRehab.complete',
      entity: 'vocationalRehab',
      entityId: row.id,
      childId: c.childId,
      detail: { changes: [{ field: 'completedOn', before: null, after: input.completedOn }], textFields: ['outcome'] },
    });
    return updated;
  });
}

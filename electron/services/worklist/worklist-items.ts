/**
 * The worklist's items for one child, computed from the rules' evaluation and a few dated facts. Pure:
 * the database reading is in worklist.ts; nothing here is ever stored (DESIGN.md, Rules: "decisions are
 * recomputed from facts on demand").
 */
import { addDays, addMonths } from '../../../shared/domain/dates';
import { mentalHealthCheckDue } from '../../rules';
import { BENEFIT_LABELS_ZH, type BenefitCode, type ClauseId, type Evaluation } from '../../../shared/domain/rules-types';
import type { WorklistItem, WorklistKind } from '../../../shared/contract/worklist';
import type { Permission } from '../../../shared/contract/permissions';
import type { TimelineEntry } from '../eligibility/eligibility-timeline';

/** How far ahead the worklist looks for each dated kind. */
export const HORIZON = {
  /** DOMAIN.md: the reintegration case opens six months before the 18th birthday. */
  turning18Months: 6,
  /** Allowances that will stop: announced this far ahead so the family or school can be told. */
  allowanceStopsMonths: 3,
  /** A plan review shows this many days before it falls due. */
  rehabReviewDays: 14,
  /** A mental-health check not yet done this school year shows this many days before the school year ends. */
  mentalHealthDays: 30,
} as const;

/** Which permission lets a person see each kind (the mental-health section is restricted, 四(十二)). */
export const KIND_PERMISSION: Readonly<Record<WorklistKind, Permission>> = {
  turning18: 'eligibility.read',
  assessmentDue: 'reintegration.read',
  allowanceStops: 'eligibility.read',
  conflict: 'eligibility.read',
  mentalHealthDue: 'mentalHealth.read',
  compulsorySchooling: 'eligibility.read',
  rehabReviewDue: 'rehab.read',
  mentalHealthHighRisk: 'mentalHealth.read',
  reintegrationOverdue: 'reintegration.read',
};

export type ChildWorklistInput = {
  child: { id: number; name: string; birthDate: string };
  asOf: string;
  evaluation: Evaluation;
  /** The coming changes (eligibility-timeline), used for allowances that will stop. */
  timeline: TimelineEntry[];
  receiving: BenefitCode[];
  /** The last yearly mental-health check, or null when none is on file. */
  lastMentalHealthCheck: string | null;
  /** The next review date of the child's active rehabilitation plan, if any. */
  rehabReviewDate: string | null;
  /** Dates of the child's high-risk mental-health checks no supervisor has closed yet. */
  openHighRiskChecks?: readonly string[];
  /** The reintegration case's checklist items and handover tasks past their due date, earliest first. */
  reintegrationOverdue?: { dueOn: string; what: string }[];
};

function item(
  input: ChildWorklistInput,
  kind: WorklistKind,
  dueDate: string,
  clause: ClauseId,
  reason: string,
  urgency: WorklistItem['urgency'],
): WorklistItem {
  return { kind, childId: input.child.id, childName: input.child.name, dueDate, clause, reason, urgency };
}

/**
 * A reason the rules wrote for a later day, read today: the age it gives is the age then
 * (`（现18周岁）` on the 18th birthday becomes `（届时18周岁）`), never the child's age now.
 */
export function reasonOnLaterDay(reason: string): string {
  return reason.replace(/现(\d+)周岁/g, '届时$1周岁');
}

const urgencyOf = (dueDate: string, asOf: string, soonDays: number): WorklistItem['urgency'] =>
  dueDate < asOf ? 'now' : dueDate <= addDays(asOf, soonDays) ? 'soon' : 'upcoming';

export function worklistItemsForChild(input: ChildWorklistInput): WorklistItem[] {
  const { asOf, evaluation } = input;
  const items: WorklistItem[] = [];

  // 18th birthdays within six months: the reintegration case opens (一(四)); the allowance's terms change (一(一)).
  const birthday = evaluation.eighteenthBirthday;
  if (birthday > asOf && birthday <= addMonths(asOf, HORIZON.turning18Months)) {
    const applies = evaluation.reintegration.status !== 'notApplicable';
    items.push(
      item(
        input,
        'turning18',
        birthday,
        applies ? '一(四)' : '一(一)',
        applies
          ? `${birthday} 年满18周岁：应启动回归社会安置准备（生活技能、证件），满18周岁且完成学业后进行综合评估`
          : `${birthday} 年满18周岁：基本生活费等待遇按18周岁以上条件重新核定`,
        urgencyOf(birthday, asOf, 60),
      ),
    );
  }

  // Reintegration assessments due (一(四)).
  const r = evaluation.reintegration;
  if (r.status === 'assessmentDue' || r.status === 'secondAssessmentDue') {
    const dueFrom = r.status === 'assessmentDue' ? birthday : asOf;
    items.push(item(input, 'assessmentDue', dueFrom > asOf ? dueFrom : asOf, '一(四)', r.reason, 'now'));
  }

  // Allowances received that have stopped, or will stop within the horizon.
  for (const code of evaluation.receivingIneligible) {
    const e = evaluation.entitlements[code];
    items.push(item(input, 'allowanceStops', asOf, e.clause, `正在领取的${BENEFIT_LABELS_ZH[code]}已不符合条件：${e.reason}`, 'now'));
  }
  const horizon = addMonths(asOf, HORIZON.allowanceStopsMonths);
  for (const entry of input.timeline) {
    if (entry.date > horizon) continue;
    for (const change of entry.changes) {
      if (change.kind !== 'entitlement' || change.from !== 'eligible' || change.to === 'eligible') continue;
      if (!input.receiving.includes(change.benefit) || evaluation.receivingIneligible.includes(change.benefit)) continue;
      const why = entry.kinds.includes('eighteenthBirthday') ? '年满18周岁' : entry.kinds.includes('studyEnds') ? '预计完成学业' : '政策有效期届满';
      items.push(
        item(input, 'allowanceStops', entry.date, change.clause, `${entry.date}${why}后，${BENEFIT_LABELS_ZH[change.benefit]}将停止：${reasonOnLaterDay(change.reason)}`, urgencyOf(entry.date, asOf, 30)),
      );
    }
  }

  // Benefits received together that may not stack (一(二)).
  for (const c of evaluation.conflicts) {
    items.push(item(input, 'conflict', asOf, c.clause, c.reason, 'now'));
  }

  // 三(八) 控辍保学: a child of compulsory-school age with no school (the rules' flag).
  if (evaluation.compulsorySchooling.flagged) {
    items.push(item(input, 'compulsorySchooling', asOf, evaluation.compulsorySchooling.clause, evaluation.compulsorySchooling.reason, 'now'));
  }

  // 四(十二) "每学年开展心理健康监测": one check in every school year (1 September to 31 August), not 12
  // months after the last. A child never checked is due now; one not yet checked this school year shows
  // when it missed the last school year too (now) or when the school year ends within the horizon.
  const mh = mentalHealthCheckDue(input.lastMentalHealthCheck, asOf);
  if (input.lastMentalHealthCheck === null) {
    items.push(item(input, 'mentalHealthDue', asOf, mh.clause, mh.reason, 'now'));
  } else if (!mh.doneThisSchoolYear && (mh.overdue || mh.dueBy <= addDays(asOf, HORIZON.mentalHealthDays))) {
    // Behind: dated the end of the school year that went without a check; else the end of this one.
    items.push(item(input, 'mentalHealthDue', mh.overdue ? addDays(mh.schoolYear.from, -1) : mh.dueBy, mh.clause, mh.reason, mh.overdue ? 'now' : 'soon'));
  }

  // A high-risk check stays until a supervisor closes it (四(十二): early intervention or referral).
  for (const checkedOn of input.openHighRiskChecks ?? []) {
    items.push(
      item(input, 'mentalHealthHighRisk', checkedOn, '四(十二)', '心理健康监测为高风险：须及时干预或转介医疗机构并随访，待主管结案', 'now'),
    );
  }

  // The active rehabilitation plan's review (二(七)).
  if (input.rehabReviewDate && input.rehabReviewDate <= addDays(asOf, HORIZON.rehabReviewDays)) {
    items.push(item(input, 'rehabReviewDue', input.rehabReviewDate, '二(七)', `康复计划应于 ${input.rehabReviewDate} 复评`, urgencyOf(input.rehabReviewDate, asOf, 0)));
  }
  // The reintegration case's overdue checklist items and handover tasks (一(四)): one item per child.
  const overdue = input.reintegrationOverdue ?? [];
  if (overdue.length > 0) {
    items.push(
      item(input, 'reintegrationOverdue', overdue[0].dueOn, '一(四)', `回归社会安置：${overdue.length}项逾期——${overdue.map((o) => `${o.what}（${o.dueOn}到期）`).join('、')}`, 'now'),
    );
  }
  return items;
}

/**
 * "What changes when": evaluates the coming dates that matter for one child and lists, for each, what the
 * policy gives differently from the day before. Pure: it takes the facts as of today and the evaluate
 * function; it never reads the database.
 *
 * The dates: the 18th birthday (周岁, RULES.md), the expected end of study (the education record's
 * expected completion: from that day the child is projected as having finished, because that is the
 * question a caseworker asks — "what stops if she graduates on time?"), and the end of the policy's term
 * (the day after 2030-12-31). Facts other than the projected study end stay as they are today; the
 * timeline says so in its `assumption` line.
 */
import { POLICY_DOCUMENT } from '../../../shared/domain/clauses';
import { addDays } from '../../../shared/domain/dates';
import type { Timeline, TimelineChange, TimelineDateKind } from '../../../shared/contract/eligibility';
import { BENEFIT_CODES, type ChildFacts, type Evaluation } from '../../../shared/domain/rules-types';

export type { Timeline, TimelineChange, TimelineDateKind, TimelineEntry } from '../../../shared/contract/eligibility';

export type Evaluate = (facts: ChildFacts, asOf: string) => Evaluation;

/** The last day of the policy's term is its `inForceTo`; the change shows on the day after. */
function policyEndDate(evaluation: Evaluation): string {
  return addDays(evaluation.policy.inForceTo, 1);
}

function conflictKey(codes: readonly string[]): string {
  return [...codes].sort().join('+');
}

/** What differs between two evaluations, as lines a caseworker can read. */
export function diffEvaluations(before: Evaluation, after: Evaluation): TimelineChange[] {
  const changes: TimelineChange[] = [];
  if (before.policy.inForce !== after.policy.inForce) {
    changes.push({
      kind: 'policy',
      from: before.policy.inForce,
      to: after.policy.inForce,
      sentence: POLICY_DOCUMENT.termText,
      reason: after.policy.inForce ? '政策开始施行' : `政策有效期至 ${after.policy.inForceTo}，此后需按新政策重新核定`,
    });
  }
  for (const code of BENEFIT_CODES) {
    const a = before.entitlements[code];
    const b = after.entitlements[code];
    if (a.status !== b.status) changes.push({ kind: 'entitlement', benefit: code, from: a.status, to: b.status, clause: b.clause, reason: b.reason });
  }
  if (before.reintegration.status !== after.reintegration.status) {
    changes.push({
      kind: 'reintegration',
      from: before.reintegration.status,
      to: after.reintegration.status,
      clause: after.reintegration.clause,
      reason: after.reintegration.reason,
    });
  }
  const beforeConflicts = new Map(before.conflicts.map((c) => [conflictKey(c.codes), c]));
  const afterConflicts = new Map(after.conflicts.map((c) => [conflictKey(c.codes), c]));
  for (const [key, c] of afterConflicts) {
    if (!beforeConflicts.has(key)) changes.push({ kind: 'conflict', codes: c.codes, change: 'starts', clause: c.clause, reason: c.reason });
  }
  for (const [key, c] of beforeConflicts) {
    if (!afterConflicts.has(key)) changes.push({ kind: 'conflict', codes: c.codes, change: 'ends', clause: c.clause, reason: c.reason });
  }
  return changes;
}

/**
 * The timeline from `asOf`: each coming date (strictly after asOf) with what changes on it compared with
 * the day before. `expectedStudyEnd` is the education record's expected completion, if any. `until`
 * leaves out later dates (the worklist looks a few months ahead); `today` reuses an evaluation on asOf.
 */
export function eligibilityTimeline(
  evaluate: Evaluate,
  facts: ChildFacts,
  asOf: string,
  expectedStudyEnd: string | null,
  options: { until?: string; today?: Evaluation } = {},
): Timeline {
  const today = options.today ?? evaluate(facts, asOf);
  const dates = new Map<string, TimelineDateKind[]>();
  const add = (date: string | null, kind: TimelineDateKind) => {
    if (!date || date <= asOf || (options.until !== undefined && date > options.until)) return;
    dates.set(date, [...(dates.get(date) ?? []), kind]);
  };
  add(today.eighteenthBirthday, 'eighteenthBirthday');
  const studying = facts.education.stage !== 'none' && facts.education.stage !== 'finished';
  if (studying) add(expectedStudyEnd, 'studyEnds');
  add(policyEndDate(today), 'policyEnds');

  const projectedFacts = (date: string): ChildFacts =>
    studying && expectedStudyEnd !== null && date >= expectedStudyEnd
      ? { ...facts, education: { ...facts.education, stage: 'finished', fullTime: false, withinStandardDuration: false } }
      : facts;

  const entries = [...dates.keys()].sort().map((date) => {
    const dayBefore = addDays(date, -1);
    const before = evaluate(projectedFacts(dayBefore), dayBefore);
    const after = evaluate(projectedFacts(date), date);
    return { date, kinds: dates.get(date)!, changes: diffEvaluations(before, after), afterPolicyTerm: date > addDays(today.policy.inForceTo, 1) };
  });
  const assumption = studying && expectedStudyEnd
    ? `假设其他情况不变，并按期于 ${expectedStudyEnd} 完成学业`
    : '假设其他情况不变';
  return { asOf, assumption, entries };
}

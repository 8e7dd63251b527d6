/**
 * The pure parts of writing and approving a plan revision: a revision starts from the version in
 * force with every goal's baseline as it was (never the latest rating), a baseline at or above the
 * expected level (0) is flagged, and the supervisor sees what changed between two versions.
 */
import type { PlanView } from '../../../shared/contract/rehab';
import { gasLabel } from './rehab-format';

export type GoalValues = {
  continuesGoalId: number | null;
  title: string;
  icfCode: string;
  levels: { minus2: string; minus1: string; zero: string; plus1: string; plus2: string };
  baseline: string;
  importance: number | string;
  difficulty: number | string;
};
export type InterventionValues = {
  kind: string | null;
  description: string;
  provider: string;
  therapistId: string | null;
  startsOn: string | null;
  endsOn: string | null;
  frequency: string;
  weekdays: string[];
};
export type PlanValues = { startsOn: string | null; reviewOn: string | null; summary: string; therapistIds: string[]; goals: GoalValues[]; interventions: InterventionValues[] };

/**
 * The form's values from a version: for a revision (goals continue the version's goals) or an edit of
 * a version awaiting a decision. Each goal keeps the baseline it has; its latest rating is progress,
 * not a new starting point.
 */
export function planValues(plan: PlanView, goalIdOf: (g: PlanView['goals'][number]) => number | null, startsOn: string, reviewOn: string): PlanValues {
  return {
    startsOn,
    reviewOn,
    summary: plan.summary ?? '',
    therapistIds: plan.therapists.map((x) => String(x.id)),
    goals: plan.goals.map((g) => ({
      continuesGoalId: goalIdOf(g),
      title: g.title,
      icfCode: g.icfCode ?? '',
      levels: { ...g.levels },
      baseline: String(g.baseline),
      importance: g.importance,
      difficulty: g.difficulty,
    })),
    interventions: plan.interventions.map((i) => ({
      kind: i.kind,
      description: i.description,
      provider: i.provider ?? '',
      therapistId: i.therapistId === null ? null : String(i.therapistId),
      startsOn: i.startsOn,
      endsOn: i.endsOn,
      frequency: i.frequency ?? '',
      weekdays: i.weekdays.map(String),
    })),
  };
}

/** A GAS baseline should lie below the expected outcome (level 0); one at or above it is flagged. */
export function baselineNotBelowExpected(baseline: string | number): boolean {
  const level = Number(baseline);
  return Number.isFinite(level) && level >= 0;
}

export type PlanChange =
  | { kind: 'goalAdded'; goal: string }
  | { kind: 'goalRemoved'; goal: string }
  | { kind: 'goalChanged'; goal: string; field: 'title' | 'baseline' | 'importance' | 'difficulty' | 'icfCode' | 'levels'; before: string; after: string }
  | { kind: 'planChanged'; field: 'startsOn' | 'reviewOn' | 'summary' | 'therapists'; before: string; after: string }
  | { kind: 'interventionAdded'; intervention: string }
  | { kind: 'interventionRemoved'; intervention: string };

/** What `next` changes from `previous`: goals matched by lineage, interventions by kind and content. */
export function planChanges(previous: PlanView, next: PlanView): PlanChange[] {
  const out: PlanChange[] = [];
  const field = (f: 'startsOn' | 'reviewOn' | 'summary' | 'therapists', before: string, after: string) => {
    if (before !== after) out.push({ kind: 'planChanged', field: f, before, after });
  };
  field('startsOn', previous.startsOn, next.startsOn);
  field('reviewOn', previous.reviewOn, next.reviewOn);
  field('summary', previous.summary ?? '', next.summary ?? '');
  field('therapists', previous.therapists.map((x) => x.name).join('、'), next.therapists.map((x) => x.name).join('、'));
  for (const g of next.goals) {
    const before = previous.goals.find((p) => p.lineageId === g.lineageId);
    if (!before) {
      out.push({ kind: 'goalAdded', goal: g.title });
      continue;
    }
    const changed = (f: 'title' | 'baseline' | 'importance' | 'difficulty' | 'icfCode' | 'levels', a: string, b: string) => {
      if (a !== b) out.push({ kind: 'goalChanged', goal: g.title, field: f, before: a, after: b });
    };
    changed('title', before.title, g.title);
    changed('baseline', gasLabel(before.baseline), gasLabel(g.baseline));
    changed('importance', String(before.importance), String(g.importance));
    changed('difficulty', String(before.difficulty), String(g.difficulty));
    changed('icfCode', before.icfCode ?? '', g.icfCode ?? '');
    const levels = (x: PlanView['goals'][number]) => [x.levels.minus2, x.levels.minus1, x.levels.zero, x.levels.plus1, x.levels.plus2].join(' / ');
    changed('levels', levels(before), levels(g));
  }
  for (const p of previous.goals) if (!next.goals.some((g) => g.lineageId === p.lineageId)) out.push({ kind: 'goalRemoved', goal: p.title });
  const ivKey = (i: PlanView['interventions'][number]) => [i.kind, i.description, i.provider ?? '', i.therapistId ?? '', i.frequency ?? '', i.weekdays.join(','), i.startsOn, i.endsOn ?? ''].join('|');
  const beforeKeys = new Set(previous.interventions.map(ivKey));
  const afterKeys = new Set(next.interventions.map(ivKey));
  for (const i of next.interventions) if (!beforeKeys.has(ivKey(i))) out.push({ kind: 'interventionAdded', intervention: i.description });
  for (const i of previous.interventions) if (!afterKeys.has(ivKey(i))) out.push({ kind: 'interventionRemoved', intervention: i.description });
  return out;
}

/**
 * The minutes a session of the plan lasts, as its trainings' frequency says ("每周3次，每次40分钟",
 * "每次 45 分钟", "40min/次"): the first training that names them, or null.
 */
export function sessionMinutesOf(frequencies: readonly (string | null)[]): number | null {
  for (const f of frequencies) {
    if (!f) continue;
    const m = /每次\s*(\d{1,3})\s*分钟/.exec(f) ?? /(\d{1,3})\s*(?:分钟|min)\s*\/\s*次/i.exec(f);
    if (m) {
      const minutes = Number(m[1]);
      if (minutes >= 1 && minutes <= 480) return minutes;
    }
  }
  return null;
}

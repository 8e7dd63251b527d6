/**
 * The eligibility tab's data: what the policy gives one child on a date (facts derived from the record,
 * the rules' evaluation with clause and reason on every line) and the coming dates on which something
 * changes. Nothing is stored: it is recomputed on every call (DESIGN.md, Rules).
 */
import type { ChannelOutput } from '../../../shared/contract';
import { evaluate } from '../../rules';
import type { ServiceContext } from '../core/context';
import { eligibilityTimeline } from './eligibility-timeline';
import { educationOn, evaluateChild } from './facts';
import { loadRecord } from '../record/record-store';

export function childEligibility(ctx: ServiceContext, childId: number, asOf: string = ctx.clock.today()): ChannelOutput<'eligibility:get'> {
  const { facts, assumptions, evaluation } = evaluateChild(ctx, childId, asOf);
  const record = loadRecord(ctx, childId, { forFacts: true });
  // The current enrolment's expected completion (the registry fills it from the standard duration).
  const current = record ? educationOn(record.education, asOf).source : null;
  const expectedStudyEnd = current && current.actualCompletion === null ? current.expectedCompletion : null;
  return {
    asOf,
    facts,
    evaluation,
    timeline: eligibilityTimeline(evaluate, facts, asOf, expectedStudyEnd),
    factNotes: assumptions.map((a) => a.message),
  };
}

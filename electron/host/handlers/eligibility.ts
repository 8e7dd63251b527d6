import type { AppCore } from '../../services/app/app-core';
import { childSummary } from '../../services/reports/child-summary';
import { childEligibility } from '../../services/eligibility/eligibility';
import { buildWorklistOffThread } from '../../services/worklist/worklist';
import type { Handler } from '../router';
import { actorOf } from './app';

export function eligibilityHandlers(core: AppCore) {
  const handlers: {
    'eligibility:get': Handler<'eligibility:get'>;
    'eligibility:summary': Handler<'eligibility:summary'>;
    'worklist:get': Handler<'worklist:get'>;
  } = {
    'eligibility:get': (input, ctx) => childEligibility(core.context(actorOf(ctx.session)), input.childId, input.asOf),
    'eligibility:summary': (input, ctx) => childSummary(core.context(actorOf(ctx.session)), input.childId),
    'worklist:get': (input, ctx) => buildWorklistOffThread(core.context(actorOf(ctx.session)), input, core.workers),
  };
  return handlers;
}

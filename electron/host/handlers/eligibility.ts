import type { AppCore } from '../../services/app-core';
import { childEligibility } from '../../services/eligibility';
import { buildWorklist } from '../../services/worklist';
import type { Handler } from '../router';
import { actorOf } from './app';

export function eligibilityHandlers(core: AppCore) {
  const handlers: {
    'eligibility:get': Handler<'eligibility:get'>;
    'worklist:get': Handler<'worklist:get'>;
  } = {
    'eligibility:get': (input, ctx) => childEligibility(core.context(actorOf(ctx.session)), input.childId, input.asOf),
    'worklist:get': (input, ctx) => buildWorklist(core.context(actorOf(ctx.session)), input),
  };
  return handlers;
}

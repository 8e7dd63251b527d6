import type { AppCore } from '../../services/app/app-core';
import {
  addMentalHealthCheck,
  addMentalHealthFollowUp,
  closeMentalHealthCheck,
  getMentalHealthFile,
  voidMentalHealthEntry,
} from '../../services/mental-health/mental-health';
import type { Handler, HandlerContext } from '../router';
import { actorOf } from './app';

/** The mental-health file ('mentalHealth:*', 四(十二)). */
export function mentalHealthHandlers(core: AppCore) {
  const svc = (ctx: HandlerContext) => core.context(actorOf(ctx.session));
  const handlers: {
    'mentalHealth:get': Handler<'mentalHealth:get'>;
    'mentalHealth:addCheck': Handler<'mentalHealth:addCheck'>;
    'mentalHealth:addFollowUp': Handler<'mentalHealth:addFollowUp'>;
    'mentalHealth:close': Handler<'mentalHealth:close'>;
    'mentalHealth:void': Handler<'mentalHealth:void'>;
  } = {
    'mentalHealth:get': (input, ctx) => getMentalHealthFile(svc(ctx), input.childId),
    'mentalHealth:addCheck': (input, ctx) => addMentalHealthCheck(svc(ctx), input),
    'mentalHealth:addFollowUp': (input, ctx) => addMentalHealthFollowUp(svc(ctx), input),
    'mentalHealth:close': (input, ctx) => closeMentalHealthCheck(svc(ctx), input),
    'mentalHealth:void': (input, ctx) => voidMentalHealthEntry(svc(ctx), input),
  };
  return handlers;
}

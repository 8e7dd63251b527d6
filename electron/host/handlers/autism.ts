import type { AppCore } from '../../services/app/app-core';
import { addAutismEvent, getAutismPathway, voidAutismEvent } from '../../services/autism/autism-pathway';
import type { Handler, HandlerContext } from '../router';
import { actorOf } from './app';

/** The autism pathway ('autism:*', 二(七)). */
export function autismHandlers(core: AppCore) {
  const svc = (ctx: HandlerContext) => core.context(actorOf(ctx.session));
  const handlers: {
    'autism:get': Handler<'autism:get'>;
    'autism:addEvent': Handler<'autism:addEvent'>;
    'autism:void': Handler<'autism:void'>;
  } = {
    'autism:get': (input, ctx) => getAutismPathway(svc(ctx), input.childId),
    'autism:addEvent': (input, ctx) => addAutismEvent(svc(ctx), input),
    'autism:void': (input, ctx) => voidAutismEvent(svc(ctx), input),
  };
  return handlers;
}

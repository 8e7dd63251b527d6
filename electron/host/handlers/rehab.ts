import type { AppCore } from '../../services/app/app-core';
import { rehabChild, todayList } from '../../services/rehab/rehab';
import { addMeasure, listCutoffs, saveCutoffs, voidMeasure } from '../../services/rehab/rehab-measures';
import { decidePlan, listTherapists, pendingPlans, savePlan } from '../../services/rehab/rehab-plans';
import { amendSession, editSession, logSession } from '../../services/rehab/rehab-sessions';
import type { rehabChannels } from '../../../shared/contract/rehab';
import type { Handler, HandlerContext } from '../router';
import { actorOf } from './app';

/** Rehabilitation ('rehab:*', 二(七)): plans, sessions, measures, the day list. */
export function rehabHandlers(core: AppCore) {
  const svc = (ctx: HandlerContext) => core.context(actorOf(ctx.session));
  const handlers: { [C in keyof typeof rehabChannels]: Handler<C> } = {
    'rehab:child': (input, ctx) => rehabChild(svc(ctx), input.childId),
    'rehab:savePlan': (input, ctx) => savePlan(svc(ctx), input),
    'rehab:decidePlan': (input, ctx) => decidePlan(svc(ctx), input),
    'rehab:pendingPlans': (_input, ctx) => pendingPlans(svc(ctx)),
    'rehab:today': (input, ctx) => todayList(svc(ctx), input.date),
    'rehab:logSession': (input, ctx) => logSession(svc(ctx), input),
    'rehab:editSession': (input, ctx) => editSession(svc(ctx), input),
    'rehab:amendSession': (input, ctx) => amendSession(svc(ctx), input),
    'rehab:addMeasure': (input, ctx) => addMeasure(svc(ctx), input),
    'rehab:voidMeasure': (input, ctx) => voidMeasure(svc(ctx), input),
    'rehab:therapists': (_input, ctx) => listTherapists(svc(ctx)),
    'rehab:cutoffs': (_input, ctx) => listCutoffs(svc(ctx)),
    'rehab:saveCutoffs': (input, ctx) => saveCutoffs(svc(ctx), input),
  };
  return handlers;
}

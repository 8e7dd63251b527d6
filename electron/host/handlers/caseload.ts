import type { AppCore } from '../../services/app/app-core';
import { assignCaseload, caseloadPeople, endCaseload, listCaseload } from '../../services/users/caseloads';
import { approvalQueue } from '../../services/worklist/approvals';
import type { Handler } from '../router';
import { actorOf, requireSession } from './app';

/** Caseloads (我的儿童): who looks after which child. */
export function caseloadHandlers(core: AppCore) {
  const handlers: {
    'approvals:queue': Handler<'approvals:queue'>;
    'caseload:list': Handler<'caseload:list'>;
    'caseload:assign': Handler<'caseload:assign'>;
    'caseload:end': Handler<'caseload:end'>;
    'caseload:people': Handler<'caseload:people'>;
  } = {
    'approvals:queue': (_input, ctx) => approvalQueue(core.context(actorOf(ctx.session))),
    'caseload:list': (input, ctx) => {
      const userId = input.mine ? requireSession(ctx).user.id : input.userId;
      return listCaseload(core.context(actorOf(ctx.session)), { childId: input.childId, userId });
    },
    'caseload:assign': (input, ctx) => assignCaseload(core.context(actorOf(ctx.session)), input),
    'caseload:end': (input, ctx) => endCaseload(core.context(actorOf(ctx.session)), input.id),
    'caseload:people': (_input, ctx) => caseloadPeople(core.context(actorOf(ctx.session))),
  };
  return handlers;
}

import type { AppCore } from '../../services/app/app-core';
import { childHistory } from '../../services/record/history';
import type { Handler } from '../router';
import { actorOf } from './app';

/** A child's history from the audit trail ('children:history'). */
export function historyHandlers(core: AppCore) {
  const handlers: {
    'children:history': Handler<'children:history'>;
  } = {
    'children:history': (input, ctx) => childHistory(core.context(actorOf(ctx.session)), input),
  };
  return handlers;
}

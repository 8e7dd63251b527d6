import type { AppCore } from '../../services/app/app-core';
import { statisticsOffThread } from '../../services/reports/statistics';
import type { Handler } from '../router';
import { actorOf } from './app';

/** The statistics page ('reports:statistics'). */
export function reportsHandlers(core: AppCore) {
  const handlers: { 'reports:statistics': Handler<'reports:statistics'> } = {
    'reports:statistics': (input, ctx) => statisticsOffThread(core.context(actorOf(ctx.session)), input, core.workers),
  };
  return handlers;
}

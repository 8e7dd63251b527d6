import type { AppCore } from '../../services/app/app-core';
import { exportAudit, queryAudit, recordPrint, verifyAuditOffThread } from '../../services/audit/audit';
import type { Handler } from '../router';
import { collectAuditAnchors } from '../../services/backup/backup';
import { actorOf } from './app';

export function auditHandlers(core: AppCore) {
  const handlers: {
    'audit:query': Handler<'audit:query'>;
    'audit:export': Handler<'audit:export'>;
    'audit:verify': Handler<'audit:verify'>;
    'audit:printed': Handler<'audit:printed'>;
  } = {
    'audit:printed': (input, ctx) => recordPrint(core.context(actorOf(ctx.session)), input.what, input.childId),
    'audit:query': (input, ctx) => queryAudit(core.context(actorOf(ctx.session)), input),
    'audit:export': (input, ctx) => exportAudit(core.context(actorOf(ctx.session)), input),
    'audit:verify': (_input, ctx) => verifyAuditOffThread(core.context(actorOf(ctx.session)), collectAuditAnchors(core), core.workers),
  };
  return handlers;
}

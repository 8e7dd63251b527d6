import type { AppCore } from '../../services/app/app-core';
import { previewImport, runImport } from '../../services/ledgers/import-children';
import { exportLedgers, viewLedgerOffThread } from '../../services/ledgers/ledgers';
import type { Jobs } from '../../services/core/jobs';
import type { Handler, HandlerContext } from '../router';
import { actorOf } from './app';

/** Ledgers out to Excel ('ledger:export') and children in from a workbook ('import:*'). */
export function ledgerHandlers(core: AppCore, jobs: Jobs) {
  const svc = (ctx: HandlerContext) => core.context(actorOf(ctx.session));
  const handlers: {
    'import:preview': Handler<'import:preview'>;
    'import:run': Handler<'import:run'>;
    'ledger:export': Handler<'ledger:export'>;
    'ledger:view': Handler<'ledger:view'>;
  } = {
    'import:preview': (input, ctx) => jobs.track(ctx.session!.user.id, input.jobId, (onProgress) => previewImport(svc(ctx), input, { workers: core.workers, onProgress })),
    'import:run': (input, ctx) => jobs.track(ctx.session!.user.id, input.jobId, (onProgress) => runImport(svc(ctx), input, { workers: core.workers, onProgress })),
    'ledger:export': (input, ctx) => exportLedgers(svc(ctx), input, core.workers),
    'ledger:view': (input, ctx) => viewLedgerOffThread(svc(ctx), input, core.workers),
  };
  return handlers;
}

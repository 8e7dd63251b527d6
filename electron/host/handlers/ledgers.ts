import type { AppCore } from '../../services/app/app-core';
import { previewImport, runImport } from '../../services/ledgers/import-children';
import { exportLedgers, viewLedger } from '../../services/ledgers/ledgers';
import type { Handler, HandlerContext } from '../router';
import { actorOf } from './app';

/** Ledgers out to Excel ('ledger:export') and children in from a workbook ('import:*'). */
export function ledgerHandlers(core: AppCore) {
  const svc = (ctx: HandlerContext) => core.context(actorOf(ctx.session));
  const handlers: {
    'import:preview': Handler<'import:preview'>;
    'import:run': Handler<'import:run'>;
    'ledger:export': Handler<'ledger:export'>;
    'ledger:view': Handler<'ledger:view'>;
  } = {
    'import:preview': (input, ctx) => previewImport(svc(ctx), input),
    'import:run': (input, ctx) => runImport(svc(ctx), input),
    'ledger:export': (input, ctx) => exportLedgers(svc(ctx), input),
    'ledger:view': (input, ctx) => viewLedger(svc(ctx), input),
  };
  return handlers;
}

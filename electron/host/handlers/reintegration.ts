import type { AppCore } from '../../services/app/app-core';
import {
  type PagePdfExporter,
  addCaseAssessment,
  addVisit,
  assignOfficer,
  caseOfChild,
  completeRehab,
  decideAssessment,
  dossier,
  exportDossier,
  getCase,
  pipeline,
  resettle,
  startRehab,
  transfer,
  updateChecklist,
  updateTask,
} from '../../services/reintegration/reintegration';
import type { Handler, HandlerContext } from '../router';
import { actorOf } from './app';

type ReintegrationChannel =
  | 'reintegration:pipeline'
  | 'reintegration:get'
  | 'reintegration:caseOfChild'
  | 'reintegration:assignOfficer'
  | 'reintegration:updateChecklist'
  | 'reintegration:addAssessment'
  | 'reintegration:decide'
  | 'reintegration:resettle'
  | 'reintegration:updateTask'
  | 'reintegration:addVisit'
  | 'reintegration:transfer'
  | 'reintegration:startRehab'
  | 'reintegration:completeRehab'
  | 'reintegration:dossier'
  | 'reintegration:exportDossier';

/** The age-18 reintegration case ('reintegration:*'). */
export function reintegrationHandlers(core: AppCore, exportPagePdf?: PagePdfExporter): { [C in ReintegrationChannel]: Handler<C> } {
  const svc = (ctx: HandlerContext) => core.context(actorOf(ctx.session));
  return {
    'reintegration:pipeline': (input, ctx) => pipeline(svc(ctx), input),
    'reintegration:get': (input, ctx) => getCase(svc(ctx), input),
    'reintegration:caseOfChild': (input, ctx) => caseOfChild(svc(ctx), input),
    'reintegration:assignOfficer': (input, ctx) => assignOfficer(svc(ctx), input),
    'reintegration:updateChecklist': (input, ctx) => updateChecklist(svc(ctx), input),
    'reintegration:addAssessment': (input, ctx) => addCaseAssessment(svc(ctx), input),
    'reintegration:decide': (input, ctx) => decideAssessment(svc(ctx), input),
    'reintegration:resettle': (input, ctx) => resettle(svc(ctx), input),
    'reintegration:updateTask': (input, ctx) => updateTask(svc(ctx), input),
    'reintegration:addVisit': (input, ctx) => addVisit(svc(ctx), input),
    'reintegration:transfer': (input, ctx) => transfer(svc(ctx), input),
    'reintegration:startRehab': (input, ctx) => startRehab(svc(ctx), input),
    'reintegration:completeRehab': (input, ctx) => completeRehab(svc(ctx), input),
    'reintegration:dossier': (input, ctx) => dossier(svc(ctx), input),
    'reintegration:exportDossier': (input, ctx) => exportDossier(svc(ctx), input, ctx.connection, exportPagePdf),
  };
}

import type { AppCore } from '../../services/app/app-core';
import { evaluateChild } from '../../services/eligibility/facts';
import { getRecord, setPhoto, updateProfile, voidEntry } from '../../services/record/record';
import { addDocument, getDocument, voidDocument } from '../../services/record/record-documents';
import {
  addBenefit,
  addEducation,
  addGuardianship,
  addMedicalAidClaim,
  addPlacement,
  addStatusFact,
  endBenefit,
  endDisability,
  endGuardianship,
  endPlacement,
  setDisability,
  setMedicalInsurance,
  updateEducation,
} from '../../services/record/record-history';
import { addAssessment, addVocationalRehab, completeVocationalRehab, voidReintegrationEntry } from '../../services/record/record-reintegration';
import type { Handler, HandlerContext } from '../router';
import { actorOf } from './app';

/** The record of a child ('record:*') and the rules' view of it ('rules:evaluateChild'). */
export function recordHandlers(core: AppCore) {
  const svc = (ctx: HandlerContext) => core.context(actorOf(ctx.session));
  const handlers: {
    'record:get': Handler<'record:get'>;
    'record:updateProfile': Handler<'record:updateProfile'>;
    'record:setPhoto': Handler<'record:setPhoto'>;
    'record:addPlacement': Handler<'record:addPlacement'>;
    'record:endPlacement': Handler<'record:endPlacement'>;
    'record:addGuardianship': Handler<'record:addGuardianship'>;
    'record:endGuardianship': Handler<'record:endGuardianship'>;
    'record:addStatusFact': Handler<'record:addStatusFact'>;
    'record:setDisability': Handler<'record:setDisability'>;
    'record:endDisability': Handler<'record:endDisability'>;
    'record:addEducation': Handler<'record:addEducation'>;
    'record:updateEducation': Handler<'record:updateEducation'>;
    'record:addBenefit': Handler<'record:addBenefit'>;
    'record:endBenefit': Handler<'record:endBenefit'>;
    'record:setMedicalInsurance': Handler<'record:setMedicalInsurance'>;
    'record:addMedicalAidClaim': Handler<'record:addMedicalAidClaim'>;
    'record:void': Handler<'record:void'>;
    'record:addDocument': Handler<'record:addDocument'>;
    'record:getDocument': Handler<'record:getDocument'>;
    'record:voidDocument': Handler<'record:voidDocument'>;
    'record:addAssessment': Handler<'record:addAssessment'>;
    'record:addVocationalRehab': Handler<'record:addVocationalRehab'>;
    'record:completeVocationalRehab': Handler<'record:completeVocationalRehab'>;
    'record:voidReintegrationEntry': Handler<'record:voidReintegrationEntry'>;
    'rules:evaluateChild': Handler<'rules:evaluateChild'>;
  } = {
    'record:get': (input, ctx) => getRecord(svc(ctx), input.childId),
    'record:updateProfile': (input, ctx) => updateProfile(svc(ctx), input),
    'record:setPhoto': (input, ctx) => setPhoto(svc(ctx), input),
    'record:addPlacement': (input, ctx) => addPlacement(svc(ctx), input),
    'record:endPlacement': (input, ctx) => endPlacement(svc(ctx), input),
    'record:addGuardianship': (input, ctx) => addGuardianship(svc(ctx), input),
    'record:endGuardianship': (input, ctx) => endGuardianship(svc(ctx), input),
    'record:addStatusFact': (input, ctx) => addStatusFact(svc(ctx), input),
    'record:setDisability': (input, ctx) => setDisability(svc(ctx), input),
    'record:endDisability': (input, ctx) => endDisability(svc(ctx), input),
    'record:addEducation': (input, ctx) => addEducation(svc(ctx), input),
    'record:updateEducation': (input, ctx) => updateEducation(svc(ctx), input),
    'record:addBenefit': (input, ctx) => addBenefit(svc(ctx), input),
    'record:endBenefit': (input, ctx) => endBenefit(svc(ctx), input),
    'record:setMedicalInsurance': (input, ctx) => setMedicalInsurance(svc(ctx), input),
    'record:addMedicalAidClaim': (input, ctx) => addMedicalAidClaim(svc(ctx), input),
    'record:void': (input, ctx) => voidEntry(svc(ctx), input),
    'record:addDocument': (input, ctx) => addDocument(svc(ctx), input),
    'record:getDocument': (input, ctx) => getDocument(svc(ctx), input),
    'record:voidDocument': (input, ctx) => voidDocument(svc(ctx), input),
    'record:addAssessment': (input, ctx) => addAssessment(svc(ctx), input),
    'record:addVocationalRehab': (input, ctx) => addVocationalRehab(svc(ctx), input),
    'record:completeVocationalRehab': (input, ctx) => completeVocationalRehab(svc(ctx), input),
    'record:voidReintegrationEntry': (input, ctx) => voidReintegrationEntry(svc(ctx), input),
    'rules:evaluateChild': (input, ctx) => evaluateChild(svc(ctx), input.childId, input.asOf),
  };
  return handlers;
}

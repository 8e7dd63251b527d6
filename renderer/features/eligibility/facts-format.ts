/**
 * 依据的事实: the facts the rules read, one line each, in the words of the forms that gather them
 * (status facts from `record.facts.*`, the rest from the registry's field and value labels that the
 * history tab uses too). Pure: `t` is the message lookup. Every field of ChildFacts has a line, so a
 * fact added to the rules without a label here fails its test instead of showing as code.
 */
import type { ChildFacts } from '../../../shared/domain/rules-types';
import type { MessageKey } from '../../i18n';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** One line of 依据的事实: a label as the form writes it and the value in words. */
export type FactLine = { key: string; label: string; value: string };

const INCOME_FLAGS = ['minimumLivingSecurity', 'lowIncomeEdge', 'extremePoverty', 'economicHardship'] as const;

/** Every fact the rules read, in words (no codes, no JSON). */
export function describeChildFacts(facts: ChildFacts, t: T): FactLine[] {
  const yesNo = (v: boolean) => (v ? t('record.common.yes') : t('record.common.no'));
  const list = (items: string[]) => (items.length > 0 ? items.join(t('record.common.listSeparator')) : t('read.facts.none'));
  const line = (key: string, label: string, value: string): FactLine => ({ key, label, value });
  const incomeFlags = INCOME_FLAGS.filter((f) => facts.family[f]).map((f) => t(`record.facts.income.${f}`));
  return [
    line('birthDate', t('registry.fields.child.birthDate'), facts.birthDate),
    line('hukou', t('registry.fields.child.hukouKind'), t(`registry.values.hukouKind.${facts.hukou}`)),
    line('orphan', t('read.facts.orphan'), yesNo(facts.orphan)),
    line('abandonedConfirmedByPolice', t('record.facts.kinds.policeAbandonmentConfirmation'), yesNo(facts.abandonedConfirmedByPolice)),
    line('guardianship', t('record.facts.kinds.guardianship'), t(`record.adequacy.${facts.guardianship}`)),
    line('courtAppointedGuardian', t('record.facts.kinds.courtAppointment'), t(`record.facts.courtAppointed.${facts.courtAppointedGuardian}`)),
    line('placement', t('registry.fields.placement.kind'), t(`registry.values.placement.${facts.placement}`)),
    line(
      'disability',
      t('registry.entities.disability'),
      facts.disability === null
        ? t('read.facts.none')
        : `${t(`registry.values.disabilityCategory.${facts.disability.category}`)} ${t('registry.history.grade', { n: facts.disability.grade })}`,
    ),
    line('autism', t('record.facts.kinds.autismDiagnosis'), yesNo(facts.autism)),
    line('seriousIllness', t('record.facts.kinds.seriousIllness'), yesNo(facts.seriousIllness)),
    line('family.income', t('record.facts.kinds.familyIncome'), incomeFlags.length > 0 ? incomeFlags.join(t('record.common.listSeparator')) : t('record.facts.income.none')),
    line('family.legalSupporterAble', t('record.facts.kinds.legalSupporterAbility'), yesNo(facts.family.legalSupporterAble)),
    line('family.suddenHardship', t('record.facts.kinds.suddenHardship'), yesNo(facts.family.suddenHardship)),
    line('migrant', t('record.facts.kinds.migrant'), yesNo(facts.migrant)),
    line('leftBehind', t('record.facts.kinds.leftBehind'), yesNo(facts.leftBehind)),
    line('education.stage', t('registry.fields.education.stage'), t(`registry.values.stage.${facts.education.stage}`)),
    line('education.fullTime', t('registry.fields.education.fullTime'), yesNo(facts.education.fullTime)),
    line('education.withinStandardDuration', t('read.facts.withinStandardDuration'), yesNo(facts.education.withinStandardDuration)),
    line('receiving', t('read.facts.receiving'), list(facts.receiving.map((code) => t(`benefits.${code}`)))),
    line(
      'reintegration.assessments',
      t('registry.entities.assessment'),
      list(
        facts.reintegration.assessments.map(
          (a) => `${a.date} ${t('registry.history.round', { n: a.round })} ${t(`registry.values.assessmentResult.${a.result}`)}`,
        ),
      ),
    ),
    line('reintegration.vocationalRehabCompleted', t('registry.actions.vocationalRehab.complete'), yesNo(facts.reintegration.vocationalRehabCompleted)),
  ];
}

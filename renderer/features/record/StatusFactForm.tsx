import { Checkbox, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import {
  type DocumentMeta,
  PARENT_STATUSES,
  type StatusFact,
  type StatusFactAddInput,
  type StatusFactKind,
  statusFactAddSchema,
} from '../../../shared/contract/record';
import { toIsoDate } from '../../../shared/domain/dates';
import { COURT_APPOINTED_GUARDIANS, GUARDIANSHIP_VALUES } from '../../../shared/domain/rules-types';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n';
import { FAMILY_INCOME_FLAGS, isYesNoKind } from './status-facts';
import { useServiceForm } from '../../components/use-service-form';
import { withAside } from './labels';

type Values = {
  kind: string | null;
  /** The value of a one-value kind (yes/no as 'true'/'false', an adequacy, a court-appointed guardian). */
  value: string | null;
  father: string | null;
  mother: string | null;
  minimumLivingSecurity: boolean;
  lowIncomeEdge: boolean;
  extremePoverty: boolean;
  economicHardship: boolean;
  effectiveDate: string | null;
  validUntil: string | null;
  evidence: string;
  documentId: string | null;
};

/** The fact the form describes, in the contract's shape (left for the schema to refuse when incomplete). */
function factOf(v: Values): StatusFact {
  const kind = v.kind as StatusFactKind;
  switch (kind) {
    case 'parentsStatus':
      return { kind, value: { father: v.father, mother: v.mother } } as unknown as StatusFact;
    case 'familyIncome':
      return {
        kind,
        value: { minimumLivingSecurity: v.minimumLivingSecurity, lowIncomeEdge: v.lowIncomeEdge, extremePoverty: v.extremePoverty, economicHardship: v.economicHardship },
      };
    case 'guardianship':
    case 'courtAppointment':
      return { kind, value: v.value } as unknown as StatusFact;
    default:
      return { kind, value: v.value === null ? null : v.value === 'true' } as unknown as StatusFact;
  }
}

/** Where an issue of the contract's `fact` is shown in this form. */
function errorPath(path: string): string {
  if (path === 'fact' || path === 'fact.kind') return 'kind';
  if (path.startsWith('fact.value.')) return path.slice('fact.value.'.length);
  if (path === 'fact.value') return 'value';
  return path;
}

/**
 * Records a dated status fact: choose its kind, then the inputs that kind needs (both parents' status,
 * the four family income flags, yes or no…), the date it holds from, and the evidence.
 */
export function StatusFactForm({
  childId,
  kinds,
  documents,
  onClose,
  onDone,
}: {
  childId: number;
  kinds: readonly StatusFactKind[];
  documents: DocumentMeta[];
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'record:addStatusFact',
    initialValues: {
      kind: kinds.length === 1 ? kinds[0] : null,
      value: null,
      father: null,
      mother: null,
      minimumLivingSecurity: false,
      lowIncomeEdge: false,
      extremePoverty: false,
      economicHardship: false,
      effectiveDate: toIsoDate(new Date()),
      validUntil: null,
      evidence: '',
      documentId: null,
    } as Values,
    schema: statusFactAddSchema,
    toInput: (v): StatusFactAddInput => ({
      childId,
      fact: factOf(v),
      effectiveDate: v.effectiveDate ?? '',
      validUntil: v.validUntil,
      evidence: v.evidence,
      documentId: v.documentId === null ? null : Number(v.documentId),
    }),
    errorPath,
    extraValidate: (v) => ({
      kind: v.kind === null ? t('record.facts.kindRequired') : null,
      validUntil: v.validUntil && v.effectiveDate && v.validUntil < v.effectiveDate ? t('record.common.endBeforeStart', { from: v.effectiveDate }) : null,
    }),
    savedMessage: t('record.facts.saved'),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  const kind = form.getValues().kind as StatusFactKind | null;
  const chooseKind = (next: string | null) => {
    form.setValues({ kind: next, value: null, father: null, mother: null });
    form.clearErrors();
  };
  const parentData = PARENT_STATUSES.map((s) => ({ value: s, label: t(`record.facts.parentStatuses.${s}`) }));

  return (
    <FormModal opened onClose={onClose} title={t('record.facts.add')} onSubmit={onSubmit} busy={busy} formError={formError} testId="status-fact-form">
      <Select
        label={t('record.facts.fields.kind')}
        withAsterisk
        data-autofocus
        allowDeselect={false}
        data={kinds.map((k) => ({ value: k, label: t(`record.facts.kinds.${k}`) }))}
        {...form.getInputProps('kind')}
        onChange={chooseKind}
      />
      {kind === 'parentsStatus' && (
        <SimpleGrid cols={2}>
          <Select label={t('record.facts.fields.father')} withAsterisk data={parentData} {...form.getInputProps('father')} />
          <Select label={t('record.facts.fields.mother')} withAsterisk data={parentData} {...form.getInputProps('mother')} />
        </SimpleGrid>
      )}
      {kind === 'guardianship' && (
        <Select
          label={t('record.facts.fields.value')}
          withAsterisk
          data={GUARDIANSHIP_VALUES.map((v) => ({ value: v, label: t(`record.adequacy.${v}`) }))}
          {...form.getInputProps('value')}
        />
      )}
      {kind === 'courtAppointment' && (
        <Select
          label={t('record.facts.fields.courtGuardian')}
          withAsterisk
          data={COURT_APPOINTED_GUARDIANS.map((v) => ({ value: v, label: t(`record.facts.courtAppointed.${v}`) }))}
          {...form.getInputProps('value')}
        />
      )}
      {kind === 'familyIncome' && (
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('record.facts.fields.income')}
          </Text>
          <Group gap="lg">
            {FAMILY_INCOME_FLAGS.map((f) => (
              <Checkbox key={f} label={t(`record.facts.income.${f}`)} {...form.getInputProps(f, { type: 'checkbox' })} />
            ))}
          </Group>
        </Stack>
      )}
      {isYesNoKind(kind) && (
        <Select
          label={t(`record.facts.questions.${kind}`)}
          withAsterisk
          data={[
            { value: 'true', label: t('record.common.yes') },
            { value: 'false', label: t('record.common.no') },
          ]}
          {...form.getInputProps('value')}
        />
      )}
      <SimpleGrid cols={2}>
        <DateField label={t('record.facts.fields.effectiveDate')} withAsterisk {...form.getInputProps('effectiveDate')} />
        <DateField label={t('record.facts.fields.validUntil')} description={t('record.facts.validUntilHint')} {...form.getInputProps('validUntil')} />
      </SimpleGrid>
      <TextInput label={t('record.facts.fields.evidence')} placeholder={t('record.facts.evidencePlaceholder')} {...form.getInputProps('evidence')} />
      {documents.length > 0 && (
        <Select
          label={t('record.facts.fields.document')}
          clearable
          data={documents.map((d) => ({ value: String(d.id), label: withAside(t, d.title, t(`record.documents.kinds.${d.kind}`)) }))}
          {...form.getInputProps('documentId')}
        />
      )}
    </FormModal>
  );
}

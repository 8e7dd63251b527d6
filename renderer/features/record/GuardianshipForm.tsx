import { Alert, Checkbox, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { GUARDIAN_KINDS, type GuardianshipAddInput, type GuardianshipRow, guardianshipAddSchema } from '../../../shared/contract/record';
import { addDays, toIsoDate } from '../../../shared/domain/dates';
import { GUARDIANSHIP_VALUES } from '../../../shared/domain/rules-types';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n';
import { useServiceForm } from '../../components/use-service-form';

type Values = {
  guardianKind: string | null;
  guardianName: string;
  basis: string;
  courtAppointed: boolean;
  adequacy: string | null;
  from: string | null;
  to: string | null;
  note: string;
};

/** Records a guardianship; with a current one it is a change that ends the current one the day before. */
export function GuardianshipForm({ childId, current, onClose, onDone }: { childId: number; current: GuardianshipRow | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'record:addGuardianship',
    initialValues: {
      guardianKind: null,
      guardianName: '',
      basis: '',
      courtAppointed: false,
      adequacy: 'adequate',
      from: current ? toIsoDate(new Date()) : null,
      to: null,
      note: '',
    } as Values,
    schema: guardianshipAddSchema,
    toInput: (v): GuardianshipAddInput => ({
      childId,
      guardianKind: (v.guardianKind ?? '') as GuardianshipAddInput['guardianKind'],
      guardianName: v.guardianName,
      basis: v.basis,
      courtAppointed: v.courtAppointed,
      adequacy: (v.adequacy ?? '') as GuardianshipAddInput['adequacy'],
      from: v.from ?? '',
      to: current ? null : v.to,
      note: v.note,
      endCurrent: current !== null,
    }),
    extraValidate: (v) => ({
      from: current && v.from && v.from <= current.from ? t('record.guardianship.fromAfterCurrent', { from: current.from }) : null,
      to: v.to && v.from && v.to < v.from ? t('record.common.endBeforeStart', { from: v.from }) : null,
    }),
    savedMessage: t('record.guardianship.saved'),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  const from = form.getValues().from;
  return (
    <FormModal
      opened
      onClose={onClose}
      title={current ? t('record.guardianship.change') : t('record.guardianship.add')}
      onSubmit={onSubmit}
      busy={busy}
      formError={formError}
      testId="guardianship-form"
    >
      {current && (
        <Alert color="blue" p="xs">
          {t('record.guardianship.changeExplain', { name: current.guardianName, from: current.from, end: from ? addDays(from, -1) : '…' })}
        </Alert>
      )}
      <SimpleGrid cols={2}>
        <Select
          label={t('record.guardianship.fields.kind')}
          withAsterisk
          data-autofocus
          data={GUARDIAN_KINDS.map((k) => ({ value: k, label: t(`record.guardianKinds.${k}`) }))}
          {...form.getInputProps('guardianKind')}
        />
        <TextInput label={t('record.guardianship.fields.name')} withAsterisk {...form.getInputProps('guardianName')} />
        <TextInput label={t('record.guardianship.fields.basis')} placeholder={t('record.guardianship.basisPlaceholder')} {...form.getInputProps('basis')} />
        <Select
          label={t('record.guardianship.fields.adequacy')}
          withAsterisk
          allowDeselect={false}
          data={GUARDIANSHIP_VALUES.map((k) => ({ value: k, label: t(`record.adequacy.${k}`) }))}
          {...form.getInputProps('adequacy')}
        />
        <DateField label={t('record.guardianship.fields.from')} withAsterisk {...form.getInputProps('from')} />
        {!current && <DateField label={t('record.guardianship.fields.to')} description={t('record.common.toHint')} {...form.getInputProps('to')} />}
      </SimpleGrid>
      <Checkbox label={t('record.guardianship.fields.courtAppointed')} {...form.getInputProps('courtAppointed', { type: 'checkbox' })} />
      <Textarea label={t('record.common.note')} autosize minRows={1} {...form.getInputProps('note')} />
    </FormModal>
  );
}

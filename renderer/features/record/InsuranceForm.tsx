import { Checkbox, Group, NumberInput, Textarea } from '@mantine/core';
import { type MedicalInsuranceRow, medicalInsuranceSetSchema } from '../../../shared/contract/record';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n';
import { useServiceForm } from '../../components/use-service-form';

type Values = { year: number | string; enrolled: boolean; premiumSubsidised: boolean; note: string };

/** The year's medical insurance enrolment; a second entry for the same year supersedes the first. */
export function InsuranceForm({ childId, existing, onClose, onDone }: { childId: number; existing: readonly MedicalInsuranceRow[]; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'record:setMedicalInsurance',
    initialValues: { year: new Date().getFullYear(), enrolled: true, premiumSubsidised: true, note: '' } as Values,
    schema: medicalInsuranceSetSchema,
    toInput: (v) => ({ childId, year: typeof v.year === 'number' ? v.year : Number.NaN, enrolled: v.enrolled, premiumSubsidised: v.premiumSubsidised, note: v.note }),
    extraValidate: (v) => ({ year: typeof v.year !== 'number' ? t('record.insurance.yearRequired') : null }),
    savedMessage: t('record.insurance.saved'),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  const year = form.getValues().year;
  const supersedes = typeof year === 'number' && existing.some((r) => r.voidedAt === null && r.year === year);
  return (
    <FormModal opened onClose={onClose} title={t('record.insurance.add')} onSubmit={onSubmit} busy={busy} formError={formError} size="md" testId="insurance-form">
      <NumberInput
        label={t('record.insurance.fields.year')}
        withAsterisk
        min={2000}
        max={2100}
        allowDecimal={false}
        thousandSeparator={false}
        data-autofocus
        description={supersedes ? t('record.insurance.supersedes') : undefined}
        {...form.getInputProps('year')}
      />
      <Group gap="lg">
        <Checkbox label={t('record.insurance.fields.enrolled')} {...form.getInputProps('enrolled', { type: 'checkbox' })} />
        <Checkbox label={t('record.insurance.fields.premiumSubsidised')} {...form.getInputProps('premiumSubsidised', { type: 'checkbox' })} />
      </Group>
      <Textarea label={t('record.common.note')} autosize minRows={1} {...form.getInputProps('note')} />
    </FormModal>
  );
}

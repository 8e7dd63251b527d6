import { Checkbox, Group, NumberInput, Textarea } from '@mantine/core';
import { type MedicalInsuranceRow, medicalInsuranceSetSchema } from '../../../shared/contract/record';
import { FormModal } from '../../components/FormModal';
import { useState } from 'react';
import { useVersions, versionIn } from '../../api/versions';
import { useT } from '../../i18n';
import { useServiceForm } from '../../components/use-service-form';

type Values = { year: number | string; enrolled: boolean; premiumSubsidised: boolean; note: string };

/** The year's medical insurance enrolment; a second entry for the same year supersedes the first. */
export function InsuranceForm({ childId, existing, onClose, onDone }: { childId: number; existing: readonly MedicalInsuranceRow[]; onClose: () => void; onDone: () => void }) {
  const t = useT();
  // The rows and their versions as the page read them when the form opened: a year that has a row edits
  // that row (issue 19.4), at the version read then, even if the page refreshes behind the form.
  const versions = useVersions();
  const [read] = useState(() => ({ rows: existing.filter((r) => r.voidedAt === null), versions }));
  const rowOf = (year: number | string) => (typeof year === 'number' ? read.rows.find((r) => r.year === year) : undefined);
  const { form, busy, formError, onSubmit, notice } = useServiceForm({
    channel: 'record:setMedicalInsurance',
    part: (v) => {
      const row = rowOf(v.year);
      return row ? { entity: 'medicalInsurance', id: row.id, version: versionIn(read.versions, 'medicalInsurance', row.id) } : null;
    },
    initialValues: { year: new Date().getFullYear(), enrolled: true, premiumSubsidised: true, note: '' } as Values,
    schema: medicalInsuranceSetSchema,
    toInput: (v) => ({ childId, id: rowOf(v.year)?.id, year: typeof v.year === 'number' ? v.year : Number.NaN, enrolled: v.enrolled, premiumSubsidised: v.premiumSubsidised, note: v.note }),
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
    <FormModal opened onClose={onClose} title={t('record.insurance.add')} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} size="md" testId="insurance-form">
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

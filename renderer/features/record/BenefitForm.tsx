import { NumberInput, Select, SimpleGrid, Textarea } from '@mantine/core';
import { type BenefitAddInput, benefitAddSchema } from '../../../shared/contract/record';
import { toIsoDate } from '../../../shared/domain/dates';
import { BENEFIT_CODES } from '../../../shared/domain/rules-types';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n';
import { yuanToFen } from './record-format';
import { useServiceForm } from '../../components/use-service-form';

type Values = { code: string | null; from: string | null; to: string | null; monthlyAmountFen: number | string; note: string };

/** A benefit received: which, from when (to when, if it has ended), and the monthly amount in yuan. */
export function BenefitForm({ childId, onClose, onDone }: { childId: number; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'record:addBenefit',
    initialValues: { code: null, from: toIsoDate(new Date()), to: null, monthlyAmountFen: '', note: '' } as Values,
    schema: benefitAddSchema,
    toInput: (v): BenefitAddInput => ({
      childId,
      code: (v.code ?? '') as BenefitAddInput['code'],
      from: v.from ?? '',
      to: v.to,
      monthlyAmountFen: yuanToFen(v.monthlyAmountFen),
      note: v.note,
    }),
    extraValidate: (v) => ({
      monthlyAmountFen: Number.isNaN(yuanToFen(v.monthlyAmountFen)) ? t('record.money.invalid') : null,
      to: v.to && v.from && v.to < v.from ? t('record.common.endBeforeStart', { from: v.from }) : null,
    }),
    savedMessage: t('record.benefits.saved'),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  return (
    <FormModal opened onClose={onClose} title={t('record.benefits.add')} onSubmit={onSubmit} busy={busy} formError={formError} testId="benefit-form">
      <Select
        label={t('record.benefits.fields.code')}
        withAsterisk
        searchable
        data-autofocus
        data={BENEFIT_CODES.map((c) => ({ value: c, label: t(`benefits.${c}`) }))}
        {...form.getInputProps('code')}
      />
      <SimpleGrid cols={2}>
        <DateField label={t('record.benefits.fields.from')} withAsterisk {...form.getInputProps('from')} />
        <DateField label={t('record.benefits.fields.to')} description={t('record.common.toHint')} {...form.getInputProps('to')} />
        <NumberInput label={t('record.benefits.fields.monthlyAmount')} min={0} decimalScale={2} thousandSeparator="," prefix="¥" {...form.getInputProps('monthlyAmountFen')} />
      </SimpleGrid>
      <Textarea label={t('record.common.note')} autosize minRows={1} {...form.getInputProps('note')} />
    </FormModal>
  );
}

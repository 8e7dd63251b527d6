import { NumberInput, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import { type MedicalAidClaimAddInput, medicalAidClaimAddSchema } from '../../../shared/contract/record';
import { toIsoDate } from '../../../shared/domain/dates';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n';
import { aidRatio, formatPercent, yuanToFen } from './record-format';
import { useServiceForm } from '../../components/use-service-form';

type Values = { claimDate: string | null; hospital: string; eligibleCostFen: number | string; aidedFen: number | string; note: string };

/** A medical aid claim: the eligible cost and the amount aided, typed in yuan; the ratio shown as it is typed. */
export function AidClaimForm({ childId, floor, onClose, onDone }: { childId: number; floor: number | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const amountError = (v: number | string) => {
    const fen = yuanToFen(v);
    if (fen === null) return t('record.money.required');
    if (Number.isNaN(fen)) return t('record.money.invalid');
    return null;
  };
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'record:addMedicalAidClaim',
    initialValues: { claimDate: toIsoDate(new Date()), hospital: '', eligibleCostFen: '', aidedFen: '', note: '' } as Values,
    schema: medicalAidClaimAddSchema,
    toInput: (v): MedicalAidClaimAddInput => ({
      childId,
      claimDate: v.claimDate ?? '',
      hospital: v.hospital,
      eligibleCostFen: yuanToFen(v.eligibleCostFen) as number,
      aidedFen: yuanToFen(v.aidedFen) as number,
      note: v.note,
    }),
    extraValidate: (v) => ({ eligibleCostFen: amountError(v.eligibleCostFen), aidedFen: amountError(v.aidedFen) }),
    savedMessage: t('record.claims.saved'),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  const values = form.getValues();
  const eligible = yuanToFen(values.eligibleCostFen);
  const aided = yuanToFen(values.aidedFen);
  const ratio = eligible !== null && aided !== null && !Number.isNaN(eligible) && !Number.isNaN(aided) ? aidRatio({ eligibleCostFen: eligible, aidedFen: aided }) : null;
  const below = ratio !== null && floor !== null && ratio < floor;
  return (
    <FormModal opened onClose={onClose} title={t('record.claims.add')} onSubmit={onSubmit} busy={busy} formError={formError} testId="aid-claim-form">
      <SimpleGrid cols={2}>
        <DateField label={t('record.claims.fields.claimDate')} withAsterisk data-autofocus {...form.getInputProps('claimDate')} />
        <TextInput label={t('record.claims.fields.hospital')} {...form.getInputProps('hospital')} />
        <NumberInput label={t('record.claims.fields.eligibleCost')} withAsterisk min={0} decimalScale={2} thousandSeparator="," prefix="¥" {...form.getInputProps('eligibleCostFen')} />
        <NumberInput label={t('record.claims.fields.aided')} withAsterisk min={0} decimalScale={2} thousandSeparator="," prefix="¥" {...form.getInputProps('aidedFen')} />
      </SimpleGrid>
      {ratio !== null && (
        <Text size="sm" c={below ? 'red' : 'teal'} fw={500} data-testid="aid-ratio-preview">
          {t('record.claims.ratioPreview', { pct: formatPercent(ratio) })}
          {below && ` · ${t('record.claims.belowFloor', { pct: Math.round(floor * 100) })}`}
        </Text>
      )}
      <Textarea label={t('record.common.note')} autosize minRows={1} {...form.getInputProps('note')} />
    </FormModal>
  );
}

import { Alert, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { type PlacementAddInput, type PlacementRow, placementAddSchema } from '../../../shared/contract/record';
import { addDays, toIsoDate } from '../../../shared/domain/dates';
import { PLACEMENTS } from '../../../shared/domain/rules-types';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n';
import { useServiceForm } from '../../components/use-service-form';

type Values = { kind: string | null; from: string | null; to: string | null; place: string; note: string };

/**
 * Records a placement. With a current (open) placement it is a change: the current one ends the day
 * before the new one starts (endCurrent), so both intervals stay in the history.
 */
export function PlacementForm({ childId, current, onClose, onDone }: { childId: number; current: PlacementRow | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'record:addPlacement',
    initialValues: { kind: null, from: current ? toIsoDate(new Date()) : null, to: null, place: '', note: '' } as Values,
    schema: placementAddSchema,
    toInput: (v): PlacementAddInput => ({
      childId,
      kind: (v.kind ?? '') as PlacementAddInput['kind'],
      from: v.from ?? '',
      to: current ? null : v.to,
      place: v.place,
      note: v.note,
      endCurrent: current !== null,
    }),
    extraValidate: (v) => ({
      from: current && v.from && v.from <= current.from ? t('record.placement.fromAfterCurrent', { from: current.from }) : null,
      to: v.to && v.from && v.to < v.from ? t('record.common.endBeforeStart', { from: v.from }) : null,
      kind: current && v.kind === current.kind && v.place.trim() === (current.place ?? '') ? t('record.placement.sameAsCurrent') : null,
    }),
    savedMessage: t('record.placement.saved'),
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
      title={current ? t('record.placement.change') : t('record.placement.add')}
      onSubmit={onSubmit}
      busy={busy}
      formError={formError}
      testId="placement-form"
    >
      {current && (
        <Alert color="blue" p="xs">
          {t('record.placement.changeExplain', {
            kind: t(`record.placementKinds.${current.kind}`),
            from: current.from,
            end: from ? addDays(from, -1) : '…',
          })}
        </Alert>
      )}
      <SimpleGrid cols={2}>
        <Select
          label={t('record.placement.fields.kind')}
          withAsterisk
          data-autofocus
          data={PLACEMENTS.map((k) => ({ value: k, label: t(`record.placementKinds.${k}`) }))}
          {...form.getInputProps('kind')}
        />
        <TextInput label={t('record.placement.fields.place')} placeholder={t('record.placement.placePlaceholder')} {...form.getInputProps('place')} />
        <DateField label={t('record.placement.fields.from')} withAsterisk {...form.getInputProps('from')} />
        {!current && <DateField label={t('record.placement.fields.to')} description={t('record.common.toHint')} {...form.getInputProps('to')} />}
      </SimpleGrid>
      <Textarea label={t('record.common.note')} autosize minRows={1} {...form.getInputProps('note')} />
    </FormModal>
  );
}

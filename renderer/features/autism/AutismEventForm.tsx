import { Autocomplete, Radio, Group, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { type AutismEventAddInput, autismEventAddSchema } from '../../../shared/contract/autism';
import { AUTISM_STAGES, AUTISM_TOOLS, type AutismStage } from '../../../shared/domain/autism';
import { toIsoDate } from '../../../shared/domain/dates';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useServiceForm } from '../../components/use-service-form';
import { useT } from '../../i18n';

type Values = { stage: AutismStage | null; occurredOn: string | null; tool: string; result: string; confirmed: 'yes' | 'no' | null; referral: string; note: string };

/** An event of the autism pathway: stage, date, tool (suggested per stage), result, referral; a diagnosis says confirmed or ruled out. */
export function AutismEventForm({ childId, nextStage, onClose, onDone }: { childId: number; nextStage: AutismStage; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'autism:addEvent',
    schema: autismEventAddSchema,
    initialValues: { stage: nextStage, occurredOn: toIsoDate(new Date()), tool: '', result: '', confirmed: null, referral: '', note: '' } as Values,
    toInput: (v): AutismEventAddInput => ({
      childId,
      stage: (v.stage ?? '') as AutismStage,
      occurredOn: v.occurredOn ?? '',
      tool: v.tool,
      result: v.result,
      confirmed: v.stage === 'diagnosis' ? (v.confirmed === null ? null : v.confirmed === 'yes') : null,
      referral: v.referral,
      note: v.note,
    }),
    savedMessage: t('wellbeing.autism.saved'),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  const stage = form.getValues().stage;
  return (
    <FormModal opened onClose={onClose} title={t('wellbeing.autism.add')} onSubmit={onSubmit} busy={busy} formError={formError} testId="autism-event-form">
      <SimpleGrid cols={2}>
        <Select
          label={t('wellbeing.autism.fields.stage')}
          withAsterisk
          data={AUTISM_STAGES.map((s) => ({ value: s, label: t(`wellbeing.autism.stages.${s}`) }))}
          allowDeselect={false}
          {...form.getInputProps('stage')}
        />
        <DateField label={t('wellbeing.autism.fields.occurredOn')} withAsterisk data-autofocus {...form.getInputProps('occurredOn')} />
        <Autocomplete label={t('wellbeing.autism.fields.tool')} description={t('wellbeing.autism.fields.toolHint')} data={stage ? [...AUTISM_TOOLS[stage]] : []} {...form.getInputProps('tool')} />
        <TextInput label={t('wellbeing.autism.fields.referral')} style={{ alignSelf: 'end' }} {...form.getInputProps('referral')} />
      </SimpleGrid>
      {stage === 'diagnosis' && (
        <Radio.Group label={t('wellbeing.autism.fields.confirmed')} withAsterisk {...form.getInputProps('confirmed')}>
          <Group mt={4}>
            <Radio value="yes" label={t('wellbeing.autism.confirmedYes')} />
            <Radio value="no" label={t('wellbeing.autism.confirmedNo')} />
          </Group>
        </Radio.Group>
      )}
      <Textarea label={t('wellbeing.autism.fields.result')} autosize minRows={2} {...form.getInputProps('result')} />
      <Textarea label={t('wellbeing.autism.fields.note')} autosize minRows={1} {...form.getInputProps('note')} />
    </FormModal>
  );
}

import { ActionIcon, Autocomplete, Button, Group, NumberInput, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type MentalHealthCheckAddInput, mentalHealthCheckAddSchema } from '../../../shared/contract/mental-health';
import { toIsoDate } from '../../../shared/domain/dates';
import { MENTAL_HEALTH_INSTRUMENTS, RISK_LEVELS, instrumentScale } from '../../../shared/domain/mental-health';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useServiceForm } from '../../components/use-service-form';
import { useT } from '../../i18n';

type ScoreValues = { name: string; value: number | string };
type Values = {
  checkedOn: string | null;
  instrument: string;
  scores: ScoreValues[];
  riskLevel: string | null;
  actions: string;
  referral: string;
  referralDate: string | null;
  note: string;
};

const INSTRUMENTS = Object.keys(MENTAL_HEALTH_INSTRUMENTS);

/**
 * The yearly check (四(十二)): date, instrument, named scores (checked against the instrument's ranges
 * when it is a known one), risk level, actions and a referral to a medical institution.
 */
export function MentalHealthCheckForm({ childId, onClose, onDone }: { childId: number; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'mentalHealth:addCheck',
    schema: mentalHealthCheckAddSchema,
    initialValues: {
      checkedOn: toIsoDate(new Date()),
      instrument: 'SDQ',
      scores: [{ name: '困难总分', value: '' }],
      riskLevel: null,
      actions: '',
      referral: '',
      referralDate: null,
      note: '',
    } as Values,
    toInput: (v): MentalHealthCheckAddInput => ({
      childId,
      checkedOn: v.checkedOn ?? '',
      instrument: v.instrument,
      scores: v.scores.map((s) => ({ name: s.name, value: typeof s.value === 'number' ? s.value : Number.NaN })),
      riskLevel: (v.riskLevel ?? '') as MentalHealthCheckAddInput['riskLevel'],
      actions: v.actions,
      referral: v.referral,
      referralDate: v.referralDate,
      note: v.note,
    }),
    savedMessage: (row) => (row.riskLevel === 'high' ? t('wellbeing.mentalHealth.highRiskSaved') : t('wellbeing.mentalHealth.saved')),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  const values = form.getValues();
  const scaleNames = MENTAL_HEALTH_INSTRUMENTS[values.instrument.trim()]?.scales.map((s) => s.name) ?? [];
  return (
    <FormModal opened onClose={onClose} title={t('wellbeing.mentalHealth.add')} onSubmit={onSubmit} busy={busy} formError={formError} testId="mental-health-form">
      <SimpleGrid cols={2}>
        <DateField label={t('wellbeing.mentalHealth.fields.checkedOn')} withAsterisk data-autofocus {...form.getInputProps('checkedOn')} />
        <Autocomplete
          label={t('wellbeing.mentalHealth.fields.instrument')}
          description={t('wellbeing.mentalHealth.fields.instrumentHint')}
          data={INSTRUMENTS.map((value) => ({ value, label: MENTAL_HEALTH_INSTRUMENTS[value].label }))}
          {...form.getInputProps('instrument')}
        />
      </SimpleGrid>
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {t('wellbeing.mentalHealth.fields.scores')}
        </Text>
        {values.scores.map((score, i) => {
          const scale = instrumentScale(values.instrument, score.name);
          return (
            <Group key={i} align="flex-start" gap="xs" wrap="nowrap" data-testid={`score-row-${i}`}>
              <Autocomplete
                style={{ flex: 2 }}
                aria-label={t('wellbeing.mentalHealth.fields.scoreName')}
                placeholder={t('wellbeing.mentalHealth.fields.scoreName')}
                data={scaleNames}
                {...form.getInputProps(`scores.${i}.name`)}
              />
              <NumberInput
                style={{ flex: 1 }}
                aria-label={t('wellbeing.mentalHealth.fields.scoreValue')}
                placeholder={scale ? t('wellbeing.mentalHealth.scoreRange', { min: scale.min, max: scale.max }) : t('wellbeing.mentalHealth.fields.scoreValue')}
                decimalScale={2}
                {...form.getInputProps(`scores.${i}.value`)}
              />
              <ActionIcon variant="subtle" color="gray" mt={4} aria-label={t('wellbeing.mentalHealth.removeScore')} onClick={() => form.removeListItem('scores', i)}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          );
        })}
        <Group>
          <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('scores', { name: '', value: '' })}>
            {t('wellbeing.mentalHealth.addScore')}
          </Button>
        </Group>
      </Stack>
      <Radio.Group label={t('wellbeing.mentalHealth.fields.riskLevel')} withAsterisk {...form.getInputProps('riskLevel')}>
        <Group mt={4}>
          {RISK_LEVELS.map((level) => (
            <Radio key={level} value={level} label={t(`wellbeing.mentalHealth.risk.${level}`)} color={level === 'high' ? 'red' : level === 'watch' ? 'orange' : 'teal'} />
          ))}
        </Group>
      </Radio.Group>
      <Textarea label={t('wellbeing.mentalHealth.fields.actions')} autosize minRows={2} {...form.getInputProps('actions')} />
      <SimpleGrid cols={2}>
        <TextInput label={t('wellbeing.mentalHealth.fields.referral')} {...form.getInputProps('referral')} />
        <DateField label={t('wellbeing.mentalHealth.fields.referralDate')} {...form.getInputProps('referralDate')} />
      </SimpleGrid>
      <Textarea label={t('wellbeing.mentalHealth.fields.note')} autosize minRows={1} {...form.getInputProps('note')} />
    </FormModal>
  );
}

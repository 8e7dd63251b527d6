import { ActionIcon, Alert, Autocomplete, Button, Group, NumberInput, Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type MentalHealthCheckAddInput, mentalHealthCheckAddSchema } from '../../../shared/contract/mental-health';
import { toIsoDate } from '../../../shared/domain/dates';
import { MENTAL_HEALTH_INSTRUMENTS, MENTAL_HEALTH_INSTRUMENT_CODES, RISK_LEVELS, instrumentCodeOf, instrumentScale, riskFromScores } from '../../../shared/domain/mental-health';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { draftKey } from '../../components/drafts';
import { useServiceForm } from '../../components/use-service-form';
import { useI18n } from '../../i18n';

type ScoreValues = { name: string; value: number | string };
type Values = {
  checkedOn: string | null;
  instrument: string | null;
  scores: ScoreValues[];
  riskLevel: string | null;
  riskReason: string;
  actions: string;
  referral: string;
  referralDate: string | null;
  note: string;
};

const asNumber = (v: number | string) => (typeof v === 'number' ? v : Number.NaN);

/**
 * The yearly check (四(十二)): date, instrument, named scores (checked against the instrument's ranges
 * when it is a known one), risk level, actions and a referral to a medical institution.
 */
export function MentalHealthCheckForm({ childId, onClose, onDone }: { childId: number; onClose: () => void; onDone: () => void }) {
  const { t, locale } = useI18n();
  const { form, busy, formError, onSubmit, draft } = useServiceForm({
    channel: 'mentalHealth:addCheck',
    draftKey: draftKey('mentalHealthCheck', childId),
    schema: mentalHealthCheckAddSchema,
    initialValues: {
      checkedOn: toIsoDate(new Date()),
      instrument: 'SDQ',
      scores: [{ name: '困难总分', value: '' }],
      riskLevel: null,
      riskReason: '',
      actions: '',
      referral: '',
      referralDate: null,
      note: '',
    } as Values,
    toInput: (v): MentalHealthCheckAddInput => ({
      childId,
      checkedOn: v.checkedOn ?? '',
      instrument: v.instrument,
      scores: v.scores.map((s) => ({ name: s.name, value: asNumber(s.value) })),
      riskLevel: (v.riskLevel ?? '') as MentalHealthCheckAddInput['riskLevel'],
      riskReason: v.riskReason,
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
  const code = instrumentCodeOf(values.instrument);
  const instrument = code ? MENTAL_HEALTH_INSTRUMENTS[code] : null;
  const scaleNames = instrument?.scales.map((s) => s.name) ?? [];
  const read = riskFromScores(code, values.scores.map((s) => ({ name: s.name, value: asNumber(s.value) })));
  const mismatch = read !== null && values.riskLevel !== null && read.level !== values.riskLevel;
  // A new instrument brings its own scales: its main scale replaces rows that name none of them.
  const chooseInstrument = (next: string | null) => {
    form.setFieldValue('instrument', next);
    if (next === null) return;
    const scales = next && instrumentCodeOf(next) ? MENTAL_HEALTH_INSTRUMENTS[instrumentCodeOf(next)!].scales : [];
    const kept = form.getValues().scores.filter((s) => scales.some((k) => k.name === s.name));
    form.setFieldValue('scores', kept.length > 0 || scales.length === 0 ? kept : [{ name: scales[0].name, value: '' }]);
  };
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('wellbeing.mentalHealth.add')}
      onSubmit={onSubmit}
      busy={busy}
      formError={formError}
      testId="mental-health-form"
      dirty={draft?.restored}
      draft={draft}
    >
      {draft?.restored && <Alert color="blue">{t('forms.draft.restoredPlain')}</Alert>}
      <SimpleGrid cols={2}>
        <DateField label={t('wellbeing.mentalHealth.fields.checkedOn')} withAsterisk data-autofocus {...form.getInputProps('checkedOn')} />
        <Select
          label={t('wellbeing.mentalHealth.fields.instrument')}
          description={t('forms.mentalHealth.instrumentHint')}
          searchable
          clearable
          allowDeselect={false}
          data={MENTAL_HEALTH_INSTRUMENT_CODES.map((value) => ({ value, label: locale === 'en' ? MENTAL_HEALTH_INSTRUMENTS[value].en : MENTAL_HEALTH_INSTRUMENTS[value].label }))}
          {...form.getInputProps('instrument')}
          onChange={chooseInstrument}
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
              {instrument ? (
                <Select
                  style={{ flex: 2 }}
                  aria-label={t('wellbeing.mentalHealth.fields.scoreName')}
                  placeholder={t('wellbeing.mentalHealth.fields.scoreName')}
                  data={[...new Set([...scaleNames, ...(score.name && !scaleNames.includes(score.name) ? [score.name] : [])])]}
                  allowDeselect={false}
                  {...form.getInputProps(`scores.${i}.name`)}
                />
              ) : (
                <Autocomplete
                  style={{ flex: 2 }}
                  aria-label={t('wellbeing.mentalHealth.fields.scoreName')}
                  placeholder={t('wellbeing.mentalHealth.fields.scoreName')}
                  {...form.getInputProps(`scores.${i}.name`)}
                />
              )}
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
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            disabled={instrument !== null && values.scores.length >= scaleNames.length}
            onClick={() => form.insertListItem('scores', { name: scaleNames.find((n) => !values.scores.some((s) => s.name === n)) ?? '', value: '' })}
          >
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
      {read && (
        <Text size="sm" c={mismatch ? 'orange.8' : 'dimmed'} data-testid="risk-cutoff">
          {t('forms.mentalHealth.cutoff', { scale: read.scale, value: read.value, level: t(`wellbeing.mentalHealth.risk.${read.level}`) })}
          {instrument?.cutoffs ? `（${instrument.cutoffs.source}）` : ''}
        </Text>
      )}
      {(mismatch || values.riskReason !== '') && (
        <Textarea
          label={t('forms.mentalHealth.riskReason')}
          description={t('forms.mentalHealth.riskReasonHint')}
          withAsterisk={mismatch}
          autosize
          minRows={2}
          {...form.getInputProps('riskReason')}
        />
      )}
      <Textarea label={t('wellbeing.mentalHealth.fields.actions')} autosize minRows={2} {...form.getInputProps('actions')} />
      <SimpleGrid cols={2}>
        <TextInput label={t('wellbeing.mentalHealth.fields.referral')} {...form.getInputProps('referral')} />
        <DateField label={t('wellbeing.mentalHealth.fields.referralDate')} {...form.getInputProps('referralDate')} />
      </SimpleGrid>
      <Textarea label={t('wellbeing.mentalHealth.fields.note')} autosize minRows={1} {...form.getInputProps('note')} />
    </FormModal>
  );
}

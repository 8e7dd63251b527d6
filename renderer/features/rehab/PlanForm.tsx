import { ActionIcon, Alert, Button, Card, Chip, Divider, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { INTERVENTION_KINDS, type PlanSaveInput, type PlanView, planSaveSchema } from '../../../shared/contract/rehab';
import { addMonths, toIsoDate } from '../../../shared/domain/dates';
import { gasWeight } from '../../../shared/domain/rehab';
import { call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { draftKey } from '../../components/drafts';
import { useServiceForm } from '../../components/use-service-form';
import { useT } from '../../i18n';
import { gasLabel } from './rehab-format';
import { type GoalValues, type InterventionValues, type PlanValues, baselineNotBelowExpected, planValues } from './plan-revision';

type Values = PlanValues;

export type PlanFormMode = { kind: 'new' } | { kind: 'revise'; from: PlanView } | { kind: 'edit'; plan: PlanView; previous: PlanView | null };

const emptyGoal = (): GoalValues => ({
  continuesGoalId: null,
  title: '',
  icfCode: '',
  levels: { minus2: '', minus1: '', zero: '', plus1: '', plus2: '' },
  baseline: '-1',
  importance: 2,
  difficulty: 2,
});
const emptyIntervention = (startsOn: string | null): InterventionValues => ({
  kind: 'training',
  description: '',
  provider: '',
  therapistId: null,
  startsOn,
  endsOn: null,
  frequency: '',
  weekdays: [],
});

const fromPlan = planValues;

/**
 * Writing a plan: a first plan, a revision of the version in force (its goals carried over, each
 * keeping its rating history and its baseline unless changed on purpose), or an edit of the
 * version awaiting a decision. Saved as submitted for a supervisor's approval.
 */
export function PlanForm({ childId, mode, onClose, onSaved }: { childId: number; mode: PlanFormMode; onClose: () => void; onSaved: (plan: ChannelOutput<'rehab:savePlan'>) => void }) {
  const t = useT();
  const [therapists, setTherapists] = useState<{ id: number; name: string }[] | null>(null);
  useEffect(() => {
    call('rehab:therapists', null)
      .then(setTherapists)
      .catch(() => setTherapists([]));
  }, []);
  const today = toIsoDate(new Date());
  const initial: Values =
    mode.kind === 'new'
      ? { startsOn: today, reviewOn: addMonths(today, 6), summary: '', therapistIds: [], goals: [emptyGoal()], interventions: [emptyIntervention(today)] }
      : mode.kind === 'revise'
        ? fromPlan(mode.from, (g) => g.id, today < mode.from.startsOn ? mode.from.startsOn : today, addMonths(today < mode.from.startsOn ? mode.from.startsOn : today, 6))
        : fromPlan(
            mode.plan,
            (g) => mode.previous?.goals.find((p) => p.lineageId === g.lineageId)?.id ?? null,
            mode.plan.startsOn,
            mode.plan.reviewOn,
          );
  const num = (v: number | string) => (v === '' ? Number.NaN : Number(v));
  const key = draftKey('rehabPlan', childId, mode.kind, mode.kind === 'revise' ? mode.from.id : mode.kind === 'edit' ? mode.plan.id : 0);
  const baseline0 = (g: GoalValues) => {
    const from = mode.kind === 'revise' ? mode.from : mode.kind === 'edit' ? mode.previous : null;
    return from?.goals.find((p) => p.id === g.continuesGoalId)?.baseline ?? null;
  };
  const { form, busy, formError, onSubmit, notice, draft } = useServiceForm({
    channel: 'rehab:savePlan',
    part: mode.kind === 'edit' ? { entity: 'rehabPlan', id: mode.plan.id } : mode.kind === 'revise' ? { entity: 'rehabPlan', id: mode.from.id } : null,
    childId: childId,
    draftKey: key,
    initialValues: initial,
    schema: planSaveSchema,
    toInput: (v): PlanSaveInput => ({
      childId,
      planId: mode.kind === 'edit' ? mode.plan.id : null,
      revisesPlanId: mode.kind === 'revise' ? mode.from.id : null,
      startsOn: v.startsOn ?? '',
      reviewOn: v.reviewOn ?? '',
      summary: v.summary,
      therapistIds: v.therapistIds.map(Number),
      goals: v.goals.map((g) => ({
        continuesGoalId: g.continuesGoalId,
        title: g.title,
        icfCode: g.icfCode.trim() === '' ? null : g.icfCode.trim(),
        levels: g.levels,
        baseline: Number(g.baseline),
        importance: num(g.importance),
        difficulty: num(g.difficulty),
      })),
      interventions: v.interventions.map((i) => ({
        kind: (i.kind ?? '') as 'training',
        description: i.description,
        provider: i.provider,
        therapistId: i.therapistId === null ? null : Number(i.therapistId),
        startsOn: i.startsOn ?? '',
        endsOn: i.endsOn,
        frequency: i.frequency,
        weekdays: i.weekdays.map(Number),
      })),
    }),
    extraValidate: (v: Values) => ({
      reviewOn: v.reviewOn && v.startsOn && v.reviewOn < v.startsOn ? '复评日期不能早于计划开始日期' : null,
    }),
    savedMessage: (plan) => t('rehab.plan.saved', { n: plan.version }),
    onSaved: (plan) => {
      onSaved(plan);
      onClose();
    },
  });
  const v = form.getValues();
  const title =
    mode.kind === 'new'
      ? t('rehab.plan.formTitleNew')
      : mode.kind === 'revise'
        ? t('rehab.plan.formTitleRevise', { n: mode.from.version, m: mode.from.version + 1 })
        : t('rehab.plan.formTitleEdit', { n: mode.plan.version });
  const therapistData = (therapists ?? []).map((x) => ({ value: String(x.id), label: x.name }));
  const levelKeys = ['minus2', 'minus1', 'zero', 'plus1', 'plus2'] as const;
  return (
    <FormModal opened onClose={onClose} title={title} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} testId="plan-form" size="80rem" submitLabel={t('rehab.plan.submit')} dirty={draft?.restored} draft={draft}>
      {draft?.restored && <Alert color="blue">{t('forms.draft.restoredPlain')}</Alert>}
      {therapists !== null && therapists.length === 0 && <Alert color="yellow">{t('rehab.plan.noTherapists')}</Alert>}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DateField label={t('rehab.plan.startsOn')} withAsterisk clearable={false} {...form.getInputProps('startsOn')} />
        <DateField label={t('rehab.plan.reviewOn')} withAsterisk clearable={false} {...form.getInputProps('reviewOn')} />
        <MultiSelect
          label={t('rehab.plan.therapists')}
          description={t('rehab.plan.therapistsHint')}
          withAsterisk
          data={therapistData}
          searchable
          {...form.getInputProps('therapistIds')}
        />
      </SimpleGrid>
      <Textarea label={t('rehab.plan.summary')} autosize minRows={2} maxRows={6} {...form.getInputProps('summary')} />

      <Divider label={<Title order={5}>{t('rehab.goals.title')}</Title>} labelPosition="left" />
      {form.errors.goals && <Text c="red" size="sm">{form.errors.goals}</Text>}
      {v.goals.map((g, i) => (
        <Card key={i} withBorder padding="sm" data-testid={`plan-goal-${i}`}>
          <Stack gap="xs">
            <Group justify="space-between">
              <Text fw={600}>
                {t('rehab.goals.goal', { n: i + 1 })}
                {g.continuesGoalId !== null && (
                  <Text span size="xs" c="dimmed" ml="xs">
                    {t('rehab.goals.continues')}
                  </Text>
                )}
              </Text>
              <ActionIcon variant="subtle" color="red" aria-label={t('rehab.goals.remove')} onClick={() => form.removeListItem('goals', i)} disabled={v.goals.length === 1}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 6 }}>
              <TextInput label={t('rehab.goals.titleField')} withAsterisk data-autofocus={i === 0 || undefined} style={{ gridColumn: 'span 3' }} {...form.getInputProps(`goals.${i}.title`)} />
              <TextInput label={t('rehab.goals.icf')} placeholder="d450" {...form.getInputProps(`goals.${i}.icfCode`)} />
              <NumberInput label={t('rehab.goals.importance')} min={0} max={3} allowDecimal={false} {...form.getInputProps(`goals.${i}.importance`)} />
              <NumberInput label={t('rehab.goals.difficulty')} min={0} max={3} allowDecimal={false} {...form.getInputProps(`goals.${i}.difficulty`)} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 5 }}>
              {levelKeys.map((k) => (
                <Textarea key={k} label={t(`rehab.goals.level.${k}`)} withAsterisk autosize minRows={2} maxRows={4} {...form.getInputProps(`goals.${i}.levels.${k}`)} />
              ))}
            </SimpleGrid>
            <Group gap="md" align="flex-end">
              <Select
                label={t('rehab.goals.baseline')}
                w={160}
                data={[-2, -1, 0, 1, 2].map((l) => ({ value: String(l), label: gasLabel(l) }))}
                allowDeselect={false}
                {...form.getInputProps(`goals.${i}.baseline`)}
              />
              {baseline0(g) !== null && Number(g.baseline) !== baseline0(g) && (
                <Text size="sm" c="blue.8" data-testid="baseline-changed">
                  {t('forms.plan.baselineChanged', { before: gasLabel(baseline0(g)) })}
                </Text>
              )}
              {baselineNotBelowExpected(g.baseline) && (
                <Text size="sm" c="orange.8" data-testid="baseline-warning">
                  {t('forms.plan.baselineNotBelow')}
                </Text>
              )}
              <Text size="sm" c="dimmed">
                {t('rehab.goals.weight')}{t('read.colon')}{Number.isFinite(Number(g.importance) * Number(g.difficulty)) ? gasWeight(Number(g.importance), Number(g.difficulty)) : '—'}
              </Text>
            </Group>
          </Stack>
        </Card>
      ))}
      <Group>
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('goals', emptyGoal())} disabled={v.goals.length >= 20}>
          {t('rehab.goals.add')}
        </Button>
      </Group>

      <Divider label={<Title order={5}>{t('rehab.interventions.title')}</Title>} labelPosition="left" />
      {v.interventions.length === 0 && <Text c="dimmed" size="sm">{t('rehab.interventions.empty')}</Text>}
      {v.interventions.map((iv, i) => (
        <Card key={i} withBorder padding="sm" data-testid={`plan-intervention-${i}`}>
          <SimpleGrid cols={{ base: 1, sm: 4 }}>
            <Select
              label={t('rehab.interventions.kind')}
              withAsterisk
              allowDeselect={false}
              data={INTERVENTION_KINDS.map((k) => ({ value: k, label: t(`rehab.interventions.kinds.${k}`) }))}
              {...form.getInputProps(`interventions.${i}.kind`)}
            />
            <TextInput label={t('rehab.interventions.description')} withAsterisk style={{ gridColumn: 'span 2' }} {...form.getInputProps(`interventions.${i}.description`)} />
            <TextInput label={t('rehab.interventions.provider')} {...form.getInputProps(`interventions.${i}.provider`)} />
            <Select label={t('rehab.interventions.therapist')} clearable data={therapistData} {...form.getInputProps(`interventions.${i}.therapistId`)} />
            <DateField label={t('rehab.interventions.startsOn')} withAsterisk clearable={false} {...form.getInputProps(`interventions.${i}.startsOn`)} />
            <DateField label={t('rehab.interventions.endsOn')} {...form.getInputProps(`interventions.${i}.endsOn`)} />
            <TextInput label={t('rehab.interventions.frequency')} placeholder={t('rehab.interventions.frequencyHint')} {...form.getInputProps(`interventions.${i}.frequency`)} />
          </SimpleGrid>
          <Group justify="space-between" mt="xs" align="flex-end">
            {iv.kind === 'training' ? (
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('rehab.interventions.weekdays')}
                </Text>
                <Chip.Group multiple value={iv.weekdays} onChange={(days) => form.setFieldValue(`interventions.${i}.weekdays`, days)}>
                  <Group gap={4}>
                    {['1', '2', '3', '4', '5', '6', '7'].map((d) => (
                      <Chip key={d} value={d} size="xs">
                        {t(`rehab.weekdays.d${d as '1'}`)}
                      </Chip>
                    ))}
                  </Group>
                </Chip.Group>
              </Stack>
            ) : (
              <span />
            )}
            <Button variant="subtle" color="red" size="xs" leftSection={<IconTrash size={14} />} onClick={() => form.removeListItem('interventions', i)}>
              {t('rehab.interventions.remove')}
            </Button>
          </Group>
        </Card>
      ))}
      <Group>
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('interventions', emptyIntervention(v.startsOn))}>
          {t('rehab.interventions.add')}
        </Button>
      </Group>
    </FormModal>
  );
}

import { Checkbox, Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useRef } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { type SessionAmendInput, type SessionView, sessionAmendSchema, sessionEditSchema, sessionLogSchema } from '../../../shared/contract/rehab';
import { toIsoDate } from '../../../shared/domain/dates';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useServiceForm } from '../../components/use-service-form';
import { useT } from '../../i18n';
import { gasLabel, parseRating } from './rehab-format';

export type SessionGoal = { id: number; title: string; latest: number | null };

type GoalRow = { goalId: number; title: string; worked: boolean; rating: string; latest: number | null };
type Values = {
  sessionOn: string | null;
  attendance: 'attended' | 'absent';
  minutes: number | string;
  absenceReason: string;
  goals: GoalRow[];
  note: string;
  reason: string;
};

type Mode = { kind: 'log'; childId: number } | { kind: 'edit'; session: SessionView } | { kind: 'amend'; session: SessionView };

/**
 * The quick session log: date (today), minutes, attended or the reason for absence, the goals worked
 * with a rating where one was made, a note. Built for the keyboard: the minutes take the focus, Tab
 * walks the goals (Space ticks, a typed rating ticks too), Ctrl+Enter saves (Enter in the note adds a
 * line). The minutes start at the plan's 每次N分钟. Also edits a session within
 * its 7 days, or corrects it afterwards with a reason.
 */
export function SessionForm({
  mode,
  childName,
  goals,
  defaultMinutes = null,
  onClose,
  onSaved,
}: {
  mode: Mode;
  childName: string;
  goals: SessionGoal[];
  /** A new session's length as the plan gives it (每次N分钟). */
  defaultMinutes?: number | null;
  onClose: () => void;
  onSaved: (session: ChannelOutput<'rehab:logSession'>) => void;
}) {
  const t = useT();
  const existing = mode.kind === 'log' ? null : mode.session;
  const initial: Values = {
    sessionOn: existing?.sessionOn ?? toIsoDate(new Date()),
    attendance: existing && !existing.attended ? 'absent' : 'attended',
    minutes: existing ? (existing.minutes ?? '') : (defaultMinutes ?? ''),
    absenceReason: existing?.absenceReason ?? '',
    goals: goals.map((g) => {
      const done = existing?.goals.find((x) => x.goalId === g.id);
      return { goalId: g.id, title: g.title, worked: Boolean(done), rating: done?.rating === null || !done ? '' : String(done.rating), latest: g.latest };
    }),
    note: existing?.note ?? '',
    reason: '',
  };
  const worked = (v: Values) => v.goals.map((g, index) => ({ g, index })).filter(({ g }) => v.attendance === 'attended' && (g.worked || g.rating.trim() !== ''));
  const fields = (v: Values) => ({
    sessionOn: v.sessionOn ?? '',
    attended: v.attendance === 'attended',
    minutes: v.attendance === 'attended' ? (v.minutes === '' ? null : Number(v.minutes)) : null,
    absenceReason: v.attendance === 'absent' ? v.absenceReason : null,
    goals: worked(v).map(({ g }) => ({ goalId: g.goalId, rating: parseRating(g.rating) })),
    note: v.note,
  });
  const channel = mode.kind === 'log' ? 'rehab:logSession' : mode.kind === 'edit' ? 'rehab:editSession' : 'rehab:amendSession';
  const current = useRef<Values>(initial);
  const { form, busy, formError, onSubmit, notice } = useServiceForm({
    channel,
    // Editing or amending a session sends the version the tab read it at; a new one is an append.
    part: mode.kind === 'log' ? null : { entity: 'rehabSession', id: mode.session.id },
    initialValues: initial,
    schema: mode.kind === 'log' ? sessionLogSchema : mode.kind === 'edit' ? sessionEditSchema : sessionAmendSchema,
    toInput: (v) =>
      (mode.kind === 'log'
        ? { childId: mode.childId, ...fields(v) }
        : mode.kind === 'edit'
          ? { sessionId: mode.session.id, ...fields(v) }
          : { sessionId: mode.session.id, reason: v.reason, ...fields(v) }) as SessionAmendInput,
    // The contract numbers the goals worked; the form shows every goal of the plan.
    errorPath: (path: string): string => {
      const m = /^goals\.(\d+)\.(\w+)$/.exec(path);
      if (!m) return path === 'attended' ? 'attendance' : path;
      const row = worked(current.current)[Number(m[1])];
      return row ? `goals.${row.index}.${m[2] === 'goalId' ? 'rating' : m[2]}` : 'goals';
    },
    extraValidate: (v: Values) => {
      const errors: Record<string, string | null> = {};
      v.goals.forEach((g, i) => {
        if (v.attendance === 'attended' && Number.isNaN(parseRating(g.rating))) errors[`goals.${i}.rating`] = '评分应为 −2 至 2 的整数';
      });
      if (v.attendance === 'attended' && v.minutes === '') errors.minutes = '请填写时长（分钟）';
      return errors;
    },
    savedMessage: mode.kind === 'log' ? t('rehab.session.saved') : mode.kind === 'edit' ? t('rehab.session.edited') : t('rehab.session.amended'),
    onSaved: (session) => {
      onSaved(session as ChannelOutput<'rehab:logSession'>);
      onClose();
    },
  });
  const v = form.getValues();
  current.current = v;
  const title = mode.kind === 'log' ? t('rehab.session.logFor', { name: childName }) : mode.kind === 'edit' ? t('rehab.session.editTitle') : t('rehab.session.amendTitle');
  return (
    <FormModal opened onClose={onClose} title={title} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} testId="session-form" size="xl">
      {mode.kind === 'amend' && (
        <Text size="sm" c="dimmed">
          {t('rehab.session.amendHint')}
        </Text>
      )}
      <SimpleGrid cols={3}>
        <DateField label={t('rehab.session.sessionOn')} withAsterisk clearable={false} maxDate={new Date()} {...form.getInputProps('sessionOn')} />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('rehab.session.attended')}
          </Text>
          <SegmentedControl
            data={[
              { value: 'attended', label: t('rehab.session.attended') },
              { value: 'absent', label: t('rehab.session.absent') },
            ]}
            {...form.getInputProps('attendance')}
            aria-label={t('rehab.session.attended')}
          />
        </Stack>
        {v.attendance === 'attended' ? (
          <NumberInput label={t('rehab.session.minutes')} withAsterisk min={1} max={480} clampBehavior="none" allowDecimal={false} data-autofocus onFocus={(e) => e.currentTarget.select()} {...form.getInputProps('minutes')} />
        ) : (
          <TextInput label={t('rehab.session.absenceReason')} withAsterisk data-autofocus {...form.getInputProps('absenceReason')} />
        )}
      </SimpleGrid>
      {v.attendance === 'attended' && goals.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('rehab.session.goalsWorked')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('rehab.session.goalsHint')}
          </Text>
          <Table verticalSpacing={4} data-testid="session-goals">
            <Table.Tbody>
              {v.goals.map((g, i) => (
                <Table.Tr key={g.goalId}>
                  <Table.Td w={32}>
                    <Checkbox aria-label={g.title} {...form.getInputProps(`goals.${i}.worked`, { type: 'checkbox' })} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{g.title}</Text>
                    <Text size="xs" c="dimmed">
                      {t('rehab.goals.latest')}{t('read.colon')}{g.latest === null ? t('rehab.goals.notRated') : gasLabel(g.latest)}
                    </Text>
                  </Table.Td>
                  <Table.Td w={170}>
                    <TextInput
                      aria-label={t('rehab.session.ratingLabel', { title: g.title })}
                      placeholder="−2…2"
                      size="xs"
                      {...form.getInputProps(`goals.${i}.rating`)}
                      onChange={(e) => {
                        form.setFieldValue(`goals.${i}.rating`, e.currentTarget.value);
                        if (e.currentTarget.value.trim() !== '') form.setFieldValue(`goals.${i}.worked`, true);
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {form.errors.goals && (
            <Text size="xs" c="red">
              {form.errors.goals}
            </Text>
          )}
        </Stack>
      )}
      <Textarea label={t('rehab.session.note')} autosize minRows={1} maxRows={4} {...form.getInputProps('note')} />
      {mode.kind === 'amend' && <TextInput label={t('rehab.session.reason')} withAsterisk {...form.getInputProps('reason')} />}
      <Group justify="flex-start">
        <Text size="xs" c="dimmed">
          {t('rehab.session.keyboardHint')}
        </Text>
      </Group>
    </FormModal>
  );
}

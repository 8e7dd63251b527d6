import { Alert, Badge, Button, Card, Group, Loader, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconClipboardPlus, IconEdit, IconPencilPlus, IconPlus, IconPrinter, IconStethoscope } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { type RehabChild, type SessionView, voidRehabSchema } from '../../../shared/contract/rehab';
import { INSTRUMENTS, type InstrumentCode } from '../../../shared/domain/rehab';
import { call } from '../../api/client';
import { VersionsProvider } from '../../api/versions';
import { useCan } from '../../app/permissions';
import { useSessionUser } from '../../app/app-state';
import { ClauseRef } from '../../components/ClauseRef';
import { EmptyState } from '../../components/EmptyState';
import { FormModal } from '../../components/FormModal';
import { printAudited } from '../../components/print';
import { useServiceForm } from '../../components/use-service-form';
import { useI18n, useT } from '../../i18n';
import { Section } from '../record/Section';
import { DecisionForm } from './DecisionForm';
import { MeasureForm } from './MeasureForm';
import { PlanDetails, PlanStatusBadge } from './PlanDetails';
import { PlanForm, type PlanFormMode } from './PlanForm';
import { AttendanceChart, GoalChart, MeasureChart, TScoreChart } from './ProgressCharts';
import { SessionForm } from './SessionForm';
import { sessionMinutesOf } from './plan-revision';
import { gasColor, gasLabel } from './rehab-format';

/** Sessions listed before "show all". */
const SESSIONS_SHOWN = 12;

type Dialog =
  | { kind: 'plan'; mode: PlanFormMode }
  | { kind: 'decide' }
  | { kind: 'session'; mode: { kind: 'log'; childId: number } | { kind: 'edit'; session: SessionView } | { kind: 'amend'; session: SessionView } }
  | { kind: 'measure' }
  | { kind: 'voidMeasure'; id: number }
  | { kind: 'version'; planId: number }
  | null;

/** Loads a child's rehabilitation file ('rehab:child'); `reload` after every change. */
export function useRehabChild(childId: number) {
  const [data, setData] = useState<RehabChild | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    call('rehab:child', { childId })
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, [childId]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}

/**
 * The rehabilitation tab of a child's page (二(七)): the plan in force and any version awaiting a
 * decision, the goals with their latest GAS ratings, the progress charts (goal, T-score, attendance),
 * the sessions and the measures, and every earlier version. Printable.
 */
export function RehabTab({ childId }: { childId: number }) {
  const t = useT();
  const { locale } = useI18n();
  const me = useSessionUser();
  const canWrite = useCan('rehab.write');
  const canApprove = useCan('rehab.approve');
  const { data, error, reload } = useRehabChild(childId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [lineage, setLineage] = useState<number | null>(null);
  const [instrument, setInstrument] = useState<InstrumentCode | null>(null);
  const [allSessions, setAllSessions] = useState(false);

  if (error && !data) return <Alert color="red">{t('rehab.loadFailed', { message: error })}</Alert>;
  if (!data) return <Loader />;
  const active = data.plans.find((p) => p.id === data.activePlanId) ?? null;
  const pending = data.plans.find((p) => p.id === data.pendingPlanId) ?? null;
  const shown = active ?? data.plans.find((p) => p.status === 'superseded') ?? null;
  const goals = shown?.goals ?? [];
  const selectedGoal = goals.find((g) => g.lineageId === lineage) ?? goals[0] ?? null;
  const measuredInstruments = [...new Set(data.measures.map((m) => m.instrument))];
  const chartInstrument = instrument && measuredInstruments.includes(instrument) ? instrument : (measuredInstruments[0] ?? null);
  const name = (d: { zh: string; en: string }) => (locale === 'en' ? d.en : d.zh);
  const close = () => setDialog(null);
  const previousOf = (planId: number | null) => data.plans.find((p) => p.id === planId) ?? null;

  const actions = (
    <Group className="no-print" gap="xs">
      {canWrite && !active && !pending && (
        <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'plan', mode: { kind: 'new' } })}>
          {t('rehab.plan.create')}
        </Button>
      )}
      {canWrite && active && !pending && (
        <Button variant="default" leftSection={<IconPencilPlus size={16} />} onClick={() => setDialog({ kind: 'plan', mode: { kind: 'revise', from: data.plans.find((p) => p.status === 'approved') ?? active } })}>
          {t('rehab.plan.revise')}
        </Button>
      )}
      {canWrite && active && (
        <Button leftSection={<IconClipboardPlus size={16} />} onClick={() => setDialog({ kind: 'session', mode: { kind: 'log', childId } })}>
          {t('rehab.session.log')}
        </Button>
      )}
      {canWrite && (
        <Button variant="default" leftSection={<IconStethoscope size={16} />} onClick={() => setDialog({ kind: 'measure' })}>
          {t('rehab.measures.add')}
        </Button>
      )}
      <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => void printAudited('rehab', childId)}>
        {t('common.print')}
      </Button>
    </Group>
  );

  return (
    <VersionsProvider versions={data?.versions}>
    <Stack gap="md" data-testid="rehab-tab">
      <Group justify="space-between">
        <Group gap={6}>
          <Text size="sm" c="dimmed">
            {t('rehab.clause')}
          </Text>
          <ClauseRef id="二(七)" />
        </Group>
        {actions}
      </Group>
      {error && <Alert color="red">{error}</Alert>}

      {pending && (
        <Alert color={pending.status === 'changesRequested' ? 'orange' : 'yellow'} title={t('rehab.plan.pendingTitle', { n: pending.version })} data-testid="pending-plan">
          <Stack gap="xs">
            <Text size="sm">
              {pending.status === 'changesRequested'
                ? t('rehab.plan.changesHint', { comment: pending.decisions.at(-1)?.comment ?? '' })
                : active
                  ? t('rehab.plan.pendingHint', { active: active.version })
                  : t('rehab.plan.pendingNoActive')}
            </Text>
            <Group gap="xs" className="no-print">
              <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'version', planId: pending.id })}>
                {t('rehab.plan.viewVersion')}
              </Button>
              {canApprove && pending.status === 'submitted' && pending.createdBy !== me?.displayName && (
                <Button size="xs" onClick={() => setDialog({ kind: 'decide' })}>
                  {t('rehab.decision.decide')}
                </Button>
              )}
              {canWrite && (
                <Button size="xs" variant="light" leftSection={<IconEdit size={14} />} onClick={() => setDialog({ kind: 'plan', mode: { kind: 'edit', plan: pending, previous: previousOf(pending.previousPlanId) } })}>
                  {t('rehab.plan.edit')}
                </Button>
              )}
            </Group>
          </Stack>
        </Alert>
      )}

      {!shown ? (
        !pending && <EmptyState title={t('rehab.plan.none')} hint={t('rehab.plan.noneHint')} />
      ) : (
        <Section
          title={`${t('rehab.plan.title')} · ${t('rehab.plan.version', { n: shown.version })}`}
          hint={[shown.createdBy && t('rehab.plan.createdBy', { who: shown.createdBy, at: shown.createdAt.slice(0, 10) }), shown.approvedBy && t('rehab.plan.approvedBy', { who: shown.approvedBy, at: (shown.approvedAt ?? '').slice(0, 10) })]
            .filter(Boolean)
            .join(' · ')}
          action={<PlanStatusBadge plan={shown} />}
          testId="active-plan"
        >
          <PlanDetails plan={shown} onGoal={setLineage} selectedLineage={selectedGoal?.lineageId ?? null} />
        </Section>
      )}

      {shown && (
        <Section title={t('rehab.progress.title')} testId="rehab-progress">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Stack gap="xs">
              <Group justify="space-between">
                <Text fw={600} size="sm">
                  {t('rehab.progress.goal')}
                </Text>
                <Select
                  size="xs"
                  w={260}
                  aria-label={t('rehab.progress.goal')}
                  data={goals.map((g, i) => ({ value: String(g.lineageId), label: `${i + 1}. ${g.title}` }))}
                  value={selectedGoal ? String(selectedGoal.lineageId) : null}
                  onChange={(v) => v && setLineage(Number(v))}
                  allowDeselect={false}
                  className="no-print"
                />
              </Group>
              {selectedGoal && <GoalChart lineageId={selectedGoal.lineageId} baseline={selectedGoal.baseline} sessions={data.sessions} />}
            </Stack>
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {t('rehab.progress.tScore')}
              </Text>
              <TScoreChart points={data.tScores} />
              <Text size="xs" c="dimmed">
                {t('rehab.progress.tScoreHint')}
              </Text>
            </Stack>
          </SimpleGrid>
          <Text fw={600} size="sm" mt="md" mb="xs">
            {t('rehab.progress.attendance')}
          </Text>
          <AttendanceChart months={data.attendance} />
        </Section>
      )}

      <Section title={t('rehab.session.title')} testId="rehab-sessions">
        {data.sessions.length === 0 ? (
          <EmptyState title={t('rehab.session.empty')} hint={t('rehab.session.emptyHint')} />
        ) : (
          <Table striped withTableBorder data-testid="sessions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{t('rehab.session.columns.date')}</Table.Th>
                <Table.Th w={100}>{t('rehab.session.columns.therapist')}</Table.Th>
                <Table.Th w={120}>{t('rehab.session.columns.attendance')}</Table.Th>
                <Table.Th>{t('rehab.session.columns.goals')}</Table.Th>
                <Table.Th>{t('rehab.session.columns.note')}</Table.Th>
                <Table.Th w={90} className="no-print" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(allSessions ? data.sessions : data.sessions.slice(0, SESSIONS_SHOWN)).map((s) => (
                <Table.Tr key={s.id} style={s.amendedBy !== null ? { opacity: 0.55, textDecoration: 'line-through' } : undefined}>
                  <Table.Td>
                    {s.sessionOn}
                    <Text size="xs" c="dimmed">
                      #{s.id} · {t('rehab.plan.version', { n: s.planVersion })}
                    </Text>
                  </Table.Td>
                  <Table.Td>{s.therapist?.name ?? '—'}</Table.Td>
                  <Table.Td>
                    {s.attended ? (
                      <Badge color="teal" variant="light">
                        {t('rehab.session.minutesShort', { n: s.minutes ?? 0 })}
                      </Badge>
                    ) : (
                      <Badge color="orange" variant="light">
                        {t('rehab.session.absent')}
                      </Badge>
                    )}
                    {!s.attended && (
                      <Text size="xs" c="dimmed">
                        {s.absenceReason}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {s.goals.map((g) => (
                        <Badge key={g.goalId} variant="outline" color={gasColor(g.rating)} size="sm" style={{ textTransform: 'none' }}>
                          {g.title.length > 10 ? `${g.title.slice(0, 10)}…` : g.title} {g.rating === null ? '' : gasLabel(g.rating)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.note}</Text>
                    {s.amendsSessionId !== null && (
                      <Text size="xs" c="dimmed">
                        {t('rehab.session.amends', { id: s.amendsSessionId, reason: s.amendReason ?? '' })}
                        {s.amender !== null && ` · ${t('sec.amendedByPerson', { name: s.amender.name })}`}
                      </Text>
                    )}
                    {s.amendedBy !== null && (
                      <Text size="xs" c="dimmed">
                        {t('rehab.session.amendedBy', { id: s.amendedBy })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="no-print">
                    {(s.editable || s.mayAmend) && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setDialog({ kind: 'session', mode: s.editable ? { kind: 'edit', session: s } : { kind: 'amend', session: s } })}
                      >
                        {s.editable ? t('rehab.session.edit') : t('rehab.session.amend')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {data.sessions.length > SESSIONS_SHOWN && (
          <Button variant="subtle" size="xs" mt="xs" className="no-print" onClick={() => setAllSessions((v) => !v)}>
            {allSessions ? t('rehab.session.showLatest', { n: SESSIONS_SHOWN }) : t('rehab.session.showAll', { n: data.sessions.length })}
          </Button>
        )}
      </Section>

      <Section title={t('rehab.measures.title')} testId="rehab-measures">
        {data.measures.length === 0 ? (
          <EmptyState title={t('rehab.measures.empty')} hint={t('rehab.measures.emptyHint')} />
        ) : (
          <Stack>
            <Table striped withTableBorder data-testid="measures-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>{t('rehab.measures.columns.date')}</Table.Th>
                  <Table.Th>{t('rehab.measures.columns.instrument')}</Table.Th>
                  <Table.Th>{t('rehab.measures.columns.scores')}</Table.Th>
                  <Table.Th>{t('rehab.measures.columns.interpretation')}</Table.Th>
                  <Table.Th w={90}>{t('rehab.measures.columns.by')}</Table.Th>
                  <Table.Th w={70} className="no-print" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...data.measures].reverse().map((m) => {
                  const def = INSTRUMENTS[m.instrument];
                  return (
                    <Table.Tr key={m.id}>
                      <Table.Td>{m.administeredOn}</Table.Td>
                      <Table.Td>{name(def)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {def.fields
                            .filter((f) => m.scores[f.key] !== null && m.scores[f.key] !== undefined)
                            .map((f) => `${name(f)} ${m.scores[f.key]}`)
                            .join('；')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {m.interpretation ? (
                          <Group gap={4}>
                            <Badge color={m.interpretation.level === 'high' ? 'red' : m.interpretation.level === 'medium' ? 'orange' : 'teal'} variant="light" style={{ textTransform: 'none' }}>
                              {m.interpretation.label}
                            </Badge>
                            <Text size="xs" c="dimmed">
                              {t('rehab.measures.configVersion', { n: m.interpretation.version })}
                            </Text>
                          </Group>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>{m.createdBy ?? '—'}</Table.Td>
                      <Table.Td className="no-print">
                        {canWrite && (
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDialog({ kind: 'voidMeasure', id: m.id })}>
                            {t('rehab.measures.void')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            {chartInstrument && (
              <Stack gap="xs">
                <Group justify="space-between">
                  <Text fw={600} size="sm">
                    {t('rehab.measures.chart')}
                  </Text>
                  <Select
                    size="xs"
                    w={300}
                    className="no-print"
                    aria-label={t('rehab.measures.chooseInstrument')}
                    data={measuredInstruments.map((c) => ({ value: c, label: name(INSTRUMENTS[c]) }))}
                    value={chartInstrument}
                    onChange={(v) => v && setInstrument(v as InstrumentCode)}
                    allowDeselect={false}
                  />
                </Group>
                <MeasureChart instrument={chartInstrument} measures={data.measures} />
              </Stack>
            )}
          </Stack>
        )}
      </Section>

      {data.plans.length > 0 && (
        <Section title={t('rehab.plan.versions')} testId="plan-versions">
          <Table withTableBorder>
            <Table.Tbody>
              {data.plans.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td w={90}>{t('rehab.plan.version', { n: p.version })}</Table.Td>
                  <Table.Td w={150}>
                    <PlanStatusBadge plan={p} />
                  </Table.Td>
                  <Table.Td>
                    {p.startsOn} – {p.reviewOn}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {p.createdBy && t('rehab.plan.createdBy', { who: p.createdBy, at: p.createdAt.slice(0, 10) })}
                      {p.approvedBy && ` · ${t('rehab.plan.approvedBy', { who: p.approvedBy, at: (p.approvedAt ?? '').slice(0, 10) })}`}
                    </Text>
                  </Table.Td>
                  <Table.Td w={80} className="no-print">
                    <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ kind: 'version', planId: p.id })}>
                      {t('rehab.plan.viewVersion')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      )}

      {dialog?.kind === 'plan' && <PlanForm childId={childId} mode={dialog.mode} onClose={close} onSaved={reload} />}
      {dialog?.kind === 'decide' && pending && <DecisionForm plan={pending} previous={previousOf(pending.previousPlanId)} onClose={close} onDone={reload} />}
      {dialog?.kind === 'session' && (
        <SessionForm
          mode={dialog.mode}
          childName={data.childName}
          goals={(dialog.mode.kind === 'log' ? (active?.goals ?? []) : (data.plans.find((p) => p.id === (dialog.mode as { session: SessionView }).session.planId)?.goals ?? [])).map((g) => ({
            id: g.id,
            title: g.title,
            latest: g.latest?.level ?? null,
          }))}
          defaultMinutes={active ? sessionMinutesOf(active.interventions.filter((i) => i.kind === 'training').map((i) => i.frequency)) : null}
          onClose={close}
          onSaved={reload}
        />
      )}
      {dialog?.kind === 'measure' && <MeasureForm childId={childId} onClose={close} onDone={reload} />}
      {dialog?.kind === 'voidMeasure' && <VoidMeasureForm id={dialog.id} onClose={close} onDone={reload} />}
      {dialog?.kind === 'version' && (
        <Modal opened onClose={close} size="70rem" title={t('rehab.plan.version', { n: data.plans.find((p) => p.id === dialog.planId)?.version ?? 0 })}>
          {(() => {
            const plan = data.plans.find((p) => p.id === dialog.planId);
            return plan ? (
              <Card padding={0}>
                <Group mb="sm">
                  <PlanStatusBadge plan={plan} />
                </Group>
                <PlanDetails plan={plan} />
              </Card>
            ) : null;
          })()}
        </Modal>
      )}
    </Stack>
    </VersionsProvider>
  );
}

function VoidMeasureForm({ id, onClose, onDone }: { id: number; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { form, busy, formError, onSubmit, notice } = useServiceForm({
    channel: 'rehab:voidMeasure',
    part: { entity: 'rehabMeasure', id },
    initialValues: { reason: '' },
    schema: voidRehabSchema,
    toInput: (v) => ({ id, reason: v.reason }),
    savedMessage: t('rehab.measures.voided'),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  return (
    <FormModal opened onClose={onClose} title={t('rehab.measures.voidTitle')} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} danger submitLabel={t('rehab.measures.void')}>
      <TextInput label={t('record.common.voidReason')} withAsterisk data-autofocus {...form.getInputProps('reason')} />
    </FormModal>
  );
}

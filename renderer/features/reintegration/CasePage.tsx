import { Alert, Anchor, Badge, Button, Card, Group, Loader, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCheck, IconFileTypePdf, IconPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { CaseAssessment, CaseDetail, ChecklistRow, TaskRow } from '../../../shared/contract/reintegration';
import { toIsoDate } from '../../../shared/domain/dates';
import { TASK_OWNER, rubricByVersion } from '../../../shared/domain/reintegration';
import { touchesChild, useChanges } from '../../api/changes';
import { call } from '../../api/client';
import { VersionsProvider, versionIn } from '../../api/versions';
import { useCan } from '../../app/permissions';
import { ClauseRef } from '../../components/ClauseRef';
import { notifyStaleAction } from '../../components/stale-action';
import { ConfirmModal } from '../../components/ConfirmModal';
import { EmptyState } from '../../components/EmptyState';
import { LabeledValue } from '../../components/LabeledValue';
import { useI18n } from '../../i18n';
import { RecordTable } from '../record/RecordTable';
import { Section } from '../record/Section';
import {
  AssessmentForm,
  ChecklistForm,
  RehabCompleteForm,
  RehabStartForm,
  ResettleForm,
  ReturnDecisionForm,
  TaskForm,
  TransferForm,
  VisitForm,
} from './CaseForms';
import { STAGE_COLOR, districtLabel } from './labels';

type Pending =
  | { kind: 'checklist'; row: ChecklistRow }
  | { kind: 'assessment'; round: 1 | 2 }
  | { kind: 'approve'; id: number }
  | { kind: 'return'; id: number }
  | { kind: 'resettle' }
  | { kind: 'task'; row: TaskRow }
  | { kind: 'visit' }
  | { kind: 'transfer' }
  | { kind: 'rehabStart' }
  | { kind: 'rehabComplete'; id: number }
  | null;

/** The case of one young person: where it stands, and each step of 一(四) in order. */
export function CasePage() {
  const { t, locale } = useI18n();
  const caseId = Number(useParams().caseId);
  const canWrite = useCan('reintegration.write');
  const canApprove = useCan('reintegration.approve');
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const load = useCallback(() => {
    call('reintegration:get', { caseId })
      .then((d) => {
        setDetail(d);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, [caseId]);
  useEffect(load, [load]);
  // A change to this young person at another desk: read the case again (open forms keep what is typed;
  // they took their version when they opened, so a stale save is refused, never merged).
  useChanges((event) => {
    if (!event.mine && detail && touchesChild(event, detail.case.childId)) load();
  });
  const close = () => setPending(null);
  const done = { onClose: close, onDone: load };

  if (error && !detail) return <Alert color="red">{error}</Alert>;
  if (!detail) return <Loader />;
  const c = detail.case;
  const closed = c.closedOn !== null;
  const writable = canWrite && !closed;
  const live = detail.assessments.filter((a) => a.voidedAt === null);
  const hasPending = live.some((a) => a.approvedAt === null);
  const canAddRound1 = writable && !hasPending && c.status === 'assessmentDue';
  const canAddRound2 = writable && !hasPending && c.status === 'secondAssessmentDue';
  const openRehab = detail.vocationalRehab.find((v) => v.voidedAt === null && v.completedOn === null);
  const showResettle = c.status === 'resettle' || c.receivingDistrict !== null;
  const showTransfer = c.transferInstitution !== null || c.stage === 'transferred' || c.stage === 'vocationalRehab' || c.stage === 'secondAssessment';

  const assign = async (value: string | null) => {
    try {
      // At the case's version as this page read it (issue 19.4): a change made meanwhile elsewhere is not overwritten.
      await call('reintegration:assignOfficer', { caseId, officerId: value === null ? null : Number(value), expectedVersion: versionIn(detail.versions, 'reintegrationCase', caseId) });
      notifications.show({ color: 'teal', message: t('reintegration.case.assigned') });
      load();
    } catch (e) {
      if (notifyStaleAction(e, t)) return load();
      notifications.show({ color: 'red', message: (e as Error).message });
    }
  };

  // The checklist leads while the young person is being prepared; later it follows the decisions.
  const preparing = c.stage === 'preparing' || c.stage === 'assessmentDue';
  const adult = c.eighteenthBirthday < today();
  const checklist = (
    <Section
      title={t('reintegration.checklist.title')}
      hint={adult ? t('forms.checklist.hintAdult', { date: c.eighteenthBirthday }) : t('reintegration.checklist.hint')}
      testId="case-checklist"
    >
          <RecordTable
            rows={detail.checklist}
            label={t('reintegration.checklist.title')}
            emptyTitle={t('reintegration.checklist.title')}
            actions={(row) => (writable ? [{ label: t('reintegration.checklist.edit'), onClick: () => setPending({ kind: 'checklist', row }) }] : [])}
            columns={[
              { key: 'item', label: t('reintegration.checklist.columns.item'), render: (r) => t(`reintegration.checklistItems.${r.item}`) },
              { key: 'owner', label: t('reintegration.checklist.columns.owner'), render: (r) => r.owner ?? '—', nowrap: true },
              { key: 'due', label: t('reintegration.checklist.columns.due'), render: (r) => r.dueOn ?? '—', nowrap: true },
              {
                key: 'status',
                label: t('reintegration.checklist.columns.status'),
                render: (r) => <ItemStatus status={r.status} dueOn={r.dueOn} today={today()} by18={c.eighteenthBirthday} noIdNumber={r.item === 'idCard' && !detail.child.idNumber} />,
                nowrap: true,
              },
              { key: 'note', label: t('reintegration.checklist.columns.note'), render: (r) => r.note ?? '' },
            ]}
          />
        </Section>
  );

  return (
    <VersionsProvider versions={detail?.versions}>
    <Stack gap="md">
      <Anchor component={Link} to="/reintegration" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('reintegration.case.back')}
        </Group>
      </Anchor>
      {error && <Alert color="red">{error}</Alert>}
      <Card withBorder padding="md" data-testid="case-header">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
            <Group gap="sm">
              <Title order={2}>{detail.child.name}</Title>
              <Badge color={STAGE_COLOR[c.stage]} size="lg" variant="light" data-testid="case-stage">
                {t(`reintegration.stages.${c.stage}`)}
              </Badge>
              <Anchor component={Link} to={`/children/${detail.child.id}`} size="sm">
                {t('reintegration.case.childPage')}
              </Anchor>
            </Group>
            <Group gap={6} wrap="nowrap" align="flex-start">
              <div style={{ flexShrink: 0 }}>
                <ClauseRef id={c.clause} />
              </div>
              <Text size="sm">
                <b>{t(`eligibility.reintegrationStatus.${c.status}`)}</b>：{c.reason}
              </Text>
            </Group>
          </Stack>
          <Button component={Link} to={`/reintegration/${caseId}/dossier`} variant="light" leftSection={<IconFileTypePdf size={16} />}>
            {t('reintegration.case.dossier')}
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 2, md: 4 }} mt="sm">
          <LabeledValue label={t('reintegration.case.opened')} value={c.openedOn} />
          <LabeledValue label={t('reintegration.case.eighteenth')} value={c.eighteenthBirthday} />
          {writable ? (
            <Select
              label={t('reintegration.case.officer')}
              placeholder={t('reintegration.filters.unassigned')}
              size="xs"
              allowDeselect={false}
              value={c.officer ? String(c.officer.id) : null}
              onChange={(v) => void assign(v)}
              data={detail.officers.map((o) => ({ value: String(o.id), label: o.displayName }))}
            />
          ) : (
            <LabeledValue label={t('reintegration.case.officer')} value={c.officer?.displayName ?? t('reintegration.filters.unassigned')} />
          )}
          {closed && <LabeledValue label={t('reintegration.case.closedOn')} value={c.closedOn} />}
        </SimpleGrid>
        {c.missing.length > 0 && (
          <Alert color="yellow" mt="sm" title={t('reintegration.case.missing')} data-testid="case-missing">
            {c.missing.join('；')}
          </Alert>
        )}
        {c.overdue.length > 0 && (
          <Alert color="red" mt="sm" title={t('reintegration.case.overdue')}>
            {c.overdue.join('；')}
          </Alert>
        )}
      </Card>

      {preparing && checklist}
      <Section
        title={t('reintegration.assessment.title')}
        hint={t('reintegration.assessment.hint')}
        testId="case-assessments"
        action={
          (canAddRound1 || canAddRound2) && (
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setPending({ kind: 'assessment', round: canAddRound2 ? 2 : 1 })}>
              {canAddRound2 ? t('reintegration.assessment.addSecond') : t('reintegration.assessment.add')}
            </Button>
          )
        }
      >
        {detail.assessments.length === 0 ? (
          <EmptyState title={t('reintegration.assessment.empty')} />
        ) : (
          <Stack gap="sm">
            {detail.assessments.map((a) => (
              <AssessmentCard
                key={a.id}
                a={a}
                onApprove={canApprove && !closed && a.approvedAt === null && a.voidedAt === null ? () => setPending({ kind: 'approve', id: a.id }) : undefined}
                onReturn={canApprove && !closed && a.approvedAt === null && a.voidedAt === null ? () => setPending({ kind: 'return', id: a.id }) : undefined}
              />
            ))}
          </Stack>
        )}
      </Section>

      {showTransfer && (
        <Section
          title={t('reintegration.transfer.title')}
          hint={t('reintegration.transfer.hint')}
          testId="case-transfer"
          action={
            writable && (
              <Group gap="xs">
                {c.transferInstitution === null && (
                  <Button variant="light" onClick={() => setPending({ kind: 'transfer' })}>
                    {t('reintegration.transfer.record')}
                  </Button>
                )}
                {c.transferInstitution !== null && !openRehab && c.stage === 'transferred' && (
                  <Button variant="light" onClick={() => setPending({ kind: 'rehabStart' })}>
                    {t('reintegration.transfer.startRehab')}
                  </Button>
                )}
                {openRehab && (
                  <Button variant="light" onClick={() => setPending({ kind: 'rehabComplete', id: openRehab.id })}>
                    {t('reintegration.transfer.completeRehab')}
                  </Button>
                )}
              </Group>
            )
          }
        >
          <Text size="sm" mb="xs">
            {c.transferInstitution ? t('reintegration.transfer.place', { institution: c.transferInstitution, date: c.transferredOn ?? '' }) : t('reintegration.transfer.notYet')}
          </Text>
          <RecordTable
            rows={detail.vocationalRehab}
            label={t('reintegration.transfer.rehab')}
            emptyTitle={t('reintegration.transfer.noRehab')}
            columns={[
              { key: 'programme', label: t('reintegration.transfer.programme'), render: (r) => r.programme ?? r.provider ?? '—' },
              { key: 'provider', label: t('reintegration.transfer.provider'), render: (r) => r.provider ?? '—' },
              { key: 'from', label: t('reintegration.transfer.from'), render: (r) => r.from, nowrap: true },
              { key: 'end', label: t('reintegration.transfer.completedOn'), render: (r) => r.completedOn ?? t('reintegration.transfer.underway'), nowrap: true },
              { key: 'outcome', label: t('reintegration.transfer.outcome'), render: (r) => r.outcome ?? '' },
            ]}
          />
        </Section>
      )}

      {showResettle && (
        <Section
          title={t('reintegration.resettle.title')}
          hint={t('reintegration.resettle.hint')}
          testId="case-resettle"
          action={
            c.receivingDistrict === null
              ? writable && (
                  <Button variant="light" onClick={() => setPending({ kind: 'resettle' })}>
                    {t('reintegration.resettle.start')}
                  </Button>
                )
              : // Follow-up visits go on after the case has closed.
                canWrite && (
                  <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setPending({ kind: 'visit' })}>
                    {t('reintegration.resettle.addVisit')}
                  </Button>
                )
          }
        >
          {c.receivingDistrict === null ? (
            <EmptyState title={t('reintegration.resettle.notYet')} />
          ) : (
            <Stack gap="sm">
              <Text size="sm" data-testid="case-receiving">
                {t('reintegration.resettle.place', { district: districtLabel(c.receivingDistrict, locale) ?? '', street: c.receivingStreet ?? '', date: c.resettledOn ?? '' })}
              </Text>
              <RecordTable
                rows={detail.tasks}
                label={t('reintegration.resettle.columns.task')}
                emptyTitle={t('reintegration.resettle.notYet')}
                testId="case-tasks"
                actions={(row) => (writable ? [{ label: t('reintegration.resettle.editTask'), onClick: () => setPending({ kind: 'task', row }) }] : [])}
                columns={[
                  { key: 'task', label: t('reintegration.resettle.columns.task'), render: (r) => t(`reintegration.tasks.${r.task}`), nowrap: true },
                  {
                    key: 'owner',
                    label: t('reintegration.resettle.columns.owner'),
                    render: (r) => (TASK_OWNER[r.task] === 'district' ? t('reintegration.resettle.ownerDistrict') : t('reintegration.resettle.ownerStreet')),
                    nowrap: true,
                  },
                  { key: 'contact', label: t('reintegration.resettle.columns.contact'), render: (r) => r.contact ?? '—' },
                  { key: 'due', label: t('reintegration.resettle.columns.due'), render: (r) => r.dueOn ?? '—', nowrap: true },
                  { key: 'status', label: t('reintegration.resettle.columns.status'), render: (r) => <ItemStatus status={r.status} dueOn={r.dueOn} today={today()} />, nowrap: true },
                  {
                    key: 'evidence',
                    label: t('reintegration.resettle.columns.evidence'),
                    render: (r) => r.evidenceDocumentIds.map((id) => detail.documents.find((d) => d.id === id)?.title ?? `#${id}`).join('、') || '—',
                  },
                ]}
              />
              <Title order={5}>{t('reintegration.resettle.visits')}</Title>
              {detail.visits.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('reintegration.resettle.noVisits')}
                </Text>
              ) : (
                detail.visits.map((v) => (
                  <Text key={v.id} size="sm">
                    <b>{v.visitedOn}</b> {v.visitor}{t('read.colon')}{v.notes}
                  </Text>
                ))
              )}
            </Stack>
          )}
        </Section>
      )}

      {!preparing && checklist}
      {pending?.kind === 'checklist' && <ChecklistForm caseId={caseId} row={pending.row} {...done} />}
      {pending?.kind === 'assessment' && <AssessmentForm caseId={caseId} round={pending.round} {...done} />}
      {pending?.kind === 'return' && <ReturnDecisionForm caseId={caseId} assessmentId={pending.id} {...done} />}
      {pending?.kind === 'resettle' && <ResettleForm caseId={caseId} {...done} />}
      {pending?.kind === 'task' && <TaskForm caseId={caseId} row={pending.row} documents={detail.documents} {...done} />}
      {pending?.kind === 'visit' && <VisitForm caseId={caseId} {...done} />}
      {pending?.kind === 'transfer' && <TransferForm caseId={caseId} {...done} />}
      {pending?.kind === 'rehabStart' && <RehabStartForm caseId={caseId} {...done} />}
      {pending?.kind === 'rehabComplete' && <RehabCompleteForm caseId={caseId} id={pending.id} {...done} />}
      <ConfirmModal
        opened={pending?.kind === 'approve'}
        onClose={close}
        title={t('reintegration.assessment.approve')}
        message={t('reintegration.assessment.approveConfirm')}
        confirmLabel={t('reintegration.assessment.approve')}
        onConfirm={async () => {
          if (pending?.kind !== 'approve') return;
          try {
            await call('reintegration:decide', { caseId, assessmentId: pending.id, approve: true, expectedVersion: versionIn(detail.versions, 'assessment', pending.id) });
          } catch (e) {
            if (!notifyStaleAction(e, t)) throw e;
            close();
            load();
            return;
          }
          notifications.show({ color: 'teal', message: t('reintegration.assessment.approvedMsg') });
          close();
          load();
        }}
      />
    </Stack>
    </VersionsProvider>
  );
}

const today = () => toIsoDate(new Date());

/**
 * A checklist item's status: overdue when past its date or when the 18th birthday it precedes has
 * passed; 居民身份证 is never shown done while the record has no ID number.
 */
function ItemStatus({ status, dueOn, today: now, by18, noIdNumber = false }: { status: ChecklistRow['status']; dueOn: string | null; today: string; by18?: string; noIdNumber?: boolean }) {
  const { t } = useI18n();
  if (status === 'done' && noIdNumber) {
    return (
      <Badge color="orange" variant="light" title={t('forms.checklist.noIdNumber')}>
        {t('forms.checklist.doneNoId')}
      </Badge>
    );
  }
  const overdue = status !== 'done' && ((dueOn !== null && dueOn < now) || (by18 !== undefined && by18 < now));
  const color = status === 'done' ? 'green' : overdue ? 'red' : status === 'inProgress' ? 'blue' : 'gray';
  return (
    <Badge color={color} variant="light">
      {t(`reintegration.itemStatus.${status}`)}
      {overdue ? ` · ${t('forms.checklist.overdue')}` : ''}
    </Badge>
  );
}

/** One assessment: round, date, conclusion, the domain scores with evidence, reasons, approval. */
export function AssessmentCard({ a, onApprove, onReturn }: { a: CaseAssessment; onApprove?: () => void; onReturn?: () => void }) {
  const { t, locale } = useI18n();
  const rubric = a.rubricVersion ? rubricByVersion(a.rubricVersion) : null;
  const domainName = (code: string) => {
    const d = rubric?.domains.find((x) => x.code === code);
    return d ? (locale === 'en' ? d.en : d.zh) : code;
  };
  return (
    <Card withBorder padding="sm" data-testid={`assessment-${a.id}`} style={a.voidedAt ? { opacity: 0.6 } : undefined}>
      <Group justify="space-between" align="flex-start">
        <Group gap="xs">
          <Text fw={600}>
            {t('reintegration.assessment.roundN', { n: a.round })} · {a.assessedOn}
          </Text>
          <Badge color={a.result === 'capable' ? 'teal' : 'orange'} variant="light">
            {t(`reintegration.results.${a.result}`)}
          </Badge>
          {a.weightedScore !== null && <Text size="sm">{t('reintegration.assessment.weighted', { score: a.weightedScore })}</Text>}
          {a.voidedAt ? (
            <Badge color="gray">{t('reintegration.assessment.voided', { reason: a.voidReason ?? '' })}</Badge>
          ) : a.approvedAt ? (
            <Group gap={2} c="green.8">
              <IconCheck size={14} />
              <Text size="sm" c="green.8">
                {a.approvedByName
                  ? t('reintegration.assessment.approved', { name: a.approvedByName, date: a.approvedAt.slice(0, 10) })
                  : t('reintegration.assessment.approvedOn', { date: a.approvedAt.slice(0, 10) })}
              </Text>
            </Group>
          ) : (
            <Badge color="orange">{t('reintegration.assessment.pending')}</Badge>
          )}
        </Group>
        {(onApprove || onReturn) && (
          <Group gap="xs">
            {onReturn && (
              <Button size="xs" variant="default" onClick={onReturn}>
                {t('reintegration.assessment.return')}
              </Button>
            )}
            {onApprove && (
              <Button size="xs" onClick={onApprove}>
                {t('reintegration.assessment.approve')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {a.panel && (
        <Text size="sm" mt={4}>
          {t('reintegration.assessment.panel')}{t('read.colon')}{a.panel}
        </Text>
      )}
      {a.scores.length > 0 && (
        <Table mt="xs" withTableBorder fz="sm" aria-label={t('reintegration.assessment.title')}>
          <Table.Tbody>
            {a.scores.map((s) => (
              <Table.Tr key={s.domain}>
                <Table.Td w={160}>{domainName(s.domain)}</Table.Td>
                <Table.Td w={70}>{s.score}</Table.Td>
                <Table.Td w={90} c="dimmed">
                  {t('reintegration.assessment.weight', { w: Math.round(s.weight * 100) })}
                </Table.Td>
                <Table.Td>{s.evidence ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {a.reasons && (
        <Text size="sm" mt={4}>
          {t('reintegration.assessment.reasons')}{t('read.colon')}{a.reasons}
        </Text>
      )}
      {a.thresholdReason && (
        <Text size="sm" mt={4} c="orange.8">
          {t('forms.assessment.thresholdReason')}{t('read.colon')}{a.thresholdReason}
        </Text>
      )}
    </Card>
  );
}

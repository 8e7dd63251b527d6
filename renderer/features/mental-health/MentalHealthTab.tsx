import { instrumentLabel } from '../../../shared/domain/mental-health';
import { Alert, Badge, Button, Card, Group, Loader, Menu, ActionIcon, SimpleGrid, Stack, Switch, Text, Timeline } from '@mantine/core';
import { IconDots, IconLock, IconPlus, IconPrinter } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { type MentalHealthCheckRow, type MentalHealthFile, mentalHealthCloseSchema, mentalHealthVoidSchema } from '../../../shared/contract/mental-health';
import type { RiskLevel } from '../../../shared/domain/mental-health';
import { toIsoDate } from '../../../shared/domain/dates';
import { call } from '../../api/client';
import { VersionsProvider } from '../../api/versions';
import { useCan } from '../../app/permissions';
import { ClauseRef } from '../../components/ClauseRef';
import { EmptyState } from '../../components/EmptyState';
import { LabeledValue } from '../../components/LabeledValue';
import { printAudited } from '../../components/print';
import { useT } from '../../i18n';
import { Section } from '../record/Section';
import { FollowUpForm } from './FollowUpForm';
import { MentalHealthCheckForm } from './MentalHealthCheckForm';
import { ReasonModal } from './ReasonModal';

export const RISK_COLOR: Record<RiskLevel, string> = { none: 'teal', watch: 'orange', high: 'red' };

type Pending =
  | { kind: 'add' }
  | { kind: 'followUp'; check: MentalHealthCheckRow }
  | { kind: 'close'; check: MentalHealthCheckRow }
  | { kind: 'voidCheck'; check: MentalHealthCheckRow }
  | { kind: 'voidFollowUp'; check: MentalHealthCheckRow; id: number; what: string }
  | null;

/**
 * The child's mental-health file (四(十二)), shown only to roles holding mentalHealth.read: the next
 * check due, each yearly check with its scores, risk, actions, referral and follow-ups; a supervisor
 * closes a high-risk check. Loading it is audited by the service.
 */
export function MentalHealthTab({ childId, onChanged }: { childId: number; onChanged: () => void }) {
  const t = useT();
  const canWrite = useCan('mentalHealth.write');
  const canClose = useCan('mentalHealth.close');
  const [file, setFile] = useState<MentalHealthFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [showVoided, setShowVoided] = useState(false);
  const load = useCallback(() => {
    setError(null);
    call('mentalHealth:get', { childId })
      .then(setFile)
      .catch((e: Error) => setError(e.message));
  }, [childId]);
  useEffect(load, [load]);
  const done = () => {
    load();
    onChanged();
  };
  const closeModal = () => setPending(null);

  if (error) return <Alert color="red">{error}</Alert>;
  if (!file) return <Loader />;
  const today = toIsoDate(new Date());
  const voidedCount = file.checks.filter((c) => c.voidedAt !== null).length;
  const checks = file.checks.filter((c) => showVoided || c.voidedAt === null);
  const describe = (c: MentalHealthCheckRow) => `${c.checkedOn} ${instrumentLabel(c.instrument) ?? ''} ${t(`wellbeing.mentalHealth.risk.${c.riskLevel}`)}`;

  return (
    <VersionsProvider versions={file.versions}>
    <Section
      title={t('wellbeing.mentalHealth.title')}
      hint={
        <Group gap={6} component="span">
          <ClauseRef id="四(十二)" />
          <span>{t('wellbeing.mentalHealth.hint')}</span>
        </Group>
      }
      testId="mental-health-section"
      action={
        <Group gap="xs" className="no-print">
          <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => void printAudited('mentalHealth', childId)}>
            {t('wellbeing.mentalHealth.print')}
          </Button>
          {canWrite && (
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setPending({ kind: 'add' })}>
              {t('wellbeing.mentalHealth.add')}
            </Button>
          )}
        </Group>
      }
    >
      <Stack gap="md">
        <Group gap="xl" data-testid="mental-health-summary">
          <Stack gap={2}>
            <Badge color="gray" variant="outline" leftSection={<IconLock size={12} />}>
              {t('wellbeing.mentalHealth.restricted')}
            </Badge>
            <Text size="xs" c="dimmed">
              {t('wellbeing.mentalHealth.restrictedHint')}
            </Text>
          </Stack>
          <LabeledValue label={t('wellbeing.mentalHealth.lastChecked')} value={file.lastCheckedOn ?? t('wellbeing.mentalHealth.never')} />
          <LabeledValue
            label={t('wellbeing.mentalHealth.nextDue')}
            testId="mental-health-next-due"
            value={
              file.nextDueOn === null ? (
                <Text c="red" fw={600}>
                  {t('wellbeing.mentalHealth.dueNow')}
                </Text>
              ) : (
                <Group gap={6}>
                  <Text c={file.nextDueOn < today ? 'red' : undefined} fw={file.nextDueOn < today ? 600 : undefined}>
                    {file.nextDueOn}
                  </Text>
                  {file.nextDueOn < today && (
                    <Badge color="red" variant="light">
                      {t('wellbeing.mentalHealth.overdue')}
                    </Badge>
                  )}
                </Group>
              )
            }
          />
          {file.openHighRisk > 0 && (
            <Badge color="red" variant="filled" size="lg">
              {t('wellbeing.mentalHealth.openHighRisk', { n: file.openHighRisk })}
            </Badge>
          )}
        </Group>
        {checks.length === 0 ? (
          <EmptyState title={t('wellbeing.mentalHealth.empty')} hint={t('wellbeing.mentalHealth.emptyHint')} />
        ) : (
          checks.map((c) => (
            <CheckCard
              key={c.id}
              check={c}
              actions={[
                ...(canWrite && c.voidedAt === null ? [{ label: t('wellbeing.mentalHealth.addFollowUp'), onClick: () => setPending({ kind: 'followUp', check: c }) }] : []),
                ...(canClose && c.voidedAt === null && c.riskLevel === 'high' && c.closedAt === null
                  ? [{ label: t('wellbeing.mentalHealth.close'), onClick: () => setPending({ kind: 'close', check: c }) }]
                  : []),
                ...(canWrite && c.voidedAt === null && !(c.riskLevel === 'high' && c.closedAt === null)
                  ? [{ label: t('wellbeing.mentalHealth.voidCheck'), color: 'red', onClick: () => setPending({ kind: 'voidCheck', check: c }) }]
                  : []),
              ]}
              onVoidFollowUp={canWrite ? (id, what) => setPending({ kind: 'voidFollowUp', check: c, id, what }) : undefined}
            />
          ))
        )}
        {voidedCount > 0 && (
          <Group justify="flex-end" className="no-print">
            <Switch size="xs" checked={showVoided} onChange={(e) => setShowVoided(e.currentTarget.checked)} label={t('record.common.showVoided', { n: voidedCount })} />
          </Group>
        )}
      </Stack>
      {pending?.kind === 'add' && <MentalHealthCheckForm childId={childId} onClose={closeModal} onDone={done} />}
      {pending?.kind === 'followUp' && <FollowUpForm childId={childId} checkId={pending.check.id} what={describe(pending.check)} onClose={closeModal} onDone={done} />}
      {pending?.kind === 'close' && (
        <ReasonModal
          channel="mentalHealth:close"
          schema={mentalHealthCloseSchema}
          field="comment"
          toInput={(comment) => ({ childId, id: pending.check.id, comment })}
          part={{ entity: 'mentalHealthCheck', id: pending.check.id }}
          title={t('wellbeing.mentalHealth.closeTitle')}
          question={`${describe(pending.check)}。${t('wellbeing.mentalHealth.closeExplain')}`}
          label={t('wellbeing.mentalHealth.closeComment')}
          submitLabel={t('wellbeing.mentalHealth.close')}
          savedMessage={t('wellbeing.mentalHealth.closedMessage')}
          onClose={closeModal}
          onDone={done}
          testId="close-check-form"
        />
      )}
      {(pending?.kind === 'voidCheck' || pending?.kind === 'voidFollowUp') && (
        <ReasonModal
          channel="mentalHealth:void"
          schema={mentalHealthVoidSchema}
          field="reason"
          toInput={(reason) =>
            pending.kind === 'voidCheck' ? { childId, entity: 'check', id: pending.check.id, reason } : { childId, entity: 'followUp', id: pending.id, reason }
          }
          part={pending.kind === 'voidCheck' ? { entity: 'mentalHealthCheck', id: pending.check.id } : { entity: 'mentalHealthFollowUp', id: pending.id }}
          title={t('record.common.voidTitle')}
          question={t('record.common.voidQuestion', { what: pending.kind === 'voidCheck' ? describe(pending.check) : pending.what })}
          label={t('record.common.voidReason')}
          submitLabel={t('record.common.void')}
          savedMessage={t('record.common.voidedMessage')}
          danger
          onClose={closeModal}
          onDone={done}
        />
      )}
    </Section>
    </VersionsProvider>
  );
}

type Action = { label: string; onClick: () => void; color?: string };

/** One check: its date and risk, scores, actions, referral, the supervisor's closing, and follow-ups on a timeline. */
function CheckCard({ check: c, actions, onVoidFollowUp }: { check: MentalHealthCheckRow; actions: Action[]; onVoidFollowUp?: (id: number, what: string) => void }) {
  const t = useT();
  const voided = c.voidedAt !== null;
  const followUps = c.followUps.filter((f) => f.voidedAt === null);
  return (
    <Card withBorder padding="sm" data-testid="mental-health-check" data-risk={c.riskLevel} data-voided={voided || undefined} style={voided ? { opacity: 0.6 } : undefined}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <Group gap="sm">
          <Text fw={700} td={voided ? 'line-through' : undefined}>
            {c.checkedOn}
          </Text>
          <Badge color={RISK_COLOR[c.riskLevel]} variant={c.riskLevel === 'none' ? 'light' : 'filled'}>
            {t(`wellbeing.mentalHealth.risk.${c.riskLevel}`)}
          </Badge>
          {c.instrument && <Text size="sm">{instrumentLabel(c.instrument)}</Text>}
          {c.riskLevel === 'high' &&
            !voided &&
            (c.closedAt === null ? (
              <Badge color="red" variant="outline">
                {t('wellbeing.mentalHealth.awaitingClose')}
              </Badge>
            ) : (
              <Badge color="gray" variant="outline">
                {t('wellbeing.mentalHealth.closed')}
              </Badge>
            ))}
          {voided && (
            <Badge color="gray" variant="outline" title={c.voidReason ?? ''}>
              {t('record.common.voided')}
            </Badge>
          )}
        </Group>
        {actions.length > 0 && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={t('record.common.actions')} className="no-print">
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {actions.map((a) => (
                <Menu.Item key={a.label} color={a.color} onClick={a.onClick}>
                  {a.label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <LabeledValue
          label={t('wellbeing.mentalHealth.fields.scores')}
          value={c.scores.length === 0 ? t('wellbeing.mentalHealth.noScores') : c.scores.map((s) => `${s.name} ${s.value}`).join('；')}
        />
        <LabeledValue label={t('wellbeing.mentalHealth.fields.actions')} value={c.actions} />
        <LabeledValue
          label={t('wellbeing.mentalHealth.fields.referral')}
          value={c.referral ? `${c.referral}${c.referralDate ? t('wellbeing.mentalHealth.referredOn', { date: c.referralDate }) : ''}` : null}
        />
      </SimpleGrid>
      {c.riskReason && <LabeledValue label={t('forms.mentalHealth.riskReason')} value={c.riskReason} />}
      {c.note && (
        <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {c.note}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt="xs" mb={4}>
        {t('wellbeing.mentalHealth.followUps')}
        {c.createdByName && ` · ${t('wellbeing.mentalHealth.fields.recordedBy')}${t('read.colon')}${c.createdByName}`}
      </Text>
      {followUps.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('wellbeing.mentalHealth.noFollowUps')}
        </Text>
      ) : (
        <Timeline bulletSize={12} lineWidth={2} active={followUps.length - 1}>
          {followUps.map((f) => (
            <Timeline.Item
              key={f.id}
              title={
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    {f.followedOn}
                  </Text>
                  {onVoidFollowUp && !voided && (
                    <Text component="button" type="button" size="xs" c="dimmed" className="no-print" style={{ background: 'none', border: 0, cursor: 'pointer', textDecoration: 'underline' }} onClick={() => onVoidFollowUp(f.id, `${f.followedOn} ${f.note}`)}>
                      {t('wellbeing.mentalHealth.voidFollowUp')}
                    </Text>
                  )}
                </Group>
              }
            >
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {f.note}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {c.closedAt !== null && (
        <Alert color="gray" variant="light" mt="xs" p="xs" data-testid="close-comment">
          {c.closedByName
            ? t('wellbeing.mentalHealth.closedBy', { name: c.closedByName, date: toIsoDate(new Date(c.closedAt)), comment: c.closeComment ?? '' })
            : t('wellbeing.mentalHealth.closedOn', { date: toIsoDate(new Date(c.closedAt)), comment: c.closeComment ?? '' })}
        </Alert>
      )}
    </Card>
  );
}

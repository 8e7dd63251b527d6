import { Alert, Badge, Button, Group, Loader, Stack, Stepper, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconPlus, IconPrinter } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { type AutismEventRow, type AutismPathway, autismVoidSchema } from '../../../shared/contract/autism';
import { AUTISM_STAGES, type AutismStage } from '../../../shared/domain/autism';
import { call } from '../../api/client';
import { VersionsProvider } from '../../api/versions';
import { useCan } from '../../app/permissions';
import { ClauseRef } from '../../components/ClauseRef';
import { LabeledValue } from '../../components/LabeledValue';
import { printAudited } from '../../components/print';
import { useT } from '../../i18n';
import { RecordTable } from '../record/RecordTable';
import { Section } from '../record/Section';
import { ReasonModal } from '../mental-health/ReasonModal';
import { AutismEventForm } from './AutismEventForm';

type Pending = { kind: 'add' } | { kind: 'void'; row: AutismEventRow } | null;

/**
 * The autism full chain (二(七)): a stepper of the six stages showing where the child stands (the
 * furthest stage reached, with the date each was reached), the record's autism diagnosis beside the
 * pathway's, and the events.
 */
export function AutismPathwayTab({ childId }: { childId: number }) {
  const t = useT();
  const canWrite = useCan('rehab.write');
  const [pathway, setPathway] = useState<AutismPathway | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const load = useCallback(() => {
    setError(null);
    call('autism:get', { childId })
      .then(setPathway)
      .catch((e: Error) => setError(e.message));
  }, [childId]);
  useEffect(load, [load]);
  const close = () => setPending(null);

  if (error) return <Alert color="red">{error}</Alert>;
  if (!pathway) return <Loader />;
  const currentIndex = pathway.currentStage === null ? -1 : AUTISM_STAGES.indexOf(pathway.currentStage);
  const nextStage: AutismStage = AUTISM_STAGES[Math.min(currentIndex + 1, AUTISM_STAGES.length - 1)];
  const stageLabel = (s: AutismStage) => t(`wellbeing.autism.stages.${s}`);
  const record = pathway.recordDiagnosis;
  // A diagnosis that ruled autism out, with nothing after it: the child leaves the pathway there.
  const lastDiagnosis = pathway.events.filter((e) => e.voidedAt === null && e.stage === 'diagnosis').at(-1);
  const ruledOut = pathway.currentStage === 'diagnosis' && lastDiagnosis?.confirmed === false ? lastDiagnosis : null;
  const warning = pathway.consistency === 'recordMissing' || pathway.consistency === 'eventMissing' || pathway.consistency === 'conflict';

  return (
    <VersionsProvider versions={pathway.versions}>
    <Stack gap="md">
      <Section
        title={t('wellbeing.autism.title')}
        hint={
          <Group gap={6} component="span">
            <ClauseRef id="二(七)" />
            <span>{t('wellbeing.autism.hint')}</span>
          </Group>
        }
        testId="autism-pathway"
        action={
          <Group gap="xs" className="no-print">
            <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => void printAudited('autismPathway', childId)}>
              {t('wellbeing.autism.print')}
            </Button>
            {canWrite && (
              <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setPending({ kind: 'add' })}>
                {t('wellbeing.autism.add')}
              </Button>
            )}
          </Group>
        }
      >
        <Stack gap="md">
          <Text fw={600} data-testid="autism-current-stage">
            {pathway.currentStage === null
              ? t('wellbeing.autism.notStarted')
              : ruledOut
                ? t('wellbeing.autism.ruledOut', { date: ruledOut.occurredOn })
                : t('wellbeing.autism.current', { stage: stageLabel(pathway.currentStage) })}
          </Text>
          <Stepper active={currentIndex} size="xs" iconSize={28} aria-label={t('wellbeing.autism.title')}>
            {AUTISM_STAGES.map((s) => (
              <Stepper.Step
                key={s}
                label={stageLabel(s)}
                description={
                  s === 'diagnosis' && ruledOut ? `${pathway.reachedOn[s]} ${t('wellbeing.autism.confirmedNo')}` : (pathway.reachedOn[s] ?? t('wellbeing.autism.notReached'))
                }
                color={s === 'diagnosis' && ruledOut ? 'gray' : undefined}
                data-testid={`autism-step-${s}`}
                data-reached={pathway.reachedOn[s] !== undefined || undefined}
              />
            ))}
          </Stepper>
          <Group gap="lg" align="flex-start" data-testid="autism-consistency">
            <LabeledValue
              label={t('wellbeing.autism.record.label')}
              value={
                record === null
                  ? t('wellbeing.autism.record.none')
                  : record.value
                    ? t('wellbeing.autism.record.yes', { date: record.effectiveDate })
                    : t('wellbeing.autism.record.no', { date: record.effectiveDate })
              }
            />
            {pathway.consistency === 'consistent' && (
              <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />} mt={18}>
                {t('wellbeing.autism.consistency.consistent')}
              </Badge>
            )}
          </Group>
          {warning && (
            <Alert color="orange" icon={<IconAlertTriangle size={18} />} data-testid="autism-consistency-warning">
              {t(`wellbeing.autism.consistency.${pathway.consistency as 'recordMissing' | 'eventMissing' | 'conflict'}`)}
            </Alert>
          )}
          <RecordTable
            rows={[...pathway.events].reverse()}
            label={t('wellbeing.autism.title')}
            emptyTitle={t('wellbeing.autism.empty')}
            emptyHint={t('wellbeing.autism.emptyHint')}
            testId="autism-events"
            columns={[
              { key: 'date', label: t('wellbeing.autism.fields.occurredOn'), render: (r) => r.occurredOn, nowrap: true },
              {
                key: 'stage',
                label: t('wellbeing.autism.fields.stage'),
                nowrap: true,
                render: (r) => (
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm">{stageLabel(r.stage)}</Text>
                    {r.confirmed !== null && (
                      <Badge size="sm" variant="light" color={r.confirmed ? 'grape' : 'gray'}>
                        {r.confirmed ? t('wellbeing.autism.confirmedYes') : t('wellbeing.autism.confirmedNo')}
                      </Badge>
                    )}
                  </Group>
                ),
              },
              { key: 'tool', label: t('wellbeing.autism.fields.tool'), render: (r) => r.tool ?? '', nowrap: true },
              { key: 'result', label: t('wellbeing.autism.fields.result'), render: (r) => r.result ?? '' },
              { key: 'referral', label: t('wellbeing.autism.fields.referral'), render: (r) => r.referral ?? '' },
              { key: 'note', label: t('wellbeing.autism.fields.note'), render: (r) => r.note ?? '' },
            ]}
            actions={canWrite ? (r) => [{ label: t('record.common.void'), color: 'red', onClick: () => setPending({ kind: 'void', row: r }) }] : undefined}
          />
        </Stack>
      </Section>
      {pending?.kind === 'add' && <AutismEventForm childId={childId} nextStage={nextStage} onClose={close} onDone={load} />}
      {pending?.kind === 'void' && (
        <ReasonModal
          channel="autism:void"
          schema={autismVoidSchema}
          field="reason"
          toInput={(reason) => ({ childId, id: pending.row.id, reason })}
          part={{ entity: 'autismEvent', id: pending.row.id }}
          title={t('record.common.voidTitle')}
          question={t('record.common.voidQuestion', { what: `${pending.row.occurredOn} ${stageLabel(pending.row.stage)} ${pending.row.tool ?? ''}` })}
          label={t('record.common.voidReason')}
          submitLabel={t('record.common.void')}
          savedMessage={t('record.common.voidedMessage')}
          danger
          onClose={close}
          onDone={load}
        />
      )}
    </Stack>
    </VersionsProvider>
  );
}

import { Badge, Button, Stack, Text } from '@mantine/core';
import { IconArrowsExchange, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { GuardianshipRow, PlacementRow, StatusFactKind } from '../../../shared/contract/record';
import { toIsoDate } from '../../../shared/domain/dates';
import { useCan } from '../../app/permissions';
import { useT } from '../../i18n';
import { EndIntervalModal } from './EndIntervalModal';
import { GuardianshipForm } from './GuardianshipForm';
import { formatPeriod, withAside } from './labels';
import { PlacementForm } from './PlacementForm';
import { byNewest, coversDay, openInterval } from './record-format';
import { RecordTable } from './RecordTable';
import { Section } from './Section';
import { StatusFactsSection } from './StatusFactsSection';
import type { RecordTabProps } from './use-child-record';
import { VoidRowModal } from './VoidRowModal';

/** The status facts kept with placement and guardianship (autism and serious illness are under health). */
export const PLACEMENT_FACT_KINDS: readonly StatusFactKind[] = [
  'parentsStatus',
  'guardianship',
  'policeAbandonmentConfirmation',
  'courtAppointment',
  'familyIncome',
  'legalSupporterAbility',
  'suddenHardship',
  'migrant',
  'leftBehind',
];

type Pending =
  | { kind: 'placementForm' }
  | { kind: 'guardianshipForm' }
  | { kind: 'endPlacement'; row: PlacementRow }
  | { kind: 'endGuardianship'; row: GuardianshipRow }
  | { kind: 'voidPlacement'; row: PlacementRow }
  | { kind: 'voidGuardianship'; row: GuardianshipRow }
  | null;

/** Placement and guardianship as dated intervals (never overwritten), and the status facts behind the categories. */
export function PlacementTab(props: RecordTabProps) {
  const { record, onChanged } = props;
  const t = useT();
  const canWrite = useCan('children.write');
  const [pending, setPending] = useState<Pending>(null);
  const close = () => setPending(null);
  const today = toIsoDate(new Date());
  const childId = record.child.id;
  const openPlacement = openInterval(record.placements);
  const openGuardianship = openInterval(record.guardianships);
  const placementText = (r: PlacementRow) => withAside(t, t(`record.placementKinds.${r.kind}`), formatPeriod(t, r.from, r.to));
  const guardianText = (r: GuardianshipRow) => withAside(t, r.guardianName, formatPeriod(t, r.from, r.to));

  return (
    <Stack gap="md">
      <Section
        title={t('record.placement.title')}
        hint={t('record.placement.hint')}
        testId="placement-section"
        action={
          canWrite && (
            <Button
              variant="light"
              leftSection={openPlacement ? <IconArrowsExchange size={16} /> : <IconPlus size={16} />}
              onClick={() => setPending({ kind: 'placementForm' })}
            >
              {openPlacement ? t('record.placement.change') : t('record.placement.add')}
            </Button>
          )
        }
      >
        <RecordTable
          rows={byNewest(record.placements, (r) => r.from)}
          label={t('record.placement.title')}
          emptyTitle={t('record.placement.empty')}
          emptyHint={t('record.placement.emptyHint')}
          isCurrent={(r) => coversDay(r, today)}
          columns={[
            { key: 'period', label: t('record.common.periodColumn'), render: (r) => formatPeriod(t, r.from, r.to), nowrap: true },
            { key: 'kind', label: t('record.placement.fields.kind'), render: (r) => t(`record.placementKinds.${r.kind}`) },
            { key: 'place', label: t('record.placement.fields.place'), render: (r) => r.place ?? '' },
            { key: 'note', label: t('record.common.note'), render: (r) => <Text size="sm" lineClamp={2}>{r.note ?? ''}</Text> },
          ]}
          actions={
            canWrite
              ? (r) => [
                  ...(r.to === null ? [{ label: t('record.common.end'), onClick: () => setPending({ kind: 'endPlacement', row: r }) }] : []),
                  { label: t('record.common.void'), color: 'red', onClick: () => setPending({ kind: 'voidPlacement', row: r }) },
                ]
              : undefined
          }
        />
      </Section>

      <Section
        title={t('record.guardianship.title')}
        hint={t('record.guardianship.hint')}
        testId="guardianship-section"
        action={
          canWrite && (
            <Button
              variant="light"
              leftSection={openGuardianship ? <IconArrowsExchange size={16} /> : <IconPlus size={16} />}
              onClick={() => setPending({ kind: 'guardianshipForm' })}
            >
              {openGuardianship ? t('record.guardianship.change') : t('record.guardianship.add')}
            </Button>
          )
        }
      >
        <RecordTable
          rows={byNewest(record.guardianships, (r) => r.from)}
          label={t('record.guardianship.title')}
          emptyTitle={t('record.guardianship.empty')}
          emptyHint={t('record.guardianship.emptyHint')}
          isCurrent={(r) => coversDay(r, today)}
          columns={[
            { key: 'period', label: t('record.common.periodColumn'), render: (r) => formatPeriod(t, r.from, r.to), nowrap: true },
            { key: 'kind', label: t('record.guardianship.fields.kind'), render: (r) => t(`record.guardianKinds.${r.guardianKind}`), nowrap: true },
            { key: 'name', label: t('record.guardianship.fields.name'), render: (r) => r.guardianName },
            { key: 'basis', label: t('record.guardianship.fields.basis'), render: (r) => <Text size="sm" lineClamp={2} title={r.basis ?? undefined}>{r.basis ?? ''}</Text> },
            {
              key: 'court',
              label: t('record.guardianship.columns.courtAppointed'),
              render: (r) => (r.courtAppointed ? t('record.common.yes') : t('record.common.no')),
              nowrap: true,
            },
            {
              key: 'adequacy',
              label: t('record.guardianship.fields.adequacy'),
              nowrap: true,
              render: (r) => (
                <Badge variant="light" color={r.adequacy === 'adequate' ? 'teal' : 'orange'}>
                  {t(`record.adequacy.${r.adequacy}`)}
                </Badge>
              ),
            },
          ]}
          actions={
            canWrite
              ? (r) => [
                  ...(r.to === null ? [{ label: t('record.common.end'), onClick: () => setPending({ kind: 'endGuardianship', row: r }) }] : []),
                  { label: t('record.common.void'), color: 'red', onClick: () => setPending({ kind: 'voidGuardianship', row: r }) },
                ]
              : undefined
          }
        />
      </Section>

      <StatusFactsSection {...props} kinds={PLACEMENT_FACT_KINDS} title={t('record.facts.title')} hint={t('record.facts.hint')} testId="status-facts" />

      {pending?.kind === 'placementForm' && <PlacementForm childId={childId} current={openPlacement} onClose={close} onDone={onChanged} />}
      {pending?.kind === 'guardianshipForm' && <GuardianshipForm childId={childId} current={openGuardianship} onClose={close} onDone={onChanged} />}
      {pending?.kind === 'endPlacement' && (
        <EndIntervalModal
          channel="record:endPlacement"
          childId={childId}
          row={pending.row}
          title={t('record.placement.end')}
          what={placementText(pending.row)}
          onClose={close}
          onDone={onChanged}
        />
      )}
      {pending?.kind === 'endGuardianship' && (
        <EndIntervalModal
          channel="record:endGuardianship"
          childId={childId}
          row={pending.row}
          title={t('record.guardianship.end')}
          what={guardianText(pending.row)}
          onClose={close}
          onDone={onChanged}
        />
      )}
      {pending?.kind === 'voidPlacement' && (
        <VoidRowModal target={{ entity: 'placement', id: pending.row.id }} childId={childId} what={placementText(pending.row)} onClose={close} onDone={onChanged} />
      )}
      {pending?.kind === 'voidGuardianship' && (
        <VoidRowModal target={{ entity: 'guardianship', id: pending.row.id }} childId={childId} what={guardianText(pending.row)} onClose={close} onDone={onChanged} />
      )}
    </Stack>
  );
}

import { Badge, Button, Group, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { MedicalAidClaimRow } from '../../../shared/contract/record';
import { useCan } from '../../app/permissions';
import { ClauseRef } from '../../components/ClauseRef';
import { useT } from '../../i18n';
import { AidClaimForm } from './AidClaimForm';
import { aidRatio, byNewest, formatPercent, formatYuan } from './record-format';
import { RecordTable } from './RecordTable';
import { Section } from './Section';
import type { RecordTabProps } from './use-child-record';
import { VoidRowModal } from './VoidRowModal';

/** Policy 二(六): eligible medical costs aided at no less than 70%, where the clause applies. */
const POLICY_FLOOR = 0.7;

type Pending = { kind: 'form' } | { kind: 'void'; row: MedicalAidClaimRow } | null;

/**
 * Medical aid claims with the ratio aided. The floor is the one the rules give this child today
 * (二(六): 70% for the children it names); without an evaluation the policy's 70% is used.
 */
export function AidClaimsSection({ record, evaluation, onChanged }: RecordTabProps) {
  const t = useT();
  const canWrite = useCan('children.write');
  const [pending, setPending] = useState<Pending>(null);
  const close = () => setPending(null);
  const floor = evaluation ? evaluation.evaluation.medical.minAidRatio : POLICY_FLOOR;

  return (
    <Section
      title={t('record.claims.title')}
      hint={
        <Group gap={6} component="span">
          <ClauseRef id="二(六)" />
          <span>{floor !== null ? t('record.claims.floorHint', { pct: Math.round(floor * 100) }) : t('record.claims.noFloorHint')}</span>
        </Group>
      }
      testId="aid-claims-section"
      action={
        canWrite && (
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setPending({ kind: 'form' })}>
            {t('record.claims.add')}
          </Button>
        )
      }
    >
      <RecordTable
        rows={byNewest(record.medicalAidClaims, (r) => r.claimDate)}
        label={t('record.claims.title')}
        emptyTitle={t('record.claims.empty')}
        emptyHint={t('record.claims.emptyHint')}
        columns={[
          { key: 'date', label: t('record.claims.fields.claimDate'), render: (r) => r.claimDate, nowrap: true },
          { key: 'hospital', label: t('record.claims.fields.hospital'), render: (r) => r.hospital ?? '' },
          { key: 'eligible', label: t('record.claims.fields.eligibleCost'), render: (r) => formatYuan(r.eligibleCostFen), nowrap: true },
          { key: 'aided', label: t('record.claims.fields.aided'), render: (r) => formatYuan(r.aidedFen), nowrap: true },
          {
            key: 'ratio',
            label: t('record.claims.columns.ratio'),
            nowrap: true,
            render: (r) => {
              const ratio = aidRatio(r);
              if (ratio === null) return '—';
              const below = floor !== null && ratio < floor && r.voidedAt === null;
              return (
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" c={below ? 'red' : undefined} fw={below ? 600 : undefined}>
                    {formatPercent(ratio)}
                  </Text>
                  {below && (
                    <Badge color="red" variant="light" data-testid="aid-below-floor">
                      {t('record.claims.belowFloor', { pct: Math.round(floor * 100) })}
                    </Badge>
                  )}
                </Group>
              );
            },
          },
        ]}
        actions={canWrite ? (r) => [{ label: t('record.common.void'), color: 'red', onClick: () => setPending({ kind: 'void', row: r }) }] : undefined}
      />
      {pending?.kind === 'form' && <AidClaimForm childId={record.child.id} floor={floor} onClose={close} onDone={onChanged} />}
      {pending?.kind === 'void' && (
        <VoidRowModal
          target={{ entity: 'medicalAidClaim', id: pending.row.id }}
          childId={record.child.id}
          what={`${pending.row.claimDate} ${pending.row.hospital ?? ''} ${formatYuan(pending.row.aidedFen)}`}
          onClose={close}
          onDone={onChanged}
        />
      )}
    </Section>
  );
}

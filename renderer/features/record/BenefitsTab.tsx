import { Alert, Badge, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { BenefitRow } from '../../../shared/contract/record';
import { toIsoDate } from '../../../shared/domain/dates';
import { useCan } from '../../app/permissions';
import { ClauseRef } from '../../components/ClauseRef';
import { useT } from '../../i18n';
import { BenefitForm } from './BenefitForm';
import { EndIntervalModal } from './EndIntervalModal';
import { formatPeriod, labelled, withAside } from './labels';
import { byNewest, coversDay, formatYuan } from './record-format';
import { RecordTable } from './RecordTable';
import { Section } from './Section';
import type { RecordTabProps } from './use-child-record';
import { VoidRowModal } from './VoidRowModal';

type Pending = { kind: 'form' } | { kind: 'end'; row: BenefitRow } | { kind: 'void'; row: BenefitRow } | null;

/**
 * Benefits received as dated intervals with the monthly amount; the ones that may not be received
 * together, or that the policy no longer gives today, are marked (the eligibility tab says why).
 */
export function BenefitsTab({ record, evaluation, onChanged }: RecordTabProps) {
  const t = useT();
  const canWrite = useCan('children.write');
  const [pending, setPending] = useState<Pending>(null);
  const close = () => setPending(null);
  const today = toIsoDate(new Date());
  const childId = record.child.id;
  const ev = evaluation?.evaluation;
  const conflicting = new Set(ev?.conflicts.flatMap((c) => c.codes) ?? []);
  const stopping = new Set(ev?.receivingIneligible ?? []);
  const describe = (r: BenefitRow) => withAside(t, t(`benefits.${r.code}`), formatPeriod(t, r.from, r.to));

  return (
    <Section
      title={t('record.benefits.title')}
      hint={t('record.benefits.hint')}
      testId="benefits-section"
      action={
        canWrite && (
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setPending({ kind: 'form' })}>
            {t('record.benefits.add')}
          </Button>
        )
      }
    >
      {ev && ev.conflicts.length > 0 && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} mb="sm" title={t('eligibility.conflicts')}>
          {ev.conflicts.map((c) => (
            <Group key={c.codes.join('+')} gap={6} wrap="nowrap" align="flex-start">
              <ClauseRef id={c.clause} />
              <Text size="sm">
                {labelled(t, `${t(`benefits.${c.codes[0]}`)} + ${t(`benefits.${c.codes[1]}`)}`, c.reason)}
              </Text>
            </Group>
          ))}
        </Alert>
      )}
      <RecordTable
        rows={byNewest(record.benefits, (r) => r.from)}
        label={t('record.benefits.title')}
        emptyTitle={t('record.benefits.empty')}
        emptyHint={t('record.benefits.emptyHint')}
        isCurrent={(r) => coversDay(r, today)}
        columns={[
          { key: 'period', label: t('record.common.periodColumn'), render: (r) => formatPeriod(t, r.from, r.to), nowrap: true },
          {
            key: 'code',
            label: t('record.benefits.fields.code'),
            render: (r) => (
              <Group gap={6}>
                <Text size="sm">{t(`benefits.${r.code}`)}</Text>
                {coversDay(r, today) && conflicting.has(r.code) && (
                  <Badge color="red" variant="light">
                    {t('record.benefits.conflict')}
                  </Badge>
                )}
                {coversDay(r, today) && stopping.has(r.code) && (
                  <Badge color="red" variant="light">
                    {t('record.benefits.shouldStop')}
                  </Badge>
                )}
              </Group>
            ),
          },
          { key: 'amount', label: t('record.benefits.fields.monthlyAmount'), render: (r) => (r.monthlyAmountFen === null ? '' : formatYuan(r.monthlyAmountFen)), nowrap: true },
          { key: 'note', label: t('record.common.note'), render: (r) => <Text size="sm" lineClamp={2}>{r.note ?? ''}</Text> },
        ]}
        actions={
          canWrite
            ? (r) => [
                ...(r.to === null ? [{ label: t('record.common.end'), onClick: () => setPending({ kind: 'end', row: r }) }] : []),
                { label: t('record.common.void'), color: 'red', onClick: () => setPending({ kind: 'void', row: r }) },
              ]
            : undefined
        }
      />
      {pending?.kind === 'form' && <BenefitForm childId={childId} onClose={close} onDone={onChanged} />}
      {pending?.kind === 'end' && (
        <EndIntervalModal channel="record:endBenefit" childId={childId} row={pending.row} title={t('record.benefits.end')} what={describe(pending.row)} onClose={close} onDone={onChanged} />
      )}
      {pending?.kind === 'void' && (
        <VoidRowModal target={{ entity: 'benefit', id: pending.row.id }} childId={childId} what={describe(pending.row)} onClose={close} onDone={onChanged} />
      )}
    </Section>
  );
}

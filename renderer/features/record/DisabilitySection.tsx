import { Badge, Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { DisabilityRow } from '../../../shared/contract/record';
import { toIsoDate } from '../../../shared/domain/dates';
import { useCan } from '../../app/permissions';
import { useT } from '../../i18n';
import { DisabilityForm } from './DisabilityForm';
import { EndIntervalModal } from './EndIntervalModal';
import { formatPeriod, withAside } from './labels';
import { byNewest, coversDay, openInterval } from './record-format';
import { RecordTable } from './RecordTable';
import { Section } from './Section';
import type { RecordTabProps } from './use-child-record';
import { VoidRowModal } from './VoidRowModal';

type Pending = { kind: 'form' } | { kind: 'end'; row: DisabilityRow } | { kind: 'void'; row: DisabilityRow } | null;

/** Disability certificates over time: number, category, grade, validity; one in force at a time. */
export function DisabilitySection({ record, onChanged }: RecordTabProps) {
  const t = useT();
  const canWrite = useCan('children.write');
  const [pending, setPending] = useState<Pending>(null);
  const close = () => setPending(null);
  const today = toIsoDate(new Date());
  const childId = record.child.id;
  const describe = (r: DisabilityRow) => withAside(t, `${t(`record.disability.categories.${r.category}`)} ${t(`record.disability.grades.${r.grade}`)}`, formatPeriod(t, r.from, r.to));

  return (
    <Section
      title={t('record.disability.title')}
      hint={t('record.disability.hint')}
      testId="disability-section"
      action={
        canWrite && (
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setPending({ kind: 'form' })}>
            {t('record.disability.add')}
          </Button>
        )
      }
    >
      <RecordTable
        rows={byNewest(record.disabilities, (r) => r.from)}
        label={t('record.disability.title')}
        emptyTitle={t('record.disability.empty')}
        emptyHint={t('record.disability.emptyHint')}
        isCurrent={(r) => coversDay(r, today)}
        columns={[
          { key: 'period', label: t('record.common.periodColumn'), render: (r) => formatPeriod(t, r.from, r.to), nowrap: true },
          { key: 'category', label: t('record.disability.fields.category'), render: (r) => t(`record.disability.categories.${r.category}`), nowrap: true },
          { key: 'grade', label: t('record.disability.fields.grade'), render: (r) => t(`record.disability.grades.${r.grade}`), nowrap: true },
          { key: 'number', label: t('record.disability.fields.certificateNumber'), render: (r) => r.certificateNumber ?? t('record.disability.noCertificate') },
          { key: 'issued', label: t('record.disability.fields.issuedOn'), render: (r) => r.issuedOn ?? '', nowrap: true },
          {
            key: 'valid',
            label: t('record.disability.fields.validUntil'),
            nowrap: true,
            render: (r) =>
              r.validUntil && r.validUntil < today && r.voidedAt === null ? (
                <Badge color="orange" variant="light">
                  {t('record.disability.expired', { date: r.validUntil })}
                </Badge>
              ) : (
                (r.validUntil ?? '')
              ),
          },
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
      {pending?.kind === 'form' && <DisabilityForm child={record.child} current={openInterval(record.disabilities)} onClose={close} onDone={onChanged} />}
      {pending?.kind === 'end' && (
        <EndIntervalModal channel="record:endDisability" childId={childId} row={pending.row} title={t('record.disability.end')} what={describe(pending.row)} onClose={close} onDone={onChanged} />
      )}
      {pending?.kind === 'void' && (
        <VoidRowModal target={{ entity: 'disability', id: pending.row.id }} childId={childId} what={describe(pending.row)} onClose={close} onDone={onChanged} />
      )}
    </Section>
  );
}

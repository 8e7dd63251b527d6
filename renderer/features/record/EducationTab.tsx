import { Badge, Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { EducationRow } from '../../../shared/contract/record';
import { toIsoDate } from '../../../shared/domain/dates';
import { useCan } from '../../app/permissions';
import { useT } from '../../i18n';
import { EducationForm } from './EducationForm';
import { byNewest } from './record-format';
import { RecordTable } from './RecordTable';
import { Section } from './Section';
import type { RecordTabProps } from './use-child-record';
import { VoidRowModal } from './VoidRowModal';
import { withAside } from './labels';

type Pending = { kind: 'form'; row: EducationRow | null } | { kind: 'void'; row: EducationRow } | null;

/** Enrolments: stage, school, full-time, enrolment, standard duration, expected and actual completion. */
export function EducationTab({ record, onChanged }: RecordTabProps) {
  const t = useT();
  const canWrite = useCan('children.write');
  const [pending, setPending] = useState<Pending>(null);
  const close = () => setPending(null);
  const today = toIsoDate(new Date());
  const childId = record.child.id;

  return (
    <Section
      title={t('record.education.title')}
      hint={t('record.education.hint')}
      testId="education-section"
      action={
        canWrite && (
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setPending({ kind: 'form', row: null })}>
            {t('record.education.add')}
          </Button>
        )
      }
    >
      <RecordTable
        rows={byNewest(record.education, (r) => r.enrolmentDate)}
        label={t('record.education.title')}
        emptyTitle={t('record.education.empty')}
        emptyHint={t('record.education.emptyHint')}
        isCurrent={(r) => r.enrolmentDate <= today && r.actualCompletion === null}
        columns={[
          { key: 'stage', label: t('record.education.fields.stage'), render: (r) => t(`record.education.stages.${r.stage}`), nowrap: true },
          { key: 'school', label: t('record.education.fields.school'), render: (r) => r.school ?? '' },
          {
            key: 'fullTime',
            label: t('record.education.columns.fullTime'),
            render: (r) => (r.fullTime ? t('record.education.fullTime') : t('record.education.partTime')),
          },
          { key: 'enrolment', label: t('record.education.fields.enrolmentDate'), render: (r) => r.enrolmentDate, nowrap: true },
          { key: 'duration', label: t('record.education.columns.duration'), render: (r) => t('record.education.years', { n: r.standardDurationYears }), nowrap: true },
          { key: 'expected', label: t('record.education.fields.expectedCompletion'), render: (r) => r.expectedCompletion ?? '', nowrap: true },
          { key: 'actual', label: t('record.education.fields.actualCompletion'), render: (r) => r.actualCompletion ?? '', nowrap: true },
          {
            key: 'outcome',
            label: t('record.education.fields.outcome'),
            render: (r) =>
              r.outcome ? (
                <Badge variant="light" color={r.outcome === 'graduated' ? 'teal' : 'orange'}>
                  {t(`record.education.outcomes.${r.outcome}`)}
                </Badge>
              ) : (
                ''
              ),
          },
        ]}
        actions={
          canWrite
            ? (r) => [
                { label: t('record.common.edit'), onClick: () => setPending({ kind: 'form', row: r }) },
                { label: t('record.common.void'), color: 'red', onClick: () => setPending({ kind: 'void', row: r }) },
              ]
            : undefined
        }
      />
      {pending?.kind === 'form' && <EducationForm childId={childId} row={pending.row} onClose={close} onDone={onChanged} />}
      {pending?.kind === 'void' && (
        <VoidRowModal
          target={{ entity: 'education', id: pending.row.id }}
          childId={childId}
          what={withAside(t, `${t(`record.education.stages.${pending.row.stage}`)} ${pending.row.school ?? ''}`.trim(), pending.row.enrolmentDate)}
          onClose={close}
          onDone={onChanged}
        />
      )}
    </Section>
  );
}

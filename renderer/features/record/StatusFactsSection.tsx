import { Anchor, Button, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { STATUS_FACT_KINDS, type StatusFactKind, type StatusFactRow } from '../../../shared/contract/record';
import { toIsoDate } from '../../../shared/domain/dates';
import { useCan } from '../../app/permissions';
import { useT } from '../../i18n';
import { formatPeriod, labelled, withAside } from './labels';
import { liveRows } from './record-format';
import { RecordTable } from './RecordTable';
import { Section } from './Section';
import { StatusFactForm } from './StatusFactForm';
import { currentFactIds, describeFact } from './status-facts';
import type { RecordTabProps } from './use-child-record';
import { VoidRowModal } from './VoidRowModal';

/** The status facts of some kinds, each dated with its evidence; the ones in force today marked 当前. */
export function StatusFactsSection({ record, onChanged, kinds, title, hint, testId }: RecordTabProps & { kinds: readonly StatusFactKind[]; title: string; hint?: string; testId?: string }) {
  const t = useT();
  const canWrite = useCan('children.write');
  const [adding, setAdding] = useState(false);
  const [voiding, setVoiding] = useState<StatusFactRow | null>(null);
  const rows = record.statusFacts
    .filter((r) => kinds.includes(r.fact.kind))
    .sort((a, b) => STATUS_FACT_KINDS.indexOf(a.fact.kind) - STATUS_FACT_KINDS.indexOf(b.fact.kind) || b.effectiveDate.localeCompare(a.effectiveDate) || b.id - a.id);
  const current = currentFactIds(record.statusFacts, toIsoDate(new Date()));
  const documentTitle = (id: number | null) => record.documents.find((d) => d.id === id)?.title ?? null;

  return (
    <Section
      title={title}
      hint={hint}
      testId={testId}
      action={
        canWrite && (
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('record.facts.add')}
          </Button>
        )
      }
    >
      <RecordTable
        rows={rows}
        label={title}
        emptyTitle={t('record.facts.empty')}
        emptyHint={t('record.facts.emptyHint')}
        isCurrent={(r) => current.has(r.id)}
        columns={[
          { key: 'kind', label: t('record.facts.columns.kind'), render: (r) => t(`record.facts.kinds.${r.fact.kind}`), nowrap: true },
          { key: 'value', label: t('record.facts.columns.value'), render: (r) => describeFact(r.fact, t) },
          { key: 'effective', label: t('record.facts.columns.effective'), render: (r) => (r.validUntil ? formatPeriod(t, r.effectiveDate, r.validUntil) : t('record.facts.since', { from: r.effectiveDate })), nowrap: true },
          {
            key: 'evidence',
            label: t('record.facts.columns.evidence'),
            render: (r) => (
              <Text size="sm">
                {r.evidence ?? ''}
                {r.documentId !== null && (
                  <Anchor size="sm" ml={r.evidence ? 6 : 0} href={`#/children/${record.child.id}/documents`}>
                    {documentTitle(r.documentId) ?? t('record.facts.document')}
                  </Anchor>
                )}
              </Text>
            ),
          },
        ]}
        actions={canWrite ? (r) => [{ label: t('record.common.void'), color: 'red', onClick: () => setVoiding(r) }] : undefined}
      />
      {adding && (
        <StatusFactForm childId={record.child.id} kinds={kinds} documents={liveRows(record.documents)} onClose={() => setAdding(false)} onDone={onChanged} />
      )}
      {voiding && (
        <VoidRowModal
          target={{ entity: 'statusFact', id: voiding.id }}
          childId={record.child.id}
          what={withAside(t, labelled(t, t(`record.facts.kinds.${voiding.fact.kind}`), describeFact(voiding.fact, t)), voiding.effectiveDate)}
          onClose={() => setVoiding(null)}
          onDone={onChanged}
        />
      )}
    </Section>
  );
}

import { Alert, Anchor, Badge, Card, Group, Loader, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ChannelOutput } from '../../../shared/contract';
import type { PipelineCase } from '../../../shared/contract/reintegration';
import { SHANGHAI_DISTRICTS } from '../../../shared/domain/districts';
import { CASE_STAGES } from '../../../shared/domain/reintegration';
import { call } from '../../api/client';
import { ClauseRef } from '../../components/ClauseRef';
import { EmptyState } from '../../components/EmptyState';
import { useI18n } from '../../i18n';
import { STAGE_COLOR, districtLabel } from './labels';

type Board = ChannelOutput<'reintegration:pipeline'>;
const FILTER_KEY = 'tonghu.reintegration.filters';

/** The pipeline board: every case grouped by stage, with what is missing and overdue; filters by officer and district. */
export function PipelinePage() {
  const { t, locale } = useI18n();
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filters, setFilters] = useState<{ officer: string | null; district: string | null }>(() => {
    try {
      return { officer: null, district: null, ...JSON.parse(sessionStorage.getItem(FILTER_KEY) ?? '{}') };
    } catch {
      return { officer: null, district: null };
    }
  });
  const load = useCallback(() => {
    setError(null);
    call('reintegration:pipeline', {})
      .then(setBoard)
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(load, [load]);
  const setFilter = (key: 'officer' | 'district', value: string | null) => {
    const next = { ...filters, [key]: value };
    sessionStorage.setItem(FILTER_KEY, JSON.stringify(next));
    setFilters(next);
  };

  const cases = useMemo(
    () =>
      (board?.cases ?? []).filter(
        (c) =>
          (filters.officer === null || (filters.officer === 'none' ? c.officer === null : String(c.officer?.id) === filters.officer)) &&
          (filters.district === null || c.receivingDistrict === filters.district),
      ),
    [board, filters],
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap="xs">
            <Title order={2}>{t('reintegration.title')}</Title>
            <ClauseRef id="一(四)" />
          </Group>
          <Text size="sm" c="dimmed">
            {t('reintegration.hint')}
          </Text>
        </div>
        <Group gap="xs">
          <Select
            label={t('reintegration.filters.officer')}
            placeholder={t('reintegration.filters.all')}
            clearable
            size="xs"
            w={160}
            value={filters.officer}
            onChange={(v) => setFilter('officer', v)}
            data={[{ value: 'none', label: t('reintegration.filters.unassigned') }, ...(board?.officers ?? []).map((o) => ({ value: String(o.id), label: o.displayName }))]}
          />
          <Select
            label={t('reintegration.filters.district')}
            placeholder={t('reintegration.filters.all')}
            clearable
            searchable
            size="xs"
            w={160}
            value={filters.district}
            onChange={(v) => setFilter('district', v)}
            data={SHANGHAI_DISTRICTS.map((d) => ({ value: d.code, label: districtLabel(d.code, locale) ?? d.code }))}
          />
        </Group>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {!board && !error && <Loader />}
      {board && board.cases.length === 0 && <EmptyState title={t('reintegration.board.empty')} hint={t('reintegration.board.emptyHint')} />}
      {board && board.cases.length > 0 && cases.length === 0 && <EmptyState title={t('reintegration.board.noMatch')} />}
      {board &&
        cases.length > 0 &&
        CASE_STAGES.map((stage) => {
          const inStage = cases.filter((c) => c.stage === stage);
          if (inStage.length === 0) return null;
          return <StageGroup key={stage} stage={stage} cases={inStage} />;
        })}
    </Stack>
  );
}

function StageGroup({ stage, cases }: { stage: PipelineCase['stage']; cases: PipelineCase[] }) {
  const { t, locale } = useI18n();
  const label = t(`reintegration.stages.${stage}`);
  return (
    <Card withBorder padding="sm" data-testid={`stage-${stage}`}>
      <Group gap="xs" mb="xs">
        <Badge color={STAGE_COLOR[stage]} variant="light" size="lg">
          {label}
        </Badge>
        <Text size="sm" c="dimmed">
          {t('reintegration.board.count', { n: cases.length })}
        </Text>
      </Group>
      <Table striped highlightOnHover aria-label={label} layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>{t('reintegration.board.columns.child')}</Table.Th>
            <Table.Th w={110}>{t('reintegration.board.columns.eighteenth')}</Table.Th>
            <Table.Th w={100}>{t('reintegration.board.columns.officer')}</Table.Th>
            <Table.Th w={90}>{t('reintegration.board.columns.district')}</Table.Th>
            <Table.Th>{t('reintegration.board.columns.missing')}</Table.Th>
            <Table.Th w={110}>{t('reintegration.board.columns.overdue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cases.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Anchor component={Link} to={`/reintegration/${c.id}`} fw={600}>
                  {c.childName}
                </Anchor>
              </Table.Td>
              <Table.Td>{c.eighteenthBirthday}</Table.Td>
              <Table.Td>{c.officer?.displayName ?? <Text c="dimmed" size="sm">{t('reintegration.filters.unassigned')}</Text>}</Table.Td>
              <Table.Td>{districtLabel(c.receivingDistrict, locale) ?? '—'}</Table.Td>
              <Table.Td>
                <Text size="sm" c={c.missing.length > 0 ? undefined : 'dimmed'}>
                  {c.missing.length > 0 ? c.missing.join('；') : t('reintegration.board.nothingMissing')}
                </Text>
              </Table.Td>
              <Table.Td>
                {c.overdue.length > 0 ? (
                  <Tooltip multiline w={300} label={c.overdue.join('；')}>
                    <Badge color="red" variant="light" tabIndex={0}>
                      {t('reintegration.board.overdueCount', { n: c.overdue.length })}
                    </Badge>
                  </Tooltip>
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

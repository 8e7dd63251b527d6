import { BarChart } from '@mantine/charts';
import { Alert, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconChartBar, IconPrinter } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { Statistics } from '../../../shared/contract/reports';
import { addMonths, toIsoDate } from '../../../shared/domain/dates';
import { districtName } from '../../../shared/domain/districts';
import { ApiError, call } from '../../api/client';
import { ClauseRef } from '../../components/ClauseRef';
import { DateField } from '../../components/DateField';
import { EmptyState } from '../../components/EmptyState';
import { printAudited } from '../../components/print';
import { type MessageKey, useI18n } from '../../i18n';

type Bar = { label: string; count: number };

/** The 合计 of a statistics table's column. */
export function sumOf<T>(rows: readonly T[], value: (row: T) => number): number {
  return rows.reduce((sum, row) => sum + value(row), 0);
}

/** One figure: a bar chart and the same numbers as a table (the table is what prints reliably). */
function CountCard({
  title,
  hint,
  bars,
  vertical,
  itemHeader,
  perCategory,
}: {
  title: string;
  hint?: string;
  bars: Bar[];
  vertical?: boolean;
  itemHeader: string;
  /** A child may count in several rows: the 合计 is a count of times, not of children. */
  perCategory?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Card withBorder className="report-card">
      <Stack gap="xs">
        <div>
          <Text fw={600}>{title}</Text>
          {hint && (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          )}
        </div>
        <BarChart
          h={vertical ? Math.max(160, bars.length * 30) : 200}
          data={bars}
          dataKey="label"
          orientation={vertical ? 'vertical' : 'horizontal'}
          yAxisProps={vertical ? { width: 160, interval: 0 } : { allowDecimals: false }}
          xAxisProps={vertical ? { allowDecimals: false } : undefined}
          series={[{ name: 'count', label: t('reports.columns.count'), color: 'teal.6' }]}
          withTooltip={false}
          withBarValueLabel
        />
        <Table withTableBorder striped aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{itemHeader}</Table.Th>
              <Table.Th ta="right">{t('reports.columns.count')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bars.map((b) => (
              <Table.Tr key={b.label}>
                <Table.Td>{b.label}</Table.Td>
                <Table.Td ta="right">{b.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Th>{perCategory ? t('read.totals.totalTimes') : t('read.totals.total')}</Table.Th>
              <Table.Th ta="right">{sumOf(bars, (b) => b.count)}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Stack>
    </Card>
  );
}

/** 统计报表 (七(二十一)): counts of the children in care, 18th birthdays per quarter, rehabilitation activity, reintegration outcomes; printable. */
export function ReportsPage() {
  const { t, locale } = useI18n();
  const today = toIsoDate(new Date());
  const [from, setFrom] = useState<string | null>(addMonths(today, -6));
  const [to, setTo] = useState<string | null>(today);
  const [data, setData] = useState<Statistics | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (f: string | null, u: string | null) => {
    setBusy(true);
    setErrors({});
    try {
      setData(await call('reports:statistics', { from: f ?? '', to: u ?? '' }));
    } catch (error) {
      setErrors({ [error instanceof ApiError && error.field ? error.field : 'form']: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }, []);
  // The first figures, for the default period, as the page opens.
  useEffect(() => void load(addMonths(today, -6), today), [load, today]);

  const district = (key: string) =>
    key === 'other' ? t('registry.filters.otherProvince') : key === 'unknown' ? t('reports.unknownDistrict') : (districtName(key, locale === 'en' ? 'en' : 'zh') ?? key);
  const placement = (key: string) => (key === 'none' ? t('registry.filters.noPlacement') : t(`registry.values.placement.${key}` as MessageKey));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group gap="xs" align="baseline">
          <Title order={2}>{t('nav.reports')}</Title>
          <ClauseRef id="七(二十一)" />
        </Group>
        <Group align="flex-end" className="no-print">
          <DateField label={t('reports.from')} value={from} onChange={setFrom} error={errors.from} clearable={false} w={150} />
          <DateField label={t('reports.to')} value={to} onChange={setTo} error={errors.to} clearable={false} w={150} />
          <Button leftSection={<IconChartBar size={16} />} loading={busy} onClick={() => void load(from, to)}>
            {t('reports.apply')}
          </Button>
          <Button variant="default" leftSection={<IconPrinter size={16} />} disabled={!data} onClick={() => void printAudited('statistics')}>
            {t('reports.print')}
          </Button>
        </Group>
      </Group>
      {errors.form && <Alert color="red">{errors.form}</Alert>}
      {!data && busy && (
        <Group>
          <Loader size="sm" />
          <Text>{t('reports.loading')}</Text>
        </Group>
      )}
      {data && (
        <>
          <Text c="dimmed" size="sm">
            {t('reports.asOf', { n: data.inCare, date: data.to, from: data.from, to: data.to })}
          </Text>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <CountCard
              title={t('reports.sections.byCategory')}
              hint={t('reports.categoryHint')}
              itemHeader={t('reports.columns.item')}
              vertical
              perCategory
              bars={data.byCategory.map((c) => ({ label: t(`categories.${c.key}` as MessageKey), count: c.count }))}
            />
            <CountCard
              title={t('reports.sections.byPlacement')}
              itemHeader={t('reports.columns.item')}
              vertical
              bars={data.byPlacement.map((c) => ({ label: placement(c.key), count: c.count }))}
            />
            <CountCard
              title={t('reports.sections.byAgeBand')}
              itemHeader={t('reports.columns.item')}
              bars={data.byAgeBand.map((c) => ({ label: t(`registry.ageBands.${c.key}` as MessageKey), count: c.count }))}
            />
            <CountCard
              title={t('reports.sections.turning18')}
              itemHeader={t('reports.columns.quarter')}
              bars={data.turning18.map((q) => ({ label: q.quarter, count: q.count }))}
            />
            <CountCard
              title={t('reports.sections.byDistrict')}
              itemHeader={t('reports.columns.item')}
              vertical
              bars={data.byDistrict.filter((c) => c.count > 0 || c.key !== 'unknown').map((c) => ({ label: district(c.key), count: c.count }))}
            />
          </SimpleGrid>
          <RehabCard data={data} />
          <ReintegrationCard data={data} />
        </>
      )}
    </Stack>
  );
}

/** Sessions per month stacked by therapist, and the table behind them. */
function RehabCard({ data }: { data: Statistics }) {
  const { t } = useI18n();
  const name = (therapist: string | null) => therapist ?? t('reports.noTherapist');
  const therapists = [...new Set(data.rehab.map((r) => name(r.therapist)))];
  const months = [...new Set(data.rehab.map((r) => r.month))];
  const colors = ['teal.6', 'indigo.5', 'orange.5', 'grape.5', 'cyan.6', 'lime.7', 'red.5', 'yellow.6'];
  const chart = months.map((month) => ({
    month,
    ...Object.fromEntries(therapists.map((therapist) => [therapist, data.rehab.find((r) => r.month === month && name(r.therapist) === therapist)?.sessions ?? 0])),
  }));
  return (
    <Card withBorder className="report-card">
      <Stack gap="xs">
        <Text fw={600}>{t('reports.sections.rehab')}</Text>
        {data.rehab.length === 0 ? (
          <EmptyState title={t('reports.noRehab')} />
        ) : (
          <>
            <BarChart
              h={220}
              data={chart}
              dataKey="month"
              type="stacked"
              withLegend
              yAxisProps={{ allowDecimals: false }}
              series={therapists.map((therapist, i) => ({ name: therapist, color: colors[i % colors.length]! }))}
            />
            <Table withTableBorder striped aria-label={t('reports.sections.rehab')} style={{ whiteSpace: 'nowrap' }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports.columns.month')}</Table.Th>
                  <Table.Th>{t('reports.columns.therapist')}</Table.Th>
                  <Table.Th ta="right">{t('reports.columns.sessions')}</Table.Th>
                  <Table.Th ta="right">{t('reports.columns.absences')}</Table.Th>
                  <Table.Th ta="right">{t('reports.columns.minutes')}</Table.Th>
                  <Table.Th ta="right">{t('reports.columns.children')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.rehab.map((r) => (
                  <Table.Tr key={`${r.month}${r.therapist}`}>
                    <Table.Td>{r.month}</Table.Td>
                    <Table.Td>{name(r.therapist)}</Table.Td>
                    <Table.Td ta="right">{r.sessions}</Table.Td>
                    <Table.Td ta="right">{r.absences}</Table.Td>
                    <Table.Td ta="right">{r.minutes}</Table.Td>
                    <Table.Td ta="right">{r.children}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th colSpan={2}>{t('read.totals.total')}</Table.Th>
                  <Table.Th ta="right">{sumOf(data.rehab, (r) => r.sessions)}</Table.Th>
                  <Table.Th ta="right">{sumOf(data.rehab, (r) => r.absences)}</Table.Th>
                  <Table.Th ta="right">{sumOf(data.rehab, (r) => r.minutes)}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </>
        )}
      </Stack>
    </Card>
  );
}

const OUTCOMES = ['closed', 'resettled', 'transferred', 'capable', 'notCapable'] as const;
const OUTCOME_COLORS: Record<(typeof OUTCOMES)[number], string> = {
  closed: 'gray.6',
  resettled: 'teal.6',
  transferred: 'indigo.5',
  capable: 'lime.7',
  notCapable: 'orange.5',
};

/** Reintegration outcomes (一(四)) per year of the period: grouped bars and the table behind them. */
function ReintegrationCard({ data }: { data: Statistics }) {
  const { t } = useI18n();
  const label = (key: (typeof OUTCOMES)[number]) => t(`reports.reintegration.${key}`);
  return (
    <Card withBorder className="report-card">
      <Stack gap="xs">
        <div>
          <Group gap="xs" align="baseline">
            <Text fw={600}>{t('reports.sections.reintegration')}</Text>
            <ClauseRef id="一(四)" />
          </Group>
          <Text size="xs" c="dimmed">
            {t('reports.reintegration.hint')}
          </Text>
        </div>
        <BarChart
          h={220}
          data={data.reintegration}
          dataKey="year"
          withLegend
          yAxisProps={{ allowDecimals: false }}
          series={OUTCOMES.map((key) => ({ name: key, label: label(key), color: OUTCOME_COLORS[key] }))}
        />
        <Table withTableBorder striped aria-label={t('reports.sections.reintegration')} style={{ whiteSpace: 'nowrap' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.reintegration.year')}</Table.Th>
              {OUTCOMES.map((key) => (
                <Table.Th key={key} ta="right">
                  {label(key)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.reintegration.map((y) => (
              <Table.Tr key={y.year}>
                <Table.Td>{y.year}</Table.Td>
                {OUTCOMES.map((key) => (
                  <Table.Td key={key} ta="right">
                    {y[key]}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>{t('read.totals.total')}</Table.Th>
              {OUTCOMES.map((key) => (
                <Table.Th key={key} ta="right">
                  {sumOf(data.reintegration, (y) => y[key])}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Stack>
    </Card>
  );
}

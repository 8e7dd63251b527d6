import { BarChart, LineChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { ReferenceDot } from 'recharts';
import type { MeasureView, RehabChild, SessionView } from '../../../shared/contract/rehab';
import { INSTRUMENTS, type InstrumentCode } from '../../../shared/domain/rehab';
import { useI18n, useT } from '../../i18n';
import { monthLabel } from '../../components/date-time';
import { gasLabel } from './rehab-format';

const counting = (sessions: readonly SessionView[]) => sessions.filter((s) => s.amendedBy === null);

/**
 * One goal's ratings over time (its whole lineage, across plan versions), with every session that
 * worked the goal marked on the bottom line, rated or not.
 */
export function GoalChart({ lineageId, baseline, sessions }: { lineageId: number; baseline: number; sessions: readonly SessionView[] }) {
  const t = useT();
  const byDate = new Map<string, { date: string; rating: number | null }>();
  for (const s of [...counting(sessions)].sort((a, b) => (a.sessionOn < b.sessionOn ? -1 : a.sessionOn > b.sessionOn ? 1 : a.id - b.id))) {
    const g = s.goals.find((x) => x.lineageId === lineageId);
    if (!g) continue;
    const prev = byDate.get(s.sessionOn);
    byDate.set(s.sessionOn, { date: s.sessionOn, rating: g.rating ?? prev?.rating ?? null });
  }
  const data = [...byDate.values()];
  if (data.length === 0) return <Text c="dimmed" size="sm">{t('rehab.progress.goalEmpty')}</Text>;
  return (
    <div data-testid="goal-chart" data-points={data.filter((d) => d.rating !== null).length} data-sessions={data.length}>
      <LineChart
        h={220}
        data={data}
        dataKey="date"
        series={[{ name: 'rating', label: t('rehab.progress.rating'), color: 'indigo.6' }]}
        curveType="linear"
        connectNulls
        yAxisProps={{ domain: [-2.5, 2], ticks: [-2, -1, 0, 1, 2], tickFormatter: (v: number) => gasLabel(v) }}
        valueFormatter={(v) => gasLabel(v)}
        referenceLines={[
          // Labels on opposite sides (and above / below their line), so they never overlap even when the lines are close.
          { y: 0, label: t('rehab.progress.expected'), color: 'teal.6', labelPosition: 'insideTopRight' },
          { y: baseline, label: `${t('rehab.goals.baseline')} ${gasLabel(baseline)}`, color: 'gray.5', labelPosition: 'insideBottomLeft' },
        ]}
      >
        {data.map((d) => (
          <ReferenceDot key={d.date} x={d.date} y={-2.5} r={3} fill="var(--mantine-color-gray-6)" stroke="none" ifOverflow="extendDomain" />
        ))}
      </LineChart>
      <Text size="xs" c="dimmed">
        {t('rehab.progress.sessionsMarked')}
      </Text>
    </div>
  );
}

/** The plan's GAS T-score at each rating date. */
export function TScoreChart({ points }: { points: RehabChild['tScores'] }) {
  const t = useT();
  if (points.length === 0) return <Text c="dimmed" size="sm">{t('rehab.progress.tScoreEmpty')}</Text>;
  return (
    <div data-testid="tscore-chart" data-points={points.length}>
      <LineChart
        h={220}
        data={points}
        dataKey="on"
        series={[{ name: 't', label: t('rehab.progress.t'), color: 'blue.6' }]}
        curveType="linear"
        yAxisProps={{ domain: [20, 80] }}
        valueFormatter={(v) => v.toFixed(1)}
        referenceLines={[{ y: 50, label: t('rehab.progress.expected'), color: 'teal.6' }]}
      />
    </div>
  );
}

/** Sessions per month, attended and missed, over the last twelve months. */
export function AttendanceChart({ months }: { months: RehabChild['attendance'] }) {
  const { t, locale } = useI18n();
  return (
    <div data-testid="attendance-chart">
      <BarChart
        h={200}
        data={months.map((m) => ({ ...m, label: monthLabel(m.month, locale) }))}
        dataKey="label"
        type="stacked"
        series={[
          { name: 'attended', label: t('rehab.progress.attended'), color: 'teal.6' },
          { name: 'missed', label: t('rehab.progress.missed'), color: 'orange.5' },
        ]}
        withLegend
      />
    </div>
  );
}

/** One instrument's primary result over time. */
export function MeasureChart({ instrument, measures }: { instrument: InstrumentCode; measures: readonly MeasureView[] }) {
  const def = INSTRUMENTS[instrument];
  const field = def.fields.find((f) => f.key === def.primary)!;
  const data = measures.filter((m) => m.instrument === instrument && m.scores[def.primary] !== null).map((m) => ({ date: m.administeredOn, value: m.scores[def.primary] }));
  return (
    <div data-testid="measure-chart" data-points={data.length}>
      <LineChart
        h={200}
        data={data}
        dataKey="date"
        series={[{ name: 'value', label: field.zh, color: 'grape.6' }]}
        curveType="linear"
        yAxisProps={{ domain: [field.min, field.max] }}
      />
    </div>
  );
}

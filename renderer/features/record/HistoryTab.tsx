import { Alert, Badge, Button, Card, Group, Loader, Stack, Switch, Text, Timeline, Title } from '@mantine/core';
import { IconArrowRight, IconEye, IconPencil } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HistoryEntry } from '../../../shared/contract/history';
import { call } from '../../api/client';
import { useCan } from '../../app/permissions';
import { EmptyState } from '../../components/EmptyState';
import { type MessageKey, useI18n } from '../../i18n';
import { type HistoryLine, type Words, actionLabel, byDay, describeEntry, groupEntries, groupTitle } from './history-format';

const PAGE = 50;

function timeOf(at: string): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function Line({ line }: { line: HistoryLine }) {
  if (line.type === 'sentence') return <Text size="sm">{line.text}</Text>;
  return (
    <Group gap={6} wrap="wrap" align="baseline" data-testid="history-field">
      <Text size="sm" c="dimmed">
        {line.label}
      </Text>
      {line.before !== null && (
        <>
          <Text size="sm" td={line.beforeEmpty ? undefined : 'line-through'} c="dimmed">
            {line.before}
          </Text>
          <IconArrowRight size={12} aria-hidden />
        </>
      )}
      <Text size="sm" fw={500}>
        {line.after}
      </Text>
    </Group>
  );
}

/**
 * The history tab: every change to the child's file, newest first, grouped by day — who, when, what,
 * field by field before → after; an interval ended and the next started read as one change. Those
 * who may read the audit trail can show the views of the file too.
 */
export function HistoryTab({ childId }: { childId: number }) {
  const { t, locale } = useI18n();
  const canAudit = useCan('audit.read');
  const words = useMemo<Words>(
    () => ({
      // A code the catalog does not know comes back as the key itself: say so, and show the code.
      tr: (key, vars) => {
        const text = t(key as MessageKey, vars);
        return text === key ? null : text;
      },
      lang: locale === 'en' ? 'en' : 'zh',
    }),
    [t, locale],
  );
  const [includeViews, setIncludeViews] = useState(false);
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(
    async (beforeId?: number) => {
      const gen = generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await call('children:history', { childId, limit: PAGE, includeViews, beforeId });
        if (gen !== generation.current) return;
        setEntries((prev) => {
          const base = beforeId === undefined ? [] : prev;
          const seen = new Set(base.map((e) => e.id));
          return [...base, ...page.entries.filter((e) => !seen.has(e.id))];
        });
        setTotal(page.total);
        setHasMore(page.hasMore);
      } catch (e) {
        if (gen === generation.current) setError((e as Error).message);
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [childId, includeViews],
  );

  useEffect(() => {
    generation.current += 1;
    setEntries([]);
    setTotal(null);
    void load();
  }, [load]);

  const days = useMemo(() => byDay(groupEntries(entries)), [entries]);

  return (
    <Card withBorder padding="lg" data-testid="history-tab">
      <Group justify="space-between" align="flex-start" mb="md">
        <Stack gap={2}>
          <Title order={4}>{t('registry.history.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('registry.history.intro')}
          </Text>
        </Stack>
        <Group gap="md">
          {total !== null && (
            <Text size="sm" c="dimmed" data-testid="history-total">
              {t('registry.history.total', { n: total })}
            </Text>
          )}
          {canAudit && (
            <Switch
              label={t('registry.history.showViews')}
              description={t('registry.history.showViewsHint')}
              checked={includeViews}
              onChange={(e) => setIncludeViews(e.currentTarget.checked)}
            />
          )}
        </Group>
      </Group>
      {error && (
        <Alert color="red" mb="md" role="alert">
          {t('errors.generic', { message: error })}
        </Alert>
      )}
      {total === null && !error && <Loader size="sm" />}
      {total === 0 && <EmptyState title={t('registry.history.empty')} hint={t('registry.history.emptyHint')} />}
      <Stack gap="lg">
        {days.map(({ day, groups }) => (
          <Stack key={day} gap="xs">
            <Text fw={700} size="sm" c="teal.8">
              {day}
            </Text>
            <Timeline bulletSize={24} lineWidth={2} active={-1} aria-label={day}>
              {groups.map((group) => {
                const newest = group.entries[group.entries.length - 1];
                const view = newest.kind === 'view';
                const meta = `${timeOf(newest.at)} · ${newest.actor?.name ?? t('registry.history.system')}`;
                if (view) {
                  // A view is one quiet line: what, when, who.
                  return (
                    <Timeline.Item key={group.key} bullet={<IconEye size={13} />} color="gray" data-testid="history-item" data-kind="view">
                      <Text size="sm" c="dimmed">
                        {actionLabel(newest.action, words)} · {meta}
                      </Text>
                    </Timeline.Item>
                  );
                }
                return (
                  <Timeline.Item
                    key={group.key}
                    bullet={<IconPencil size={13} />}
                    color="teal"
                    data-testid="history-item"
                    data-kind="change"
                    title={
                      <Group gap="xs" wrap="wrap">
                        <Text fw={600} size="sm">
                          {group.entries.length > 1 ? groupTitle(group, words) : actionLabel(newest.action, words)}
                        </Text>
                        {group.entries.some((e) => e.subject?.voided === true && !e.action.endsWith('.void')) && (
                          <Badge size="xs" color="gray" variant="light">
                            {t('registry.history.voidedTag')}
                          </Badge>
                        )}
                      </Group>
                    }
                  >
                    <Text size="xs" c="dimmed" mb={4}>
                      {meta}
                    </Text>
                    <Stack gap={2}>
                      {group.entries.flatMap((entry) => describeEntry(entry, words).map((line, i) => <Line key={`${entry.id}-${i}`} line={line} />))}
                    </Stack>
                  </Timeline.Item>
                );
              })}
            </Timeline>
          </Stack>
        ))}
      </Stack>
      {hasMore && (
        <Group justify="center" mt="lg">
          <Button variant="light" loading={loading} onClick={() => void load(entries.at(-1)?.id)}>
            {t('registry.history.loadMore')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

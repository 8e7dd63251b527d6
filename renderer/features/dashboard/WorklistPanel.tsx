import { ActionIcon, Alert, Anchor, Badge, Button, Card, Chip, Group, Loader, Switch, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ChannelOutput } from '../../../shared/contract';
import type { WorklistItem, WorklistKind } from '../../../shared/contract/worklist';
import { useChanges } from '../../api/changes';
import { call } from '../../api/client';
import { ClauseRef } from '../../components/ClauseRef';
import { EmptyState } from '../../components/EmptyState';
import { useI18n } from '../../i18n';
import { worklistTarget } from './worklist-target';

type Worklist = ChannelOutput<'worklist:get'>;
const FILTER_KEY = 'tonghu.worklist.kind';
const URGENCY_COLOR: Record<WorklistItem['urgency'], string> = { now: 'red', soon: 'orange', upcoming: 'blue' };
const MINE_KEY = 'tonghu.worklist.mine';
/**
 * Rows drawn until the person asks for all: the list comes most pressing first, and a large institution
 * can have well over a thousand items (drawing 1,500 rows took about 2 s in the renderer bench).
 */
const ITEMS_SHOWN = 100;

/** The dashboard's worklist: what is due for the signed-in person, counted per kind, each item with its clause. */
export function WorklistPanel() {
  const { t, locale } = useI18n();
  const [data, setData] = useState<Worklist | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<WorklistKind | 'all'>(() => (sessionStorage.getItem(FILTER_KEY) as WorklistKind | null) ?? 'all');
  const [showAll, setShowAll] = useState(false);
  const [onlyMine, setOnlyMine] = useState(() => sessionStorage.getItem(MINE_KEY) === '1');
  const load = useCallback(() => {
    setError(null);
    call('worklist:get', {})
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(load, [load]);
  // A change at any desk may add or settle an item: read again (the list is worked out only for changed children).
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useChanges((event) => {
    if (event.mine) return;
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(load, 300);
  });
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);
  const choose = (value: string) => {
    const next = value as WorklistKind | 'all';
    sessionStorage.setItem(FILTER_KEY, next);
    setKind(next);
  };

  const mineCount = data ? data.items.filter((i) => i.mine).length : 0;
  const items = data ? data.items.filter((i) => (kind === 'all' || i.kind === kind) && (!onlyMine || i.mine)) : [];
  return (
    <Card withBorder padding="md" data-testid="worklist">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={3}>{t('worklist.title')}</Title>
          {data && <Text size="sm" c="dimmed">{t('worklist.asOf', { date: data.asOf })}</Text>}
        </Group>
        <Tooltip label={t('worklist.refresh')}>
          <ActionIcon variant="subtle" onClick={load} aria-label={t('worklist.refresh')}>
            <IconRefresh size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {locale === 'en' && (
        <Text size="xs" c="dimmed" mb="xs" data-testid="policy-wording-note">
          {t('read.policyWordingNote')}
        </Text>
      )}
      {error && <Alert color="red">{error}</Alert>}
      {!data && !error && <Loader size="sm" />}
      {data && (
        <>
          <Chip.Group multiple={false} value={kind} onChange={choose}>
            <Group gap={6} mb="sm" role="group" aria-label={t('worklist.title')}>
              <Chip value="all" size="sm">
                {t('worklist.all')} · {data.items.length}
              </Chip>
              {data.visibleKinds.map((k) => (
                <Chip key={k} value={k} size="sm" data-testid={`worklist-filter-${k}`}>
                  {t(`worklist.kinds.${k}`)} · {data.counts[k] ?? 0}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {mineCount > 0 && (
            <Switch
              mb="sm"
              size="sm"
              label={`${t('conflict.caseload.onlyMine')} · ${mineCount}`}
              checked={onlyMine}
              onChange={(e) => {
                const next = e.currentTarget.checked;
                sessionStorage.setItem(MINE_KEY, next ? '1' : '0');
                setOnlyMine(next);
              }}
            />
          )}
          {items.length === 0 ? (
            <EmptyState title={t('worklist.empty')} hint={t('worklist.emptyHint')} />
          ) : (
            <Table.ScrollContainer minWidth={760} maxHeight={520}>
              <Table striped highlightOnHover stickyHeader aria-label={t('worklist.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={110}>{t('worklist.columns.child')}</Table.Th>
                    <Table.Th w={170}>{t('worklist.columns.kind')}</Table.Th>
                    <Table.Th w={120}>{t('worklist.columns.due')}</Table.Th>
                    <Table.Th w={90}>{t('worklist.columns.clause')}</Table.Th>
                    <Table.Th>{t('worklist.columns.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(showAll ? items : items.slice(0, ITEMS_SHOWN)).map((item) => (
                    <Table.Tr key={`${item.kind}-${item.childId}-${item.dueDate}-${item.reason}`} data-kind={item.kind}>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Anchor component={Link} to={worklistTarget(item)} fw={600}>
                            {item.childName}
                          </Anchor>
                          {item.mine && (
                            <Badge size="xs" variant="outline" color="teal">
                              {t('conflict.caseload.mineBadge')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={URGENCY_COLOR[item.urgency]} title={t(`worklist.urgency.${item.urgency}`)}>
                          {t(`worklist.kinds.${item.kind}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{item.dueDate}</Table.Td>
                      <Table.Td>
                        <ClauseRef id={item.clause} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{item.reason}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {items.length > ITEMS_SHOWN && (
            <Button variant="subtle" size="xs" mt="xs" onClick={() => setShowAll((v) => !v)}>
              {showAll ? t('worklist.showFirst', { n: ITEMS_SHOWN }) : t('worklist.showAll', { n: items.length })}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}

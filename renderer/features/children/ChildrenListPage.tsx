import { Alert, Badge, Box, Button, Group, SegmentedControl, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconPlus, IconSearch } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ageOn, toIsoDate } from '../../../shared/domain/dates';
import { useCan } from '../../app/permissions';
import { EmptyState } from '../../components/EmptyState';
import { type MessageKey, useT } from '../../i18n';
import { ChildCreateModal } from './ChildCreateModal';
import { type ChildrenFilter, useChildrenFilter } from './children-filter';
import { useChildrenPages } from './use-children-pages';
import classes from './ChildrenListPage.module.css';

const ROW_HEIGHT = 44;

type Column = { key: string; label: MessageKey; width: string; sort?: ChildrenFilter['sort'] };
const COLUMNS: Column[] = [
  { key: 'name', label: 'children.columns.name', width: '1.3fr', sort: 'name' },
  { key: 'sex', label: 'children.columns.sex', width: '0.5fr' },
  { key: 'age', label: 'children.columns.age', width: '0.5fr' },
  { key: 'birthDate', label: 'children.columns.birthDate', width: '1fr', sort: 'birthDate' },
  { key: 'idNumber', label: 'children.columns.idNumber', width: '1.8fr' },
  { key: 'admissionDate', label: 'children.columns.admissionDate', width: '1fr', sort: 'admissionDate' },
  { key: 'status', label: 'children.columns.status', width: '0.7fr' },
];
const GRID = COLUMNS.map((c) => c.width).join(' ');

/** The children list: search as you type, filter by status, sort by column, virtualised rows. */
export function ChildrenListPage() {
  const t = useT();
  const navigate = useNavigate();
  const canWrite = useCan('children.write');
  const { filter, setFilter } = useChildrenFilter();
  const [query, setQuery] = useState(filter.query);
  const [debounced] = useDebouncedValue(query, 120);
  const [reload, setReload] = useState(0);
  const [createOpened, createModal] = useDisclosure(false);
  useEffect(() => {
    if (debounced !== filter.query) setFilter({ ...filter, query: debounced });
  }, [debounced, filter, setFilter]);
  const { total, rows, error, ensureRange } = useChildrenPages(filter, reload);
  const parentRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: total ?? 0, getScrollElement: () => parentRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    if (items.length > 0) ensureRange(items[0].index, items[items.length - 1].index);
  }, [items, ensureRange]);
  const today = toIsoDate(new Date());

  const toggleSort = (sort: ChildrenFilter['sort']) => {
    setFilter({ ...filter, sort, direction: filter.sort === sort && filter.direction === 'asc' ? 'desc' : 'asc' });
  };

  return (
    <Stack gap="md" h="calc(100vh - 90px)">
      <Group justify="space-between">
        <Title order={2}>{t('children.title')}</Title>
        {canWrite && (
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            {t('children.add')}
          </Button>
        )}
      </Group>
      <Group align="end">
        <TextInput
          flex={1}
          leftSection={<IconSearch size={16} />}
          placeholder={t('children.searchPlaceholder')}
          aria-label={t('common.search')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          autoFocus
          onKeyDown={(e) => {
            if (e.key === 'Enter' && rows.get(0)) navigate(`/children/${rows.get(0)!.id}`);
          }}
        />
        <SegmentedControl
          aria-label={t('children.statusFilter')}
          value={filter.status ?? 'all'}
          onChange={(v) => setFilter({ ...filter, status: v === 'all' ? null : (v as ChildrenFilter['status']) })}
          data={(['inCare', 'discharged', 'archived', 'all'] as const).map((s) => ({ value: s, label: t(`children.status.${s}`) }))}
        />
      </Group>
      {error && <Alert color="red">{t('errors.generic', { message: error })}</Alert>}
      <Text size="sm" c="dimmed" data-testid="children-total">
        {total === null ? t('app.loading') : t('common.total', { n: total })}
      </Text>
      {total === 0 ? (
        filter.query || filter.status !== 'inCare' ? (
          <EmptyState title={t('children.noMatch')} hint={t('children.noMatchHint')} />
        ) : (
          <EmptyState title={t('children.empty')} hint={t('children.emptyHint')} />
        )
      ) : (
        <Box className={classes.table} role="table" aria-label={t('children.title')} aria-rowcount={total ?? 0}>
          <div className={classes.header} role="row" style={{ gridTemplateColumns: GRID }}>
            {COLUMNS.map((c) => (
              <div key={c.key} role="columnheader" aria-sort={c.sort && filter.sort === c.sort ? (filter.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                {c.sort ? (
                  <UnstyledButton className={classes.sortButton} onClick={() => toggleSort(c.sort!)}>
                    {t(c.label)}
                    {filter.sort === c.sort && (filter.direction === 'asc' ? <IconArrowUp size={14} /> : <IconArrowDown size={14} />)}
                  </UnstyledButton>
                ) : (
                  t(c.label)
                )}
              </div>
            ))}
          </div>
          <div ref={parentRef} className={classes.body} role="rowgroup">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const child = rows.get(item.index);
                return (
                  <div
                    key={item.key}
                    role="row"
                    aria-rowindex={item.index + 2}
                    className={classes.row}
                    tabIndex={child ? 0 : -1}
                    style={{ gridTemplateColumns: GRID, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                    onClick={() => child && navigate(`/children/${child.id}`)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && child) navigate(`/children/${child.id}`);
                    }}
                  >
                    {child ? (
                      <>
                        <div role="cell" className={classes.name}>
                          {child.name}
                        </div>
                        <div role="cell">{t(`common.${child.sex}`)}</div>
                        <div role="cell">{ageOn(child.birthDate, today)}</div>
                        <div role="cell">{child.birthDate}</div>
                        <div role="cell" className={classes.mono}>
                          {child.idNumber ?? <Text span c="dimmed" size="sm" ff="text">{t('children.noIdNumber')}</Text>}
                        </div>
                        <div role="cell">{child.admissionDate ?? ''}</div>
                        <div role="cell">
                          <Badge variant="light" color={child.status === 'inCare' ? 'teal' : 'gray'}>
                            {t(`children.status.${child.status}`)}
                          </Badge>
                        </div>
                      </>
                    ) : (
                      <div role="cell" className={classes.placeholder}>
                        …
                      </div>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        </Box>
      )}
      <ChildCreateModal
        opened={createOpened}
        onClose={createModal.close}
        onCreated={(child) => {
          createModal.close();
          setReload((n) => n + 1);
          navigate(`/children/${child.id}`);
        }}
      />
    </Stack>
  );
}

import { Alert, Badge, Box, Button, Group, MultiSelect, SegmentedControl, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconFilterOff, IconPlus, IconSearch } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { AGE_BANDS, type ChildSummary, DISTRICT_FILTERS, PLACEMENT_FILTERS } from '../../../shared/contract/children';
import { ageOn, toIsoDate } from '../../../shared/domain/dates';
import { districtName } from '../../../shared/domain/districts';
import { CATEGORY_CODES } from '../../../shared/domain/rules-types';
import { useCan } from '../../app/permissions';
import { EmptyState } from '../../components/EmptyState';
import { type MessageKey, useI18n } from '../../i18n';
import { ChildCreateModal } from './ChildCreateModal';
import { type ChildrenFilter, DEFAULT_FILTER, hasFilters, useChildrenFilter } from './children-filter';
import { useChildrenPages } from './use-children-pages';
import { useChanges } from '../../api/changes';
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
  { key: 'status', label: 'children.columns.status', width: '1fr' },
];
const GRID = COLUMNS.map((c) => c.width).join(' ');

/** The list's filters other than status: category, current placement, age band, hukou district (each "any of"). */
function FilterBar({ filter, setFilter }: { filter: ChildrenFilter; setFilter: (f: ChildrenFilter) => void }) {
  const { t, locale } = useI18n();
  const options = useMemo(
    () => ({
      categories: CATEGORY_CODES.map((c) => ({ value: c, label: t(`categories.${c}`) })),
      placements: PLACEMENT_FILTERS.map((p) => ({ value: p, label: p === 'none' ? t('registry.filters.noPlacement') : t(`registry.values.placement.${p}`) })),
      ageBands: AGE_BANDS.map((b) => ({ value: b, label: t(`registry.ageBands.${b}`) })),
      districts: DISTRICT_FILTERS.map((d) => ({
        value: d,
        label: d === 'other' ? t('registry.filters.otherProvince') : (districtName(d, locale === 'en' ? 'en' : 'zh') ?? d),
      })),
    }),
    [t, locale],
  );
  const common = {
    clearable: true,
    size: 'xs',
    maxDropdownHeight: 320,
    comboboxProps: { withinPortal: true },
    style: { flex: '1 1 160px', maxWidth: 260 },
    // Keep the chosen values on one line as long as they fit: the typing field takes no room of its own.
    styles: { inputField: { minWidth: 8, flexBasis: 8 } },
  } as const;
  return (
    <Group gap="xs" align="flex-start" wrap="wrap" role="group" aria-label={t('registry.filters.label')} style={{ flex: 1 }}>
      <MultiSelect
        {...common}
        label={t('registry.filters.category')}
        title={t('registry.filters.categoryHint')}
        data={options.categories}
        value={filter.categories}
        placeholder={filter.categories.length === 0 ? t('registry.filters.any') : undefined}
        onChange={(v) => setFilter({ ...filter, categories: v as ChildrenFilter['categories'] })}
      />
      <MultiSelect
        {...common}
        label={t('registry.filters.placement')}
        data={options.placements}
        value={filter.placements}
        placeholder={filter.placements.length === 0 ? t('registry.filters.any') : undefined}
        onChange={(v) => setFilter({ ...filter, placements: v as ChildrenFilter['placements'] })}
      />
      <MultiSelect
        {...common}
        label={t('registry.filters.ageBand')}
        data={options.ageBands}
        value={filter.ageBands}
        placeholder={filter.ageBands.length === 0 ? t('registry.filters.any') : undefined}
        onChange={(v) => setFilter({ ...filter, ageBands: v as ChildrenFilter['ageBands'] })}
      />
      <MultiSelect
        {...common}
        searchable
        label={t('registry.filters.district')}
        data={options.districts}
        value={filter.districts}
        placeholder={filter.districts.length === 0 ? t('registry.filters.any') : undefined}
        onChange={(v) => setFilter({ ...filter, districts: v as ChildrenFilter['districts'] })}
      />
    </Group>
  );
}

function StatusBadge({ child }: { child: ChildSummary }) {
  const { t } = useI18n();
  const label = t(`children.status.${child.status}`);
  return (
    <Badge
      variant="light"
      color={child.status === 'inCare' ? 'teal' : 'gray'}
      title={child.dischargeDate ? `${t('registry.columns.dischargeDate')} ${child.dischargeDate}` : undefined}
    >
      {child.dischargeReason ? `${label} · ${t(`registry.reasons.${child.dischargeReason}`)}` : label}
    </Badge>
  );
}

/** The children list: search as you type, filter by status, category, placement, age and district, sort by column, virtualised rows. */
export function ChildrenListPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const canWrite = useCan('children.write');
  const { filter, setFilter } = useChildrenFilter();
  const [query, setQuery] = useState(filter.query);
  const [debounced] = useDebouncedValue(query, 120);
  const [reload, setReload] = useState(0);
  // A child added, edited or discharged at another desk: the list reads its pages again (issue 19.4).
  useChanges((event) => {
    if (!event.mine && (event.childIds.length > 0 || event.channel === '*')) setReload((n) => n + 1);
  });
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
      <Group justify="space-between" align="end" wrap="nowrap">
        <FilterBar filter={filter} setFilter={setFilter} />
        <Group gap="sm" wrap="nowrap">
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconFilterOff size={14} />}
            disabled={!hasFilters(filter) && filter.status === DEFAULT_FILTER.status}
            onClick={() => setFilter({ ...filter, categories: [], placements: [], ageBands: [], districts: [], status: DEFAULT_FILTER.status })}
          >
            {t('registry.filters.clear')}
          </Button>
          <Text size="sm" c="dimmed" data-testid="children-total" style={{ whiteSpace: 'nowrap' }} aria-live="polite">
            {total === null ? (error ? t('read.loadFailed') : t('app.loading')) : t('registry.filters.count', { n: total })}
          </Text>
        </Group>
      </Group>
      {error && <Alert color="red">{t('errors.generic', { message: error })}</Alert>}
      {total === 0 ? (
        filter.query || filter.status !== 'inCare' || hasFilters(filter) ? (
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
                          <StatusBadge child={child} />
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

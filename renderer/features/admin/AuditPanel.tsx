import { Alert, Anchor, Badge, Button, Card, Group, Loader, Pagination, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ChannelOutput } from '../../../shared/contract';
import type { AuditVerifyResult } from '../../../shared/contract/audit';
import { toIsoDate } from '../../../shared/domain/dates';
import { call } from '../../api/client';
import { useCan } from '../../app/permissions';
import { DateField } from '../../components/DateField';
import { EmptyState } from '../../components/EmptyState';
import { type MessageKey, useI18n, useT } from '../../i18n';
import { formatDateTime } from '../../components/date-time';
import { saveBlob } from '../../components/download';
import { auditSheet, auditWorkbook } from './audit-workbook';
import { type Words, actionLabel as actionLabelOf, entityLabel } from '../record/history-format';
import { auditDetailLines } from './audit-format';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The history tab's lookup: a key the catalog does not know answers null. */
function useWords(): Words {
  const { t, locale } = useI18n();
  return {
    tr: (key, vars) => {
      const text = t(key as MessageKey, vars);
      return text === key ? null : text;
    },
    lang: locale === 'en' ? 'en' : 'zh',
  };
}

type AuditPage = ChannelOutput<'audit:query'>;
type Filters = { person: string | null; childId: string | null; action: string | null; from: string | null; to: string | null };
const EMPTY: Filters = { person: null, childId: null, action: null, from: null, to: null };
const PAGE_SIZE = 50;

function dateValue(v: unknown): string | null {
  if (!v) return null;
  return typeof v === 'string' ? v : toIsoDate(v as Date);
}

/** Finds a child by name (or pinyin) through children:list and keeps the chosen one's id. */
function ChildFilter({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const t = useT();
  const allowed = useCan('children.read');
  const [search, setSearch] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    if (!allowed) return;
    const query = search.trim();
    let cancelled = false;
    call('children:list', { query, status: null, limit: 20 })
      .then((r) => {
        if (cancelled) return;
        setOptions((prev) => {
          const next = r.rows.map((c) => ({ value: String(c.id), label: `${c.name}（${c.birthDate}）` }));
          const chosen = prev.find((o) => o.value === value);
          return chosen && !next.some((o) => o.value === chosen.value) ? [chosen, ...next] : next;
        });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [search, allowed, value]);
  if (!allowed) return null;
  return (
    <Select
      label={t('admin.audit.child')}
      placeholder={t('admin.audit.childPlaceholder')}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      clearable
      nothingFoundMessage={t('admin.audit.empty')}
      w={220}
    />
  );
}

/** The audit trail: filters, a paginated table, and the integrity check naming the first broken row. */
export function AuditPanel() {
  const t = useT();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<AuditPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [exporting, setExporting] = useState(false);
  const words = useWords();

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    call('audit:query', {
      person: filters.person ? Number(filters.person) : undefined,
      childId: filters.childId ? Number(filters.childId) : undefined,
      action: filters.action ?? undefined,
      from: filters.from ?? undefined,
      to: filters.to ?? undefined,
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    })
      .then((r) => !cancelled && setData(r))
      .catch((e: Error) => !cancelled && setError(e.message))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [filters, page]);

  const set = (patch: Partial<Filters>) => {
    setPage(1);
    setFilters((f) => ({ ...f, ...patch }));
  };
  const actionLabel = (code: string) => actionLabelOf(code, words);
  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await call('audit:verify', {}));
    } catch (e) {
      setVerify({ ok: false, checked: 0, reason: e instanceof Error ? e.message : String(e) });
    } finally {
      setVerifying(false);
    }
  };

  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const people = new Map((data?.people ?? []).map((p) => [p.id, p.name]));
  const runExport = async () => {
    setExporting(true);
    try {
      const exported = await call('audit:export', {
        person: filters.person ? Number(filters.person) : undefined,
        childId: filters.childId ? Number(filters.childId) : undefined,
        action: filters.action ?? undefined,
        from: filters.from ?? undefined,
        to: filters.to ?? undefined,
      });
      const ExcelJS = (await import('exceljs')).default;
      const sheet = auditSheet(exported.rows, t, words, new Map(exported.people.map((p) => [p.id, p.name])));
      const bytes = await auditWorkbook(ExcelJS, t('admin.audit.title'), sheet);
      saveBlob(new Blob([bytes], { type: XLSX_MIME }), `${t('read.audit.fileName')}-${toIsoDate(new Date()).replaceAll('-', '')}.xlsx`);
      notifications.show({ color: 'teal', message: t('read.audit.exported', { n: exported.rows.length }) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={3}>{t('admin.audit.title')}</Title>
          {data && (
            <Text size="sm" c="dimmed">
              {t('common.total', { n: data.total })}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} loading={exporting} onClick={() => void runExport()}>
            {t('read.audit.export')}
          </Button>
          <Button variant="light" leftSection={<IconShieldCheck size={16} />} loading={verifying} onClick={() => void runVerify()}>
            {t('admin.audit.verify')}
          </Button>
        </Group>
      </Group>
      {verify && (
        <Alert color={verify.ok ? 'teal' : 'red'} title={t('admin.audit.verifyTitle')} mb="sm" role="status" withCloseButton onClose={() => setVerify(null)} data-testid="audit-verify">
          {verify.ok
            ? t('admin.audit.verifyOk', { n: verify.checked })
            : verify.firstBrokenId !== undefined
              ? t('admin.audit.verifyBroken', { id: verify.firstBrokenId, reason: verify.reason ?? '', n: verify.checked })
              : verify.reason}
        </Alert>
      )}
      <Group align="flex-end" gap="sm" mb="sm" wrap="wrap">
        <Select
          label={t('admin.audit.person')}
          placeholder={t('admin.audit.anyone')}
          data={(data?.people ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
          value={filters.person}
          onChange={(v) => set({ person: v })}
          searchable
          clearable
          w={160}
        />
        <ChildFilter value={filters.childId} onChange={(v) => set({ childId: v })} />
        <Select
          label={t('admin.audit.action')}
          placeholder={t('admin.audit.anyAction')}
          data={(data?.actions ?? []).map((a) => ({ value: a, label: actionLabel(a) }))}
          value={filters.action}
          onChange={(v) => set({ action: v })}
          searchable
          clearable
          w={200}
        />
        <DateField label={t('admin.audit.from')} value={filters.from} onChange={(v) => set({ from: dateValue(v) })} w={150} />
        <DateField label={t('admin.audit.to')} value={filters.to} onChange={(v) => set({ to: dateValue(v) })} w={150} />
        <Button variant="default" onClick={() => set(EMPTY)}>
          {t('admin.audit.clear')}
        </Button>
        {loading && <Loader size="sm" />}
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {data && data.rows.length === 0 && <EmptyState title={t('admin.audit.empty')} />}
      {data && data.rows.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover aria-label={t('admin.audit.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('admin.audit.columns.id')}</Table.Th>
                <Table.Th w={170}>{t('admin.audit.columns.at')}</Table.Th>
                <Table.Th w={110}>{t('admin.audit.columns.who')}</Table.Th>
                <Table.Th w={150}>{t('admin.audit.columns.action')}</Table.Th>
                <Table.Th w={110}>{t('admin.audit.columns.entity')}</Table.Th>
                <Table.Th w={100}>{t('admin.audit.columns.child')}</Table.Th>
                <Table.Th>{t('admin.audit.columns.detail')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((r) => (
                <Table.Tr key={r.id} data-action={r.action}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {r.id}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(r.at, true)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={r.who ? undefined : 'dimmed'}>
                      {r.who ?? (r.action.startsWith('auth.') ? t('admin.audit.system') : t('admin.audit.systemAction'))}
                    </Text>
                    {r.workstation && (
                      <Text size="xs" c="dimmed" data-testid="audit-workstation">
                        {t('desks.viaWorkstation', { name: r.workstation })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" tt="none" color={r.action.startsWith('auth.') && /Failed|Locked/.test(r.action) ? 'red' : 'gray'} title={r.action}>
                      {actionLabel(r.action)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" title={r.entity ? `${r.entity}${r.entityId !== null ? `#${r.entityId}` : ''}` : undefined}>
                      {entityLabel(r.entity, words)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {r.childId !== null && (
                      <Anchor component={Link} to={`/children/${r.childId}`} size="sm">
                        {r.childName ?? `#${r.childId}`}
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {r.restricted ? (
                      <Text size="xs" c="dimmed">
                        {t('sec.auditRestricted')}
                      </Text>
                    ) : (
                      <Stack gap={0} data-testid="audit-detail">
                        {auditDetailLines(r, words, people).map((line, i) => (
                          <Text key={i} size="xs">
                            {line}
                          </Text>
                        ))}
                      </Stack>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {data && pages > 1 && (
        <Group justify="center" mt="sm">
          <Pagination total={pages} value={page} onChange={setPage} />
        </Group>
      )}
    </Card>
  );
}

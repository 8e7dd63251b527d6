import { Alert, Anchor, Badge, Button, Card, Checkbox, Collapse, FileInput, Group, Select, SegmentedControl, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconRefresh, IconUpload } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { IMPORT_FIELDS, type ImportAction, type ImportMapping, type ImportPreview, MAX_IMPORT_BYTES } from '../../../shared/contract/ledgers';
import { ApiError, call } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { EmptyState } from '../../components/EmptyState';
import { JobProgress, newJobId } from '../../components/JobProgress';
import { useT } from '../../i18n';
import { bytesToBase64 } from '../record/record-format';

const ACTION_COLORS: Record<ImportAction, string> = { create: 'teal', update: 'blue', unchanged: 'gray', invalid: 'red' };
const FILTERS = ['all', 'invalid', 'create', 'update', 'unchanged'] as const;
type Filter = (typeof FILTERS)[number];

type Workbook = { fileName: string; contentBase64: string };

/** The headers a refusal carried (a sheet without a name column), so the mapping can still be chosen. */
function headersOf(error: unknown): string[] | null {
  const details = error instanceof ApiError ? (error.details as { headers?: unknown } | undefined) : undefined;
  return Array.isArray(details?.headers) ? details.headers.map(String) : null;
}

/**
 * Children in from an Excel workbook: pick the file, check the column mapping, read the preview row
 * by row (errors named by row and column), then import the valid rows in one step after confirming.
 */
export function ImportPanel() {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [workbook, setWorkbook] = useState<Workbook | null>(null);
  const [headers, setHeaders] = useState<string[]>([]);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState<Filter>('all');
  const [includeUpdates, setIncludeUpdates] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const [imported, setImported] = useState<{ created: number; updated: number } | null>(null);
  const [showMapping, setShowMapping] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [runError, setRunError] = useState<string | null>(null);

  const runPreview = async (book: Workbook, withMapping: ImportMapping | null) => {
    setBusy(true);
    setErrors({});
    setRunError(null);
    setPreview(null);
    const job = newJobId();
    setJobId(job);
    try {
      const result = await call('import:preview', { ...book, mapping: withMapping, jobId: job });
      setPreview(result);
      setHeaders(result.headers);
      setMapping(result.mapping);
      setFilter(result.counts.invalid > 0 ? 'invalid' : 'all');
    } catch (error) {
      const field = error instanceof ApiError && error.field ? error.field : 'file';
      setErrors({ [field]: error instanceof Error ? error.message : String(error) });
      const known = headersOf(error);
      if (known) {
        setShowMapping(true);
        setHeaders(known);
        setMapping((m) => m ?? Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])));
      }
    } finally {
      setBusy(false);
      setJobId(null);
    }
  };

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setWorkbook(null);
    setPreview(null);
    setHeaders([]);
    setMapping(null);
    setImported(null);
    setErrors({});
    if (!chosen) return;
    if (!chosen.name.toLowerCase().endsWith('.xlsx')) return setErrors({ file: t('ledgers.import.notXlsx') });
    if (chosen.size > MAX_IMPORT_BYTES) return setErrors({ file: t('ledgers.import.fileHint') });
    const book = { fileName: chosen.name, contentBase64: bytesToBase64(new Uint8Array(await chosen.arrayBuffer())) };
    setWorkbook(book);
    await runPreview(book, null);
  };

  const rows = useMemo(() => (preview ? preview.rows.filter((r) => filter === 'all' || r.action === filter) : []), [preview, filter]);
  const toImport = preview ? preview.rows.filter((r) => r.action === 'create' || (includeUpdates && r.action === 'update')) : [];

  /**
   * Imports the confirmed rows, following its progress. The dialog closes at once (other pages stay
   * usable); a failure is shown above the preview, which stays, never a silent reset.
   */
  const runImport = async () => {
    if (!workbook || !preview) return;
    setConfirming(false);
    setRunError(null);
    setBusy(true);
    const job = newJobId();
    setJobId(job);
    let result: { created: number; updated: number };
    try {
      result = await call('import:run', {
        ...workbook,
        mapping: preview.mapping,
        rows: toImport.map((r) => ({ row: r.row, action: r.action as 'create' | 'update' })),
        jobId: job,
      });
    } catch (error) {
      setRunError(error instanceof Error ? error.message : String(error));
      return;
    } finally {
      setBusy(false);
      setJobId(null);
    }
    notifications.show({ color: 'teal', message: t('ledgers.import.done', result) });
    setImported(result);
    setPreview(null);
    setWorkbook(null);
    setFile(null);
  };

  const renamed = preview ? preview.headers.filter((h) => / \(\d+\)$/.test(h) && preview.headers.includes(h.replace(/ \(\d+\)$/, ''))) : [];
  const mappingError = Object.entries(errors).find(([field]) => field.startsWith('mapping.'));
  const mappedCount = mapping ? IMPORT_FIELDS.filter((f) => mapping[f]).length : 0;
  return (
    <Stack>
      <Card withBorder>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('ledgers.import.intro')}
          </Text>
          <FileInput
            label={t('ledgers.import.file')}
            description={t('ledgers.import.fileHint')}
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            leftSection={<IconFileSpreadsheet size={16} />}
            clearable
            value={file}
            onChange={(f) => void choose(f)}
            error={errors.file}
            disabled={busy}
            maw={480}
          />
          {busy && !preview && <JobProgress jobId={jobId} />}
        </Stack>
      </Card>
      {runError && (
        <Alert color="red" title={t('longWork.import.failedTitle')} role="alert">
          <Text size="sm">{runError}</Text>
          <Text size="sm" c="dimmed">
            {t('longWork.import.failedHint')}
          </Text>
        </Alert>
      )}
      {imported && (
        <Alert color="teal" title={t('ledgers.import.done', imported)}>
          <Anchor component={Link} to="/children">
            {t('ledgers.import.viewChildren')}
          </Anchor>
        </Alert>
      )}
      {mapping && headers.length > 0 && workbook && (
        <Card withBorder>
          <Stack gap="sm">
            <Group justify="space-between">
              <div>
                <Text fw={600}>{t('ledgers.import.mappingTitle')}</Text>
                <Text size="xs" c="dimmed">
                  {t('ledgers.import.mappingSummary', { mapped: mappedCount, total: IMPORT_FIELDS.length })} {t('ledgers.import.mappingHint')}
                </Text>
              </div>
              <Group gap="xs">
                <Button variant="subtle" onClick={() => setShowMapping((v) => !v)} aria-expanded={showMapping}>
                  {showMapping ? t('ledgers.import.hideMapping') : t('ledgers.import.showMapping')}
                </Button>
                <Button variant="light" leftSection={<IconRefresh size={16} />} loading={busy} onClick={() => void runPreview(workbook, mapping)}>
                  {t('ledgers.import.repreview')}
                </Button>
              </Group>
            </Group>
            {mappingError && <Alert color="red">{mappingError[1]}</Alert>}
            <Collapse expanded={showMapping}>
            <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs">
              {IMPORT_FIELDS.map((field) => (
                <Select
                  key={field}
                  size="xs"
                  label={t(`ledgers.fields.${field}`)}
                  placeholder={t('ledgers.import.notMapped')}
                  data={[...new Set(headers.filter((h) => h !== ''))]}
                  value={mapping[field] ?? null}
                  onChange={(v) => setMapping({ ...mapping, [field]: v })}
                  clearable
                  searchable
                  error={errors[`mapping.${field}`] ? true : undefined}
                />
              ))}
            </SimpleGrid>
            </Collapse>
          </Stack>
        </Card>
      )}
      {!preview && !busy && !imported && !mapping && <EmptyState title={t('ledgers.import.emptyTitle')} hint={t('ledgers.import.emptyHint')} />}
      {preview && (
        <Card withBorder>
          <Stack gap="sm">
            {preview.skippedTitle !== null && (
              <Alert color="blue" data-testid="import-skipped-title">
                {t('longWork.import.skippedTitle', { title: preview.skippedTitle, row: preview.headerRow })}
              </Alert>
            )}
            {renamed.length > 0 && (
              <Text size="sm" c="dimmed">
                {t('longWork.import.renamedHeaders', { names: renamed.join('、') })}
              </Text>
            )}
            <Group justify="space-between">
              <Group gap="xs">
                <Text fw={600}>{t('ledgers.import.sheet', { name: preview.sheetName, n: preview.rows.length })}</Text>
                {(['create', 'update', 'unchanged', 'invalid'] as const).map((a) => (
                  <Badge key={a} color={ACTION_COLORS[a]} variant="light">
                    {t(`ledgers.import.counts.${a}`, { n: preview.counts[a] })}
                  </Badge>
                ))}
              </Group>
              <SegmentedControl
                size="xs"
                value={filter}
                onChange={(v) => setFilter(v as Filter)}
                data={FILTERS.map((f) => ({ value: f, label: t(`ledgers.import.filter.${f}`) }))}
              />
            </Group>
            <Table.ScrollContainer minWidth={720} maxHeight={480}>
              <Table striped highlightOnHover stickyHeader aria-label={t('ledgers.import.tableLabel')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={60}>{t('ledgers.import.columns.row')}</Table.Th>
                    <Table.Th w={110}>{t('ledgers.import.columns.name')}</Table.Th>
                    <Table.Th w={190}>{t('ledgers.import.columns.idNumber')}</Table.Th>
                    <Table.Th w={90}>{t('ledgers.import.columns.action')}</Table.Th>
                    <Table.Th>{t('ledgers.import.columns.detail')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.row} data-testid={`import-row-${r.row}`}>
                      <Table.Td>{r.row}</Table.Td>
                      <Table.Td>{r.name}</Table.Td>
                      <Table.Td ff="monospace">{r.idNumber}</Table.Td>
                      <Table.Td>
                        <Badge color={ACTION_COLORS[r.action]} variant="light">
                          {t(`ledgers.import.actions.${r.action}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {r.errors.map((e) => (
                          <Text key={`${e.column}${e.message}`} size="sm" c="red.8">
                            {e.column}{t('read.colon')}{e.message}
                          </Text>
                        ))}
                        {r.changes.map((c) => (
                          <Text key={c.column} size="sm">
                            {t('ledgers.import.change', { column: c.column, before: c.before || t('ledgers.import.empty'), after: c.after })}
                          </Text>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {rows.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <Text c="dimmed" ta="center" py="md">
                          {t('ledgers.import.noRows')}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between">
              <Checkbox
                checked={includeUpdates}
                onChange={(e) => setIncludeUpdates(e.currentTarget.checked)}
                label={t('ledgers.import.includeUpdates', { n: preview.counts.update })}
                disabled={preview.counts.update === 0}
              />
              {busy ? (
                <div style={{ flex: 1, maxWidth: 480 }}>
                  <JobProgress jobId={jobId} />
                </div>
              ) : toImport.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('ledgers.import.nothing')}
                </Text>
              ) : (
                <Button leftSection={<IconUpload size={16} />} onClick={() => setConfirming(true)} disabled={busy}>
                  {t('ledgers.import.run', { n: toImport.length })}
                </Button>
              )}
            </Group>
          </Stack>
        </Card>
      )}
      {preview && (
        <ConfirmModal
          opened={confirming}
          onClose={() => setConfirming(false)}
          title={t('ledgers.import.confirmTitle')}
          message={t('ledgers.import.confirmMessage', {
            create: preview.counts.create,
            update: includeUpdates ? preview.counts.update : 0,
            invalid: preview.counts.invalid,
          })}
          confirmLabel={t('ledgers.import.confirm')}
          onConfirm={runImport}
        />
      )}
    </Stack>
  );
}

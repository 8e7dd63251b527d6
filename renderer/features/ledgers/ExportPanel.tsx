import { Alert, Button, Card, Checkbox, Group, List, Stack, Text } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useState } from 'react';
import { LEDGER_KINDS, LEDGER_PERMISSIONS, type LedgerExport, type LedgerKind } from '../../../shared/contract/ledgers';
import { can } from '../../../shared/contract/permissions';
import { addYears, toIsoDate } from '../../../shared/domain/dates';
import { ApiError, call } from '../../api/client';
import { useSessionUser } from '../../app/app-state';
import { DateField } from '../../components/DateField';
import { saveBlob } from '../../components/download';
import { useT } from '../../i18n';
import { base64ToBytes } from '../record/record-format';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Chooses the ledgers and the period, and saves the workbook the main process builds. */
export function ExportPanel() {
  const t = useT();
  const user = useSessionUser();
  // Only the ledgers this person may read are offered (the service refuses the others too).
  const offered = LEDGER_KINDS.filter((kind) => user !== null && can(user.roles, LEDGER_PERMISSIONS[kind]));
  const today = toIsoDate(new Date());
  const [kinds, setKinds] = useState<LedgerKind[]>(offered);
  const [from, setFrom] = useState<string | null>(addYears(today, -1));
  const [to, setTo] = useState<string | null>(today);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<LedgerExport | null>(null);

  const run = async () => {
    setErrors({});
    setDone(null);
    if (kinds.length === 0) return setErrors({ ledgers: t('ledgers.export.none') });
    setBusy(true);
    try {
      const result = await call('ledger:export', { ledgers: kinds, from: from ?? '', to: to ?? '' });
      saveBlob(new Blob([base64ToBytes(result.contentBase64)], { type: XLSX_MIME }), result.fileName);
      setDone(result);
    } catch (error) {
      const field = error instanceof ApiError && error.field ? error.field : 'form';
      setErrors({ [field]: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder maw={720}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('ledgers.export.intro')}
        </Text>
        <Checkbox.Group label={t('ledgers.export.which')} value={kinds} onChange={(v) => setKinds(v as LedgerKind[])} error={errors.ledgers}>
          <Stack gap="xs" mt="xs">
            {offered.map((kind) => (
              <Checkbox key={kind} value={kind} label={t(`ledgers.export.kinds.${kind}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group grow align="flex-start">
          <DateField label={t('ledgers.export.from')} value={from} onChange={setFrom} error={errors.from} clearable={false} />
          <DateField label={t('ledgers.export.to')} value={to} onChange={setTo} error={errors.to} clearable={false} />
        </Group>
        <Text size="xs" c="dimmed">
          {t('ledgers.export.periodHint')}
        </Text>
        <Group gap="xs">
          <Text size="sm">{t('ledgers.print.label')}</Text>
          {offered.map((kind) => (
            <Button
              key={kind}
              size="compact-sm"
              variant="light"
              leftSection={<IconPrinter size={14} />}
              component={Link}
              to={`/ledgers/print/${kind}?from=${from ?? ''}&to=${to ?? ''}`}
            >
              {t(`ledgers.export.kinds.${kind}`)}
            </Button>
          ))}
        </Group>
        {errors.form && <Alert color="red">{errors.form}</Alert>}
        <Group>
          <Button leftSection={<IconDownload size={16} />} loading={busy} onClick={() => void run()}>
            {t('ledgers.export.run')}
          </Button>
        </Group>
        {done && (
          <Alert color="teal" title={t('ledgers.export.done', { file: done.fileName })}>
            <List size="sm">
              {done.sheets.map((s) => (
                <List.Item key={s.name}>{t('ledgers.export.sheetRows', { name: s.name, n: s.rows })}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

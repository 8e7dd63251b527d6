import { Alert, Button, Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { ConflictDetails } from '../../shared/contract/versions';
import { type Words, fieldLabel, formatValue } from '../features/record/history-format';
import { type MessageKey, useI18n } from '../i18n';

/** 2026-12-05 21:50 in the computer's time zone (Shanghai for the institution's desks). */
export function readableTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * A stale edit refused with `conflict` (issue 19.4), shown in the form that made it — one view for every
 * edit form: who changed the record and when, and for each item they changed, theirs beside what this
 * person typed. Nothing typed is discarded: "save again on the latest version" keeps the person's values
 * for the items they changed and takes theirs for the rest; the person checks and saves.
 */
export function ConflictView({ details, yours, onReapply }: { details: ConflictDetails; yours: (field: string) => unknown; onReapply: () => void }) {
  const { t, locale } = useI18n();
  const words = useMemo<Words>(
    () => ({
      tr: (key, vars) => {
        const text = t(key as MessageKey, vars);
        return text === key ? null : text;
      },
      lang: locale === 'en' ? 'en' : 'zh',
    }),
    [t, locale],
  );
  const show = (value: unknown, field: string) => {
    if (value === undefined) return t('conflict.empty');
    return formatValue(details.entity, field, value as Parameters<typeof formatValue>[2], words);
  };
  const who = details.changedBy ?? t('conflict.someone');
  return (
    <Alert color="orange" role="alert" title={t('conflict.title')} data-testid="conflict-view">
      <Stack gap="xs">
        <Text size="sm" data-testid="conflict-who">
          {t('conflict.changedBy', { who, when: readableTime(details.changedAt) })}
        </Text>
        {details.changes.length === 0 ? (
          <Text size="sm">{t('conflict.noFields')}</Text>
        ) : (
          <Table withTableBorder withColumnBorders aria-label={t('conflict.title')} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('conflict.field')}</Table.Th>
                <Table.Th>{t('conflict.theirs')}</Table.Th>
                <Table.Th>{t('conflict.yours')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {details.changes.map((c) => (
                <Table.Tr key={c.field} data-field={c.field}>
                  <Table.Td>{fieldLabel(details.entity, c.field, words)}</Table.Td>
                  <Table.Td data-testid={`conflict-theirs-${c.field}`}>{show(c.after, c.field)}</Table.Td>
                  <Table.Td data-testid={`conflict-yours-${c.field}`}>{show(yours(c.field), c.field)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Text size="xs" c="dimmed">
          {t('conflict.hint')}
        </Text>
        <div>
          <Button size="xs" variant="light" color="orange" onClick={onReapply}>
            {t('conflict.reapply')}
          </Button>
        </div>
      </Stack>
    </Alert>
  );
}

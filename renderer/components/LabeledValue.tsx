import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n';

/** A read-only field of a record: a small label over its value, "not recorded" when empty. */
export function LabeledValue({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  const t = useT();
  const empty = value === null || value === undefined || value === '';
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {empty ? (
        <Text c="dimmed">{t('common.notRecorded')}</Text>
      ) : typeof value === 'string' || typeof value === 'number' ? (
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{value}</Text>
      ) : (
        value
      )}
    </Stack>
  );
}

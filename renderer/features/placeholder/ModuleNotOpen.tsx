import { Stack, Title } from '@mantine/core';
import { EmptyState } from '../../components/EmptyState';
import { type MessageKey, useT } from '../../i18n';

/** An honest empty state for a module that is not built yet. */
export function ModuleNotOpen({ module }: { module: MessageKey }) {
  const t = useT();
  return (
    <Stack>
      <Title order={2}>{t(module)}</Title>
      <EmptyState title={t('placeholder.body')} />
    </Stack>
  );
}

import { Alert, Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { BackupHealth } from '../../../shared/contract/backup';
import { call } from '../../api/client';
import { useT } from '../../i18n';

/** For administrators: how old the last verified backup is; red after 7 days, with no folder, or when it cannot be reached. */
export function BackupHealthCard() {
  const t = useT();
  const [health, setHealth] = useState<BackupHealth | null>(null);
  useEffect(() => {
    call('backup:health', null)
      .then(setHealth)
      .catch(() => setHealth(null));
  }, []);
  if (!health) return null;
  const age =
    health.ageDays === null ? t('safe.health.never') : health.ageDays < 1 ? t('safe.health.today') : t('safe.health.days', { n: Math.floor(health.ageDays) });
  const problem = !health.folder
    ? t('safe.health.noFolder')
    : !health.reachable
      ? t('safe.health.unreachable', { folder: health.folder })
      : health.ageDays === null
        ? t('safe.health.noneVerified')
        : health.warn
          ? t('safe.health.old', { n: 7 })
          : null;
  return (
    <Card withBorder data-testid="backup-health" data-warn={health.warn ? 'true' : 'false'} style={health.warn ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text c="dimmed">{t('safe.health.title')}</Text>
          <Anchor component={Link} to="/admin/backups" size="sm">
            {t('safe.health.manage')}
          </Anchor>
        </Group>
        <Text size="sm">{t('safe.health.last')}</Text>
        <Text fz={24} fw={700} c={health.warn ? 'red.7' : 'teal.8'} data-testid="backup-age">
          {age}
        </Text>
        <Text size="sm" c="dimmed">
          {health.dailyAt ? t('safe.health.daily', { time: health.dailyAt }) : t('safe.health.dailyOff')}
        </Text>
        {problem && (
          <Alert color="red" p="xs" role="alert">
            {problem}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

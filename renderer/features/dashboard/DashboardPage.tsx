import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useSessionUser } from '../../app/app-state';
import { useCan } from '../../app/permissions';
import { useT } from '../../i18n';
import { BackupHealthCard } from './BackupHealthCard';
import { WorklistPanel } from './WorklistPanel';

/** The first page after sign-in. */
export function DashboardPage() {
  const t = useT();
  const user = useSessionUser();
  const canRead = useCan('children.read');
  const canWorklist = useCan('worklist.read');
  const canBackup = useCan('backup.manage');
  const [inCare, setInCare] = useState<number | null>(null);
  useEffect(() => {
    if (!canRead) return;
    call('children:list', { status: 'inCare', limit: 1 })
      .then((r) => setInCare(r.total))
      .catch(() => setInCare(null));
  }, [canRead]);
  return (
    <Stack gap="md">
      <Title order={2}>{t('dashboard.welcome', { name: user?.displayName ?? '' })}</Title>
      {(canRead || canBackup) && (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {canRead && (
            <Card withBorder>
              <Group justify="space-between">
                <Text c="dimmed">{t('dashboard.childrenInCare')}</Text>
              </Group>
              <Text fz={32} fw={700} data-testid="children-in-care">
                {inCare ?? '—'}
              </Text>
            </Card>
          )}
          {canBackup && <BackupHealthCard />}
        </SimpleGrid>
      )}
      {canWorklist && <WorklistPanel />}
    </Stack>
  );
}

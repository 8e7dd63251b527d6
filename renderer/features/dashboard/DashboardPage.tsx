import { Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useSessionUser } from '../../app/app-state';
import { useCan } from '../../app/permissions';
import { useT } from '../../i18n';
import { BackupHealthCard } from './BackupHealthCard';
import { ApprovalsCard } from './ApprovalsCard';
import { MyChildrenCard } from './MyChildrenCard';
import { WorklistPanel } from './WorklistPanel';

/** The first page after sign-in. */
export function DashboardPage() {
  const t = useT();
  const user = useSessionUser();
  const canRead = useCan('children.read');
  const canWorklist = useCan('worklist.read');
  const canBackup = useCan('backup.manage');
  const canApprovePlans = useCan('rehab.approve');
  const canApproveAssessments = useCan('reintegration.approve');
  const canApprove = canApprovePlans || canApproveAssessments;
  const hasCaseload = (user?.roles ?? []).some((r) => r === 'caseworker' || r === 'therapist' || r === 'placementOfficer');
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
      {canApprove && <ApprovalsCard />}
      {(canRead || canBackup) && (
        <Grid>
          {canRead && hasCaseload && (
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <MyChildrenCard />
            </Grid.Col>
          )}
          {canRead && (
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Card withBorder h="100%">
              <Group justify="space-between">
                <Text c="dimmed">{t('dashboard.childrenInCare')}</Text>
              </Group>
              <Text fz={32} fw={700} data-testid="children-in-care">
                {inCare ?? '—'}
              </Text>
            </Card>
          </Grid.Col>
          )}
          {canBackup && (
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <BackupHealthCard />
            </Grid.Col>
          )}
        </Grid>
      )}
      {canWorklist && <WorklistPanel />}
    </Stack>
  );
}

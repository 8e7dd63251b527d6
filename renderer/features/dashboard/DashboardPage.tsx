import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useSessionUser } from '../../app/app-state';
import { useCan } from '../../app/permissions';
import { useT } from '../../i18n';
import { ApprovalsCard } from './ApprovalsCard';
import { MyChildrenCard } from './MyChildrenCard';
import { WorklistPanel } from './WorklistPanel';

/** The first page after sign-in. */
export function DashboardPage() {
  const t = useT();
  const user = useSessionUser();
  const canRead = useCan('children.read');
  const canWorklist = useCan('worklist.read');
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
      {(hasCaseload || canApprove) && (
        <SimpleGrid cols={{ base: 1, md: hasCaseload && canApprove ? 2 : 1 }}>
          {hasCaseload && <MyChildrenCard />}
          {canApprove && <ApprovalsCard />}
        </SimpleGrid>
      )}
      {canRead && (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Card withBorder>
            <Group justify="space-between">
              <Text c="dimmed">{t('dashboard.childrenInCare')}</Text>
            </Group>
            <Text fz={32} fw={700} data-testid="children-in-care">
              {inCare ?? '—'}
            </Text>
          </Card>
        </SimpleGrid>
      )}
      {canWorklist && <WorklistPanel />}
    </Stack>
  );
}

import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ApprovalQueue } from '../../../shared/contract/caseload';
import { useChanges } from '../../api/changes';
import { call } from '../../api/client';
import { readableTime } from '../../components/ConflictView';
import { useT } from '../../i18n';

/** A supervisor's queue (issue 18.9): plans and assessments awaiting approval, oldest first, each opening where it is decided. */
export function ApprovalsCard() {
  const t = useT();
  const [queue, setQueue] = useState<ApprovalQueue | null>(null);
  const load = useCallback(() => {
    call('approvals:queue', null)
      .then(setQueue)
      .catch(() => setQueue(null));
  }, []);
  useEffect(load, [load]);
  useChanges((event) => {
    if (!event.mine) load();
  });
  if (!queue) return null;
  const total = queue.plans.length + queue.assessments.length;
  return (
    <Card withBorder padding="md" data-testid="approvals">
      <Group justify="space-between" mb="xs">
        <Title order={3}>{t('conflict.approvals.title')}</Title>
        <Badge color={total > 0 ? 'orange' : 'gray'} variant="filled">
          {total}
        </Badge>
      </Group>
      {total === 0 && (
        <Text size="sm" c="dimmed">
          {t('conflict.approvals.empty')}
        </Text>
      )}
      <Stack gap={6}>
        {queue.plans.map((p) => (
          <Group key={`plan-${p.planId}`} justify="space-between" wrap="nowrap">
            <div>
              <Anchor component={Link} to={`/children/${p.childId}/rehab`} fw={600}>
                {p.childName}
              </Anchor>{' '}
              <Badge size="xs" variant="light">
                {t('conflict.approvals.plans')}
              </Badge>
              <Text size="xs" c="dimmed">
                {p.by ? t('conflict.approvals.planLine', { version: p.version, by: p.by, at: readableTime(p.submittedAt) }) : t('conflict.approvals.planLineNoBy', { version: p.version, at: readableTime(p.submittedAt) })}
              </Text>
            </div>
          </Group>
        ))}
        {queue.assessments.map((a) => (
          <Group key={`assessment-${a.assessmentId}`} justify="space-between" wrap="nowrap">
            <div>
              <Anchor component={Link} to={`/reintegration/${a.caseId}`} fw={600}>
                {a.childName}
              </Anchor>{' '}
              <Badge size="xs" variant="light" color="grape">
                {t('conflict.approvals.assessments')}
              </Badge>
              <Text size="xs" c="dimmed">
                {a.by ? t('conflict.approvals.assessmentLine', { round: a.round, date: a.assessedOn, by: a.by }) : t('conflict.approvals.assessmentLineNoBy', { round: a.round, date: a.assessedOn })}
              </Text>
            </div>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

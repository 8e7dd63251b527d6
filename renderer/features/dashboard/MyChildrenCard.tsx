import { Anchor, Badge, Card, Group, ScrollArea, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { CaseloadRow } from '../../../shared/contract/caseload';
import { useChanges } from '../../api/changes';
import { call } from '../../api/client';
import { useT } from '../../i18n';

/** 我的儿童 (issue 18.9): the children given to the signed-in person, each opening where their work is. */
export function MyChildrenCard() {
  const t = useT();
  const [rows, setRows] = useState<CaseloadRow[] | null>(null);
  const load = useCallback(() => {
    call('caseload:list', { mine: true })
      .then(setRows)
      .catch(() => setRows([]));
  }, []);
  useEffect(load, [load]);
  useChanges((event) => {
    if (event.channel.startsWith('caseload:') || event.channel === '*') load();
  });
  if (rows === null) return null;
  return (
    <Card withBorder padding="md" h="100%" data-testid="my-children">
      <Group justify="space-between" mb="xs">
        <Title order={3}>{t('conflict.caseload.mine')}</Title>
        <Text size="sm" c="dimmed">
          {t('conflict.caseload.count', { n: new Set(rows.map((r) => r.childId)).size })}
        </Text>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('conflict.caseload.none')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={150}>
          <Group gap={8} role="list" aria-label={t('conflict.caseload.mine')}>
            {rows.map((r) => (
              <Group key={r.id} gap={4} wrap="nowrap" role="listitem">
                <Anchor component={Link} to={r.role === 'therapist' ? `/children/${r.childId}/rehab` : `/children/${r.childId}`} fw={600} size="sm">
                  {r.childName}
                </Anchor>
                <Badge variant="light" size="xs">
                  {t(`conflict.caseload.roles.${r.role}`)}
                </Badge>
              </Group>
            ))}
          </Group>
        </ScrollArea.Autosize>
      )}
    </Card>
  );
}

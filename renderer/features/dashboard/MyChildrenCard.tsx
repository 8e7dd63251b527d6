import { Anchor, Badge, Card, Group, ScrollArea, Table, Text, Title } from '@mantine/core';
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
  const tabOf = (role: CaseloadRow['role']) => (role === 'therapist' ? 'rehab' : 'profile');
  return (
    <Card withBorder padding="md" data-testid="my-children">
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
        <ScrollArea.Autosize mah={260}>
          <Table striped aria-label={t('conflict.caseload.mine')}>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={r.role === 'placementOfficer' ? `/children/${r.childId}` : `/children/${r.childId}/${tabOf(r.role)}`} fw={600}>
                      {r.childName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" size="sm">
                      {t(`conflict.caseload.roles.${r.role}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {r.assignedBy ? `${t('conflict.caseload.assignedBy')}：${r.assignedBy}` : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Card>
  );
}

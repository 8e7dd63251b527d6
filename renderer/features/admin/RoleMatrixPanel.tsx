import { Card, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from '../../../shared/contract/permissions';
import { type MessageKey, useT } from '../../i18n';

const GRANTED = PERMISSIONS.filter((p) => p !== 'public' && p !== 'authenticated');

/** The one role × permission matrix, read-only, straight from the contract. */
export function RoleMatrixPanel() {
  const t = useT();
  return (
    <Card withBorder padding="md">
      <Stack gap="xs" mb="sm">
        <Title order={3}>{t('admin.roles.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('admin.roles.hint')}
        </Text>
      </Stack>
      <Table.ScrollContainer minWidth={820}>
        <Table striped highlightOnHover withColumnBorders stickyHeader aria-label={t('admin.roles.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.roles.permission')}</Table.Th>
              {ROLES.map((role) => (
                <Table.Th key={role} ta="center">
                  {t(`roles.${role}` as MessageKey)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {GRANTED.map((permission) => (
              <Table.Tr key={permission}>
                <Table.Td>
                  <Text size="sm">{t(`admin.permissions.${permission}` as MessageKey)}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {permission}
                  </Text>
                </Table.Td>
                {ROLES.map((role) => {
                  const granted = ROLE_PERMISSIONS[role].includes(permission);
                  return (
                    <Table.Td key={role} ta="center" aria-label={granted ? t('admin.roles.granted') : t('admin.roles.notGranted')}>
                      {granted ? (
                        <ThemeIcon size="sm" radius="xl" color="teal" variant="light">
                          <IconCheck size={14} />
                        </ThemeIcon>
                      ) : (
                        <Text c="dimmed" size="sm">
                          —
                        </Text>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

import { Stack, Tabs, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { can, type Permission } from '../../../shared/contract/permissions';
import { useSessionUser } from '../../app/app-state';
import { EmptyState } from '../../components/EmptyState';
import { type MessageKey, useT } from '../../i18n';
import { BackupPanel } from '../backup/BackupPanel';
import { KeyPanel } from '../backup/KeyPanel';
import { AuditPanel } from './AuditPanel';
import { RoleMatrixPanel } from './RoleMatrixPanel';
import { UsersPanel } from './UsersPanel';
import { DesksPanel } from '../desks/DesksPanel';

type AdminTab = 'users' | 'roles' | 'audit' | 'backups' | 'key' | 'desks';

const TABS: { name: AdminTab; permission: Permission; render: () => ReactNode }[] = [
  { name: 'users', permission: 'users.manage', render: () => <UsersPanel /> },
  { name: 'roles', permission: 'users.manage', render: () => <RoleMatrixPanel /> },
  { name: 'audit', permission: 'audit.read', render: () => <AuditPanel /> },
  { name: 'backups', permission: 'backup.manage', render: () => <BackupPanel /> },
  { name: 'key', permission: 'key.manage', render: () => <KeyPanel /> },
  { name: 'desks', permission: 'users.manage', render: () => <DesksPanel /> },
];

/** Administration: accounts, the role matrix, the audit trail, backups and the key; each tab by permission, the tab in the URL. */
export function AdminPage() {
  const t = useT();
  const user = useSessionUser();
  const navigate = useNavigate();
  const { tab } = useParams<{ tab?: string }>();
  const visible = TABS.filter((x) => user !== null && can(user.roles, x.permission));
  if (visible.length === 0) return <EmptyState title={t('admin.noTabs')} />;
  const active = visible.find((x) => x.name === tab);
  if (!active) return <Navigate to={`/admin/${visible[0].name}`} replace />;
  return (
    <Stack gap="md">
      <Title order={2}>{t('admin.title')}</Title>
      <Tabs value={active.name} onChange={(v) => v && navigate(`/admin/${v}`)} keepMounted={false}>
        <Tabs.List>
          {visible.map((x) => (
            <Tabs.Tab key={x.name} value={x.name}>
              {t(`admin.tabs.${x.name}` as MessageKey)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {visible.map((x) => (
          <Tabs.Panel key={x.name} value={x.name} pt="md">
            {x.render()}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

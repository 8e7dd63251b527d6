import { SafetyBanners } from '../features/backup/SafetyBanners';
import { AppShell, Badge, Burger, Button, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import {
  IconActivity,
  IconChartBar,
  IconChevronDown,
  IconFileSpreadsheet,
  IconHome,
  IconLock,
  IconLogout,
  IconSettings,
  IconUsers,
  IconWalk,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { NavLink as RouterLink, useLocation, useNavigate } from 'react-router-dom';
import { can, type Permission } from '../../shared/contract/permissions';
import { call } from '../api/client';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useLeaveGuard } from '../components/unsaved';
import { type MessageKey, useT } from '../i18n';
import { WitnessAlarm } from '../features/desks/WitnessAlarm';
import { useDeskState } from './desk-state';
import { useAppState, useSessionUser } from './app-state';

/** A nav item shows when the person holds any of its permissions. */
type NavItem = { to: string; label: MessageKey; icon: ReactNode; permission: Permission | Permission[] };

const NAV: NavItem[] = [
  { to: '/', label: 'nav.dashboard', icon: <IconHome size={18} />, permission: 'authenticated' },
  { to: '/children', label: 'nav.children', icon: <IconUsers size={18} />, permission: 'children.read' },
  { to: '/rehabilitation', label: 'nav.rehabilitation', icon: <IconActivity size={18} />, permission: 'rehab.read' },
  { to: '/reintegration', label: 'nav.reintegration', icon: <IconWalk size={18} />, permission: 'reintegration.read' },
  { to: '/reports', label: 'nav.reports', icon: <IconChartBar size={18} />, permission: 'reports.read' },
  { to: '/ledgers', label: 'nav.ledgers', icon: <IconFileSpreadsheet size={18} />, permission: ['ledger.export', 'import.run'] },
  { to: '/admin', label: 'nav.administration', icon: <IconSettings size={18} />, permission: ['users.manage', 'audit.read', 'backup.manage', 'key.manage'] },
];

function NavEntry({ item }: { item: NavItem }) {
  const t = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const { confirmLeave } = useLeaveGuard();
  const user = useSessionUser();
  const permissions = Array.isArray(item.permission) ? item.permission : [item.permission];
  const allowed = user !== null && permissions.some((p) => can(user.roles, p));
  if (!allowed) return null;
  const active = item.to === '/' ? location.pathname === '/' : location.pathname.startsWith(item.to);
  return (
    <NavLink
      component={RouterLink}
      to={item.to}
      label={t(item.label)}
      leftSection={item.icon}
      active={active}
      onClick={(event) => {
        event.preventDefault();
        confirmLeave(() => navigate(item.to));
      }}
    />
  );
}

/** The signed-in frame: header with the institution and the person, navigation by role, the page. */
export function Shell({ children }: { children: ReactNode }) {
  const t = useT();
  const { status, refresh } = useAppState();
  const { desk } = useDeskState();
  const [opened, { toggle }] = useDisclosure();
  const user = status?.user;
  const lockScreen = () => void call('auth:lock', null).finally(() => void refresh());
  // Ctrl/⌘+L locks the screen from anywhere, even inside a form or a dialog (what is typed stays).
  useHotkeys([['mod+L', lockScreen]], []);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header className="no-print">
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" />
            <Text fw={700} c="teal.8">
              {t('app.name')}
            </Text>
            <Text c="dimmed" size="sm">
              {status?.institutionName}
            </Text>
            {desk && (
              <Badge variant="outline" color={desk.mode === 'standalone' ? 'gray' : 'teal'} data-testid="desk-mode" title={t('desks.modeLabel')}>
                {desk.mode === 'workstation' && desk.workstationName ? `${t(`desks.mode.${desk.mode}` as MessageKey)} · ${desk.workstationName}` : t(`desks.mode.${desk.mode}` as MessageKey)}
              </Badge>
            )}
          </Group>
          <Group gap="xs">
            <LanguageSwitch />
            <Button variant="subtle" size="compact-sm" leftSection={<IconLock size={16} />} onClick={lockScreen} title={t('nav.lockHint')}>
              {t('nav.lock')}
            </Button>
            <Menu position="bottom-end">
              <Menu.Target>
                <UnstyledButton aria-label={t('nav.signedInAs')}>
                  <Group gap={4}>
                    <Text size="sm" fw={600}>
                      {user?.displayName}
                    </Text>
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{user?.username}</Menu.Label>
                <Group gap={4} px="sm" pb="xs">
                  {user?.roles.map((r) => (
                    <Badge key={r} size="xs" variant="light">
                      {t(`roles.${r}` as MessageKey)}
                    </Badge>
                  ))}
                </Group>
                <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void call('auth:logout', null).finally(() => void refresh())}>
                  {t('nav.logout')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" className="no-print" aria-label="主导航">
        <ScrollArea>
          {NAV.map((item) => (
            <NavEntry key={item.to} item={item} />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <WitnessAlarm />
        <SafetyBanners />
        {children}
      </AppShell.Main>
    </AppShell>
  );
}

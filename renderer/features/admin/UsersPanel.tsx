import { ActionIcon, Alert, Badge, Button, Card, Checkbox, Group, Loader, Menu, PasswordInput, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { Role } from '../../../shared/contract/permissions';
import { ROLES } from '../../../shared/contract/permissions';
import { type UserAccount, userCreateSchema, userResetPasswordSchema, userUpdateSchema } from '../../../shared/contract/users';
import { call } from '../../api/client';
import { useSessionUser } from '../../app/app-state';
import { notifyStaleAction } from '../../components/stale-action';
import { ConfirmModal } from '../../components/ConfirmModal';
import { EmptyState } from '../../components/EmptyState';
import { FormModal } from '../../components/FormModal';
import { useServiceForm } from '../../components/use-service-form';
import { applyServiceError, zodValidate } from '../../components/form-errors';
import { type MessageKey, useT } from '../../i18n';
import { IdleLockSetting } from './IdleLockSetting';
import { formatDateTime } from '../../components/date-time';
import { clinicalRolesOfAdministrator } from './role-warnings';

function formatTime(iso: string): string {
  return formatDateTime(iso, true);
}

function RolesField({ value, onChange, error }: { value: Role[]; onChange: (v: Role[]) => void; error?: React.ReactNode }) {
  const t = useT();
  return (
    <Checkbox.Group label={t('admin.users.form.roles')} description={t('admin.users.form.rolesHint')} value={value} onChange={(v) => onChange(v as Role[])} error={error} withAsterisk>
      <Group gap="md" mt={6}>
        {ROLES.map((r) => (
          <Checkbox key={r} value={r} label={t(`roles.${r}` as MessageKey)} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

type CreateValues = { username: string; displayName: string; password: string; roles: Role[] };

function CreateUserModal({ opened, onClose, onDone }: { opened: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CreateValues>({ mode: 'controlled', initialValues: { username: '', displayName: '', password: '', roles: [] }, validate: zodValidate(userCreateSchema) });
  const close = () => {
    form.reset();
    setFormError(null);
    onClose();
  };
  const save = async (values: CreateValues) => {
    setBusy(true);
    setFormError(null);
    try {
      const user = await call('users:create', values);
      notifications.show({ color: 'teal', message: t('admin.users.form.created', { name: user.displayName }) });
      close();
      onDone();
    } catch (error) {
      setFormError(applyServiceError(error, form.setFieldError));
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormModal opened={opened} onClose={close} title={t('admin.users.form.createTitle')} onSubmit={form.onSubmit((v) => void save(v))} busy={busy} formError={formError} testId="user-create">
      <TextInput label={t('admin.users.form.displayName')} withAsterisk data-autofocus {...form.getInputProps('displayName')} />
      <TextInput label={t('admin.users.form.username')} withAsterisk autoComplete="off" {...form.getInputProps('username')} />
      <PasswordInput label={t('admin.users.form.password')} description={t('admin.users.form.passwordHint')} withAsterisk autoComplete="new-password" {...form.getInputProps('password')} />
      <RolesField value={form.values.roles} onChange={(v) => form.setFieldValue('roles', v)} error={form.errors.roles} />
    </FormModal>
  );
}

type EditValues = { id: number; displayName: string; roles: Role[] };

function EditUserModal({ user, onClose, onDone }: { user: UserAccount | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { form, busy, formError, onSubmit, reset, notice } = useServiceForm({
    channel: 'users:update',
    part: user ? { entity: 'user', id: user.id, version: user.version ?? 0 } : null,
    initialValues: { id: 0, displayName: '', roles: [] as Role[] } satisfies EditValues,
    schema: userUpdateSchema,
    toInput: (v) => v,
    savedMessage: (saved) => t('admin.users.form.saved', { name: saved.displayName }),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  useEffect(() => {
    if (user) reset({ id: user.id, displayName: user.displayName, roles: user.roles });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload the form only when another account is chosen
  }, [user]);
  return (
    <FormModal
      opened={user !== null}
      onClose={onClose}
      title={t('admin.users.form.editTitle', { name: user?.displayName ?? '' })}
      onSubmit={onSubmit}
      busy={busy}
      formError={formError}
      notice={notice}
      testId="user-edit"
    >
      <TextInput label={t('admin.users.form.displayName')} withAsterisk data-autofocus {...form.getInputProps('displayName')} />
      <RolesField value={form.values.roles} onChange={(v) => form.setFieldValue('roles', v)} error={form.errors.roles} />
    </FormModal>
  );
}

function ResetPasswordModal({ user, onClose, onDone }: { user: UserAccount | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { form, busy, formError, onSubmit, reset, notice } = useServiceForm({
    channel: 'users:resetPassword',
    part: user ? { entity: 'user', id: user.id, version: user.version ?? 0 } : null,
    initialValues: { id: 0, password: '' },
    schema: userResetPasswordSchema,
    toInput: (v) => v,
    savedMessage: (saved) => t('admin.users.reset.done', { name: saved.displayName }),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  useEffect(() => {
    if (user) reset({ id: user.id, password: '' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload the form only when another account is chosen
  }, [user]);
  return (
    <FormModal
      opened={user !== null}
      onClose={onClose}
      title={t('admin.users.reset.title', { name: user?.displayName ?? '' })}
      onSubmit={onSubmit}
      busy={busy}
      formError={formError}
      notice={notice}
      submitLabel={t('admin.users.reset.submit')}
      size="md"
      testId="user-reset"
    >
      <Text size="sm" c="dimmed">
        {t('admin.users.reset.hint')}
      </Text>
      <PasswordInput label={t('admin.users.reset.password')} description={t('admin.users.form.passwordHint')} withAsterisk autoComplete="new-password" data-autofocus {...form.getInputProps('password')} />
    </FormModal>
  );
}

/** Accounts: list, create, edit name and roles, reset a password, unlock, disable/enable (never delete). */
export function UsersPanel() {
  const t = useT();
  const me = useSessionUser();
  const [users, setUsers] = useState<UserAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserAccount | null>(null);
  const [resetting, setResetting] = useState<UserAccount | null>(null);
  const [disabling, setDisabling] = useState<UserAccount | null>(null);
  const load = useCallback(() => {
    setError(null);
    call('users:list', {})
      .then(setUsers)
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(load, [load]);

  const act = async (user: UserAccount, run: () => Promise<unknown>, message: string) => {
    try {
      await run();
      notifications.show({ color: 'teal', message });
    } catch (e) {
      if (!notifyStaleAction(e, t)) notifications.show({ color: 'red', message: e instanceof Error ? e.message : String(e) });
    }
    load();
    return user;
  };

  return (
    <>
      <Card withBorder padding="md">
        <Group justify="space-between" mb="sm">
          <Title order={3}>{t('admin.users.title')}</Title>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('admin.users.create')}
          </Button>
        </Group>
        {error && <Alert color="red">{error}</Alert>}
        {users && users.some((u) => u.active && clinicalRolesOfAdministrator(u.roles).length > 0) && (
          <Alert color="orange" mb="sm" title={t('forms.users.adminClinicalTitle')} data-testid="admin-clinical-warning">
            {users
              .filter((u) => u.active && clinicalRolesOfAdministrator(u.roles).length > 0)
              .map((u) =>
                t('forms.users.adminClinical', {
                  name: u.displayName,
                  roles: clinicalRolesOfAdministrator(u.roles)
                    .map((r) => t(`roles.${r}` as MessageKey))
                    .join('、'),
                }),
              )
              .join('；')}
          </Alert>
        )}
        {!users && !error && <Loader size="sm" />}
        {users && users.length === 0 && <EmptyState title={t('admin.users.empty')} />}
        {users && users.length > 0 && (
          <Table.ScrollContainer minWidth={820}>
            <Table striped highlightOnHover aria-label={t('admin.users.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.users.columns.name')}</Table.Th>
                  <Table.Th>{t('admin.users.columns.username')}</Table.Th>
                  <Table.Th>{t('admin.users.columns.roles')}</Table.Th>
                  <Table.Th>{t('admin.users.columns.status')}</Table.Th>
                  <Table.Th>{t('admin.users.columns.created')}</Table.Th>
                  <Table.Th w={70}>{t('admin.users.columns.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.map((u) => {
                  const self = me?.id === u.id;
                  return (
                    <Table.Tr key={u.id} data-username={u.username}>
                      <Table.Td>
                        <Text fw={600} size="sm" c={u.active ? undefined : 'dimmed'}>
                          {u.displayName}
                          {self && t('admin.users.you')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {u.username}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {u.roles.map((r) => (
                            <Badge key={r} size="sm" variant="light">
                              {t(`roles.${r}` as MessageKey)}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge size="sm" color={u.active ? 'teal' : 'gray'} variant={u.active ? 'light' : 'filled'}>
                            {u.active ? t('admin.users.active') : t('admin.users.disabled')}
                          </Badge>
                          {u.lockedUntil && (
                            <Badge size="sm" color="red" variant="light">
                              {t('admin.users.locked', { time: formatTime(u.lockedUntil) })}
                            </Badge>
                          )}
                          {clinicalRolesOfAdministrator(u.roles).length > 0 && (
                            <Badge size="sm" color="orange" variant="outline" title={t('forms.users.adminClinicalTitle')}>
                              {t('forms.users.adminClinicalBadge')}
                            </Badge>
                          )}
                          {u.mustChangePassword && (
                            <Badge size="sm" color="orange" variant="light">
                              {t('admin.users.mustChange')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatTime(u.createdAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon variant="subtle" aria-label={t('admin.users.actionsFor', { name: u.displayName })}>
                              <IconDots size={18} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item onClick={() => setEditing(u)}>{t('admin.users.edit')}</Menu.Item>
                            <Menu.Item onClick={() => setResetting(u)}>{t('admin.users.resetPassword')}</Menu.Item>
                            {u.lockedUntil && (
                              <Menu.Item onClick={() => void act(u, () => call('users:unlock', { id: u.id, expectedVersion: u.version ?? 0 }), t('admin.users.unlocked', { name: u.displayName }))}>
                                {t('admin.users.unlock')}
                              </Menu.Item>
                            )}
                            {u.active ? (
                              <Menu.Item color="red" disabled={self} onClick={() => setDisabling(u)}>
                                {t('admin.users.disable')}
                              </Menu.Item>
                            ) : (
                              <Menu.Item onClick={() => void act(u, () => call('users:setActive', { id: u.id, active: true, expectedVersion: u.version ?? 0 }), t('admin.users.enabledDone', { name: u.displayName }))}>
                                {t('admin.users.enable')}
                              </Menu.Item>
                            )}
                          </Menu.Dropdown>
                        </Menu>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <CreateUserModal opened={creating} onClose={() => setCreating(false)} onDone={load} />
        <EditUserModal user={editing} onClose={() => setEditing(null)} onDone={load} />
        <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} onDone={load} />
        <ConfirmModal
          opened={disabling !== null}
          onClose={() => setDisabling(null)}
          title={t('admin.users.disableTitle')}
          message={t('admin.users.disableMessage', { name: disabling?.displayName ?? '' })}
          confirmLabel={t('admin.users.disable')}
          onConfirm={async () => {
            if (!disabling) return;
            try {
              // At the account's version in the list this page read (issue 19.4).
              const done = await call('users:setActive', { id: disabling.id, active: false, expectedVersion: disabling.version ?? 0 });
              notifications.show({ color: 'teal', message: t('admin.users.disabledDone', { name: done.displayName }) });
            } catch (e) {
              if (!notifyStaleAction(e, t)) throw e;
            }
            load();
          }}
        />
      </Card>
      <IdleLockSetting />
    </>
  );
}

import { Alert, Badge, Button, Card, Code, Group, Menu, Modal, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Title, ActionIcon } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { desksChannels, type Fingerprint, type WorkstationRow } from '../../../shared/contract/desks';
import { call } from '../../api/client';
import { useDeskState } from '../../app/desk-state';
import { ConfirmModal } from '../../components/ConfirmModal';
import { EmptyState } from '../../components/EmptyState';
import { LoadState } from '../../components/LoadState';
import { FormModal } from '../../components/FormModal';
import { applyServiceError, zodValidate } from '../../components/form-errors';
import { useServiceForm } from '../../components/use-service-form';
import { useT } from '../../i18n';

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { hour12: false });
}

/** A fingerprint in groups of four, large enough to read aloud. */
export function FingerprintGroups({ fingerprint, testId }: { fingerprint: Fingerprint; testId?: string }) {
  return (
    <Group gap="xs" data-testid={testId} aria-label={fingerprint.groups.join(' ')}>
      {fingerprint.groups.map((g, i) => (
        <Code key={i} fz="lg" fw={600}>
          {g}
        </Code>
      ))}
    </Group>
  );
}

type Ticket = { address: string; port: number; fingerprint: Fingerprint; code: string; expiresAt: string };

function TicketModal({ ticket, onClose }: { ticket: Ticket | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal opened={ticket !== null} onClose={onClose} title={t('desks.add.title')} size="lg">
      {ticket && (
        <Stack gap="md">
          <Text size="sm">{t('desks.add.explain')}</Text>
          <div>
            <Text size="sm" c="dimmed">
              {t('desks.add.address')}
            </Text>
            <Text fz="xl" fw={700} data-testid="ticket-address">
              {ticket.address}:{ticket.port}
            </Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('desks.add.fingerprint')}
            </Text>
            <FingerprintGroups fingerprint={ticket.fingerprint} testId="ticket-fingerprint" />
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('desks.add.code')}
            </Text>
            <Text fz={28} fw={700} ff="monospace" data-testid="ticket-code">
              {ticket.code}
            </Text>
            <Text size="sm" c="dimmed">
              {t('desks.add.expires', { time: formatTime(ticket.expiresAt) })}
            </Text>
          </div>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('desks.add.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function HostCard({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const { desk, refreshDesk } = useDeskState();
  const listener = desk?.listener ?? null;
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ address: string; port: number | string }>({
    mode: 'controlled',
    initialValues: { address: listener?.address ?? '', port: listener?.port ?? 8443 },
    validate: zodValidate(desksChannels['desks:listen'].input),
  });
  useEffect(() => {
    // A change from elsewhere updates the fields only while nobody is editing them.
    if (listener && !form.isDirty()) {
      form.setValues({ address: listener.address, port: listener.port });
      form.resetDirty();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [listener?.address, listener?.port]);
  const on = listener?.listening === true;
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    try {
      await call('desks:listen', { address: values.address, port: Number(values.port) });
      notifications.show({ color: 'teal', message: t('desks.host.turnedOn') });
      await refreshDesk();
      onChanged();
    } catch (error) {
      setFormError(applyServiceError(error, form.setFieldError));
    } finally {
      setBusy(false);
    }
  });
  const turnOff = async () => {
    setBusy(true);
    try {
      await call('desks:stopListening', null);
      notifications.show({ color: 'teal', message: t('desks.host.turnedOff') });
      await refreshDesk();
      onChanged();
    } catch (error) {
      setFormError(applyServiceError(error, form.setFieldError));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('desks.host.title')}</Title>
          <Badge color={on ? 'teal' : 'gray'} variant="light" data-testid="listener-state">
            {on && listener ? t('desks.host.on', { address: listener.address, port: listener.port }) : t('desks.host.off')}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('desks.host.explain')}
        </Text>
        {on && listener && (
          <div>
            <Text size="sm" c="dimmed">
              {t('desks.host.fingerprint')}
            </Text>
            <FingerprintGroups fingerprint={listener.fingerprint} />
          </div>
        )}
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('desks.host.address')} description={t('desks.host.addressHint')} withAsterisk {...form.getInputProps('address')} />
              <NumberInput label={t('desks.host.port')} description={t('desks.host.portHint')} withAsterisk allowDecimal={false} {...form.getInputProps('port')} />
            </SimpleGrid>
            {formError && (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={busy}>
                {on ? t('desks.host.apply') : t('desks.host.turnOn')}
              </Button>
              {on && (
                <Button variant="default" color="red" onClick={() => void turnOff()} disabled={busy}>
                  {t('desks.host.turnOff')}
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}

function RenameModal({ row, onClose, onDone }: { row: WorkstationRow; onClose: () => void; onDone: () => void }) {
  const t = useT();
  // A desk's name is not a versioned part (see tests/integration/edit-conflicts.test.ts, ACTIONS): no `part`.
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'desks:rename',
    initialValues: { name: row.name },
    schema: desksChannels['desks:rename'].input,
    toInput: (values) => ({ id: row.id, name: values.name }),
    savedMessage: t('desks.list.renamed'),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  return (
    <FormModal opened onClose={onClose} title={t('desks.list.renameTitle')} onSubmit={onSubmit} busy={busy} formError={formError} size="md">
      <TextInput label={t('desks.list.name')} data-autofocus withAsterisk {...form.getInputProps('name')} />
    </FormModal>
  );
}

/** 系统管理 → 工作站: the data host's listener, the enrolled workstations, adding one, renaming, revoking. */
export function DesksPanel() {
  const t = useT();
  const { desk } = useDeskState();
  const [rows, setRows] = useState<WorkstationRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [renaming, setRenaming] = useState<WorkstationRow | null>(null);
  const [revoking, setRevoking] = useState<WorkstationRow | null>(null);
  const [adding, setAdding] = useState(false);
  const load = useCallback(async () => {
    try {
      setRows(await call('desks:list', null));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const listening = desk?.mode === 'workstation' || desk?.listener?.listening === true;
  const add = async () => {
    setAdding(true);
    try {
      setTicket(await call('desks:addWorkstation', null));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setAdding(false);
    }
  };
  return (
    <Stack gap="md">
      {desk?.mode !== 'workstation' && <HostCard onChanged={() => void load()} />}
      <Card withBorder>
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={4}>{t('desks.list.title')}</Title>
            <Button leftSection={<IconPlus size={16} />} onClick={() => void add()} loading={adding} disabled={!listening}>
              {t('desks.list.add')}
            </Button>
          </Group>
          {error && rows !== null && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {rows === null ? (
            <LoadState error={error} size="sm" />
          ) : rows.length === 0 ? (
            <EmptyState title={t('desks.list.empty')} hint={t('desks.list.emptyHint')} />
          ) : (
            <Table striped aria-label={t('desks.list.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('desks.list.columns.name')}</Table.Th>
                  <Table.Th>{t('desks.list.columns.enrolledBy')}</Table.Th>
                  <Table.Th>{t('desks.list.columns.enrolledAt')}</Table.Th>
                  <Table.Th>{t('desks.list.columns.lastSeen')}</Table.Th>
                  <Table.Th>{t('desks.list.columns.status')}</Table.Th>
                  <Table.Th>{t('desks.list.columns.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td>{r.enrolledBy ?? '—'}</Table.Td>
                    <Table.Td>{formatTime(r.enrolledAt)}</Table.Td>
                    <Table.Td>{r.lastSeenAt ? formatTime(r.lastSeenAt) : t('desks.list.never')}</Table.Td>
                    <Table.Td>
                      {r.revokedAt ? (
                        <Badge color="gray" variant="light">
                          {t('desks.list.revokedAt', { date: formatTime(r.revokedAt) })}
                        </Badge>
                      ) : (
                        <Badge color="teal" variant="light">
                          {t('desks.list.active')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {!r.revokedAt && (
                        <Menu position="bottom-end">
                          <Menu.Target>
                            <ActionIcon variant="subtle" aria-label={`${t('desks.list.columns.actions')} ${r.name}`}>
                              <IconDots size={16} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item onClick={() => setRenaming(r)}>{t('desks.list.rename')}</Menu.Item>
                            <Menu.Item color="red" onClick={() => setRevoking(r)}>
                              {t('desks.list.revoke')}
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Card>
      <TicketModal
        ticket={ticket}
        onClose={() => {
          setTicket(null);
          void load();
        }}
      />
      {renaming && <RenameModal key={renaming.id} row={renaming} onClose={() => setRenaming(null)} onDone={() => void load()} />}
      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('desks.list.revokeTitle', { name: revoking?.name ?? '' })}
        message={t('desks.list.revokeExplain')}
        confirmLabel={t('desks.list.revokeConfirm')}
        onConfirm={async () => {
          if (!revoking) return;
          await call('desks:revoke', { id: revoking.id });
          notifications.show({ color: 'teal', message: t('desks.list.revokedDone') });
          await load();
        }}
      />
    </Stack>
  );
}

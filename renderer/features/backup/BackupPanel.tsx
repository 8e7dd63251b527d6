import { Alert, Badge, Button, Group, Loader, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { type BackupEntry, type BackupSettings, backupSettingsSchema } from '../../../shared/contract/backup';
import type { ConflictDetails } from '../../../shared/contract/versions';
import { call } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { ConflictView } from '../../components/ConflictView';
import { EmptyState } from '../../components/EmptyState';
import { FormActions } from '../../components/FormActions';
import { FormModal } from '../../components/FormModal';
import { applyServiceError, zodValidate } from '../../components/form-errors';
import { staleDetails } from '../../components/stale-action';
import { useT } from '../../i18n';
import { formatDateTime } from '../../components/date-time';

type Values = { folder: string; dailyAt: string; keep: number };

function toSettings(values: Values): BackupSettings {
  return {
    folder: values.folder.trim() === '' ? null : values.folder.trim(),
    dailyAt: values.dailyAt.trim() === '' ? null : values.dailyAt.trim(),
    keep: values.keep,
  };
}

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatDateTime(iso, true);
}

/** The backup settings, "back up now", the list of backups and restore (administration, 备份 tab). */
export function BackupPanel() {
  const t = useT();
  const [entries, setEntries] = useState<BackupEntry[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [restoring, setRestoring] = useState<BackupEntry | null>(null);

  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { folder: '', dailyAt: '', keep: 30 },
    validate: (values) => zodValidate(backupSettingsSchema)(toSettings(values)),
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<BackupSettings | null>(null);
  // The form is shown only once the saved settings are in it: a folder typed before they arrive
  // would otherwise be overwritten by the load, unseen.
  const [settingsLoaded, setSettingsLoaded] = useState(false);
  // The settings' version as read (issue 19.4): a change saved meanwhile at another desk is shown, not overwritten.
  const [version, setVersion] = useState(0);
  const [conflict, setConflict] = useState<ConflictDetails | null>(null);

  const load = useCallback(async () => {
    try {
      const list = await call('backup:list', null);
      setEntries(list.entries);
      setLoadError(null);
    } catch (error) {
      setLoadError((error as Error).message);
    }
  }, []);

  useEffect(() => {
    void (async () => {
      try {
        const settings = await call('backup:settings', null);
        setSaved(settings);
        setVersion(settings.version ?? 0);
        form.setValues({ folder: settings.folder ?? '', dailyAt: settings.dailyAt ?? '', keep: settings.keep });
        form.resetDirty();
        setSettingsLoaded(true);
      } catch (error) {
        setLoadError((error as Error).message);
      }
      await load();
    })();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once
  }, []);

  const save = async (values: Values) => {
    setSaving(true);
    setFormError(null);
    try {
      const settings = await call('backup:settings', { ...toSettings(values), expectedVersion: version });
      setSaved(settings);
      setVersion(settings.version ?? version + 1);
      setConflict(null);
      form.setValues({ folder: settings.folder ?? '', dailyAt: settings.dailyAt ?? '', keep: settings.keep });
      form.resetDirty();
      notifications.show({ color: 'teal', message: t('backup.settingsSaved') });
      await load();
    } catch (error) {
      const stale = staleDetails(error);
      if (stale) setConflict(stale);
      else setFormError(applyServiceError(error, form.setFieldError));
    } finally {
      setSaving(false);
    }
  };

  const runNow = async () => {
    setRunning(true);
    try {
      const entry = await call('backup:run', null);
      notifications.show({
        color: entry.verified ? 'teal' : 'red',
        message: t(entry.verified ? 'backup.done' : 'backup.doneUnverified', { file: entry.file }),
      });
      await load();
    } catch (error) {
      notifications.show({ color: 'red', message: (error as Error).message });
    } finally {
      setRunning(false);
    }
  };

  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Title order={4}>{t('backup.settingsTitle')}</Title>
        {!settingsLoaded ? (
          !loadError && <Loader size="sm" aria-label={t('backup.loadingSettings')} />
        ) : (
          <form onSubmit={form.onSubmit((values) => void save(values))} noValidate>
            <Stack gap="sm" maw={640}>
              <TextInput label={t('backup.folder')} description={t('backup.folderHint')} {...form.getInputProps('folder')} />
              <Group grow align="flex-start">
                <TextInput label={t('backup.dailyAt')} description={t('backup.dailyAtHint')} placeholder="02:30" maxLength={5} {...form.getInputProps('dailyAt')} />
                <NumberInput label={t('backup.keep')} min={1} max={365} allowDecimal={false} {...form.getInputProps('keep')} />
              </Group>
              <FormActions
                formError={formError}
                busy={saving}
                onCancel={() => form.reset()}
                notice={
                  conflict && (
                    <ConflictView
                      details={conflict}
                      yours={(field) => (toSettings(form.getValues()) as Record<string, unknown>)[field]}
                      onReapply={() => {
                        // Seen theirs beside what was typed: the next save is on the latest version.
                        setVersion(conflict.currentVersion);
                        setConflict(null);
                      }}
                    />
                  )
                }
              />
            </Stack>
          </form>
        )}
      </Stack>

      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('backup.listTitle')}</Title>
          <Button onClick={() => void runNow()} loading={running} disabled={!saved?.folder}>
            {t('backup.runNow')}
          </Button>
        </Group>
        {running && (
          <Group gap="xs" role="status">
            <Loader size="xs" />
            <Text size="sm">{t('backup.running')}</Text>
          </Group>
        )}
        {!saved?.folder && <Alert color="yellow">{t('backup.noFolder')}</Alert>}
        {loadError && (
          <Alert color="red" role="alert">
            {loadError}
          </Alert>
        )}
        {entries === null && !loadError ? (
          <Loader size="sm" />
        ) : entries && entries.length === 0 ? (
          <EmptyState title={t('backup.empty')} hint={t('backup.emptyHint')} />
        ) : (
          entries && (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs" highlightOnHover aria-label={t('backup.tableLabel')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('backup.columns.date')}</Table.Th>
                    <Table.Th>{t('backup.columns.file')}</Table.Th>
                    <Table.Th>{t('backup.columns.size')}</Table.Th>
                    <Table.Th>{t('backup.columns.verified')}</Table.Th>
                    <Table.Th>{t('safe.backupList.codeColumn')}</Table.Th>
                    <Table.Th>{t('backup.columns.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entries.map((entry) => (
                    <Table.Tr key={entry.file}>
                      <Table.Td>{formatDate(entry.createdAt)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {entry.file}
                        </Text>
                      </Table.Td>
                      <Table.Td>{formatSize(entry.size)}</Table.Td>
                      <Table.Td>
                        {entry.verified === null ? (
                          <Badge color="gray" variant="light">
                            {t('backup.verifiedUnknown')}
                          </Badge>
                        ) : entry.verified ? (
                          <Badge color="teal" variant="light">
                            {t('backup.verifiedYes')}
                          </Badge>
                        ) : (
                          <Badge color="red" variant="light" title={entry.problems.join('; ')}>
                            {t('backup.verifiedNo')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" ff="monospace" data-testid="backup-code-id">
                            {entry.recoveryId ?? '—'}
                          </Text>
                          {entry.currentKey === false && (
                            <Badge color="gray" variant="outline" size="sm">
                              {t('safe.backupList.oldKey')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="light" color="red" onClick={() => setRestoring(entry)}>
                          {t('backup.restore')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        )}
      </Stack>
      <RestoreModal entry={restoring} onClose={() => setRestoring(null)} />
    </Stack>
  );
}

/** A strong confirmation: the person types 恢复; the current data is kept aside, everyone signs in again. */
function RestoreModal({ entry, onClose }: { entry: BackupEntry | null; onClose: () => void }) {
  const t = useT();
  const { refresh } = useAppState();
  const [typed, setTyped] = useState('');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsCode = entry?.currentKey === false;
  const close = () => {
    setTyped('');
    setCode('');
    setCodeError(null);
    setError(null);
    onClose();
  };
  const restore = async () => {
    if (!entry) return;
    if (typed.trim() !== t('backup.restoreWord')) {
      setError(t('backup.restoreTypeWrong'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await call('backup:restore', { file: entry.file, confirm: true, recoveryCode: needsCode ? code : null });
      notifications.show({ color: 'teal', autoClose: false, message: t('backup.restored', { dir: result.replacedDir }) });
      close();
      // Every session has ended: back to the sign-in page.
      await refresh();
    } catch (e) {
      const message = applyServiceError(e, (path, msg) => {
        if (path === 'recoveryCode') setCodeError(msg);
        else setError(msg);
      });
      if (message) setError(message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormModal
      opened={entry !== null}
      onClose={close}
      title={t('backup.restoreTitle')}
      size="md"
      onSubmit={(e) => {
        e?.preventDefault();
        void restore();
      }}
      busy={busy}
      formError={error}
      submitLabel={t('backup.restoreConfirm')}
      danger
      testId="backup-restore-dialog"
    >
      {entry && (
        <>
          <Alert color="orange">{t('backup.restoreExplain', { file: entry.file, date: formatDate(entry.createdAt) })}</Alert>
          {needsCode && (
            <>
              <Alert color="blue">{t('safe.backupList.codeNeeded', { id: entry.recoveryId ?? '?' })}</Alert>
              <TextInput
                label={t('safe.backupList.codeLabel', { id: entry.recoveryId ?? '?' })}
                value={code}
                error={codeError}
                ff="monospace"
                autoComplete="off"
                onChange={(e) => {
                  setCode(e.currentTarget.value);
                  setCodeError(null);
                }}
              />
            </>
          )}
          <TextInput
            label={t('backup.restoreTypeLabel')}
            value={typed}
            onChange={(e) => {
              setTyped(e.currentTarget.value);
              setError(null);
            }}
            data-autofocus
          />
        </>
      )}
    </FormModal>
  );
}

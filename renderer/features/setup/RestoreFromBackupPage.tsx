import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { backupChannels } from '../../../shared/contract/backup';
import { call } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { CenteredCard } from '../../components/CenteredCard';
import { applyServiceError, zodValidate } from '../../components/form-errors';
import { useT } from '../../i18n';

type Values = { source: string; recoveryCode: string; passphrase: string; passphraseConfirm: string };

/**
 * A new computer, or a lost passphrase: the backup folder (or file) and the printed recovery code.
 * The backup is checked before anything in the data folder moves; then this computer protects the key.
 */
export function RestoreFromBackupPage({ onBack }: { onBack: () => void }) {
  const t = useT();
  const { status, refresh } = useAppState();
  const needsPassphrase = status?.passphraseRequired ?? false;
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const schema = backupChannels['backup:restoreFromFile'].input;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { source: '', recoveryCode: '', passphrase: '', passphraseConfirm: '' },
    validate: (values) => {
      const errors: Record<string, string> = zodValidate(schema)({ ...values, passphrase: needsPassphrase ? values.passphrase : null });
      if (needsPassphrase && values.passphrase !== values.passphraseConfirm) errors.passphraseConfirm = t('safe.restore.passphraseMismatch');
      return errors;
    },
  });
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    try {
      const result = await call('backup:restoreFromFile', {
        source: values.source,
        recoveryCode: values.recoveryCode,
        passphrase: needsPassphrase ? values.passphrase : null,
      });
      notifications.show({
        color: 'teal',
        autoClose: false,
        message: t('safe.restore.done', {
          file: result.file,
          date: new Date(result.createdAt).toLocaleString('zh-CN', { hour12: false }),
          children: result.children,
          rows: result.auditRows,
        }),
      });
      await refresh();
    } catch (error) {
      setFormError(applyServiceError(error, form.setFieldError));
    } finally {
      setBusy(false);
    }
  });
  return (
    <CenteredCard title={t('safe.restore.title')} width={620}>
      <Text c="dimmed">{t('safe.restore.intro')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('safe.restore.source')} description={t('safe.restore.sourceHint')} withAsterisk data-autofocus autoFocus {...form.getInputProps('source')} />
          <TextInput
            label={t('safe.restore.code')}
            description={t('safe.restore.codeHint')}
            withAsterisk
            autoComplete="off"
            spellCheck={false}
            ff="monospace"
            {...form.getInputProps('recoveryCode')}
          />
          {needsPassphrase && (
            <>
              <PasswordInput label={t('safe.restore.passphrase')} description={t('safe.restore.passphraseHint')} withAsterisk {...form.getInputProps('passphrase')} />
              <PasswordInput label={t('safe.restore.passphraseConfirm')} withAsterisk {...form.getInputProps('passphraseConfirm')} />
            </>
          )}
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Group justify="space-between">
            <Button variant="subtle" onClick={onBack} disabled={busy}>
              {t('safe.restore.back')}
            </Button>
            <Button type="submit" loading={busy}>
              {busy ? t('safe.restore.busy') : t('safe.restore.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </CenteredCard>
  );
}

import { Alert, Button, Checkbox, Divider, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { ConnectHostPage } from '../desks/ConnectHostPage';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { appChannels } from '../../../shared/contract/app';
import { call } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { CenteredCard } from '../../components/CenteredCard';
import { applyServiceError, zodValidate } from '../../components/form-errors';
import { useT } from '../../i18n';
import { RestoreFromBackupPage } from './RestoreFromBackupPage';

type Values = {
  institutionName: string;
  displayName: string;
  username: string;
  password: string;
  passwordConfirm: string;
  passphrase: string;
  passphraseConfirm: string;
  loadDemo: boolean;
  backupFolder: string;
};

/** First run: the institution, the administrator, the key; then the recovery code, once. */
export function SetupPage() {
  const t = useT();
  const { status, refresh, setRecoveryCode } = useAppState();
  const needsPassphrase = status?.passphraseRequired ?? false;
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [connecting, setConnecting] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const schema = appChannels['app:setup'].input;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { institutionName: '', displayName: '', username: 'admin', password: '', passwordConfirm: '', passphrase: '', passphraseConfirm: '', loadDemo: false, backupFolder: '' },
    validate: (values) => {
      const errors: Record<string, string> = zodValidate(schema)({ ...values, passphrase: needsPassphrase ? values.passphrase : null, backupFolder: values.backupFolder.trim() || null });
      if (values.password !== values.passwordConfirm) errors.passwordConfirm = t('setup.passwordMismatch');
      if (needsPassphrase && values.passphrase !== values.passphraseConfirm) errors.passphraseConfirm = t('setup.passphraseMismatch');
      return errors;
    },
  });

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    try {
      const result = await call('app:setup', {
        institutionName: values.institutionName,
        displayName: values.displayName,
        username: values.username,
        password: values.password,
        passphrase: needsPassphrase ? values.passphrase : null,
        loadDemo: values.loadDemo,
        backupFolder: values.backupFolder.trim() || null,
      });
      setRecoveryCode(result.recoveryCode);
      await refresh();
    } catch (error) {
      // The backup service names its field `folder`; here it is the set-up form's backupFolder.
      setFormError(applyServiceError(error, (path, message) => form.setFieldError(path === 'folder' ? 'backupFolder' : path, message)));
    } finally {
      setBusy(false);
    }
  });

  if (connecting) return <ConnectHostPage onBack={() => setConnecting(false)} />;
  if (restoring) return <RestoreFromBackupPage onBack={() => setRestoring(false)} />;

  return (
    <CenteredCard title={t('setup.title')} width={560}>
      <Text c="dimmed">{t('setup.intro')}</Text>
      <Alert color="blue" variant="light">
        <Stack gap={6}>
          <Text size="sm">{t('safe.setup.restoreInsteadHint')}</Text>
          <div>
            <Button variant="light" size="xs" onClick={() => setRestoring(true)}>
              {t('safe.setup.restoreInstead')}
            </Button>
          </div>
        </Stack>
      </Alert>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('setup.institutionName')} placeholder={t('setup.institutionPlaceholder')} withAsterisk data-autofocus autoFocus {...form.getInputProps('institutionName')} />
          <TextInput label={t('setup.displayName')} withAsterisk {...form.getInputProps('displayName')} />
          <TextInput label={t('setup.username')} withAsterisk autoComplete="username" {...form.getInputProps('username')} />
          <PasswordInput label={t('setup.password')} description={t('setup.passwordHint')} withAsterisk autoComplete="new-password" {...form.getInputProps('password')} />
          <PasswordInput label={t('setup.passwordConfirm')} withAsterisk autoComplete="new-password" {...form.getInputProps('passwordConfirm')} />
          {needsPassphrase ? (
            <>
              <PasswordInput label={t('setup.passphrase')} description={t('setup.passphraseHint')} withAsterisk {...form.getInputProps('passphrase')} />
              <PasswordInput label={t('setup.passphraseConfirm')} withAsterisk {...form.getInputProps('passphraseConfirm')} />
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('setup.keyAuto')}
            </Text>
          )}
          <Divider label={t('safe.setup.backupTitle')} labelPosition="left" mt="xs" />
          <TextInput
            label={t('safe.setup.backupFolder')}
            description={t('safe.setup.backupFolderHint')}
            placeholder="/media/usb/童护备份"
            {...form.getInputProps('backupFolder')}
          />
          <Text size="xs" c="dimmed">
            {t('safe.setup.backupWhy')}
          </Text>
          <Checkbox label={t('setup.loadDemo')} {...form.getInputProps('loadDemo', { type: 'checkbox' })} />
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Button type="submit" loading={busy} size="md">
            {busy ? t('setup.creating') : t('setup.create')}
          </Button>
          <Button variant="subtle" onClick={() => setConnecting(true)} disabled={busy}>
            {t('desks.connect.fromSetup')}
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}

import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { appChannels } from '../../../shared/contract/app';
import { call } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { CenteredCard } from '../../components/CenteredCard';
import { applyServiceError, zodValidate } from '../../components/form-errors';
import { useT } from '../../i18n';

export function LoginPage() {
  const t = useT();
  const { status, refresh } = useAppState();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({ mode: 'controlled', initialValues: { username: '', password: '' }, validate: zodValidate(appChannels['auth:login'].input) });
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    try {
      await call('auth:login', values);
      await refresh();
    } catch (error) {
      form.setFieldValue('password', '');
      setFormError(applyServiceError(error, form.setFieldError));
    } finally {
      setBusy(false);
    }
  });
  return (
    <CenteredCard title={t('login.title')}>
      {status?.institutionName && <Text c="dimmed">{status.institutionName}</Text>}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('login.username')} autoComplete="username" autoFocus {...form.getInputProps('username')} />
          <PasswordInput label={t('login.password')} autoComplete="current-password" {...form.getInputProps('password')} />
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Button type="submit" loading={busy}>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}

import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { appChannels } from '../../../shared/contract/app';
import { call } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { CenteredCard } from '../../components/CenteredCard';
import { applyServiceError, zodValidate } from '../../components/form-errors';
import { useT } from '../../i18n';

export function ChangePasswordPage() {
  const t = useT();
  const { refresh, status } = useAppState();
  const user = status?.user ?? null;
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: (values) => {
      const errors = zodValidate(appChannels['auth:changePassword'].input)(values);
      if (values.newPassword !== values.confirm) errors.confirm = t('setup.passwordMismatch');
      return errors;
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await call('auth:changePassword', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      await refresh();
    } catch (error) {
      setFormError(applyServiceError(error, form.setFieldError));
    }
  });
  return (
    <CenteredCard title={t('changePassword.title')}>
      <Alert color="orange" data-testid="must-change">
        {user?.mustChangeReason === 'firstSignIn' ? t('read.firstSignIn') : t('changePassword.mustChange')}
      </Alert>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <PasswordInput label={t('changePassword.current')} autoFocus {...form.getInputProps('currentPassword')} />
          <PasswordInput label={t('changePassword.next')} description={t('setup.passwordHint')} {...form.getInputProps('newPassword')} />
          <PasswordInput label={t('changePassword.confirm')} {...form.getInputProps('confirm')} />
          {formError && <Alert color="red">{formError}</Alert>}
          <Button type="submit">{t('changePassword.submit')}</Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}

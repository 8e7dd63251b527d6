import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Fingerprint } from '../../../shared/contract/desks';
import { call } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { useDeskState } from '../../app/desk-state';
import { CenteredCard } from '../../components/CenteredCard';
import { applyServiceError } from '../../components/form-errors';
import { useT } from '../../i18n';
import { FingerprintGroups } from './DesksPanel';

type Step = 'address' | 'compare' | 'code';

/**
 * A new workstation's first run: the data host's address, the fingerprint it shows (compared aloud
 * with the administrator before anything is sent), then the name and the one-time code.
 */
export function ConnectHostPage({ onBack }: { onBack?: () => void } = {}) {
  const t = useT();
  const { desk, refreshDesk } = useDeskState();
  const { refresh } = useAppState();
  const [step, setStep] = useState<Step>('address');
  const [fingerprint, setFingerprint] = useState<Fingerprint | null>(null);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ mode: 'controlled', initialValues: { host: desk?.hostAddress ?? '', name: '', code: '' } });

  const look = form.onSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    try {
      setFingerprint(await call('desks:probe', { host: values.host }));
      setStep('compare');
    } catch (error) {
      setFormError(applyServiceError(error, form.setFieldError));
    } finally {
      setBusy(false);
    }
  });
  const connect = form.onSubmit(async (values) => {
    if (!fingerprint) return;
    setBusy(true);
    setFormError(null);
    try {
      await call('desks:enroll', { host: values.host, code: values.code, name: values.name, fingerprint: fingerprint.sha256 });
      notifications.show({ color: 'teal', message: t('desks.connect.connected') });
      await refreshDesk();
      await refresh();
    } catch (error) {
      const message = applyServiceError(error, form.setFieldError);
      if ((error as { field?: string }).field === 'fingerprint') setStep('address');
      setFormError(message);
    } finally {
      setBusy(false);
    }
  });
  const again = () => {
    setFingerprint(null);
    setFormError(null);
    setStep('address');
  };

  return (
    <CenteredCard title={t('desks.connect.title')} width={640}>
      <Text size="sm">{t('desks.connect.explain')}</Text>
      {step === 'address' && (
        <form onSubmit={look} noValidate>
          <Stack gap="sm">
            <TextInput label={t('desks.connect.host')} description={t('desks.connect.hostHint')} autoFocus withAsterisk {...form.getInputProps('host')} />
            {formError && (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            )}
            <Button type="submit" loading={busy}>
              {t('desks.connect.look')}
            </Button>
            {onBack && (
              <Button variant="subtle" onClick={onBack}>
                {t('desks.connect.toSetup')}
              </Button>
            )}
          </Stack>
        </form>
      )}
      {step === 'compare' && fingerprint && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('desks.connect.fingerprint')}
          </Text>
          <FingerprintGroups fingerprint={fingerprint} testId="seen-fingerprint" />
          <Alert color="yellow">{t('desks.connect.compare')}</Alert>
          <Group>
            <Button onClick={() => setStep('code')}>{t('desks.connect.matches')}</Button>
            <Button variant="default" onClick={again}>
              {t('desks.connect.back')}
            </Button>
          </Group>
        </Stack>
      )}
      {step === 'code' && (
        <form onSubmit={connect} noValidate>
          <Stack gap="sm">
            <TextInput label={t('desks.connect.name')} description={t('desks.connect.nameHint')} autoFocus withAsterisk {...form.getInputProps('name')} />
            <TextInput label={t('desks.connect.code')} withAsterisk autoComplete="off" {...form.getInputProps('code')} />
            {formError && (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={busy}>
                {t('desks.connect.submit')}
              </Button>
              <Button variant="default" onClick={again} disabled={busy}>
                {t('desks.connect.back')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </CenteredCard>
  );
}

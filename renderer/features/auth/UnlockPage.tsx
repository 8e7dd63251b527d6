import { Alert, Button, PasswordInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { CenteredCard } from '../../components/CenteredCard';
import { singleFieldError } from '../../components/form-errors';
import { useT } from '../../i18n';
import { RestoreFromBackupPage } from '../setup/RestoreFromBackupPage';

/** The database key could not be unsealed: ask for the passphrase or the recovery code. */
export function UnlockPage() {
  const t = useT();
  const { status, refresh } = useAppState();
  const [method, setMethod] = useState<'passphrase' | 'recoveryCode'>('passphrase');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [newPassphrase, setNewPassphrase] = useState('');
  const [restoring, setRestoring] = useState(false);
  const problem = status?.problem;
  const asksNewPassphrase = method === 'recoveryCode' && (status?.passphraseRequired ?? false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('app:unlock', { method, secret, newPassphrase: asksNewPassphrase && newPassphrase ? newPassphrase : null });
      await refresh();
    } catch (e) {
      setError(singleFieldError(e));
    } finally {
      setBusy(false);
    }
  };
  if (restoring) return <RestoreFromBackupPage onBack={() => setRestoring(false)} />;
  return (
    <CenteredCard title={t('unlock.title')}>
      {problem && (
        <Alert color={problem.code === 'wrong_key' ? 'red' : 'blue'} role="alert" data-testid="unlock-problem">
          {problem.message}
        </Alert>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <SegmentedControl
            aria-label={t('unlock.method')}
            value={method}
            onChange={(v) => setMethod(v as typeof method)}
            data={[
              { value: 'passphrase', label: t('unlock.passphrase') },
              { value: 'recoveryCode', label: t('unlock.recoveryCode') },
            ]}
          />
          <PasswordInput label={method === 'passphrase' ? t('unlock.passphrase') : t('unlock.recoveryCode')} value={secret} error={error} onChange={(e) => setSecret(e.currentTarget.value)} autoFocus />
          {asksNewPassphrase && (
            <PasswordInput
              label={t('safe.unlock.newPassphrase')}
              description={t('safe.unlock.newPassphraseHint')}
              value={newPassphrase}
              onChange={(e) => setNewPassphrase(e.currentTarget.value)}
            />
          )}
          <Button type="submit" loading={busy} disabled={secret.length === 0}>
            {t('unlock.submit')}
          </Button>
          <Button variant="subtle" size="xs" onClick={() => setRestoring(true)}>
            {t('safe.unlock.restoreLink')}
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}

/** The database is damaged or too new: say so plainly; nothing was touched. */
export function DatabaseErrorPage() {
  const t = useT();
  const { status } = useAppState();
  const [restoring, setRestoring] = useState(false);
  if (restoring) return <RestoreFromBackupPage onBack={() => setRestoring(false)} />;
  return (
    <CenteredCard title={t('unlock.corruptTitle')}>
      <Alert color="red" role="alert" data-testid="database-problem">
        {status?.problem?.message}
      </Alert>
      <Text>{t('unlock.corruptHelp')}</Text>
      <Button variant="light" onClick={() => setRestoring(true)}>
        {t('safe.unlock.restoreLink')}
      </Button>
    </CenteredCard>
  );
}

import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import { ApiError, call } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { singleFieldError } from '../../components/form-errors';
import { useT } from '../../i18n';

/**
 * Covers the app while the session is locked. The app stays mounted underneath, so whatever a
 * person was typing is still there after the unlock.
 */
export function LockScreen() {
  const t = useT();
  const { status, refresh } = useAppState();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unlock = async () => {
    setBusy(true);
    try {
      await call('auth:unlockScreen', { password });
      setPassword('');
      setError(null);
      await refresh();
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'account_locked' || e.code === 'unauthenticated')) {
        // The fifth wrong password locks the account and signs this session out: back to sign-in, saying why.
        setPassword('');
        notifications.show({ color: 'red', autoClose: false, message: t('sec.lockSignedOut', { message: e.message }) });
        await refresh();
        return;
      }
      setError(singleFieldError(e));
    } finally {
      setBusy(false);
    }
  };
  const signOut = async () => {
    await call('auth:logout', null).catch(() => undefined);
    await refresh();
  };
  return (
    <Modal opened onClose={() => undefined} withCloseButton={false} closeOnEscape={false} closeOnClickOutside={false} centered title={t('lock.title')} overlayProps={{ backgroundOpacity: 0.85, blur: 12 }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void unlock();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('lock.message')}</Text>
          <Text fw={600}>{status?.user?.displayName}</Text>
          <PasswordInput label={t('lock.password')} value={password} error={error} onChange={(e) => setPassword(e.currentTarget.value)} autoFocus />
          <Group justify="space-between">
            <Button variant="subtle" onClick={() => void signOut()}>
              {t('lock.switchUser')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('lock.unlock')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

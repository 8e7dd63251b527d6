import { Alert, Button, Code, Group, Modal, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { printAudited } from '../../components/print';
import { useAppState } from '../../app/app-state';
import { FormActions } from '../../components/FormActions';
import { singleFieldError } from '../../components/form-errors';
import { useT } from '../../i18n';

/**
 * A new recovery code not yet confirmed as saved. Kept outside the component so that switching
 * administration tabs (which unmounts this panel) does not lose the only copy; a page reload does.
 */
let unconfirmedCode: string | null = null;

/** Changing the database key (administration, 密钥 tab); the new recovery code is shown once. */
export function KeyPanel() {
  const t = useT();
  const [unseen, setUnseen] = useState(false);
  const [asking, setAsking] = useState(false);
  const [code, setCodeState] = useState<string | null>(unconfirmedCode);
  const setCode = (next: string | null) => {
    unconfirmedCode = next;
    setCodeState(next);
  };

  useEffect(() => {
    void call('key:status', null)
      .then((s) => setUnseen(s.recoveryUnseen))
      .catch(() => setUnseen(false));
  }, [code]);

  if (code) return <NewRecoveryCode code={code} onDone={() => setCode(null)} />;

  return (
    <Stack gap="sm" maw={640}>
      <Title order={4} className="no-print">
        {t('backup.keyTitle')}
      </Title>
      <Text size="sm">{t('backup.keyIntro')}</Text>
      {unseen && (
        <Alert color="red" role="alert">
          {t('backup.keyUnseen')}
        </Alert>
      )}
      <Group>
        <Button color="red" variant="light" onClick={() => setAsking(true)}>
          {t('backup.changeKey')}
        </Button>
      </Group>
      <ChangeKeyModal
        opened={asking}
        onClose={() => setAsking(false)}
        onChanged={(recoveryCode) => {
          setAsking(false);
          setCode(recoveryCode);
        }}
      />
    </Stack>
  );
}

function ChangeKeyModal({ opened, onClose, onChanged }: { opened: boolean; onClose: () => void; onChanged: (code: string) => void }) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setPassword('');
    setError(null);
    onClose();
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await call('key:change', { password, confirm: true });
      setPassword('');
      notifications.show({ color: 'teal', message: t('backup.keyChanged') });
      onChanged(result.recoveryCode);
    } catch (e) {
      setError(singleFieldError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={t('backup.changeKeyTitle')} size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Alert color="orange">{t('backup.keyIntro')}</Alert>
          <Text size="sm">{t('backup.changeKeyExplain')}</Text>
          <PasswordInput
            label={t('backup.password')}
            value={password}
            error={error}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              setError(null);
            }}
            data-autofocus
            autoComplete="current-password"
          />
          <FormActions formError={null} busy={busy} onCancel={close} submitLabel={t('backup.changeKeyConfirm')} danger />
        </Stack>
      </form>
    </Modal>
  );
}

/** The new recovery code, once: print, then confirm by typing back its last group (as at set-up). */
function NewRecoveryCode({ code, onDone }: { code: string; onDone: () => void }) {
  const t = useT();
  const { status } = useAppState();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const lastGroup = code.split('-').at(-1) ?? '';
  return (
    <Stack gap="sm" maw={640}>
      <Title order={4} className="no-print">
        {t('backup.newCodeTitle')}
      </Title>
      <Alert color="orange" className="no-print">
        {t('setup.recoveryIntro')}
      </Alert>
      <Stack gap="xs" className="recovery-sheet">
        <Text size="sm" c="dimmed">
          {status?.institutionName}
        </Text>
        <Code block fz={26} ta="center" data-testid="recovery-code" style={{ letterSpacing: 2 }}>
          {code}
        </Code>
      </Stack>
      <Group className="no-print">
        <Button variant="default" onClick={() => void printAudited('recoveryCode')}>
          {t('setup.printRecovery')}
        </Button>
      </Group>
      <form
        className="no-print"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim().toUpperCase() !== lastGroup) {
            setError(t('setup.recoveryConfirmWrong'));
            return;
          }
          onDone();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('setup.recoveryConfirmLabel')}
            value={typed}
            error={error}
            maxLength={5}
            onChange={(e) => {
              setTyped(e.currentTarget.value);
              setError(null);
            }}
            autoFocus
          />
          <Button type="submit">{t('backup.savedIt')}</Button>
        </Stack>
      </form>
    </Stack>
  );
}

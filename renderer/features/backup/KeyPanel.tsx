import { Alert, Button, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { printAudited } from '../../components/print';
import { useAppState } from '../../app/app-state';
import { FormModal } from '../../components/FormModal';
import { singleFieldError } from '../../components/form-errors';
import { useT } from '../../i18n';
import { RecoveryCodeSheet } from '../setup/RecoveryCodeSheet';
import { AuditCheckpointPanel } from './AuditCheckpointPanel';

/**
 * A new recovery code not yet confirmed as saved, while this panel is away (switching tabs unmounts
 * it). A reload does not lose it either: the service keeps it sealed until it is confirmed.
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
  useEffect(() => {
    if (unconfirmedCode) return;
    void call('key:unconfirmedCode', null)
      .then((pending) => {
        if (pending.recoveryCode) setCode(pending.recoveryCode);
      })
      .catch(() => undefined);
  }, []);

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
      <AuditCheckpointPanel />
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
      if (result.backup?.verified) {
        notifications.show({ color: 'teal', autoClose: false, message: t('safe.backupList.keyChangeBackup', { file: result.backup.file }) });
      } else if (result.backupError) {
        notifications.show({ color: 'red', autoClose: false, message: t('safe.backupList.keyChangeBackupFailed', { error: result.backupError }) });
      }
      onChanged(result.recoveryCode);
    } catch (e) {
      setError(singleFieldError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={t('backup.changeKeyTitle')}
      size="md"
      onSubmit={(e) => {
        e?.preventDefault();
        void submit();
      }}
      busy={busy}
      formError={null}
      submitLabel={t('backup.changeKeyConfirm')}
      danger
      testId="change-key-dialog"
    >
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
    </FormModal>
  );
}

/** The new recovery code: print, then confirm one random group (kept sealed by the service until then). */
function NewRecoveryCode({ code, onDone }: { code: string; onDone: () => void }) {
  const t = useT();
  const { status } = useAppState();
  return (
    <Stack gap="sm" maw={760}>
      <Title order={4} className="no-print">
        {t('backup.newCodeTitle')}
      </Title>
      <RecoveryCodeSheet
        code={code}
        institutionName={status?.institutionName ?? null}
        onPrint={() => void printAudited('recoveryCode')}
        confirmLabel={t('backup.savedIt')}
        onConfirm={async (group, value) => {
          await call('key:confirmCode', { group, value });
          onDone();
          return null;
        }}
      />
    </Stack>
  );
}

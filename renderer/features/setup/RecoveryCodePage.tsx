import { Alert, Button, Code, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useAppState } from '../../app/app-state';
import { CenteredCard } from '../../components/CenteredCard';
import { useT } from '../../i18n';

/** Shows the recovery code once; the administrator confirms by typing back its last group. */
export function RecoveryCodePage({ code }: { code: string }) {
  const t = useT();
  const { setRecoveryCode, status } = useAppState();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const lastGroup = code.split('-').at(-1) ?? '';
  const confirm = () => {
    if (typed.trim().toUpperCase() !== lastGroup) {
      setError(t('setup.recoveryConfirmWrong'));
      return;
    }
    setRecoveryCode(null);
  };
  return (
    <CenteredCard title={t('setup.recoveryTitle')} width={560}>
      <Alert color="orange">{t('setup.recoveryIntro')}</Alert>
      <Stack gap="xs" className="recovery-sheet">
        <Text size="sm" c="dimmed">
          {status?.institutionName}
        </Text>
        <Code block fz={26} ta="center" data-testid="recovery-code" style={{ letterSpacing: 2 }}>
          {code}
        </Code>
      </Stack>
      <Group className="no-print">
        <Button variant="default" onClick={() => window.print()}>
          {t('setup.printRecovery')}
        </Button>
      </Group>
      <form
        className="no-print"
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
      >
        <Stack gap="sm">
          <TextInput label={t('setup.recoveryConfirmLabel')} value={typed} error={error} maxLength={5} onChange={(e) => { setTyped(e.currentTarget.value); setError(null); }} autoFocus />
          <Button type="submit">{t('setup.recoveryDone')}</Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}

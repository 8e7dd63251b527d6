import { Center, Loader, Stack, Title } from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useCan } from '../../app/permissions';
import { printAudited } from '../../components/print';
import { useT } from '../../i18n';
import { RecoveryCodeSheet } from './RecoveryCodeSheet';

/**
 * For an administrator: a recovery code not yet confirmed as saved (kept sealed in the key store) is
 * shown before anything else, after a reload or the next sign-in, until one random group is typed back.
 */
export function RecoveryCodeGate({ children }: { children: ReactNode }) {
  const t = useT();
  const canManage = useCan('key.manage');
  const [state, setState] = useState<{ code: string | null; institutionName: string | null } | null>(canManage ? null : { code: null, institutionName: null });
  useEffect(() => {
    if (!canManage) return;
    void (async () => {
      try {
        const pending = await call('key:unconfirmedCode', null);
        setState({ code: pending.recoveryCode, institutionName: pending.institutionName });
      } catch {
        setState({ code: null, institutionName: null });
      }
    })();
  }, [canManage]);
  if (!state) {
    return (
      <Center h="50vh">
        <Loader />
      </Center>
    );
  }
  if (!state.code) return <>{children}</>;
  return (
    <Stack gap="md" maw={760} mx="auto">
      <Title order={2}>{t('safe.code.title')}</Title>
      <RecoveryCodeSheet
        code={state.code}
        institutionName={state.institutionName}
        onPrint={() => void printAudited('recoveryCode')}
        onConfirm={async (group, value) => {
          await call('key:confirmCode', { group, value });
          setState({ code: null, institutionName: null });
          return null;
        }}
      />
    </Stack>
  );
}

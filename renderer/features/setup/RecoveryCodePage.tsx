import { useAppState } from '../../app/app-state';
import { CenteredCard } from '../../components/CenteredCard';
import { useT } from '../../i18n';
import { RecoveryCodeSheet } from './RecoveryCodeSheet';
import { call } from '../../api/client';

/**
 * Right after set-up: the recovery code, whole. Until one group is typed back the code stays sealed
 * in the key store, so a reload or a closed window shows it again after the administrator signs in.
 */
export function RecoveryCodePage({ code }: { code: string }) {
  const t = useT();
  const { setRecoveryCode, status } = useAppState();
  return (
    <CenteredCard title={t('safe.code.title')} width={720}>
      <RecoveryCodeSheet
        code={code}
        institutionName={status?.institutionName ?? null}
        onPrint={() => window.print()}
        onConfirm={async (group, value) => {
          if (code.split('-')[group - 1] !== value) return t('safe.code.confirmWrong', { n: group });
          await call('key:confirmSetupCode', { group, value });
          setRecoveryCode(null);
          return null;
        }}
      />
    </CenteredCard>
  );
}

import { useAppState } from '../../app/app-state';
import { CenteredCard } from '../../components/CenteredCard';
import { useT } from '../../i18n';
import { RecoveryCodeSheet } from './RecoveryCodeSheet';
import { rememberConfirmation } from './pending-code';

/**
 * Right after set-up: the recovery code, whole. Nobody is signed in yet, so the group typed back is
 * checked here and sent with the administrator's first sign-in; until then (a reload, a closed
 * window) the code stays sealed in the key store and is shown again after sign-in.
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
          rememberConfirmation(group, value);
          setRecoveryCode(null);
          return null;
        }}
      />
    </CenteredCard>
  );
}

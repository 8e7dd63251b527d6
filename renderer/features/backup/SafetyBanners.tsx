import { Alert, Stack } from '@mantine/core';
import { useAppState } from '../../app/app-state';
import { useT } from '../../i18n';

/**
 * On every page: a damaged database (open read-only, what was found, how to restore) for everyone,
 * and, for administrators, an audit trail that no longer matches its anchors.
 */
export function SafetyBanners() {
  const t = useT();
  const { status } = useAppState();
  const damage = status?.damage ?? null;
  const auditWarning = status?.auditWarning ?? null;
  if (!damage && !auditWarning) return null;
  return (
    <Stack gap="xs" mb="md" className="no-print">
      {damage && (
        <Alert color="red" variant="filled" role="alert" title={t('safe.damage.title')} data-testid="damage-banner">
          {damage.message}
        </Alert>
      )}
      {auditWarning && (
        <Alert color="red" role="alert" title={t('safe.auditWarning.title')} data-testid="audit-warning">
          {auditWarning}
        </Alert>
      )}
    </Stack>
  );
}

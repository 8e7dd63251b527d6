import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useDeskState } from '../../app/desk-state';
import { useT } from '../../i18n';

/** Shown to whoever signs in at a workstation whose data host showed an audit history that does not extend what it saw. */
export function WitnessAlarm() {
  const t = useT();
  const { desk } = useDeskState();
  const alarm = desk?.witnessAlarm;
  if (!alarm) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={t('desks.alarm.title')} role="alert" mb="md" data-testid="witness-alarm">
      <Text size="sm">{alarm.reason === 'cut' ? t('desks.alarm.cut') : t('desks.alarm.rewritten')}</Text>
      <Text size="sm">{t('desks.alarm.detail', { seen: alarm.seen.count, shown: alarm.shown.count })}</Text>
    </Alert>
  );
}

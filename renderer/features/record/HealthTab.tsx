import { Stack } from '@mantine/core';
import { useT } from '../../i18n';
import { AidClaimsSection } from './AidClaimsSection';
import { DisabilitySection } from './DisabilitySection';
import { InsuranceSection } from './InsuranceSection';
import { StatusFactsSection } from './StatusFactsSection';
import type { RecordTabProps } from './use-child-record';

/** Health and disability: certificates, autism diagnosis and serious illness, medical insurance, aid claims. */
export function HealthTab(props: RecordTabProps) {
  const t = useT();
  return (
    <Stack gap="md">
      <DisabilitySection {...props} />
      <StatusFactsSection
        {...props}
        kinds={['autismDiagnosis', 'seriousIllness']}
        title={t('record.health.factsTitle')}
        hint={t('record.health.factsHint')}
        testId="health-facts"
      />
      <InsuranceSection {...props} />
      <AidClaimsSection {...props} />
    </Stack>
  );
}

import { Alert, Badge, Button, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { MedicalInsuranceRow } from '../../../shared/contract/record';
import { useCan } from '../../app/permissions';
import { useT } from '../../i18n';
import { InsuranceForm } from './InsuranceForm';
import { fundedWithoutEntitlement } from './insurance-check';
import { byNewest } from './record-format';
import { RecordTable } from './RecordTable';
import { Section } from './Section';
import type { RecordTabProps } from './use-child-record';
import { VoidRowModal } from './VoidRowModal';

type Pending = { kind: 'form' } | { kind: 'void'; row: MedicalInsuranceRow } | null;

/** Residents' medical insurance, one entry per year (enrolled, premium subsidised). */
export function InsuranceSection({ record, evaluation, onChanged }: RecordTabProps) {
  const t = useT();
  const canWrite = useCan('children.write');
  const [pending, setPending] = useState<Pending>(null);
  const close = () => setPending(null);
  const thisYear = new Date().getFullYear();
  const mismatched = fundedWithoutEntitlement(record.medicalInsurance, evaluation?.evaluation);
  const yesNo = (value: boolean, yes: string, no: string) => (
    <Badge variant="light" color={value ? 'teal' : 'orange'}>
      {value ? yes : no}
    </Badge>
  );
  return (
    <Section
      title={t('record.insurance.title')}
      testId="insurance-section"
      action={
        canWrite && (
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setPending({ kind: 'form' })}>
            {t('record.insurance.add')}
          </Button>
        )
      }
    >
      {mismatched.length > 0 && (
        <Alert color="orange" mb="sm" data-testid="insurance-mismatch">
          {t('forms.health.insuranceMismatch')}
        </Alert>
      )}
      <RecordTable
        rows={byNewest(record.medicalInsurance, (r) => String(r.year))}
        label={t('record.insurance.title')}
        emptyTitle={t('record.insurance.empty')}
        emptyHint={t('record.insurance.emptyHint')}
        isCurrent={(r) => r.year === thisYear}
        columns={[
          { key: 'year', label: t('record.insurance.fields.year'), render: (r) => String(r.year), width: 120 },
          { key: 'enrolled', label: t('record.insurance.fields.enrolled'), render: (r) => yesNo(r.enrolled, t('record.insurance.enrolledYes'), t('record.insurance.enrolledNo')) },
          {
            key: 'premium',
            label: t('record.insurance.fields.premiumSubsidised'),
            render: (r) =>
              mismatched.includes(r.id) ? (
                <Badge variant="light" color="red" title={t('forms.health.insuranceMismatch')}>
                  {t('record.insurance.subsidisedYes')} ⚠
                </Badge>
              ) : (
                yesNo(r.premiumSubsidised, t('record.insurance.subsidisedYes'), t('record.insurance.subsidisedNo'))
              ),
          },
          { key: 'note', label: t('record.common.note'), render: (r) => <Text size="sm">{r.note ?? ''}</Text> },
        ]}
        actions={canWrite ? (r) => [{ label: t('record.common.void'), color: 'red', onClick: () => setPending({ kind: 'void', row: r }) }] : undefined}
      />
      {pending?.kind === 'form' && <InsuranceForm childId={record.child.id} existing={record.medicalInsurance} onClose={close} onDone={onChanged} />}
      {pending?.kind === 'void' && (
        <VoidRowModal
          target={{ entity: 'medicalInsurance', id: pending.row.id }}
          childId={record.child.id}
          what={t('record.insurance.what', { year: pending.row.year })}
          onClose={close}
          onDone={onChanged}
        />
      )}
    </Section>
  );
}

import { Text } from '@mantine/core';
import { intervalEndSchema } from '../../../shared/contract/record';
import { toIsoDate } from '../../../shared/domain/dates';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n';
import { useServiceForm } from '../../components/use-service-form';

type EndChannel = 'record:endPlacement' | 'record:endGuardianship' | 'record:endBenefit' | 'record:endDisability';
/** The part of the record each channel ends (its version is checked, issue 19.4). */
const ENTITY_OF: Record<EndChannel, string> = { 'record:endPlacement': 'placement', 'record:endGuardianship': 'guardianship', 'record:endBenefit': 'benefit', 'record:endDisability': 'disability' };

/**
 * Ends an open interval on its last day, after saying what ends: the row stays in the history with
 * its end date (a mistake is voided instead).
 */
export function EndIntervalModal({
  channel,
  childId,
  row,
  title,
  what,
  onClose,
  onDone,
}: {
  channel: EndChannel;
  childId: number;
  row: { id: number; from: string };
  title: string;
  /** The interval in words: "家庭寄养（2020-01-01 至今）". */
  what: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const today = toIsoDate(new Date());
  const { form, busy, formError, onSubmit, notice } = useServiceForm({
    channel,
    part: { entity: ENTITY_OF[channel], id: row.id },
    childId,
    initialValues: { to: (today < row.from ? row.from : today) as string | null },
    schema: intervalEndSchema,
    toInput: (v) => ({ childId, id: row.id, to: v.to ?? '' }),
    extraValidate: (v) => ({ to: v.to && v.to < row.from ? t('record.common.endBeforeStart', { from: row.from }) : null }),
    savedMessage: t('record.common.endedMessage'),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  return (
    <FormModal opened onClose={onClose} title={title} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} submitLabel={t('record.common.end')} danger size="md">
      <Text size="sm">{t('record.common.endQuestion', { what })}</Text>
      <DateField label={t('record.common.lastDay')} description={t('record.common.lastDayHint')} withAsterisk clearable={false} data-autofocus {...form.getInputProps('to')} />
    </FormModal>
  );
}

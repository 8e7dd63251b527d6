import { Text, Textarea } from '@mantine/core';
import { mentalHealthFollowUpAddSchema } from '../../../shared/contract/mental-health';
import { toIsoDate } from '../../../shared/domain/dates';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useServiceForm } from '../../components/use-service-form';
import { useT } from '../../i18n';

/** A dated follow-up note on a check (四(十二): intervention or referral, then follow-up). */
export function FollowUpForm({ childId, checkId, what, onClose, onDone }: { childId: number; checkId: number; what: string; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'mentalHealth:addFollowUp',
    schema: mentalHealthFollowUpAddSchema,
    initialValues: { followedOn: toIsoDate(new Date()) as string | null, note: '' },
    toInput: (v) => ({ childId, checkId, followedOn: v.followedOn ?? '', note: v.note }),
    savedMessage: t('wellbeing.mentalHealth.followUpSaved'),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  return (
    <FormModal opened onClose={onClose} title={t('wellbeing.mentalHealth.followUpTitle')} onSubmit={onSubmit} busy={busy} formError={formError} size="md" testId="follow-up-form">
      <Text size="sm" c="dimmed">
        {what}
      </Text>
      <DateField label={t('wellbeing.mentalHealth.followedOn')} withAsterisk data-autofocus {...form.getInputProps('followedOn')} />
      <Textarea label={t('wellbeing.mentalHealth.followUpNote')} withAsterisk autosize minRows={2} {...form.getInputProps('note')} />
    </FormModal>
  );
}

import { Text, TextInput } from '@mantine/core';
import { type VoidableEntity, voidDocumentSchema, voidSchema } from '../../../shared/contract/record';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n';
import { useServiceForm } from '../../components/use-service-form';

/**
 * Voids a mistaken row (or a document) with a reason, after saying what: the row stays in the record
 * and the history, marked void, and counts nowhere.
 */
export function VoidRowModal({
  target,
  childId,
  what,
  onClose,
  onDone,
}: {
  target: { entity: VoidableEntity; id: number } | { entity: 'document'; id: number };
  childId: number;
  what: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const common = {
    initialValues: { reason: '' },
    savedMessage: t('record.common.voidedMessage'),
    onSaved: () => {
      onClose();
      onDone();
    },
  };
  const rowForm = useServiceForm({
    ...common,
    channel: 'record:void',
    part: target.entity === 'document' ? null : { entity: target.entity, id: target.id },
    childId,
    schema: voidSchema,
    toInput: (v) => ({ childId, entity: target.entity as VoidableEntity, id: target.id, reason: v.reason }),
  });
  const documentForm = useServiceForm({
    ...common,
    channel: 'record:voidDocument',
    part: target.entity === 'document' ? { entity: 'document', id: target.id } : null,
    childId,
    schema: voidDocumentSchema,
    toInput: (v) => ({ childId, id: target.id, reason: v.reason }),
  });
  const { form, busy, formError, onSubmit, notice } = target.entity === 'document' ? documentForm : rowForm;
  return (
    <FormModal opened onClose={onClose} title={t('record.common.voidTitle')} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} submitLabel={t('record.common.void')} danger size="md">
      <Text size="sm">{t('record.common.voidQuestion', { what })}</Text>
      <TextInput label={t('record.common.voidReason')} withAsterisk data-autofocus {...form.getInputProps('reason')} />
    </FormModal>
  );
}

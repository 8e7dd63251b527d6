import { Text, Textarea } from '@mantine/core';
import type { z } from 'zod';
import type { Channel, ChannelInput } from '../../../shared/contract';
import { FormModal } from '../../components/FormModal';
import { useServiceForm } from '../../components/use-service-form';

/**
 * A step that needs one written reason, said before it is taken: voiding a row (the reason) or closing
 * a high-risk check (the supervisor's comment). The text is sent on `channel` as `field`.
 */
export function ReasonModal<C extends Channel>({
  channel,
  schema,
  toInput,
  field,
  title,
  question,
  label,
  submitLabel,
  savedMessage,
  danger = false,
  onClose,
  onDone,
  testId,
}: {
  channel: C;
  schema: z.ZodType;
  toInput: (text: string) => ChannelInput<C>;
  /** The input's name in the contract (`reason`, `comment`), so the service's error lands beside it. */
  field: string;
  title: string;
  question: string;
  label: string;
  submitLabel: string;
  savedMessage: string;
  danger?: boolean;
  onClose: () => void;
  onDone: () => void;
  testId?: string;
}) {
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel,
    schema,
    initialValues: { [field]: '' } as Record<string, string>,
    toInput: (v) => toInput(v[field] ?? ''),
    savedMessage,
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  return (
    <FormModal opened onClose={onClose} title={title} onSubmit={onSubmit} busy={busy} formError={formError} submitLabel={submitLabel} danger={danger} size="md" testId={testId}>
      <Text size="sm">{question}</Text>
      <Textarea label={label} withAsterisk autosize minRows={2} data-autofocus {...form.getInputProps(field)} />
    </FormModal>
  );
}

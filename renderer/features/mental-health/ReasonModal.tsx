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
  part,
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
  /** The row the step changes (issue 19.4): its version as the page read it is sent with the step. */
  part: { entity: string; id: number };
}) {
  const { form, busy, formError, onSubmit, notice } = useServiceForm({
    channel,
    part,
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
    <FormModal opened onClose={onClose} title={title} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} submitLabel={submitLabel} danger={danger} size="md" testId={testId}>
      <Text size="sm">{question}</Text>
      <Textarea label={label} withAsterisk autosize minRows={2} data-autofocus {...form.getInputProps(field)} />
    </FormModal>
  );
}

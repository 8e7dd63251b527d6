import { Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { FormActions } from './FormActions';

/**
 * A dialog holding one form: the fields, the form-level error (when the service names no field an
 * input shows), cancel and the primary action. Enter in a field submits; the first field marked
 * `data-autofocus` takes the focus.
 */
export function FormModal({
  opened,
  onClose,
  title,
  onSubmit,
  busy,
  formError,
  submitLabel,
  danger = false,
  size = 'lg',
  children,
  testId,
  notice = null,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  busy: boolean;
  formError: string | null;
  submitLabel?: string;
  /** A destructive step (end, void): the action is red. */
  danger?: boolean;
  size?: string;
  children: ReactNode;
  testId?: string;
  /** The conflict view or the "changed at another desk" notice (useServiceForm's `notice`). */
  notice?: ReactNode;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} data-testid={testId}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {children}
          <FormActions formError={formError} busy={busy} onCancel={onClose} submitLabel={submitLabel} danger={danger} notice={notice} />
        </Stack>
      </form>
    </Modal>
  );
}

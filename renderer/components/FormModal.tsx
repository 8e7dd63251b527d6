import { Modal, Stack } from '@mantine/core';
import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';
import { FormActions } from './FormActions';
import { InlineDiscardConfirm, useDiscardGuard } from './unsaved';

/**
 * A dialog holding one form: the fields, the form-level error (when the service names no field an
 * input shows), cancel and the primary action. Ctrl+Enter (⌘+Enter) anywhere in it saves; Enter in a
 * one-line field saves too, Enter in a text area adds a line. The first field marked `data-autofocus`
 * takes the focus. Closing it (Esc, ×, outside, cancel) after anything was changed asks first; a form
 * with a draft (`draft`) offers to keep the draft instead.
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
  dirty,
  draft,
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
  /** Changes the fields alone do not show (a restored draft); what is typed in the fields is seen without it. */
  dirty?: boolean;
  /** The form keeps a draft: closing keeps it, and discarding on purpose calls `onDiscard`. */
  draft?: { onDiscard: () => void };
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const guard = useDiscardGuard(formRef, { dirty: dirty ?? false, onClose, onDiscard: draft?.onDiscard, keepsDraft: draft !== undefined });
  const { reset } = guard;
  useEffect(() => {
    if (!opened) reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the dialog opens or closes
  }, [opened]);
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.nativeEvent.isComposing) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  };
  return (
    <>
      <Modal opened={opened} onClose={guard.asking ? guard.stay : guard.requestClose} title={title} size={size} data-testid={testId}>
        <form ref={formRef} onSubmit={onSubmit} onKeyDown={onKeyDown} onFocusCapture={guard.touch} onPointerDownCapture={guard.touch} onKeyDownCapture={guard.touch} noValidate>
          <Stack gap="sm">
            {children}
            {guard.asking ? (
              <InlineDiscardConfirm guard={guard} />
            ) : (
              <FormActions formError={formError} busy={busy} onCancel={guard.requestClose} submitLabel={submitLabel} danger={danger} notice={notice} />
            )}
          </Stack>
        </form>
      </Modal>
    </>
  );
}

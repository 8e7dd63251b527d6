import { Modal, Stack } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';
import { InlineDiscardConfirm, useDiscardGuard } from './unsaved';

/**
 * A dialog whose content is a form with steps of its own (fill in, then review and confirm), where
 * FormModal's single form and buttons do not fit. Closing it (Esc, ×, outside, or the content's own
 * cancel through `requestClose`) after anything was changed asks first, with the same question as
 * FormModal; while asking, the content hides its buttons (`asking`).
 */
export function GuardedModal({
  opened,
  onClose,
  title,
  size = 'md',
  testId,
  dirty,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  size?: string;
  testId?: string;
  /** Changes the fields on show do not reveal (a later step with the fields no longer on the page). */
  dirty?: boolean;
  children: (guard: { requestClose: () => void; asking: boolean }) => ReactNode;
}) {
  const rootRef = useRef<HTMLDivElement>(null);
  const guard = useDiscardGuard(rootRef, { dirty: dirty ?? false, onClose, keepsDraft: false });
  const { reset } = guard;
  useEffect(() => {
    if (!opened) reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the dialog opens or closes
  }, [opened]);
  return (
    <Modal opened={opened} onClose={guard.asking ? guard.stay : guard.requestClose} title={title} size={size} data-testid={testId}>
      <div ref={rootRef} onFocusCapture={guard.touch} onPointerDownCapture={guard.touch} onKeyDownCapture={guard.touch}>
        <Stack gap="sm">
          {children({ requestClose: guard.requestClose, asking: guard.asking })}
          {guard.asking && <InlineDiscardConfirm guard={guard} />}
        </Stack>
      </div>
    </Modal>
  );
}

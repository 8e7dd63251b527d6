import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useT } from '../i18n';

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
}) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} data-testid={testId}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {children}
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} color={danger ? 'red' : undefined}>
              {submitLabel ?? t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

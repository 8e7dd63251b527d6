import { Alert, Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n';

/**
 * The end of every form: the form-level error (when the service names no field an input shows), then
 * cancel and the primary action.
 */
export function FormActions({
  formError,
  busy,
  onCancel,
  submitLabel,
  danger = false,
  notice = null,
}: {
  formError: string | null;
  /** The conflict view or the "changed at another desk" notice (useServiceForm's `notice`). */
  notice?: ReactNode;
  busy: boolean;
  onCancel: () => void;
  submitLabel?: string;
  /** A destructive step (end, void, discharge): the action is red. */
  danger?: boolean;
}) {
  const t = useT();
  return (
    <>
      {notice}
      {formError && (
        <Alert color="red" role="alert">
          {formError}
        </Alert>
      )}
      <Group justify="flex-end" mt="xs">
        <Text size="xs" c="dimmed" mr="auto" data-testid="save-hint">
          {t('forms.saveHint')}
        </Text>
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={busy} color={danger ? 'red' : undefined}>
          {submitLabel ?? t('common.save')}
        </Button>
      </Group>
    </>
  );
}

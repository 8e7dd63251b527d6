import { Alert, Button, List, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { childCreateSchema, type ChildSummary } from '../../../shared/contract/children';
import { ApiError, call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { applyServiceError, zodValidate } from '../../components/form-errors';
import { useT } from '../../i18n';
import { FormActions } from '../../components/FormActions';

type Values = { name: string; sex: 'male' | 'female'; birthDate: string | null; idNumber: string; admissionDate: string | null };
const EMPTY: Values = { name: '', sex: 'male', birthDate: null, idNumber: '', admissionDate: null };

function toInput(values: Values, confirmPossibleDuplicate = false) {
  return {
    name: values.name,
    sex: values.sex,
    birthDate: values.birthDate ?? '',
    idNumber: values.idNumber.trim() === '' ? null : values.idNumber,
    admissionDate: values.admissionDate,
    confirmPossibleDuplicate,
  };
}

/** Registers a child: identity first; the case file is completed on the child's page. */
export function ChildCreateModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (child: ChildSummary) => void }) {
  const t = useT();
  const [formError, setFormError] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<ChildSummary[] | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: EMPTY,
    validate: (values) => zodValidate(childCreateSchema)(toInput(values)),
  });

  const save = async (values: Values, confirm: boolean) => {
    setBusy(true);
    setFormError(null);
    try {
      const child = await call('children:create', toInput(values, confirm));
      notifications.show({ color: 'teal', message: t('childForm.created', { name: child.name }) });
      form.reset();
      setDuplicates(null);
      onCreated(child);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'duplicate') {
        setDuplicates((error.details as { existing: ChildSummary[] }).existing);
      } else {
        setFormError(applyServiceError(error, form.setFieldError));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('childForm.title')} size="lg">
      <form onSubmit={form.onSubmit((values) => void save(values, false))} noValidate>
        <Stack gap="sm">
          <TextInput label={t('childForm.name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('childForm.sex')}
            </Text>
            <SegmentedControl
              aria-label={t('childForm.sex')}
              data={[
                { value: 'male', label: t('common.male') },
                { value: 'female', label: t('common.female') },
              ]}
              {...form.getInputProps('sex')}
            />
          </Stack>
          <DateField label={t('childForm.birthDate')} withAsterisk maxDate={new Date()} {...form.getInputProps('birthDate')} />
          <TextInput label={t('childForm.idNumber')} description={t('childForm.idNumberHint')} maxLength={18} {...form.getInputProps('idNumber')} />
          <DateField label={t('childForm.admissionDate')} {...form.getInputProps('admissionDate')} />
          {duplicates && (
            <Alert color="orange" title={t('childForm.duplicateTitle')} role="alert">
              <Text size="sm">{t('childForm.duplicateBody')}</Text>
              <List size="sm">
                {duplicates.map((d) => (
                  <List.Item key={d.id}>
                    {d.name} · {d.birthDate} · {d.idNumber ?? t('children.noIdNumber')}
                  </List.Item>
                ))}
              </List>
              <Button mt="sm" color="orange" variant="light" onClick={() => void save(form.getValues(), true)}>
                {t('childForm.saveAnyway')}
              </Button>
            </Alert>
          )}
          <FormActions formError={formError} busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

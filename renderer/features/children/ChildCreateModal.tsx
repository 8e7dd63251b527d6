import { Alert, Anchor, Button, List, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type ChildCreateInput, childCreateSchema, type ChildSummary } from '../../../shared/contract/children';
import { toIsoDate } from '../../../shared/domain/dates';
import { SHANGHAI_DISTRICTS } from '../../../shared/domain/districts';
import { ETHNIC_GROUPS } from '../../../shared/domain/ethnic-groups';
import { ApiError, call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { applyServiceError, zodValidate } from '../../components/form-errors';
import { useI18n } from '../../i18n';
import { fromIdNumber } from './id-autofill';

type Values = {
  name: string;
  sex: 'male' | 'female';
  birthDate: string | null;
  idNumber: string;
  admissionDate: string | null;
  ethnicity: string | null;
  hukouDistrictCode: string | null;
};
const EMPTY: Values = { name: '', sex: 'male', birthDate: null, idNumber: '', admissionDate: null, ethnicity: null, hukouDistrictCode: null };

function toInput(values: Values, confirmPossibleDuplicate = false) {
  return {
    name: values.name,
    sex: values.sex,
    birthDate: values.birthDate ?? '',
    idNumber: values.idNumber.trim() === '' ? null : values.idNumber,
    admissionDate: values.admissionDate,
    ethnicity: values.ethnicity,
    hukouDistrictCode: values.hukouDistrictCode as ChildCreateInput['hukouDistrictCode'],
    confirmPossibleDuplicate,
  };
}

/**
 * Registers a child: identity first; the case file is completed on the child's page. A valid ID
 * number fills the birth date, the sex and the hukou district; a date in the future is refused beside
 * its field (never silently changed); an ID number already registered links to that child.
 */
export function ChildCreateModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (child: ChildSummary) => void }) {
  const { t, locale } = useI18n();
  const [formError, setFormError] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<ChildSummary[] | null>(null);
  const [registered, setRegistered] = useState<ChildSummary | null>(null);
  const [filled, setFilled] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: EMPTY,
    validate: (values) => {
      const errors: Record<string, string> = { ...zodValidate(childCreateSchema)(toInput(values)) };
      const today = toIsoDate(new Date());
      if (values.birthDate && values.birthDate > today) errors.birthDate = t('record.profile.birthInFuture');
      if (values.admissionDate && values.admissionDate > today) errors.admissionDate = t('record.profile.admissionInFuture');
      return errors;
    },
  });

  const onIdNumber = (value: string) => {
    form.setFieldValue('idNumber', value);
    setRegistered(null);
    const found = fromIdNumber(value);
    setFilled(found !== null);
    if (!found) return;
    form.setFieldValue('birthDate', found.birthDate);
    form.setFieldValue('sex', found.sex);
    if (found.hukouDistrictCode) form.setFieldValue('hukouDistrictCode', found.hukouDistrictCode);
    form.clearFieldError('birthDate');
    form.clearFieldError('sex');
  };

  const close = () => {
    form.reset();
    setDuplicates(null);
    setRegistered(null);
    setFilled(false);
    setFormError(null);
    onClose();
  };

  const save = async (values: Values, confirm: boolean) => {
    setBusy(true);
    setFormError(null);
    try {
      const child = await call('children:create', toInput(values, confirm));
      notifications.show({ color: 'teal', message: t('childForm.created', { name: child.name }) });
      form.reset();
      setDuplicates(null);
      setFilled(false);
      onCreated(child);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'duplicate') {
        setDuplicates((error.details as { existing: ChildSummary[] }).existing);
      } else if (error instanceof ApiError && error.code === 'conflict' && (error.details as { existing?: ChildSummary } | undefined)?.existing) {
        setRegistered((error.details as { existing: ChildSummary }).existing);
        form.setFieldError('idNumber', error.message);
      } else {
        setFormError(applyServiceError(error, form.setFieldError));
      }
    } finally {
      setBusy(false);
    }
  };

  const idError = form.errors.idNumber;
  return (
    <FormModal opened={opened} onClose={close} title={t('childForm.title')} onSubmit={form.onSubmit((values) => void save(values, false))} busy={busy} formError={formError} testId="child-create">
      <TextInput label={t('childForm.name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
      <TextInput
        label={t('childForm.idNumber')}
        description={filled ? t('forms.registration.filled') : t('childForm.idNumberHint')}
        maxLength={18}
        {...form.getInputProps('idNumber')}
        onChange={(e) => onIdNumber(e.currentTarget.value)}
        error={
          registered ? (
            <span data-testid="id-registered">
              {idError}{' '}
              <Anchor component={Link} to={`/children/${registered.id}`} size="xs" onClick={onClose}>
                {t('forms.registration.openRegistered', { name: registered.name })}
              </Anchor>
            </span>
          ) : (
            idError
          )
        }
      />
      <SimpleGrid cols={2}>
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
        <DateField label={t('childForm.birthDate')} withAsterisk {...form.getInputProps('birthDate')} />
        <Select
          label={t('record.profile.fields.ethnicity')}
          searchable
          clearable
          data={[...ETHNIC_GROUPS]}
          nothingFoundMessage={t('forms.registration.noEthnicity')}
          {...form.getInputProps('ethnicity')}
        />
        <Select
          label={t('forms.registration.hukouDistrict')}
          searchable
          clearable
          data={SHANGHAI_DISTRICTS.map((d) => ({ value: d.code, label: locale === 'en' ? d.en : d.zh }))}
          {...form.getInputProps('hukouDistrictCode')}
        />
      </SimpleGrid>
      <DateField label={t('childForm.admissionDate')} {...form.getInputProps('admissionDate')} />
      {duplicates && (
        <Alert color="orange" title={t('childForm.duplicateTitle')} role="alert">
          <Text size="sm">{t('childForm.duplicateBody')}</Text>
          <List size="sm">
            {duplicates.map((d) => (
              <List.Item key={d.id}>
                <Anchor component={Link} to={`/children/${d.id}`} size="sm" onClick={onClose}>
                  {d.name}
                </Anchor>{' '}
                · {d.birthDate} · {d.idNumber ?? t('children.noIdNumber')}
              </List.Item>
            ))}
          </List>
          <Button mt="sm" color="orange" variant="light" onClick={() => void save(form.getValues(), true)}>
            {t('childForm.saveAnyway')}
          </Button>
        </Alert>
      )}
    </FormModal>
  );
}

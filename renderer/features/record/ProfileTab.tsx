import { Button, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { type KeyboardEvent, useState } from 'react';
import { type ChildProfile, ADMISSION_SOURCES, type ProfileUpdateInput, profileUpdateSchema } from '../../../shared/contract/record';
import { toIsoDate } from '../../../shared/domain/dates';
import { PROVINCE_PREFIXES, SHANGHAI_DISTRICTS, districtName } from '../../../shared/domain/districts';
import { checkIdNumber } from '../../../shared/domain/id-number';
import { ETHNIC_GROUPS } from '../../../shared/domain/ethnic-groups';
import { useCan } from '../../app/permissions';
import { DateField } from '../../components/DateField';
import { LabeledValue } from '../../components/LabeledValue';
import { useI18n } from '../../i18n';
import type { RecordTabProps } from './use-child-record';
import { useServiceForm } from '../../components/use-service-form';
import { joinList, withAside } from './labels';
import { FormActions } from '../../components/FormActions';
import { DiscardConfirm, useUnsavedEdit } from '../../components/unsaved';

type ProfileValues = {
  name: string;
  formerNames: string;
  sex: 'male' | 'female';
  birthDate: string | null;
  idNumber: string;
  nationality: string;
  ethnicity: string;
  hukouKind: string | null;
  hukouDistrictCode: string | null;
  hukouStreet: string;
  hukouProvinceCode: string | null;
  admissionDate: string | null;
  admissionSource: string | null;
  referringBody: string;
  notes: string;
};

function valuesOf(child: ChildProfile): ProfileValues {
  return {
    name: child.name,
    formerNames: child.formerNames.join('、'),
    sex: child.sex,
    birthDate: child.birthDate,
    idNumber: child.idNumber ?? '',
    nationality: child.nationality ?? '',
    ethnicity: child.ethnicity ?? '',
    hukouKind: child.hukouKind,
    hukouDistrictCode: child.hukouDistrictCode,
    hukouStreet: child.hukouStreet ?? '',
    hukouProvinceCode: child.hukouProvinceCode,
    admissionDate: child.admissionDate,
    admissionSource: child.admissionSource,
    referringBody: child.referringBody ?? '',
    notes: child.notes ?? '',
  };
}

/** Former names typed in one field, separated by 、 , ， ; or ；. */
export function splitNames(text: string): string[] {
  return text
    .split(/[、,，;；]/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
}

function toInput(childId: number, v: ProfileValues): ProfileUpdateInput {
  const kind = v.hukouKind as ProfileUpdateInput['hukouKind'];
  return {
    childId,
    name: v.name,
    formerNames: splitNames(v.formerNames),
    sex: v.sex,
    birthDate: v.birthDate ?? '',
    idNumber: v.idNumber,
    nationality: v.nationality,
    ethnicity: v.ethnicity,
    hukouKind: kind ?? null,
    hukouDistrictCode: kind === 'shanghai' ? ((v.hukouDistrictCode ?? null) as ProfileUpdateInput['hukouDistrictCode']) : null,
    hukouStreet: kind ? v.hukouStreet : null,
    // A Shanghai hukou may carry the province code 31 (the service accepts it); any other is cleared.
    hukouProvinceCode: kind === 'other' ? v.hukouProvinceCode : kind === 'shanghai' && v.hukouProvinceCode === '31' ? '31' : null,
    admissionDate: v.admissionDate,
    admissionSource: (v.admissionSource ?? null) as ProfileUpdateInput['admissionSource'],
    referringBody: v.referringBody,
    notes: v.notes,
  };
}

/** The profile tab: identity, hukou, admission and notes; read, then edited in place. */
export function ProfileTab({ record, onChanged }: RecordTabProps) {
  const { t, locale } = useI18n();
  const canWrite = useCan('children.write');
  const child = record.child;
  const [editing, setEditing] = useState(false);
  const lang = locale === 'en' ? 'en' : 'zh';

  const { form, busy, formError, onSubmit, reset, notice } = useServiceForm({
    channel: 'record:updateProfile',
    part: { entity: 'child', id: child.id },
    childId: child.id,
    initialValues: valuesOf(child),
    schema: profileUpdateSchema,
    toInput: (v) => toInput(child.id, v),
    errorPath: (path) => (path.startsWith('formerNames.') ? 'formerNames' : path),
    extraValidate: (v) => {
      const today = toIsoDate(new Date());
      const errors: Record<string, string | null> = {};
      if (v.birthDate && v.birthDate > today) errors.birthDate = t('record.profile.birthInFuture');
      if (v.admissionDate && v.birthDate && v.admissionDate < v.birthDate) errors.admissionDate = t('record.profile.admissionBeforeBirth');
      if (v.admissionDate && v.admissionDate > today) errors.admissionDate = t('record.profile.admissionInFuture');
      if (v.idNumber.trim() !== '' && v.birthDate) {
        const check = checkIdNumber(v.idNumber, { birthDate: v.birthDate, sex: v.sex });
        if (!check.ok) {
          const unchanged = v.idNumber.trim().toUpperCase() === (child.idNumber ?? '');
          const field = unchanged && check.problem === 'birthDateMismatch' ? 'birthDate' : unchanged && check.problem === 'sexMismatch' ? 'sex' : 'idNumber';
          errors[field] = check.message;
        }
      }
      if (v.hukouKind === 'shanghai' && !v.hukouDistrictCode) errors.hukouDistrictCode = t('record.profile.districtRequired');
      if (v.hukouKind === 'other' && !v.hukouProvinceCode) errors.hukouProvinceCode = t('record.profile.provinceRequired');
      return errors;
    },
    savedMessage: t('record.profile.saved'),
    onSaved: (profile) => {
      reset(valuesOf(profile));
      setEditing(false);
      onChanged();
    },
  });

  useUnsavedEdit('profile', () => form.isDirty(), editing);
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
    }
  };

  const startEditing = () => {
    reset(valuesOf(child));
    setEditing(true);
  };
  const [askingDiscard, setAskingDiscard] = useState(false);
  const discard = () => {
    setAskingDiscard(false);
    reset(valuesOf(child));
    setEditing(false);
  };
  const cancel = () => (form.isDirty() ? setAskingDiscard(true) : discard());

  const hukouText = () => {
    if (child.hukouKind === null) return null;
    if (child.hukouKind === 'shanghai') {
      const d = child.hukouDistrictCode ? (districtName(child.hukouDistrictCode, lang) ?? child.hukouDistrictCode) : '';
      return [t('record.profile.hukouKinds.shanghai'), d, child.hukouStreet].filter(Boolean).join(' · ');
    }
    const p = child.hukouProvinceCode ? (PROVINCE_PREFIXES[child.hukouProvinceCode] ?? child.hukouProvinceCode) : '';
    return [t('record.profile.hukouKinds.other'), p, child.hukouStreet].filter(Boolean).join(' · ');
  };

  if (!editing) {
    return (
      <Card withBorder data-testid="profile-view">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('record.profile.title')}</Title>
          {canWrite && (
            <Button variant="light" leftSection={<IconPencil size={16} />} onClick={startEditing}>
              {t('record.common.edit')}
            </Button>
          )}
        </Group>
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <LabeledValue label={t('record.profile.fields.name')} value={child.name} />
            <LabeledValue label={t('record.profile.fields.formerNames')} value={joinList(t, child.formerNames)} />
            <LabeledValue label={t('record.profile.fields.sex')} value={t(`common.${child.sex}`)} />
            <LabeledValue label={t('record.profile.fields.birthDate')} value={child.birthDate} />
            <LabeledValue label={t('record.profile.fields.idNumber')} value={child.idNumber} />
            <LabeledValue label={t('record.profile.fields.nationality')} value={child.nationality} />
            <LabeledValue label={t('record.profile.fields.ethnicity')} value={child.ethnicity} />
            <LabeledValue label={t('record.profile.fields.hukou')} value={hukouText()} testId="profile-hukou" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <LabeledValue label={t('record.profile.fields.admissionDate')} value={child.admissionDate} />
            <LabeledValue label={t('record.profile.fields.admissionSource')} value={child.admissionSource ? t(`record.admissionSources.${child.admissionSource}`) : null} />
            <LabeledValue label={t('record.profile.fields.referringBody')} value={child.referringBody} />
          </SimpleGrid>
          <LabeledValue label={t('record.profile.fields.notes')} value={child.notes} />
        </Stack>
      </Card>
    );
  }

  const hukouKind = form.getValues().hukouKind;
  return (
    <Card withBorder data-testid="profile-edit">
      <form onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
        <Title order={4} mb="sm">
          {t('record.profile.editTitle')}
        </Title>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('record.profile.fields.name')} withAsterisk autoFocus {...form.getInputProps('name')} />
            <TextInput label={t('record.profile.fields.formerNames')} description={t('record.profile.formerNamesHint')} {...form.getInputProps('formerNames')} />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('record.profile.fields.sex')}
              </Text>
              <SegmentedControl
                aria-label={t('record.profile.fields.sex')}
                data={[
                  { value: 'male', label: t('common.male') },
                  { value: 'female', label: t('common.female') },
                ]}
                {...form.getInputProps('sex')}
              />
              {form.errors.sex && (
                <Text size="xs" c="red" role="alert">
                  {form.errors.sex}
                </Text>
              )}
            </Stack>
            <DateField label={t('record.profile.fields.birthDate')} withAsterisk clearable={false} {...form.getInputProps('birthDate')} />
            <TextInput
              label={t('record.profile.fields.idNumber')}
              description={t('record.profile.idNumberHint')}
              maxLength={18}
              {...form.getInputProps('idNumber')}
            />
            <TextInput label={t('record.profile.fields.nationality')} placeholder={t('record.profile.nationalityPlaceholder')} {...form.getInputProps('nationality')} />
            <Select
              label={t('record.profile.fields.ethnicity')}
              searchable
              clearable
              data={[...new Set([...ETHNIC_GROUPS, ...(child.ethnicity ? [child.ethnicity] : [])])]}
              nothingFoundMessage={t('forms.registration.noEthnicity')}
              {...form.getInputProps('ethnicity')}
              value={form.getValues().ethnicity || null}
              onChange={(v) => form.setFieldValue('ethnicity', v ?? '')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('record.profile.fields.hukouKind')}
              clearable
              data={[
                { value: 'shanghai', label: t('record.profile.hukouKinds.shanghai') },
                { value: 'other', label: t('record.profile.hukouKinds.other') },
              ]}
              {...form.getInputProps('hukouKind')}
            />
            {hukouKind === 'shanghai' && (
              <Select
                label={t('record.profile.fields.hukouDistrict')}
                withAsterisk
                searchable
                data={SHANGHAI_DISTRICTS.map((d) => ({ value: d.code, label: withAside(t, lang === 'zh' ? d.zh : d.en, d.code) }))}
                {...form.getInputProps('hukouDistrictCode')}
              />
            )}
            {hukouKind === 'other' && (
              <Select
                label={t('record.profile.fields.hukouProvince')}
                withAsterisk
                searchable
                data={Object.entries(PROVINCE_PREFIXES)
                  .filter(([code]) => code !== '31')
                  .map(([code, name]) => ({ value: code, label: withAside(t, name, code) }))}
                {...form.getInputProps('hukouProvinceCode')}
              />
            )}
            {hukouKind && <TextInput label={t('record.profile.fields.hukouStreet')} {...form.getInputProps('hukouStreet')} />}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <DateField label={t('record.profile.fields.admissionDate')} {...form.getInputProps('admissionDate')} />
            <Select
              label={t('record.profile.fields.admissionSource')}
              clearable
              data={ADMISSION_SOURCES.map((s) => ({ value: s, label: t(`record.admissionSources.${s}`) }))}
              {...form.getInputProps('admissionSource')}
            />
            <TextInput label={t('record.profile.fields.referringBody')} {...form.getInputProps('referringBody')} />
          </SimpleGrid>
          <Textarea label={t('record.profile.fields.notes')} autosize minRows={2} maxRows={8} {...form.getInputProps('notes')} />
          <FormActions formError={formError} busy={busy} onCancel={cancel} notice={notice} />
        </Stack>
      </form>
      <DiscardConfirm guard={{ asking: askingDiscard, keepsDraft: false, stay: () => setAskingDiscard(false), keep: () => setAskingDiscard(false), discard }} />
    </Card>
  );
}

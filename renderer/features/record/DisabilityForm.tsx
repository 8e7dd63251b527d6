import { Alert, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { type ChildProfile, type DisabilityRow, type DisabilitySetInput, disabilitySetSchema } from '../../../shared/contract/record';
import { addDays, toIsoDate } from '../../../shared/domain/dates';
import { checkDisabilityCertificate } from '../../../shared/domain/disability-certificate';
import { DISABILITY_CATEGORIES } from '../../../shared/domain/rules-types';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n';
import { useServiceForm } from '../../components/use-service-form';

type Values = {
  certificateNumber: string;
  category: string | null;
  grade: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  from: string | null;
  note: string;
};

/**
 * Records a disability from a date (the current one ends the day before). A certificate number fills in
 * the category and grade as it is typed (its 19th and 20th digits) and must begin with the child's ID
 * number; without a certificate both are chosen.
 */
export function DisabilityForm({ child, current, onClose, onDone }: { child: ChildProfile; current: DisabilityRow | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'record:setDisability',
    initialValues: { certificateNumber: '', category: null, grade: null, issuedOn: null, validUntil: null, from: toIsoDate(new Date()), note: '' } as Values,
    schema: disabilitySetSchema,
    toInput: (v): DisabilitySetInput => ({
      childId: child.id,
      certificateNumber: v.certificateNumber,
      category: (v.category ?? null) as DisabilitySetInput['category'],
      grade: (v.grade === null ? null : Number(v.grade)) as DisabilitySetInput['grade'],
      issuedOn: v.issuedOn,
      validUntil: v.validUntil,
      from: v.from ?? '',
      note: v.note,
    }),
    extraValidate: (v) => {
      const number = v.certificateNumber.trim();
      const check = number === '' ? null : checkDisabilityCertificate(number, child);
      return {
        certificateNumber: check && !check.ok ? check.message : null,
        validUntil: v.validUntil && v.issuedOn && v.validUntil < v.issuedOn ? t('record.disability.validBeforeIssued', { date: v.issuedOn }) : null,
        from: current && v.from && v.from <= current.from ? t('record.disability.fromAfterCurrent', { from: current.from }) : null,
      };
    },
    savedMessage: t('record.disability.saved'),
    onSaved: () => {
      onClose();
      onDone();
    },
  });

  const values = form.getValues();
  const fromCertificate = values.certificateNumber.trim() !== '';
  const typeNumber = (raw: string) => {
    const number = raw.toUpperCase();
    form.setFieldValue('certificateNumber', number);
    if (number.trim() === '') {
      form.clearFieldError('certificateNumber');
      return;
    }
    const check = checkDisabilityCertificate(number, child);
    if (check.ok) {
      form.setFieldValue('category', check.value.category);
      form.setFieldValue('grade', String(check.value.grade));
      form.clearFieldError('certificateNumber');
    } else {
      form.setFieldValue('category', null);
      form.setFieldValue('grade', null);
      // Said while typing only once the number is complete (or already too long); before that it is just unfinished.
      if (number.trim().length >= 20) form.setFieldError('certificateNumber', check.message);
      else form.clearFieldError('certificateNumber');
    }
  };

  return (
    <FormModal opened onClose={onClose} title={t('record.disability.add')} onSubmit={onSubmit} busy={busy} formError={formError} testId="disability-form">
      {current && (
        <Alert color="blue" p="xs">
          {t('record.disability.replaceExplain', {
            what: `${t(`record.disability.categories.${current.category}`)} ${t(`record.disability.grades.${current.grade}`)}`,
            end: values.from ? addDays(values.from, -1) : '…',
          })}
        </Alert>
      )}
      <TextInput
        label={t('record.disability.fields.certificateNumber')}
        description={child.idNumber ? t('record.disability.certificateHint', { id: child.idNumber }) : t('record.disability.certificateHintNoId')}
        maxLength={20}
        data-autofocus
        {...form.getInputProps('certificateNumber')}
        onChange={(e) => typeNumber(e.currentTarget.value)}
      />
      <SimpleGrid cols={2}>
        <Select
          label={t('record.disability.fields.category')}
          withAsterisk={!fromCertificate}
          disabled={fromCertificate}
          data={DISABILITY_CATEGORIES.map((c) => ({ value: c, label: t(`record.disability.categories.${c}`) }))}
          {...form.getInputProps('category')}
        />
        <Select
          label={t('record.disability.fields.grade')}
          withAsterisk={!fromCertificate}
          disabled={fromCertificate}
          data={(['1', '2', '3', '4'] as const).map((g) => ({ value: g, label: t(`record.disability.grades.${g}`) }))}
          {...form.getInputProps('grade')}
        />
        <DateField label={t('record.disability.fields.issuedOn')} {...form.getInputProps('issuedOn')} />
        <DateField label={t('record.disability.fields.validUntil')} {...form.getInputProps('validUntil')} />
        <DateField label={t('record.disability.fields.from')} withAsterisk {...form.getInputProps('from')} />
      </SimpleGrid>
      <Textarea label={t('record.common.note')} autosize minRows={1} {...form.getInputProps('note')} />
    </FormModal>
  );
}

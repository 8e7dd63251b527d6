import { Checkbox, NumberInput, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import {
  EDUCATION_OUTCOMES,
  ENROLMENT_STAGES,
  type EducationAddInput,
  type EducationRow,
  type EducationUpdateInput,
  educationAddSchema,
  educationUpdateSchema,
} from '../../../shared/contract/record';
import { addDays, addYears } from '../../../shared/domain/dates';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n';
import { useServiceForm } from '../../components/use-service-form';

type Values = {
  stage: string | null;
  school: string;
  fullTime: boolean;
  enrolmentDate: string | null;
  standardDurationYears: number | string;
  expectedCompletion: string | null;
  actualCompletion: string | null;
  outcome: string | null;
  note: string;
};

const STANDARD_YEARS: Record<string, number> = { preschool: 3, compulsory: 9, seniorGeneral: 3, seniorVocational: 3, undergraduate: 4, higherVocational: 3 };

function valuesOf(row: EducationRow | null): Values {
  if (!row) {
    return { stage: null, school: '', fullTime: true, enrolmentDate: null, standardDurationYears: '', expectedCompletion: null, actualCompletion: null, outcome: null, note: '' };
  }
  return {
    stage: row.stage,
    school: row.school ?? '',
    fullTime: row.fullTime,
    enrolmentDate: row.enrolmentDate,
    standardDurationYears: row.standardDurationYears,
    expectedCompletion: row.expectedCompletion,
    actualCompletion: row.actualCompletion,
    outcome: row.outcome,
    note: row.note ?? '',
  };
}

function years(v: number | string): number | undefined {
  if (typeof v === 'number') return v;
  return v.trim() === '' ? undefined : Number(v);
}

/** Adds an enrolment, or updates one (completion, outcome, school…); the expected completion defaults to the standard duration. */
export function EducationForm({ childId, row, onClose, onDone }: { childId: number; row: EducationRow | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { form, busy, formError, onSubmit, notice } = useServiceForm<Values, 'record:addEducation' | 'record:updateEducation'>({
    channel: row ? 'record:updateEducation' : 'record:addEducation',
    part: row ? { entity: 'education', id: row.id } : null,
    childId,
    initialValues: valuesOf(row),
    schema: row ? educationUpdateSchema : educationAddSchema,
    toInput: (v): EducationAddInput | EducationUpdateInput => {
      const duration = years(v.standardDurationYears);
      const fields = {
        childId,
        stage: (v.stage ?? '') as EducationAddInput['stage'],
        school: v.school,
        fullTime: v.fullTime,
        enrolmentDate: v.enrolmentDate ?? '',
        standardDurationYears: duration as number,
        actualCompletion: v.actualCompletion,
        outcome: (v.outcome ?? null) as EducationAddInput['outcome'],
        note: v.note,
      };
      if (!row) return { ...fields, expectedCompletion: v.expectedCompletion };
      // Clearing the expected completion of an enrolment means "by the standard duration" again, as when it was added.
      const expected = v.expectedCompletion ?? (v.enrolmentDate && duration ? addDays(addYears(v.enrolmentDate, duration), -1) : null);
      return { ...fields, id: row.id, expectedCompletion: expected };
    },
    extraValidate: (v) => ({
      standardDurationYears: years(v.standardDurationYears) === undefined ? t('record.education.durationRequired') : null,
      actualCompletion: v.outcome && !v.actualCompletion ? t('record.education.completionRequired') : null,
    }),
    savedMessage: t('record.education.saved'),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  const chooseStage = (stage: string | null) => {
    form.setFieldValue('stage', stage);
    if (stage && form.getValues().standardDurationYears === '') form.setFieldValue('standardDurationYears', STANDARD_YEARS[stage] ?? '');
  };
  return (
    <FormModal opened onClose={onClose} title={row ? t('record.education.update') : t('record.education.add')} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} testId="education-form">
      <SimpleGrid cols={2}>
        <Select
          label={t('record.education.fields.stage')}
          withAsterisk
          data-autofocus
          data={ENROLMENT_STAGES.map((s) => ({ value: s, label: t(`record.education.stages.${s}`) }))}
          {...form.getInputProps('stage')}
          onChange={chooseStage}
        />
        <TextInput label={t('record.education.fields.school')} {...form.getInputProps('school')} />
        <DateField label={t('record.education.fields.enrolmentDate')} withAsterisk {...form.getInputProps('enrolmentDate')} />
        <NumberInput
          label={t('record.education.fields.standardDuration')}
          withAsterisk
          min={1}
          max={9}
          allowDecimal={false}
          suffix={t('record.education.yearsSuffix')}
          {...form.getInputProps('standardDurationYears')}
        />
        <DateField label={t('record.education.fields.expectedCompletion')} description={t('record.education.expectedHint')} {...form.getInputProps('expectedCompletion')} />
        <DateField label={t('record.education.fields.actualCompletion')} {...form.getInputProps('actualCompletion')} />
        <Select
          label={t('record.education.fields.outcome')}
          clearable
          data={EDUCATION_OUTCOMES.map((o) => ({ value: o, label: t(`record.education.outcomes.${o}`) }))}
          {...form.getInputProps('outcome')}
        />
      </SimpleGrid>
      <Checkbox label={t('record.education.fields.fullTime')} {...form.getInputProps('fullTime', { type: 'checkbox' })} />
      <Textarea label={t('record.common.note')} autosize minRows={1} {...form.getInputProps('note')} />
    </FormModal>
  );
}

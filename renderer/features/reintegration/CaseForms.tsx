import { Alert, Group, MultiSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import {
  type CaseAssessmentAddInput,
  type CaseDetail,
  type ChecklistRow,
  type TaskRow,
  caseAssessmentAddSchema,
  checklistUpdateSchema,
  decideSchema,
  rehabCompleteSchema,
  rehabStartSchema,
  resettleSchema,
  taskUpdateSchema,
  transferSchema,
  visitAddSchema,
} from '../../../shared/contract/reintegration';
import { SHANGHAI_DISTRICTS } from '../../../shared/domain/districts';
import { toIsoDate } from '../../../shared/domain/dates';
import { ITEM_STATUSES, resultByThreshold, rubricOn, weightedScore } from '../../../shared/domain/reintegration';
import { DateField } from '../../components/DateField';
import { draftKey } from '../../components/drafts';
import { FormModal } from '../../components/FormModal';
import { useServiceForm } from '../../components/use-service-form';
import { useI18n } from '../../i18n';
import { districtLabel } from './labels';

type Done = { onClose: () => void; onDone: () => void };
const today = () => toIsoDate(new Date());
const finish = ({ onClose, onDone }: Done) => () => {
  onClose();
  onDone();
};

function StatusSelect(props: ReturnType<ReturnType<typeof useServiceForm>['form']['getInputProps']> & { label: string }) {
  const { t } = useI18n();
  return <Select withAsterisk allowDeselect={false} data={ITEM_STATUSES.map((s) => ({ value: s, label: t(`reintegration.itemStatus.${s}`) }))} {...props} />;
}

/** A checklist item's owner, due date, status and note. */
export function ChecklistForm({ caseId, row, ...done }: Done & { caseId: number; row: ChecklistRow }) {
  const { t } = useI18n();
  const { form, busy, formError, onSubmit, notice } = useServiceForm({
    channel: 'reintegration:updateChecklist',
    part: { entity: 'reintegrationChecklist', id: row.id },
    initialValues: { owner: row.owner ?? '', dueOn: row.dueOn, status: row.status as string, note: row.note ?? '' },
    schema: checklistUpdateSchema,
    toInput: (v) => ({ caseId, id: row.id, owner: v.owner, dueOn: v.dueOn, status: v.status as ChecklistRow['status'], note: v.note }),
    savedMessage: t('reintegration.checklist.saved'),
    onSaved: finish(done),
  });
  return (
    <FormModal opened onClose={done.onClose} title={`${t('reintegration.checklist.edit')}${t('read.colon')}${t(`reintegration.checklistItems.${row.item}`)}`} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} testId="checklist-form" size="md">
      <SimpleGrid cols={2}>
        <TextInput label={t('reintegration.checklist.owner')} data-autofocus {...form.getInputProps('owner')} />
        <DateField label={t('reintegration.checklist.due')} {...form.getInputProps('dueOn')} />
      </SimpleGrid>
      <StatusSelect label={t('reintegration.checklist.status')} {...form.getInputProps('status')} />
      <Textarea label={t('reintegration.checklist.note')} autosize minRows={1} {...form.getInputProps('note')} />
    </FormModal>
  );
}

type AssessmentValues = {
  assessedOn: string | null;
  panel: string;
  scores: Record<string, { score: number | string; evidence: string }>;
  result: string;
  reasons: string;
  thresholdReason: string;
};

/** A comprehensive assessment: date, panel, every rubric domain scored with its evidence, the conclusion and its reasons. */
export function AssessmentForm({ caseId, round, ...done }: Done & { caseId: number; round: 1 | 2 }) {
  const { t, locale } = useI18n();
  const initialRubric = rubricOn(today());
  const { form, busy, formError, onSubmit, draft } = useServiceForm({
    channel: 'reintegration:addAssessment',
    draftKey: draftKey('reintegrationAssessment', caseId, round),
    initialValues: {
      assessedOn: today(),
      panel: '',
      scores: Object.fromEntries(initialRubric.domains.map((d) => [d.code, { score: '', evidence: '' }])),
      result: '',
      reasons: '',
      thresholdReason: '',
    } as AssessmentValues,
    schema: caseAssessmentAddSchema,
    toInput: (v): CaseAssessmentAddInput => ({
      caseId,
      assessedOn: v.assessedOn ?? '',
      round,
      panel: v.panel
        .split(/\n|、/)
        .map((p) => p.trim())
        .filter(Boolean),
      scores: rubricOn(v.assessedOn ?? today()).domains.map((d) => ({
        domain: d.code,
        score: v.scores[d.code]?.score === '' || v.scores[d.code] === undefined ? Number.NaN : Number(v.scores[d.code].score),
        evidence: v.scores[d.code]?.evidence ?? '',
      })),
      result: v.result as CaseAssessmentAddInput['result'],
      reasons: v.reasons,
      thresholdReason: v.thresholdReason,
    }),
    errorPath: (path) => {
      const m = /^scores\.(\d+)\.(\w+)$/.exec(path);
      if (m) return `scores.${initialRubric.domains[Number(m[1])]?.code ?? m[1]}.${m[2]}`;
      if (/^scores\.[a-zA-Z]+$/.test(path)) return `${path}.score`;
      return path;
    },
    savedMessage: t('reintegration.assessment.saved'),
    onSaved: finish(done),
  });
  const values = form.getValues();
  const rubric = rubricOn(values.assessedOn ?? today());
  const scored = rubric.domains.filter((d) => values.scores[d.code]?.score !== '' && Number.isFinite(Number(values.scores[d.code]?.score)));
  const running = weightedScore(scored.map((d) => ({ weight: d.weight, score: Number(values.scores[d.code].score) })));
  const complete = scored.length === rubric.domains.length;
  const byThreshold = running !== null && complete ? resultByThreshold(rubric, running) : null;
  const against = byThreshold !== null && values.result !== '' && values.result !== byThreshold;
  return (
    <FormModal
      opened
      onClose={done.onClose}
      title={round === 1 ? t('reintegration.assessment.add') : t('reintegration.assessment.addSecond')}
      onSubmit={onSubmit}
      busy={busy}
      formError={formError}
      testId="assessment-form"
      size="xl"
      dirty={draft?.restored}
      draft={draft}
    >
      {draft?.restored && <Alert color="blue">{t('forms.draft.restoredPlain')}</Alert>}
      <SimpleGrid cols={2}>
        <DateField label={t('reintegration.assessment.date')} withAsterisk data-autofocus {...form.getInputProps('assessedOn')} />
        <Text size="sm" c="dimmed" mt={28}>
          {t('reintegration.assessment.rubric', { version: rubric.version })} · {t('reintegration.assessment.roundN', { n: round })}
        </Text>
      </SimpleGrid>
      <Textarea label={t('reintegration.assessment.panel')} description={t('reintegration.assessment.panelHint')} withAsterisk autosize minRows={2} {...form.getInputProps('panel')} />
      <Stack gap={6}>
        {rubric.domains.map((d) => (
          <Group key={d.code} gap="xs" align="flex-start" wrap="nowrap">
            <NumberInput
              label={`${locale === 'en' ? d.en : d.zh}（${t('reintegration.assessment.weight', { w: Math.round(d.weight * 100) })}）`}
              description={t('reintegration.assessment.score', { max: rubric.maxScore })}
              withAsterisk
              min={0}
              max={rubric.maxScore}
              allowDecimal={false}
              w={220}
              {...form.getInputProps(`scores.${d.code}.score`)}
            />
            <TextInput label={t('reintegration.assessment.evidence')} description=" " style={{ flex: 1 }} {...form.getInputProps(`scores.${d.code}.evidence`)} aria-label={`${d.zh} ${t('reintegration.assessment.evidence')}`} />
          </Group>
        ))}
      </Stack>
      <Alert color={running === null ? 'gray' : running >= rubric.threshold ? 'teal' : 'orange'} data-testid="running-score" p="xs">
        <Text size="sm" fw={600}>
          {running === null
            ? t('forms.assessment.noScore', { threshold: rubric.threshold, max: rubric.maxScore })
            : t('forms.assessment.running', { score: running, max: rubric.maxScore, threshold: rubric.threshold })}
        </Text>
        {running !== null && (
          <Text size="xs">
            {complete
              ? t(running >= rubric.threshold ? 'forms.assessment.reads.capable' : 'forms.assessment.reads.notCapable')
              : t('forms.assessment.partial', { n: scored.length, of: rubric.domains.length })}
          </Text>
        )}
      </Alert>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('reintegration.assessment.result')} <span style={{ color: 'var(--mantine-color-error)' }}>*</span>
        </Text>
        <SegmentedControl
          aria-label={t('reintegration.assessment.result')}
          data={[
            { value: 'capable', label: t('reintegration.results.capable') },
            { value: 'notCapable', label: t('reintegration.results.notCapable') },
          ]}
          {...form.getInputProps('result')}
        />
        {form.errors.result && (
          <Text size="xs" c="red">
            {form.errors.result}
          </Text>
        )}
      </Stack>
      <Textarea label={t('reintegration.assessment.reasons')} withAsterisk autosize minRows={2} {...form.getInputProps('reasons')} />
      {(against || values.thresholdReason !== '') && (
        <Textarea
          label={t('forms.assessment.thresholdReason')}
          description={t('forms.assessment.thresholdReasonHint', { threshold: rubric.threshold })}
          withAsterisk={against}
          autosize
          minRows={2}
          {...form.getInputProps('thresholdReason')}
        />
      )}
    </FormModal>
  );
}

/** Returning a decision to the panel, with the reason (the decision is voided). */
export function ReturnDecisionForm({ caseId, assessmentId, ...done }: Done & { caseId: number; assessmentId: number }) {
  const { t } = useI18n();
  const { form, busy, formError, onSubmit, notice } = useServiceForm({
    channel: 'reintegration:decide',
    part: { entity: 'assessment', id: assessmentId },
    initialValues: { reason: '' },
    schema: decideSchema,
    toInput: (v) => ({ caseId, assessmentId, approve: false as const, reason: v.reason }),
    savedMessage: t('reintegration.assessment.returnedMsg'),
    onSaved: finish(done),
  });
  return (
    <FormModal opened onClose={done.onClose} title={t('reintegration.assessment.returnTitle')} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} submitLabel={t('reintegration.assessment.return')} danger size="md">
      <TextInput label={t('reintegration.assessment.returnReason')} withAsterisk data-autofocus {...form.getInputProps('reason')} />
    </FormModal>
  );
}

/** The receiving district (one of the 16) and street/township; the four handover tasks are created. */
export function ResettleForm({ caseId, ...done }: Done & { caseId: number }) {
  const { t, locale } = useI18n();
  const { form, busy, formError, onSubmit, notice } = useServiceForm({
    channel: 'reintegration:resettle',
    part: { entity: 'reintegrationCase', id: caseId },
    initialValues: { receivingDistrict: null as string | null, receivingStreet: '', resettledOn: today() as string | null },
    schema: resettleSchema,
    toInput: (v) => ({
      caseId,
      receivingDistrict: (v.receivingDistrict ?? '') as '310101',
      receivingStreet: v.receivingStreet,
      resettledOn: v.resettledOn ?? '',
      tasks: [],
    }),
    savedMessage: t('reintegration.resettle.started'),
    onSaved: finish(done),
  });
  return (
    <FormModal opened onClose={done.onClose} title={t('reintegration.resettle.start')} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} testId="resettle-form" size="md">
      <Select
        label={t('reintegration.resettle.district')}
        withAsterisk
        searchable
        data-autofocus
        data={SHANGHAI_DISTRICTS.map((d) => ({ value: d.code, label: districtLabel(d.code, locale) ?? d.code }))}
        {...form.getInputProps('receivingDistrict')}
      />
      <TextInput label={t('reintegration.resettle.street')} withAsterisk {...form.getInputProps('receivingStreet')} />
      <DateField label={t('reintegration.resettle.date')} withAsterisk {...form.getInputProps('resettledOn')} />
    </FormModal>
  );
}

/** A handover task: contact, due date, status and the evidence documents of the record. */
export function TaskForm({ caseId, row, documents, ...done }: Done & { caseId: number; row: TaskRow; documents: CaseDetail['documents'] }) {
  const { t } = useI18n();
  const { form, busy, formError, onSubmit, notice } = useServiceForm({
    channel: 'reintegration:updateTask',
    part: { entity: 'reintegrationTask', id: row.id },
    initialValues: { contact: row.contact ?? '', dueOn: row.dueOn, status: row.status as string, evidence: row.evidenceDocumentIds.map(String), note: row.note ?? '' },
    schema: taskUpdateSchema,
    toInput: (v) => ({
      caseId,
      id: row.id,
      contact: v.contact,
      dueOn: v.dueOn,
      status: v.status as TaskRow['status'],
      evidenceDocumentIds: v.evidence.map(Number),
      note: v.note,
    }),
    errorPath: (path) => (path.startsWith('evidenceDocumentIds') ? 'evidence' : path),
    savedMessage: t('reintegration.resettle.taskSaved'),
    onSaved: finish(done),
  });
  return (
    <FormModal opened onClose={done.onClose} title={`${t('reintegration.resettle.editTask')}${t('read.colon')}${t(`reintegration.tasks.${row.task}`)}`} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} testId="task-form" size="md">
      <TextInput label={t('reintegration.resettle.contact')} data-autofocus {...form.getInputProps('contact')} />
      <SimpleGrid cols={2}>
        <DateField label={t('reintegration.checklist.due')} {...form.getInputProps('dueOn')} />
        <StatusSelect label={t('reintegration.checklist.status')} {...form.getInputProps('status')} />
      </SimpleGrid>
      <MultiSelect
        label={t('reintegration.resettle.evidence')}
        searchable
        data={documents.map((d) => ({ value: String(d.id), label: d.title }))}
        {...form.getInputProps('evidence')}
      />
      <Textarea label={t('reintegration.checklist.note')} autosize minRows={1} {...form.getInputProps('note')} />
    </FormModal>
  );
}

/** A follow-up visit after resettlement. */
export function VisitForm({ caseId, ...done }: Done & { caseId: number }) {
  const { t } = useI18n();
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'reintegration:addVisit',
    initialValues: { visitedOn: today() as string | null, visitor: '', notes: '' },
    schema: visitAddSchema,
    toInput: (v) => ({ caseId, visitedOn: v.visitedOn ?? '', visitor: v.visitor, notes: v.notes }),
    savedMessage: t('reintegration.resettle.visitSaved'),
    onSaved: finish(done),
  });
  return (
    <FormModal opened onClose={done.onClose} title={t('reintegration.resettle.addVisit')} onSubmit={onSubmit} busy={busy} formError={formError} size="md">
      <SimpleGrid cols={2}>
        <DateField label={t('reintegration.resettle.visitedOn')} withAsterisk data-autofocus {...form.getInputProps('visitedOn')} />
        <TextInput label={t('reintegration.resettle.visitor')} withAsterisk {...form.getInputProps('visitor')} />
      </SimpleGrid>
      <Textarea label={t('reintegration.resettle.notes')} withAsterisk autosize minRows={3} {...form.getInputProps('notes')} />
    </FormModal>
  );
}

/** The transfer to a municipal social welfare institution. */
export function TransferForm({ caseId, ...done }: Done & { caseId: number }) {
  const { t } = useI18n();
  const { form, busy, formError, onSubmit, notice } = useServiceForm({
    channel: 'reintegration:transfer',
    part: { entity: 'reintegrationCase', id: caseId },
    initialValues: { institution: '', transferredOn: today() as string | null },
    schema: transferSchema,
    toInput: (v) => ({ caseId, institution: v.institution, transferredOn: v.transferredOn ?? '' }),
    savedMessage: t('reintegration.transfer.saved'),
    onSaved: finish(done),
  });
  return (
    <FormModal opened onClose={done.onClose} title={t('reintegration.transfer.record')} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} testId="transfer-form" size="md">
      <TextInput label={t('reintegration.transfer.institution')} withAsterisk data-autofocus {...form.getInputProps('institution')} />
      <DateField label={t('reintegration.transfer.date')} withAsterisk {...form.getInputProps('transferredOn')} />
    </FormModal>
  );
}

/** Starting a vocational rehabilitation episode. */
export function RehabStartForm({ caseId, ...done }: Done & { caseId: number }) {
  const { t } = useI18n();
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'reintegration:startRehab',
    initialValues: { programme: '', provider: '', from: today() as string | null, plannedEnd: null as string | null },
    schema: rehabStartSchema,
    toInput: (v) => ({ caseId, programme: v.programme, provider: v.provider, from: v.from ?? '', plannedEnd: v.plannedEnd }),
    savedMessage: t('reintegration.transfer.rehabSaved'),
    onSaved: finish(done),
  });
  return (
    <FormModal opened onClose={done.onClose} title={t('reintegration.transfer.startRehab')} onSubmit={onSubmit} busy={busy} formError={formError} testId="rehab-start-form" size="md">
      <TextInput label={t('reintegration.transfer.programme')} withAsterisk data-autofocus {...form.getInputProps('programme')} />
      <TextInput label={t('reintegration.transfer.provider')} {...form.getInputProps('provider')} />
      <SimpleGrid cols={2}>
        <DateField label={t('reintegration.transfer.from')} withAsterisk {...form.getInputProps('from')} />
        <DateField label={t('reintegration.transfer.plannedEnd')} {...form.getInputProps('plannedEnd')} />
      </SimpleGrid>
    </FormModal>
  );
}

/** Completing the episode, with its outcome. */
export function RehabCompleteForm({ caseId, id, ...done }: Done & { caseId: number; id: number }) {
  const { t } = useI18n();
  const { form, busy, formError, onSubmit, notice } = useServiceForm({
    channel: 'reintegration:completeRehab',
    part: { entity: 'vocationalRehab', id },
    initialValues: { completedOn: today() as string | null, outcome: '' },
    schema: rehabCompleteSchema,
    toInput: (v) => ({ caseId, id, completedOn: v.completedOn ?? '', outcome: v.outcome }),
    savedMessage: t('reintegration.transfer.rehabCompleted'),
    onSaved: finish(done),
  });
  return (
    <FormModal opened onClose={done.onClose} title={t('reintegration.transfer.completeRehab')} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} testId="rehab-complete-form" size="md">
      <DateField label={t('reintegration.transfer.completedOn')} withAsterisk data-autofocus {...form.getInputProps('completedOn')} />
      <Textarea label={t('reintegration.transfer.outcome')} withAsterisk autosize minRows={2} {...form.getInputProps('outcome')} />
    </FormModal>
  );
}

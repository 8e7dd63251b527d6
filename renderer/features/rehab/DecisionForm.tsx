import { Alert, Group, List, Radio, Text, Textarea } from '@mantine/core';
import { PLAN_DECISIONS, type PlanDecideInput, type PlanView, planDecideSchema } from '../../../shared/contract/rehab';
import { FormModal } from '../../components/FormModal';
import { useServiceForm } from '../../components/use-service-form';
import { type MessageKey, useT } from '../../i18n';
import { type PlanChange, planChanges } from './plan-revision';

type Values = { decision: string | null; comment: string };

/** One change between two versions, in words. */
function ChangeLine({ change }: { change: PlanChange }) {
  const t = useT();
  const field = (f: string) => t(`forms.plan.fields.${f}` as MessageKey);
  switch (change.kind) {
    case 'goalAdded':
      return <>{t('forms.plan.goalAdded', { goal: change.goal })}</>;
    case 'goalRemoved':
      return <>{t('forms.plan.goalRemoved', { goal: change.goal })}</>;
    case 'goalChanged':
      return <>{t('forms.plan.goalChanged', { goal: change.goal, field: field(change.field), before: change.before || '—', after: change.after || '—' })}</>;
    case 'planChanged':
      return <>{t('forms.plan.planChanged', { field: field(change.field), before: change.before || '—', after: change.after || '—' })}</>;
    case 'interventionAdded':
      return <>{t('forms.plan.interventionAdded', { intervention: change.intervention })}</>;
    case 'interventionRemoved':
      return <>{t('forms.plan.interventionRemoved', { intervention: change.intervention })}</>;
  }
}

/**
 * A supervisor's decision on a submitted plan version: what changed from the version before it, then
 * approve, reject or ask for changes (the last two with a comment). No decision is chosen for them.
 */
export function DecisionForm({ plan, previous, onClose, onDone }: { plan: PlanView; previous: PlanView | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { form, busy, formError, onSubmit, notice } = useServiceForm({
    channel: 'rehab:decidePlan',
    part: { entity: 'rehabPlan', id: plan.id },
    childId: plan.childId,
    initialValues: { decision: null, comment: '' } as Values,
    schema: planDecideSchema,
    toInput: (v): PlanDecideInput => ({ planId: plan.id, decision: (v.decision ?? '') as PlanDecideInput['decision'], comment: v.comment }),
    extraValidate: (v: Values) => ({
      decision: v.decision === null ? t('forms.plan.decisionRequired') : null,
      comment: v.decision !== null && v.decision !== 'approve' && !v.comment.trim() ? t('rehab.decision.commentHint') : null,
    }),
    savedMessage: (out): string => t(`rehab.decision.done.${out.status === 'approved' ? 'approve' : out.status === 'rejected' ? 'reject' : 'changesRequested'}`, { n: out.version }),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  const changes = previous ? planChanges(previous, plan) : null;
  return (
    <FormModal opened onClose={onClose} title={t('rehab.decision.title', { n: plan.version })} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} testId="decision-form" submitLabel={t('rehab.decision.decide')}>
      {changes === null ? (
        <Text size="sm" c="dimmed">
          {t('forms.plan.firstVersion')}
        </Text>
      ) : (
        <Alert color={changes.length === 0 ? 'gray' : 'blue'} title={t('forms.plan.changesTitle', { n: previous!.version })} data-testid="plan-changes">
          {changes.length === 0 ? (
            t('forms.plan.noChanges')
          ) : (
            <List size="sm" spacing={2}>
              {changes.map((c, i) => (
                <List.Item key={i}>
                  <ChangeLine change={c} />
                </List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      <Radio.Group {...form.getInputProps('decision')} label={t('rehab.decision.decide')} withAsterisk>
        <Group mt="xs">
          {PLAN_DECISIONS.map((d) => (
            <Radio key={d} value={d} label={t(`rehab.decision.${d}`)} />
          ))}
        </Group>
      </Radio.Group>
      <Textarea label={t('rehab.decision.comment')} description={t('rehab.decision.commentHint')} autosize minRows={2} {...form.getInputProps('comment')} />
    </FormModal>
  );
}

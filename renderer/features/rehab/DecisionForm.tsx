import { Radio, Group, Textarea } from '@mantine/core';
import { PLAN_DECISIONS, type PlanDecideInput, type PlanView, planDecideSchema } from '../../../shared/contract/rehab';
import { FormModal } from '../../components/FormModal';
import { useServiceForm } from '../../components/use-service-form';
import { useT } from '../../i18n';

type Values = { decision: string; comment: string };

/** A supervisor's decision on a submitted plan version: approve, reject or ask for changes (the last two with a comment). */
export function DecisionForm({ plan, onClose, onDone }: { plan: PlanView; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { form, busy, formError, onSubmit, notice } = useServiceForm({
    channel: 'rehab:decidePlan',
    part: { entity: 'rehabPlan', id: plan.id },
    childId: plan.childId,
    initialValues: { decision: 'approve', comment: '' } as Values,
    schema: planDecideSchema,
    toInput: (v): PlanDecideInput => ({ planId: plan.id, decision: v.decision as PlanDecideInput['decision'], comment: v.comment }),
    extraValidate: (v: Values) => ({ comment: v.decision !== 'approve' && !v.comment.trim() ? t('rehab.decision.commentHint') : null }),
    savedMessage: (out): string => t(`rehab.decision.done.${out.status === 'approved' ? 'approve' : out.status === 'rejected' ? 'reject' : 'changesRequested'}`, { n: out.version }),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  return (
    <FormModal opened onClose={onClose} title={t('rehab.decision.title', { n: plan.version })} onSubmit={onSubmit} busy={busy} formError={formError} notice={notice} testId="decision-form" submitLabel={t('rehab.decision.decide')}>
      <Radio.Group {...form.getInputProps('decision')} label={t('rehab.decision.decide')}>
        <Group mt="xs">
          {PLAN_DECISIONS.map((d) => (
            <Radio key={d} value={d} label={t(`rehab.decision.${d}`)} />
          ))}
        </Group>
      </Radio.Group>
      <Textarea label={t('rehab.decision.comment')} description={t('rehab.decision.commentHint')} autosize minRows={2} data-autofocus {...form.getInputProps('comment')} />
    </FormModal>
  );
}

import { Badge, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { PlanView } from '../../../shared/contract/rehab';
import { useT } from '../../i18n';
import { gasColor, gasLabel } from './rehab-format';

export const PLAN_STATUS_COLOR: Record<PlanView['status'], string> = {
  draft: 'gray',
  submitted: 'yellow',
  approved: 'teal',
  changesRequested: 'orange',
  rejected: 'red',
  superseded: 'gray',
};

/** A plan version's status badge ("执行中" for the version in force). */
export function PlanStatusBadge({ plan }: { plan: PlanView }) {
  const t = useT();
  return (
    <Badge color={plan.active ? 'teal' : PLAN_STATUS_COLOR[plan.status]} variant={plan.active ? 'filled' : 'light'}>
      {plan.active ? t('rehab.plan.active') : t(`rehab.plan.status.${plan.status}`)}
    </Badge>
  );
}

/** A plan version's goals (with their five levels on hover), interventions and decisions. */
export function PlanDetails({ plan, onGoal, selectedLineage }: { plan: PlanView; onGoal?: (lineageId: number) => void; selectedLineage?: number | null }) {
  const t = useT();
  const weekdays = (days: number[]) => days.map((d) => t(`rehab.weekdays.d${d as 1}`)).join('、');
  return (
    <Stack gap="sm">
      <Group gap="xl">
        <Text size="sm">
          {t('rehab.plan.startsOn')}{t('read.colon')}{plan.startsOn}
        </Text>
        <Text size="sm">
          {t('rehab.plan.reviewOn')}{t('read.colon')}{plan.reviewOn}
        </Text>
        <Text size="sm">
          {t('rehab.plan.therapists')}{t('read.colon')}{plan.therapists.map((x) => x.name).join('、') || '—'}
        </Text>
      </Group>
      {plan.summary && <Text size="sm">{plan.summary}</Text>}
      <Table striped highlightOnHover withTableBorder data-testid="plan-goals">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>#</Table.Th>
            <Table.Th>{t('rehab.goals.titleField')}</Table.Th>
            <Table.Th w={90}>{t('rehab.goals.baseline')}</Table.Th>
            <Table.Th w={70}>{t('rehab.goals.weight')}</Table.Th>
            <Table.Th w={150}>{t('rehab.goals.latest')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.goals.map((g, i) => (
            <Table.Tr
              key={g.id}
              onClick={onGoal ? () => onGoal(g.lineageId) : undefined}
              style={{ cursor: onGoal ? 'pointer' : undefined }}
              bg={selectedLineage === g.lineageId ? 'var(--mantine-color-blue-light)' : undefined}
            >
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>
                <Tooltip
                  multiline
                  w={420}
                  label={(['plus2', 'plus1', 'zero', 'minus1', 'minus2'] as const).map((k) => `${t(`rehab.goals.level.${k}`)}${t('read.colon')}${g.levels[k]}`).join('\n')}
                  style={{ whiteSpace: 'pre-line' }}
                >
                  <Text size="sm" span>
                    {g.title}
                  </Text>
                </Tooltip>
                {g.icfCode && (
                  <Badge ml="xs" size="xs" variant="outline" tt="none">
                    {g.icfCode}
                  </Badge>
                )}
                <Text size="xs" c="dimmed">
                  0：{g.levels.zero}
                </Text>
              </Table.Td>
              <Table.Td>{gasLabel(g.baseline)}</Table.Td>
              <Table.Td>{g.weight}</Table.Td>
              <Table.Td>
                {g.latest ? (
                  <Group gap={4}>
                    <Badge color={gasColor(g.latest.level)}>{gasLabel(g.latest.level)}</Badge>
                    <Text size="xs" c="dimmed">
                      {g.latest.on}
                    </Text>
                  </Group>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t('rehab.goals.notRated')}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {plan.interventions.length > 0 && (
        <Table withTableBorder data-testid="plan-interventions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rehab.interventions.kind')}</Table.Th>
              <Table.Th>{t('rehab.interventions.description')}</Table.Th>
              <Table.Th>{t('rehab.interventions.therapist')}</Table.Th>
              <Table.Th>{t('rehab.interventions.frequency')}</Table.Th>
              <Table.Th>{t('rehab.interventions.startsOn')}</Table.Th>
              <Table.Th>{t('rehab.interventions.endsOn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.interventions.map((iv) => (
              <Table.Tr key={iv.id}>
                <Table.Td>{t(`rehab.interventions.kinds.${iv.kind}`)}</Table.Td>
                <Table.Td>
                  {iv.description}
                  {iv.provider && (
                    <Text size="xs" c="dimmed">
                      {iv.provider}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{iv.therapistName ?? '—'}</Table.Td>
                <Table.Td>
                  {iv.frequency ?? '—'}
                  {iv.weekdays.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('rehab.interventions.weekdays')}{t('read.colon')}{weekdays(iv.weekdays)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{iv.startsOn}</Table.Td>
                <Table.Td>{iv.endsOn ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {plan.decisions.length > 0 && (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t('rehab.decision.history')}
          </Text>
          {plan.decisions.map((d) => (
            <Text size="xs" key={d.id}>
              {d.at.slice(0, 16).replace('T', ' ')} · {d.by ?? '—'} · {t(`rehab.decision.${d.decision}`)}
              {d.comment ? `：${d.comment}` : ''}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

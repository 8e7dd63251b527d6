import { Alert, Badge, Card, Group, List, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ChildRecord, EvaluateChildOutput } from '../../../shared/contract/record';
import { ageOn, toIsoDate } from '../../../shared/domain/dates';
import { useT } from '../../i18n';
import { ChildPhoto } from './ChildPhoto';
import { DischargeMenu } from './DischargeMenu';
import { currentInterval, liveRows } from './record-format';
import { joinList } from './labels';

const STATUS_COLOR = { inCare: 'teal', discharged: 'gray', archived: 'dark' } as const;

function Labelled({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Group gap={6} wrap="nowrap" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Group>
  );
}

/**
 * The top of a child's page: photo, name, age (周岁), sex, status, current placement, the categories
 * the rules find today, and what needs attention (conflicting or stopping benefits, a missing ID
 * number, an expired certificate, facts the evaluation had to assume).
 */
export function ChildHeader({ record, evaluation, onChanged }: { record: ChildRecord; evaluation: EvaluateChildOutput | null; onChanged: () => void }) {
  const t = useT();
  const { child } = record;
  const today = toIsoDate(new Date());
  const placement = currentInterval(record.placements, today);
  const disability = currentInterval(record.disabilities, today);
  const ev = evaluation?.evaluation;

  const alerts: { key: string; text: string; color: string }[] = [];
  if (ev && ev.conflicts.length > 0) {
    alerts.push({ key: 'conflicts', color: 'red', text: t('record.alerts.conflicts', { n: ev.conflicts.length }) });
  }
  if (ev && ev.receivingIneligible.length > 0) {
    alerts.push({
      key: 'stops',
      color: 'red',
      text: t('record.alerts.receivingIneligible', { list: joinList(t, ev.receivingIneligible.map((c) => t(`benefits.${c}`))) }),
    });
  }
  if (child.idNumber === null) alerts.push({ key: 'id', color: 'orange', text: t('record.alerts.missingId') });
  if (disability?.validUntil && disability.validUntil < today) {
    alerts.push({ key: 'certificate', color: 'orange', text: t('record.alerts.certificateExpired', { date: disability.validUntil }) });
  }
  if (child.status === 'inCare' && liveRows(record.placements).length === 0) {
    alerts.push({ key: 'placement', color: 'orange', text: t('record.alerts.noPlacement') });
  }
  const assumptions = evaluation?.assumptions ?? [];

  return (
    <Card withBorder padding="md" data-testid="child-header">
      <Group align="flex-start" wrap="nowrap" gap="lg">
        <ChildPhoto child={child} onChanged={onChanged} />
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="sm" align="baseline">
            <Title order={2}>{child.name}</Title>
            <Text c="dimmed">
              {t(`common.${child.sex}`)} · {t('record.header.age', { n: ageOn(child.birthDate, today) })} · {t('record.header.born', { date: child.birthDate })}
            </Text>
            <Badge variant="light" color={STATUS_COLOR[child.status]} data-testid="child-status">
              {t(`children.status.${child.status}`)}
            </Badge>
          </Group>
          <Group gap="lg">
            <Labelled label={t('record.header.idNumber')}>{child.idNumber ?? t('children.noIdNumber')}</Labelled>
            <Labelled label={t('record.header.placement')} testId="child-current-placement">
              {placement ? [t(`record.placementKinds.${placement.kind}`), placement.place].filter(Boolean).join(' · ') : t('record.header.noPlacement')}
            </Labelled>
            {child.admissionDate && (
              <Labelled label={t('record.header.admitted')}>{child.admissionDate}</Labelled>
            )}
            {child.dischargeDate && (
              <Labelled label={t('record.header.discharged')}>{child.dischargeDate}</Labelled>
            )}
          </Group>
          {ev && (
            <Group gap={6} data-testid="child-categories">
              {ev.categories.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('record.header.noCategory')}
                </Text>
              ) : (
                ev.categories.map((c) => (
                  <Tooltip key={c.code} label={`${c.clause} ${c.reason}`} multiline w={320}>
                    <Badge variant="light" color="indigo">
                      {t(`categories.${c.code}`)}
                    </Badge>
                  </Tooltip>
                ))
              )}
              {ev.specialChild && (
                <Badge variant="outline" color="grape">
                  {t('eligibility.specialChild')}
                </Badge>
              )}
            </Group>
          )}
        </Stack>
        <DischargeMenu
          child={{ id: child.id, status: child.status, admissionDate: child.admissionDate, birthDate: child.birthDate }}
          onChanged={onChanged}
        />
      </Group>
      {(alerts.length > 0 || assumptions.length > 0) && (
        <Stack gap={6} mt="sm" data-testid="child-alerts">
          {alerts.length > 0 && (
            <Group gap={6}>
              {alerts.map((a) => (
                <Badge key={a.key} color={a.color} variant="light" leftSection={<IconAlertTriangle size={12} />} style={{ textTransform: 'none' }}>
                  {a.text}
                </Badge>
              ))}
            </Group>
          )}
          {assumptions.length > 0 && (
            <Alert color="yellow" p="xs" title={t('record.alerts.assumptions')} styles={{ title: { fontSize: 'var(--mantine-font-size-sm)' } }}>
              <List size="xs" spacing={0}>
                {assumptions.map((a, i) => (
                  <List.Item key={`${a.field}-${i}`}>{a.message}</List.Item>
                ))}
              </List>
            </Alert>
          )}
        </Stack>
      )}
    </Card>
  );
}

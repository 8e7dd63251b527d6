import { Alert, Badge, Button, Card, Group, List, Loader, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { IconAlertTriangle, IconCalendarEvent, IconPrinter } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import type { TimelineChange } from '../../../shared/contract/eligibility';
import { toIsoDate } from '../../../shared/domain/dates';
import { BENEFIT_CODES, type EntitlementStatus } from '../../../shared/domain/rules-types';
import { call } from '../../api/client';
import { printAudited } from '../../components/print';
import { ClauseRef } from '../../components/ClauseRef';
import { DateField } from '../../components/DateField';
import { useI18n } from '../../i18n';
import { describeChildFacts } from './facts-format';
import { PolicyNotices } from './PolicyNotices';

type Eligibility = ChannelOutput<'eligibility:get'>;

const STATUS_COLOR: Record<EntitlementStatus, string> = { eligible: 'teal', ineligible: 'gray', excluded: 'orange' };

/** The eligibility tab of a child's page: what the policy gives on a date, why, and what changes next. */
export function EligibilityTab({ childId }: { childId: number }) {
  const { t, locale } = useI18n();
  const [asOf, setAsOf] = useState<string>(toIsoDate(new Date()));
  const [data, setData] = useState<Eligibility | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    setError(null);
    call('eligibility:get', { childId, asOf })
      .then((d) => !cancelled && setData(d))
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [childId, asOf]);

  const header = (
    <Group justify="space-between" align="flex-end" className="no-print">
      <Group align="flex-end">
        <DateField
          label={t('eligibility.asOf')}
          value={asOf}
          clearable={false}
          onChange={(v) => v && setAsOf(typeof v === 'string' ? v : toIsoDate(v))}
          w={180}
          data-testid="eligibility-as-of"
        />
        <Button variant="default" onClick={() => setAsOf(toIsoDate(new Date()))}>
          {t('eligibility.today')}
        </Button>
      </Group>
      <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => void printAudited('eligibility', childId)}>
        {t('common.print')}
      </Button>
    </Group>
  );
  if (error) return <Stack>{header}<Alert color="red">{error}</Alert></Stack>;
  if (!data) return <Stack>{header}<Loader /></Stack>;
  const { evaluation: ev, facts, timeline } = data;
  const statusLabel = (s: EntitlementStatus) => t(`eligibility.status.${s}`);

  const changeText = (c: TimelineChange): string => {
    switch (c.kind) {
      case 'entitlement':
        return t('eligibility.change.entitlement', { benefit: t(`benefits.${c.benefit}`), from: statusLabel(c.from), to: statusLabel(c.to) });
      case 'reintegration':
        return t('eligibility.change.reintegration', {
          from: t(`eligibility.reintegrationStatus.${c.from}`),
          to: t(`eligibility.reintegrationStatus.${c.to}`),
        });
      case 'policy':
        return t('eligibility.change.policyOff');
      case 'conflict':
        return t(c.change === 'starts' ? 'eligibility.change.conflictStarts' : 'eligibility.change.conflictEnds', {
          a: t(`benefits.${c.codes[0]}`),
          b: t(`benefits.${c.codes[1]}`),
        });
    }
  };

  return (
    <Stack gap="md" data-testid="eligibility">
      {header}
      {ev.warnings.length > 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={ev.policy.inForce ? t('eligibility.warnings') : t('eligibility.policyNotInForce')}>
          <List size="sm">
            {ev.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <PolicyNotices ev={ev} />

      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Stack gap={4}>
            <Text size="xs" c="dimmed">{t('eligibility.categories')}</Text>
            <Group gap={6}>
              {ev.categories.length === 0 && <Text size="sm">{t('eligibility.noCategory')}</Text>}
              {ev.categories.map((c) => (
                <Group key={c.code} gap={4}>
                  <Badge variant="light">{t(`categories.${c.code}`)}</Badge>
                  <ClauseRef id={c.clause} />
                </Group>
              ))}
            </Group>
            <Group gap={6}>
              {ev.specialChild && <Badge color="grape" variant="light">{t('eligibility.specialChild')}</Badge>}
              {ev.treatedAsInstitutionalOrphan && <Badge color="grape" variant="light">{t('eligibility.treatedAsInstitutionalOrphan')}</Badge>}
            </Group>
          </Stack>
          <Stack gap={4}>
            <Text size="xs" c="dimmed">{t('eligibility.ageLabel')}</Text>
            <Text size="sm" fw={500}>{t('eligibility.age', { n: ev.age })}</Text>
            <Text size="sm">{t('eligibility.eighteenth', { date: ev.eighteenthBirthday })}</Text>
          </Stack>
          <Stack gap={4}>
            <Text size="xs" c="dimmed">{t('eligibility.placementResponsibility')}</Text>
            <Group gap={6}>
              <Text size="sm">{ev.placementResponsibility ? t(`eligibility.responsibility.${ev.placementResponsibility}`) : t('common.none')}</Text>
              <ClauseRef id={ev.placementResponsibilityClause} />
            </Group>
            <Text size="xs" c="dimmed">{ev.placementResponsibilityReason}</Text>
          </Stack>
        </SimpleGrid>
      </Card>

      {ev.conflicts.length > 0 ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('eligibility.conflicts')} data-testid="eligibility-conflicts">
          <Stack gap={6}>
            {ev.conflicts.map((c) => (
              <Group key={c.codes.join('+')} gap={6} wrap="nowrap" align="flex-start">
                <ClauseRef id={c.clause} />
                <Text size="sm">
                  <b>{t(`benefits.${c.codes[0]}`)}</b> + <b>{t(`benefits.${c.codes[1]}`)}</b>：{c.reason}
                </Text>
              </Group>
            ))}
            <Text size="sm" fw={600}>{t('eligibility.conflictAction')}</Text>
          </Stack>
        </Alert>
      ) : (
        facts.receiving.length > 1 && <Text size="sm" c="dimmed">{t('eligibility.noConflicts')}</Text>
      )}

      <Card withBorder padding={0}>
        <Title order={4} p="md" pb="xs">{t('eligibility.entitlements')}</Title>
        {locale === 'en' && (
          <Text size="xs" c="dimmed" px="md" pb="xs" data-testid="policy-wording-note">
            {t('read.policyWordingNote')}
          </Text>
        )}
        <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('eligibility.entitlements')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('eligibility.columns.benefit')}</Table.Th>
              <Table.Th w={110}>{t('eligibility.columns.status')}</Table.Th>
              <Table.Th w={90}>{t('eligibility.columns.clause')}</Table.Th>
              <Table.Th>{t('eligibility.columns.reason')}</Table.Th>
              <Table.Th w={90}>{t('eligibility.columns.receiving')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {BENEFIT_CODES.map((code) => {
              const e = ev.entitlements[code];
              const receiving = facts.receiving.includes(code);
              return (
                <Table.Tr key={code} data-testid={`entitlement-${code}`}>
                  <Table.Td fw={500}>{t(`benefits.${code}`)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[e.status]} variant={e.status === 'eligible' ? 'filled' : 'light'}>
                      {statusLabel(e.status)}
                    </Badge>
                  </Table.Td>
                  <Table.Td><ClauseRef id={e.clause} /></Table.Td>
                  <Table.Td><Text size="sm">{e.reason}</Text></Table.Td>
                  <Table.Td>
                    {receiving && (
                      <Badge color={ev.receivingIneligible.includes(code) || ev.conflicts.some((c) => c.codes.includes(code)) ? 'red' : 'blue'} variant="dot">
                        {t('eligibility.receivingYes')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={4}>{t('eligibility.medical')}</Title>
            <ClauseRef id={ev.medical.clause} />
          </Group>
          <Stack gap={4}>
            <Text size="sm">
              {t('eligibility.premium')}{t('read.colon')}{ev.medical.premiumFullySubsidised ? t('eligibility.premiumYes') : t('eligibility.premiumNo')}
            </Text>
            {ev.medical.minAidRatio !== null && (
              <Text size="sm">
                {t('eligibility.minAid')}{t('read.colon')}{t('eligibility.minAidValue', { pct: Math.round(ev.medical.minAidRatio * 100) })}
              </Text>
            )}
            {ev.medical.treatedAsMinimumLivingFamily && <Text size="sm">{t('eligibility.asMinimumLiving')}</Text>}
            <Text size="xs" c="dimmed">{ev.medical.reason}</Text>
          </Stack>
        </Card>
        <Card withBorder data-testid="eligibility-reintegration">
          <Group justify="space-between" mb="xs">
            <Title order={4}>{t('eligibility.reintegration')}</Title>
            <ClauseRef id={ev.reintegration.clause} />
          </Group>
          <Badge size="lg" variant="light" color={ev.reintegration.status === 'assessmentDue' || ev.reintegration.status === 'secondAssessmentDue' ? 'red' : 'blue'}>
            {t(`eligibility.reintegrationStatus.${ev.reintegration.status}`)}
          </Badge>
          <Text size="sm" mt="xs">{ev.reintegration.reason}</Text>
          {ev.reintegration.tasks.length > 0 && (
            <Group gap={6} mt="xs">
              {ev.reintegration.tasks.map((task) => (
                <Badge key={task} variant="outline">{t(`eligibility.tasks.${task}`)}</Badge>
              ))}
            </Group>
          )}
        </Card>
      </SimpleGrid>

      <Card withBorder data-testid="eligibility-timeline">
        <Title order={4}>{t('eligibility.timeline')}</Title>
        <Text size="xs" c="dimmed" mb="sm">{timeline.assumption}</Text>
        {timeline.entries.length === 0 ? (
          <Text size="sm">{t('eligibility.noTimeline')}</Text>
        ) : (
          <Timeline bulletSize={22} lineWidth={2} active={-1}>
            {timeline.entries.map((entry) => (
              <Timeline.Item
                key={entry.date}
                bullet={<IconCalendarEvent size={12} />}
                title={
                  <Group gap={8}>
                    <Text fw={600} c={entry.afterPolicyTerm ? 'dimmed' : undefined}>{entry.date}</Text>
                    {entry.kinds.map((k) => (
                      <Badge key={k} variant="light" size="sm">{t(`eligibility.timelineKinds.${k}`)}</Badge>
                    ))}
                    {entry.afterPolicyTerm && (
                      <Badge variant="outline" color="orange" size="sm" tt="none" data-testid="after-policy-term">
                        {t('read.timeline.afterTerm')}
                      </Badge>
                    )}
                  </Group>
                }
              >
                {entry.afterPolicyTerm && entry.changes.length > 0 && (
                  <Text size="xs" c="orange.8" mt={4}>
                    {t('read.timeline.afterTermHint', { date: ev.policy.inForceTo })}
                  </Text>
                )}
                {entry.changes.length === 0 ? (
                  <Text size="sm" c="dimmed">{t('eligibility.noChange')}</Text>
                ) : (
                  <Stack gap={4} mt={4}>
                    {entry.changes.map((c, i) => (
                      <Group key={i} gap={6} wrap="nowrap" align="flex-start">
                        {c.kind === 'policy' ? <Badge variant="outline" color="gray" radius="sm">{t('eligibility.policyNotInForce')}</Badge> : <ClauseRef id={c.clause} />}
                        <Stack gap={0}>
                          <Text size="sm" fw={500}>{changeText(c)}</Text>
                          <Text size="xs" c="dimmed">{c.reason}</Text>
                        </Stack>
                      </Group>
                    ))}
                  </Stack>
                )}
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Card>

      <Card withBorder>
        <Title order={4}>{t('eligibility.facts')}</Title>
        <Text size="xs" c="dimmed" mb="xs">{t('eligibility.factsHint')}</Text>
        {data.factNotes.length > 0 && (
          <List size="sm" mb="xs">
            {data.factNotes.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        )}
        <Table withTableBorder striped aria-label={t('eligibility.facts')} data-testid="eligibility-facts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="40%">{t('read.facts.item')}</Table.Th>
              <Table.Th>{t('read.facts.value')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {describeChildFacts(facts, t).map((f) => (
              <Table.Tr key={f.key}>
                <Table.Td>{f.label}</Table.Td>
                <Table.Td>{f.value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

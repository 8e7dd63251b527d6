import { Alert, Anchor, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconCalendarEvent, IconClipboardCheck, IconClipboardPlus, IconSettings } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ChannelOutput } from '../../../shared/contract';
import type { TodayItem } from '../../../shared/contract/rehab';
import { toIsoDate } from '../../../shared/domain/dates';
import { call } from '../../api/client';
import { useCan } from '../../app/permissions';
import { DateField } from '../../components/DateField';
import { EmptyState } from '../../components/EmptyState';
import { LoadState } from '../../components/LoadState';
import { useT } from '../../i18n';
import { CutoffsPanel } from './CutoffsPanel';
import { SessionForm } from './SessionForm';
import { sessionMinutesOf } from './plan-revision';
import { gasColor, gasLabel } from './rehab-format';

const TABS = ['today', 'approvals', 'cutoffs'] as const;
type TabName = (typeof TABS)[number];

/** The rehabilitation module: the therapist's day, the supervisor's approvals, the measures' cut-offs. */
export function RehabPage() {
  const t = useT();
  const { tab } = useParams();
  const navigate = useNavigate();
  const canApprove = useCan('rehab.approve');
  const visible = TABS.filter((name) => name !== 'approvals' || canApprove);
  const active: TabName = visible.find((name) => name === tab) ?? (canApprove && !tab ? 'approvals' : 'today');
  const icons: Record<TabName, React.ReactNode> = {
    today: <IconCalendarEvent size={16} />,
    approvals: <IconClipboardCheck size={16} />,
    cutoffs: <IconSettings size={16} />,
  };
  return (
    <Stack gap="md">
      <Title order={2}>{t('nav.rehabilitation')}</Title>
      <Tabs value={active} onChange={(v) => navigate(`/rehabilitation/${v ?? 'today'}`, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {visible.map((name) => (
            <Tabs.Tab key={name} value={name} leftSection={icons[name]}>
              {t(`rehab.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="today" pt="md">
          {active === 'today' && <TodayPanel />}
        </Tabs.Panel>
        <Tabs.Panel value="approvals" pt="md">
          {active === 'approvals' && <ApprovalsPanel />}
        </Tabs.Panel>
        <Tabs.Panel value="cutoffs" pt="md">
          {active === 'cutoffs' && <CutoffsPanel />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** The therapist's list for a day: scheduled children first, each with the goals and whether the session is logged. */
function TodayPanel() {
  const t = useT();
  const canWrite = useCan('rehab.write');
  const [date, setDate] = useState(toIsoDate(new Date()));
  const [data, setData] = useState<ChannelOutput<'rehab:today'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [logging, setLogging] = useState<TodayItem | null>(null);
  const reload = useCallback(() => {
    call('rehab:today', { date })
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, [date]);
  useEffect(reload, [reload]);
  return (
    <Stack gap="md">
      <Group align="flex-end">
        <DateField label={t('rehab.today.date')} value={date} clearable={false} w={180} onChange={(v) => v && setDate(typeof v === 'string' ? v : toIsoDate(v))} />
        {data && (
          <Text c="dimmed" size="sm">
            {t('rehab.today.count', { n: data.items.length })}
          </Text>
        )}
      </Group>
      {error && data && <Alert color="red">{error}</Alert>}
      {!data ? (
        <LoadState error={error} />
      ) : data.items.length === 0 ? (
        <EmptyState title={t('rehab.today.empty')} hint={t('rehab.today.emptyHint')} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} data-testid="today-list">
          {data.items.map((item) => (
            <Card key={item.childId} withBorder padding="md" data-testid={`today-${item.childId}`}>
              <Group justify="space-between" mb={4}>
                <Anchor component={Link} to={`/children/${item.childId}/rehab`} fw={700}>
                  {item.childName}
                </Anchor>
                {item.logged.length > 0 ? (
                  <Badge color="teal">{t('rehab.today.logged')}</Badge>
                ) : (
                  <Badge color="gray" variant="light">
                    {t('rehab.today.notLogged')}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed" mb={6}>
                {t('rehab.plan.version', { n: item.planVersion })} · {t('rehab.plan.reviewDue', { date: item.reviewOn })}
              </Text>
              <Text size="sm" c={item.scheduled.length > 0 ? 'blue' : 'dimmed'} mb={6}>
                {item.scheduled.length > 0 ? `${t('rehab.today.scheduled')}${t('read.colon')}${item.scheduled.map((s) => s.description).join('、')}` : t('rehab.today.notScheduled')}
              </Text>
              <Stack gap={2} mb="sm">
                {item.goals.map((g) => (
                  <Group key={g.id} gap={6} wrap="nowrap">
                    <Badge size="sm" color={gasColor(g.latest ?? g.baseline)} variant={g.latest === null ? 'outline' : 'light'} w={40}>
                      {gasLabel(g.latest ?? g.baseline)}
                    </Badge>
                    <Text size="sm" lineClamp={1}>
                      {g.title}
                    </Text>
                  </Group>
                ))}
              </Stack>
              {item.logged.map((l) => (
                <Text size="xs" c="dimmed" key={l.sessionId}>
                  {l.therapist ?? '—'} · {l.attended ? t('rehab.session.minutesShort', { n: l.minutes ?? 0 }) : t('rehab.session.absent')}
                </Text>
              ))}
              {canWrite && date <= toIsoDate(new Date()) && (
                <Button mt="xs" size="xs" leftSection={<IconClipboardPlus size={14} />} onClick={() => setLogging(item)}>
                  {t('rehab.session.log')}
                </Button>
              )}
            </Card>
          ))}
        </SimpleGrid>
      )}
      {logging && (
        <SessionForm
          mode={{ kind: 'log', childId: logging.childId }}
          childName={logging.childName}
          goals={logging.goals.map((g) => ({ id: g.id, title: g.title, latest: g.latest }))}
          defaultMinutes={sessionMinutesOf(logging.scheduled.map((s) => s.frequency))}
          onClose={() => setLogging(null)}
          onSaved={reload}
        />
      )}
    </Stack>
  );
}

/** Plans awaiting a supervisor's decision, oldest first; each opens the child's rehabilitation tab. */
function ApprovalsPanel() {
  const t = useT();
  const [rows, setRows] = useState<ChannelOutput<'rehab:pendingPlans'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('rehab:pendingPlans', null)
      .then(setRows)
      .catch((e: Error) => setError(e.message));
  }, []);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!rows) return <Loader />;
  if (rows.length === 0) return <EmptyState title={t('rehab.approvals.empty')} />;
  return (
    <Table striped withTableBorder data-testid="pending-plans">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('rehab.approvals.columns.child')}</Table.Th>
          <Table.Th>{t('rehab.approvals.columns.version')}</Table.Th>
          <Table.Th>{t('rehab.approvals.columns.submitted')}</Table.Th>
          <Table.Th>{t('rehab.approvals.columns.by')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.planId}>
            <Table.Td>{r.childName}</Table.Td>
            <Table.Td>{t('rehab.plan.version', { n: r.version })}</Table.Td>
            <Table.Td>{r.submittedAt.slice(0, 16).replace('T', ' ')}</Table.Td>
            <Table.Td>{r.by ?? '—'}</Table.Td>
            <Table.Td>
              <Button size="compact-sm" component={Link} to={`/children/${r.childId}/rehab`}>
                {t('rehab.approvals.open')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

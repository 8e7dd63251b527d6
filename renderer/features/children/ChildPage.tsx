import { Alert, Anchor, Badge, Card, Group, Loader, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ChildSummary } from '../../../shared/contract/children';
import { ageOn, toIsoDate } from '../../../shared/domain/dates';
import { call } from '../../api/client';
import { useCan } from '../../app/permissions';
import { useT } from '../../i18n';
import { EligibilityTab } from '../eligibility/EligibilityTab';

function Field({ label, value }: { label: string; value: string | null }) {
  const t = useT();
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text>{value ?? t('common.notRecorded')}</Text>
    </Stack>
  );
}

/** One child's page: the header and the profile. */
export function ChildPage() {
  const t = useT();
  const { id, tab } = useParams();
  const navigate = useNavigate();
  const canEligibility = useCan('eligibility.read');
  const activeTab = tab === 'eligibility' && canEligibility ? 'eligibility' : 'profile';
  const [child, setChild] = useState<ChildSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setChild(null);
    call('children:get', { id: Number(id) })
      .then(setChild)
      .catch((e: Error) => setError(e.message));
  }, [id]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!child) return <Loader />;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/children" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('child.back')}
        </Group>
      </Anchor>
      <Group gap="md">
        <Title order={2}>{child.name}</Title>
        <Text c="dimmed">{t('child.age', { n: ageOn(child.birthDate, toIsoDate(new Date())) })}</Text>
        <Badge variant="light" color={child.status === 'inCare' ? 'teal' : 'gray'}>
          {t(`children.status.${child.status}`)}
        </Badge>
      </Group>
      <Tabs value={activeTab} onChange={(v) => navigate(`/children/${child.id}${v === 'profile' ? '' : `/${v}`}`, { replace: true })} keepMounted={false}>
        <Tabs.List className="no-print">
          <Tabs.Tab value="profile">{t('child.tabs.profile')}</Tabs.Tab>
          {canEligibility && <Tabs.Tab value="eligibility">{t('child.tabs.eligibility')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="profile" pt="md">
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('child.profile')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Field label={t('childForm.sex')} value={t(`common.${child.sex}`)} />
              <Field label={t('childForm.birthDate')} value={child.birthDate} />
              <Field label={t('childForm.idNumber')} value={child.idNumber} />
              <Field label={t('childForm.admissionDate')} value={child.admissionDate} />
            </SimpleGrid>
          </Card>
        </Tabs.Panel>
        {canEligibility && (
          <Tabs.Panel value="eligibility" pt="md">
            <EligibilityTab childId={child.id} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

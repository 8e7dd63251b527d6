import { Alert, Anchor, Button, Group, Loader, Stack, Tabs } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { VersionsProvider } from '../../api/versions';
import { CaseloadCard } from '../caseload/CaseloadCard';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../app/permissions';
import { useLeaveGuard } from '../../components/unsaved';
import { useT } from '../../i18n';
import { AutismPathwayTab } from '../autism/AutismPathwayTab';
import { EligibilityTab } from '../eligibility/EligibilityTab';
import { MentalHealthTab } from '../mental-health/MentalHealthTab';
import { CaseLink } from '../reintegration/CaseLink';
import { BenefitsTab } from '../record/BenefitsTab';
import { ChildHeader } from '../record/ChildHeader';
import { DocumentsTab } from '../record/DocumentsTab';
import { EducationTab } from '../record/EducationTab';
import { HealthTab } from '../record/HealthTab';
import { HistoryTab } from '../record/HistoryTab';
import { PlacementTab } from '../record/PlacementTab';
import { ProfileTab } from '../record/ProfileTab';
import { type RecordTabProps, useChildRecord } from '../record/use-child-record';
import { RehabTab } from '../rehab/RehabTab';

const TABS = ['profile', 'placement', 'education', 'health', 'rehab', 'autism', 'mentalHealth', 'benefits', 'documents', 'eligibility', 'history'] as const;
type TabName = (typeof TABS)[number];

/** One child's page: the header, then the record in tabs; the tab is in the URL (`/children/:id/:tab`). */
export function ChildPage() {
  const t = useT();
  const { id, tab } = useParams();
  const childId = Number(id);
  const navigate = useNavigate();
  const { confirmLeave } = useLeaveGuard();
  const canEligibility = useCan('eligibility.read');
  const canDocuments = useCan('documents.read');
  const canRehab = useCan('rehab.read');
  // The mental-health file is restricted (四(十二)): no tab, and no loading of it, without mentalHealth.read.
  const canMentalHealth = useCan('mentalHealth.read');
  const visible = TABS.filter(
    (name) =>
      (name !== 'eligibility' || canEligibility) &&
      (name !== 'documents' || canDocuments) &&
      (name !== 'rehab' || canRehab) &&
      (name !== 'autism' || canRehab) &&
      (name !== 'mentalHealth' || canMentalHealth),
  );
  const activeTab: TabName = visible.find((name) => name === tab) ?? 'profile';
  const { record, evaluation, error, reload, loads, external } = useChildRecord(childId);
  const [dismissed, setDismissed] = useState<number | null>(null);

  if (error && !record) return <Alert color="red">{error}</Alert>;
  if (!record) return <Loader />;
  const props: RecordTabProps = { record, evaluation, onChanged: reload };
  const panels: Record<TabName, () => ReactNode> = {
    profile: () => <ProfileTab {...props} />,
    placement: () => <PlacementTab {...props} />,
    education: () => <EducationTab {...props} />,
    health: () => <HealthTab {...props} />,
    benefits: () => <BenefitsTab {...props} />,
    documents: () => <DocumentsTab {...props} />,
    // These two load their own data: mounted again after each reload, so a change (a discharge in the
    // header, a save in another tab) shows in them.
    eligibility: () => <EligibilityTab key={loads} childId={childId} />,
    history: () => <HistoryTab key={`${loads}-${external?.seq ?? 0}`} childId={childId} />,
    rehab: () => <RehabTab key={loads} childId={childId} />,
    autism: () => <AutismPathwayTab key={loads} childId={childId} />,
    mentalHealth: () => <MentalHealthTab childId={childId} onChanged={reload} />,
  };
  return (
    <VersionsProvider versions={record?.versions}>
    <Stack gap="md">
      <Group justify="space-between">
        <Anchor component={Link} to="/children" size="sm" className="no-print">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {t('child.back')}
          </Group>
        </Anchor>
        <Group gap="xs" className="no-print">
          <CaseLink childId={childId} />
          {canEligibility && (
            <Button component={Link} to={`/children/${childId}/summary`} variant="default" size="xs" leftSection={<IconPrinter size={14} />}>
              {t('child.summary.open')}
            </Button>
          )}
        </Group>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {external && (
        <Alert color="blue" variant="light" withCloseButton onClose={() => setDismissed(external.seq)} hidden={dismissed === external.seq} data-testid="page-updated" className="no-print">
          {t('conflict.pageUpdated', { who: external.by ?? t('conflict.someone') })}
        </Alert>
      )}
      <ChildHeader record={record} evaluation={evaluation} onChanged={reload} />
      <CaseloadCard childId={childId} />
      <Tabs
        value={activeTab}
        onChange={(v) => confirmLeave(() => navigate(`/children/${childId}${v === 'profile' || !v ? '' : `/${v}`}`, { replace: true }))}
        keepMounted={false}
      >
        <Tabs.List className="no-print">
          {visible.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`record.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {visible.map((name) => (
          <Tabs.Panel key={name} value={name} pt="md">
            {activeTab === name && panels[name]()}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
    </VersionsProvider>
  );
}

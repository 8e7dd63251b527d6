import { Group, Stack, Tabs, Title } from '@mantine/core';
import { IconFileExport, IconFileImport } from '@tabler/icons-react';
import { useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../app/permissions';
import { ClauseRef } from '../../components/ClauseRef';
import { useT } from '../../i18n';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';

const TABS = ['export', 'import'] as const;
type TabName = (typeof TABS)[number];

/** Work ledgers (七(二十一)): export to Excel, and children in from Excel; each tab for those allowed. */
export function LedgersPage() {
  const t = useT();
  const { tab } = useParams();
  const navigate = useNavigate();
  const allowed: Record<TabName, boolean> = { export: useCan('ledger.export'), import: useCan('import.run') };
  const visible = TABS.filter((name) => allowed[name]);
  const active = visible.find((name) => name === tab) ?? visible[0];
  return (
    <Stack gap="md">
      <Group gap="xs" align="baseline">
        <Title order={2}>{t('ledgers.title')}</Title>
        <ClauseRef id="七(二十一)" />
      </Group>
      <Tabs value={active ?? null} onChange={(v) => navigate(`/ledgers/${v ?? 'export'}`, { replace: true })} keepMounted={false}>
        <Tabs.List className="no-print">
          {visible.map((name) => (
            <Tabs.Tab key={name} value={name} leftSection={name === 'export' ? <IconFileExport size={16} /> : <IconFileImport size={16} />}>
              {t(`ledgers.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="export" pt="md">
          {active === 'export' && <ExportPanel />}
        </Tabs.Panel>
        <Tabs.Panel value="import" pt="md">
          {active === 'import' && <ImportPanel />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

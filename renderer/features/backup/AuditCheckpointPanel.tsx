import { Alert, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../api/client';
import { useT } from '../../i18n';

type Checkpoint = { hash: string; count: number; at: string; institutionName: string | null; verified: boolean };

/** A dated audit checkpoint (chain head, row count) printed for the supervisor to sign and file. */
export function AuditCheckpointPanel() {
  const t = useT();
  const [checkpoint, setCheckpoint] = useState<Checkpoint | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const make = async () => {
    setBusy(true);
    setError(null);
    try {
      const made = await call('audit:checkpoint', null);
      setCheckpoint(made);
      // Printed once the sheet is on the page.
      requestAnimationFrame(() => window.print());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm" maw={760}>
      <Title order={4} className="no-print">
        {t('safe.checkpoint.title')}
      </Title>
      <Text size="sm" className="no-print">
        {t('safe.checkpoint.intro')}
      </Text>
      <div className="no-print">
        <Button variant="default" onClick={() => void make()} loading={busy}>
          {t('safe.checkpoint.make')}
        </Button>
      </div>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {checkpoint && (
        <Paper withBorder p="md" data-testid="audit-checkpoint">
          <Stack gap="xs">
            <Title order={5}>
              {checkpoint.institutionName} · {t('safe.checkpoint.title')}
            </Title>
            <Table withRowBorders={false}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th>{t('safe.checkpoint.at')}</Table.Th>
                  <Table.Td>{new Date(checkpoint.at).toLocaleString('zh-CN', { hour12: false })}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('safe.checkpoint.rows')}</Table.Th>
                  <Table.Td>{checkpoint.count}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('safe.checkpoint.head')}</Table.Th>
                  <Table.Td ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                    {checkpoint.hash}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('safe.checkpoint.verified')}</Table.Th>
                  <Table.Td c={checkpoint.verified ? undefined : 'red'}>{checkpoint.verified ? t('safe.checkpoint.verifiedYes') : t('safe.checkpoint.verifiedNo')}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <Text mt="lg">{t('safe.checkpoint.signature')} ______________________</Text>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

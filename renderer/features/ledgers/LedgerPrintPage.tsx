import { Alert, Anchor, Button, Group, Loader, Stack } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { LedgerKind, LedgerView } from '../../../shared/contract/ledgers';
import { call } from '../../api/client';
import classes from '../../components/PrintDoc.module.css';
import { printAudited } from '../../components/print';
import { useT } from '../../i18n';

/**
 * One ledger as a printed list (always in Chinese), through the same print view as the dossier and the
 * child summary; the print is audited ('ledger'). Landscape: the lists are wide.
 */
export function LedgerPrintPage() {
  const t = useT();
  const kind = useParams().kind as LedgerKind;
  const [params] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const [data, setData] = useState<LedgerView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('ledger:view', { ledger: kind, from, to })
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, [kind, from, to]);
  const back = (
    <Anchor component={Link} to="/ledgers/export" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('ledgers.print.back')}
      </Group>
    </Anchor>
  );
  if (error) return <Stack>{back}<Alert color="red">{error}</Alert></Stack>;
  if (!data) return <Loader />;
  const cell = (value: string | number | null, kind: LedgerView['columns'][number]['kind']) =>
    value === null ? '' : kind === 'money' && typeof value === 'number' ? value.toFixed(2) : String(value);
  return (
    <Stack gap="md">
      <Group justify="space-between" className="no-print">
        {back}
        <Button leftSection={<IconPrinter size={16} />} onClick={() => void printAudited('ledger')}>
          {t('common.print')}
        </Button>
      </Group>
      <style>{'@page { size: A4 landscape; margin: 10mm; }'}</style>
      <article className={classes.doc} style={{ maxWidth: '297mm', fontSize: 11 }} data-testid="ledger-print" lang="zh-CN">
        <h1>{data.title}</h1>
        <div className={classes.meta}>
          {data.institutionName ?? ''} · {kind === 'benefits' || kind === 'rehabSessions' ? `${data.from} 至 ${data.to}` : `截至 ${data.asOf}`} · 共 {data.rows.length} 行
        </div>
        <table>
          <thead>
            <tr>
              {data.columns.map((c) => (
                <th key={c.header}>{c.header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row, r) => (
              <tr key={r}>
                {row.map((value, c) => (
                  <td key={c} style={data.columns[c]!.kind === 'text' ? undefined : { whiteSpace: 'nowrap' }}>
                    {cell(value, data.columns[c]!.kind)}
                  </td>
                ))}
              </tr>
            ))}
            {data.rows.length === 0 && (
              <tr>
                <td colSpan={data.columns.length}>无</td>
              </tr>
            )}
          </tbody>
        </table>
        <div className={classes.meta}>打印日期：{data.asOf}</div>
      </article>
    </Stack>
  );
}

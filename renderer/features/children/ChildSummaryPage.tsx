import { Alert, Anchor, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { ChannelOutput } from '../../../shared/contract';
import { IMPORT_FIELD_HEADERS_ZH, type ImportField } from '../../../shared/contract/ledgers';
import { POLICY_DOCUMENT } from '../../../shared/domain/clauses';
import { call } from '../../api/client';
import classes from '../../components/PrintDoc.module.css';
import { printAudited } from '../../components/print';
import { PrintIdentity, PrintPageFrame, PrintSignatures, documentNumber } from '../../components/PrintFrame';
import { useI18n } from '../../i18n';
import { RehabSummaryLines } from '../reintegration/DossierPage';

type Summary = ChannelOutput<'eligibility:summary'>;

/** The rows of the summary's tables: pairs of roster columns, as the roster names them. */
const IDENTITY: [ImportField, ImportField][] = [
  ['name', 'sex'],
  ['birthDate', 'idNumber'],
  ['hukou', 'admissionDate'],
];
const CARE: [ImportField, ImportField][] = [
  ['placementKind', 'placementFrom'],
  ['educationStage', 'school'],
  ['enrolmentDate', 'standardDurationYears'],
  ['disabilityCategory', 'disabilityGrade'],
  ['disabilityCertificate', 'disabilityFrom'],
];

/**
 * A child's one-page summary, always in Chinese, for print: identity, categories, placement, education,
 * disability, today's entitlements with their clauses, and the rehabilitation plan in force in brief.
 * The print is audited ('childSummary').
 */
export function ChildSummaryPage() {
  const { t, locale } = useI18n();
  const childId = Number(useParams().id);
  const [data, setData] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('eligibility:summary', { childId })
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, [childId]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!data) return <Loader />;
  const value = (field: ImportField) => {
    const v = data.values[field];
    return v === null || v === undefined || v === '' ? '无' : String(v);
  };
  const pairs = (rows: [ImportField, ImportField][]) =>
    rows.map(([a, b]) => (
      <tr key={a}>
        <th>{IMPORT_FIELD_HEADERS_ZH[a]}</th>
        <td>{value(a)}</td>
        <th>{IMPORT_FIELD_HEADERS_ZH[b]}</th>
        <td>{value(b)}</td>
      </tr>
    ));

  return (
    <Stack gap="md">
      <Group justify="space-between" className="no-print">
        <Anchor component={Link} to={`/children/${childId}`} size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {t('child.summary.back')}
          </Group>
        </Anchor>
        {locale === 'en' && (
          <Text size="sm" c="dimmed">
            {t('read.chineseDocumentNote')}
          </Text>
        )}
        <Button leftSection={<IconPrinter size={16} />} onClick={() => void printAudited('childSummary', childId)}>
          {t('child.summary.print')}
        </Button>
      </Group>
      <article className={classes.doc} data-testid="child-summary" lang="zh-CN">
        <PrintPageFrame name={value('name')} idNumber={data.values.idNumber ? String(data.values.idNumber) : null} docNumber={documentNumber('概况', data.asOf.slice(0, 4), childId)} />
        <h1>儿童概况</h1>
        <div className={classes.meta}>
          {data.institutionName ?? ''} · 文书编号：{documentNumber('概况', data.asOf.slice(0, 4), childId)} · 截至 {data.asOf}
        </div>

        <h2>一、基本信息</h2>
        <table>
          <tbody>{pairs(IDENTITY)}</tbody>
        </table>
        <PrintIdentity childId={childId} day={data.asOf} />

        <h2>二、困境儿童类别</h2>
        <p>{data.categories.length === 0 ? '不属于困境儿童类别' : data.categories.map((c) => `${c.label}（${c.clause}）`).join('；')}</p>

        <h2>三、安置、教育与残疾</h2>
        <table>
          <tbody>{pairs(CARE)}</tbody>
        </table>

        <h2>四、今日应享待遇</h2>
        <table>
          <thead>
            <tr>
              <th>待遇</th>
              <th>政策条款</th>
              <th>依据</th>
            </tr>
          </thead>
          <tbody>
            {data.entitlements.map((e) => (
              <tr key={e.code}>
                <td>{e.label}</td>
                <td>{e.clause}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
            {data.entitlements.length === 0 && (
              <tr>
                <td colSpan={3}>今日无应享待遇</td>
              </tr>
            )}
          </tbody>
        </table>
        <p>政策依据：{POLICY_DOCUMENT.title}</p>

        {data.rehabilitation && (
          <>
            <h2>五、康复</h2>
            <RehabSummaryLines rehab={data.rehabilitation} />
          </>
        )}
        <PrintSignatures signers={[{ role: '经办人' }, { role: '审核人' }]} issuer={data.institutionName} />
      </article>
    </Stack>
  );
}

/**
 * Work ledgers (工作台账, policy 七(二十一)) as one Excel workbook, one sheet per ledger: the children
 * roster with categories, placement and today's entitlements; the benefits received in a period; the
 * rehabilitation sessions per child, therapist and month. Chinese headers, a frozen header row, column
 * widths, dates as real dates; the workbook's properties name who exported it and when; audited.
 */
import ExcelJS from 'exceljs';
import { asc, eq } from 'drizzle-orm';
import { children } from '../../db/schema';
import {
  IMPORT_FIELDS,
  IMPORT_FIELD_HEADERS_ZH,
  LEDGER_SHEET_NAMES_ZH,
  type LedgerExport,
  type LedgerExportInput,
  type LedgerKind,
  ledgerExportInputSchema,
} from '../../shared/contract/ledgers';
import { BENEFIT_LABELS_ZH, type BenefitCode } from '../../shared/domain/rules-types';
import { evaluate } from '../rules';
import { appendAudit } from './audit';
import { type ServiceContext, inTransaction } from './context';
import { deriveFacts } from './facts';
import { DATE_FIELDS, type LedgerValue, LIST_SEPARATOR, fenToYuan, rosterValues } from './ledger-values';
import { loadRecordsForFacts, parseInput } from './record-store';
import { getSetting } from './settings';
import { intervalsOverlap } from './record-intervals';
import { peopleNames } from './rehab-plans';

type Column = { header: string; width: number; kind?: 'date' | 'money' | 'integer' };
type Ledger = { columns: Column[]; rows: LedgerValue[][] };

const ENTITLEMENTS_HEADER = '今日应享待遇';

/** The children in care, one line each (序号, the importable columns, then today's entitlements). */
export function rosterLedger(ctx: ServiceContext): Ledger {
  const today = ctx.clock.today();
  const rows = ctx.db.select().from(children).where(eq(children.status, 'inCare')).orderBy(asc(children.namePinyin), asc(children.id)).all();
  const records = loadRecordsForFacts(ctx, rows);
  const widths: Partial<Record<(typeof IMPORT_FIELDS)[number], number>> = { idNumber: 22, categories: 28, disabilityCertificate: 26, placementKind: 26, school: 24, benefitCode: 22, hukou: 12 };
  const columns: Column[] = [
    { header: '序号', width: 6, kind: 'integer' },
    ...IMPORT_FIELDS.map((f): Column => ({
      header: IMPORT_FIELD_HEADERS_ZH[f],
      width: widths[f] ?? (DATE_FIELDS.has(f) ? 13 : 10),
      kind: DATE_FIELDS.has(f) ? 'date' : f === 'benefitMonthlyAmount' ? 'money' : undefined,
    })),
    { header: ENTITLEMENTS_HEADER, width: 40 },
  ];
  const lines = rows.map((child, index) => {
    const record = records.get(child.id)!;
    const values = rosterValues(record, today);
    const entitlements =
      child.birthDate > today
        ? []
        : Object.entries(evaluate(deriveFacts(record, today).facts, today).entitlements)
            .filter(([, e]) => e.status === 'eligible')
            .map(([code]) => BENEFIT_LABELS_ZH[code as BenefitCode]);
    return [index + 1, ...IMPORT_FIELDS.map((f) => values[f]), entitlements.join(LIST_SEPARATOR) || null];
  });
  return { columns, rows: lines };
}

/** Every live benefit row received at some time in [from, to]. */
function benefitsLedger(ctx: ServiceContext, from: string, to: string): Ledger {
  const rows = ctx.sqlite
    .prepare(
      `SELECT c.name, c.id_number, b.code, b.from_date AS "from", b.to_date AS "to", b.monthly_amount_fen, b.note
       FROM benefits_received b JOIN children c ON c.id = b.child_id
       WHERE b.voided_at IS NULL ORDER BY c.name_pinyin, c.id, b.from_date, b.id`,
    )
    .all() as { name: string; id_number: string | null; code: BenefitCode; from: string; to: string | null; monthly_amount_fen: number | null; note: string | null }[];
  return {
    columns: [
      { header: '序号', width: 6, kind: 'integer' },
      { header: '姓名', width: 10 },
      { header: '身份证号', width: 22 },
      { header: '保障待遇', width: 30 },
      { header: '开始日期', width: 13, kind: 'date' },
      { header: '结束日期', width: 13, kind: 'date' },
      { header: '月标准（元）', width: 12, kind: 'money' },
      { header: '备注', width: 30 },
    ],
    rows: rows
      .filter((b) => intervalsOverlap(b, { from, to }))
      .map((b, i) => [i + 1, b.name, b.id_number, BENEFIT_LABELS_ZH[b.code], b.from, b.to, b.monthly_amount_fen === null ? null : fenToYuan(b.monthly_amount_fen), b.note]),
  };
}

/** Sessions per month, child and therapist in [from, to]: attended, absent, minutes. Amended originals are left out. */
function rehabLedger(ctx: ServiceContext, from: string, to: string): Ledger {
  const rows = ctx.sqlite
    .prepare(
      `SELECT substr(s.session_on, 1, 7) AS month, c.name, c.id_number, s.therapist_id,
              sum(s.attended) AS attended, sum(1 - s.attended) AS absent, coalesce(sum(s.minutes), 0) AS minutes
       FROM rehab_sessions s JOIN children c ON c.id = s.child_id
       WHERE s.voided_at IS NULL AND s.session_on BETWEEN ? AND ?
         AND NOT EXISTS (SELECT 1 FROM rehab_sessions a WHERE a.amends_session_id = s.id AND a.voided_at IS NULL)
       GROUP BY month, c.id, s.therapist_id
       ORDER BY month, c.name_pinyin, c.id, s.therapist_id`,
    )
    .all(from, to) as { month: string; name: string; id_number: string | null; therapist_id: number | null; attended: number; absent: number; minutes: number }[];
  const names = peopleNames(ctx);
  return {
    columns: [
      { header: '月份', width: 10 },
      { header: '姓名', width: 10 },
      { header: '身份证号', width: 22 },
      { header: '治疗师', width: 12 },
      { header: '训练次数', width: 10, kind: 'integer' },
      { header: '缺勤次数', width: 10, kind: 'integer' },
      { header: '训练时长（分钟）', width: 16, kind: 'integer' },
    ],
    rows: rows.map((r) => [r.month, r.name, r.id_number, r.therapist_id === null ? null : (names.get(r.therapist_id) ?? `#${r.therapist_id}`), r.attended, r.absent, r.minutes]),
  };
}

/** A date as Excel keeps it: midnight UTC of that day, shown with a date format. */
function excelDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function addSheet(workbook: ExcelJS.Workbook, name: string, ledger: Ledger): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ledger.columns.map((c) => ({
    header: c.header,
    width: c.width,
    style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'money' ? { numFmt: '#,##0.00' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4F1' } };
  header.alignment = { vertical: 'middle' };
  for (const line of ledger.rows) {
    sheet.addRow(line.map((value, i) => (value !== null && ledger.columns[i]!.kind === 'date' ? excelDate(String(value)) : value)));
  }
  if (ledger.rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ledger.columns.length } };
}

const BUILDERS: Readonly<Record<LedgerKind, (ctx: ServiceContext, from: string, to: string) => Ledger>> = {
  roster: (ctx) => rosterLedger(ctx),
  benefits: benefitsLedger,
  rehabSessions: rehabLedger,
};

/** The chosen ledgers as one workbook (base64), named after the person exporting it; audited. */
export async function exportLedgers(ctx: ServiceContext, raw: LedgerExportInput): Promise<LedgerExport> {
  const input = parseInput(ledgerExportInputSchema, raw);
  const now = ctx.clock.now();
  const who = ctx.actor ? (peopleNames(ctx).get(ctx.actor.userId) ?? ctx.actor.username) : '—';
  const workbook = new ExcelJS.Workbook();
  workbook.creator = who;
  workbook.lastModifiedBy = who;
  workbook.created = now;
  workbook.modified = now;
  workbook.title = '工作台账';
  workbook.subject = input.ledgers.map((l) => LEDGER_SHEET_NAMES_ZH[l]).join('、');
  workbook.company = getSetting(ctx, 'institutionName', '');
  workbook.description = `由童护导出。导出人：${who}（${ctx.actor?.username ?? '—'}）；导出时间：${now.toISOString()}；期间：${input.from} 至 ${input.to}（花名册为 ${ctx.clock.today()} 当日）`;
  const sheets: LedgerExport['sheets'] = [];
  for (const kind of input.ledgers) {
    const ledger = BUILDERS[kind](ctx, input.from, input.to);
    addSheet(workbook, LEDGER_SHEET_NAMES_ZH[kind], ledger);
    sheets.push({ name: LEDGER_SHEET_NAMES_ZH[kind], rows: ledger.rows.length });
  }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  inTransaction(ctx, () => appendAudit(ctx, { action: 'ledger.export', entity: 'ledger', detail: { ledgers: input.ledgers, from: input.from, to: input.to, sheets } }));
  return { fileName: `童护工作台账-${ctx.clock.today().replaceAll('-', '')}.xlsx`, contentBase64: buffer.toString('base64'), sheets };
}

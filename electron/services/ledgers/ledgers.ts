/**
 * Work ledgers (工作台账, policy 七(二十一)) as one Excel workbook, one sheet per ledger: the children
 * roster with categories, placement and today's entitlements; the benefits received in a period; the
 * rehabilitation sessions per child, therapist and month; the reintegration cases (一(四)); the yearly
 * mental-health checks (四(十二), only for those who may read the mental-health file). Chinese headers, a frozen header row, column
 * widths, dates as real dates; the workbook's properties name who exported it and when; audited.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { children, reintegrationCases, reintegrationTasks } from '../../../db/schema';
import { AppError } from '../../../shared/contract/errors';
import {
  IMPORT_FIELDS,
  IMPORT_FIELD_HEADERS_ZH,
  LEDGER_PERMISSIONS,
  LEDGER_SHEET_NAMES_ZH,
  type LedgerExport,
  type LedgerExportInput,
  type LedgerKind,
  ledgerExportInputSchema,
  type LedgerView,
  ROSTER_PRINT_HEADERS,
  ledgerViewInputSchema,
} from '../../../shared/contract/ledgers';
import { can } from '../../../shared/contract/permissions';
import { addYears } from '../../../shared/domain/dates';
import { districtName } from '../../../shared/domain/districts';
import { RISK_LEVEL_LABELS_ZH, type RiskLevel } from '../../../shared/domain/mental-health';
import { CASE_STAGE_LABELS_ZH, ITEM_STATUS_LABELS_ZH, TASK_LABELS_ZH } from '../../../shared/domain/reintegration';
import { BENEFIT_LABELS_ZH, type BenefitCode, REINTEGRATION_TASKS } from '../../../shared/domain/rules-types';
import { evaluate } from '../../rules';
import { appendAudit } from '../audit/audit';
import { type ServiceContext, inTransaction } from '../core/context';
import { deriveFacts } from '../eligibility/facts';
import { DATE_FIELDS, type LedgerValue, LIST_SEPARATOR, fenToYuan, rosterValues } from './ledger-values';
import { loadRecordsForFacts, parseInput } from '../record/record-store';
import { getSetting } from '../core/settings';
import type { WorkerPool } from '../core/worker-pool';
import { intervalsOverlap } from '../record/record-intervals';
import { peopleNames } from '../rehab/rehab-plans';
import { openHighRiskChecks } from '../mental-health/mental-health';
import { pipeline } from '../reintegration/reintegration';

/** A column's cells: a date (ISO day), a month (ISO `YYYY-MM`, written as the month's first day shown as 年月), money, a count, or text. */
type Column = { header: string; width: number; kind?: 'date' | 'month' | 'money' | 'integer' };
/** A ledger's lines and, for the ledgers that add up, a 合计 line written below them in the workbook. */
type Ledger = { columns: Column[]; rows: LedgerValue[][]; totals?: LedgerValue[] };

/** The label of a ledger's totals line (first column). */
export const TOTALS_LABEL_ZH = '合计';

/** The sum of column `index` over the rows (empty cells count nothing), rounded to fen for money. */
function columnSum(rows: readonly LedgerValue[][], index: number): number {
  return Math.round(rows.reduce((sum, row) => sum + (typeof row[index] === 'number' ? (row[index] as number) : 0), 0) * 100) / 100;
}

/**
 * The calendar months of [from, to] in which a benefit running [start, end ?? ∞] is in force on some day:
 * a monthly benefit is paid for each of them. 0 when the two do not overlap.
 */
export function monthsPaidIn(start: string, end: string | null, from: string, to: string): number {
  const first = start > from ? start : from;
  const last = end !== null && end < to ? end : to;
  if (first > last) return 0;
  const month = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
  return month(last) - month(first) + 1;
}

const ENTITLEMENTS_HEADER = '今日应享待遇';

/** The children in care, one line each (序号, the importable columns, then today's entitlements). */
/** How many children's records the roster holds at once. */
const ROSTER_SLICE = 500;

function rosterLedger(ctx: ServiceContext): Ledger {
  const today = ctx.clock.today();
  const rows = ctx.db.select().from(children).where(eq(children.status, 'inCare')).orderBy(asc(children.namePinyin), asc(children.id)).all();
  const widths: Partial<Record<(typeof IMPORT_FIELDS)[number], number>> = { idNumber: 22, categories: 28, disabilityCertificate: 26, placementKind: 26, school: 24, benefitCode: 22, hukou: 12, fatherStatus: 12, motherStatus: 12, courtAppointment: 16, familyIncome: 16, policeAbandonment: 14, otherBenefits: 48 };
  const columns: Column[] = [
    { header: '序号', width: 6, kind: 'integer' },
    ...IMPORT_FIELDS.map((f): Column => ({
      header: IMPORT_FIELD_HEADERS_ZH[f],
      width: widths[f] ?? (DATE_FIELDS.has(f) ? 13 : 10),
      kind: DATE_FIELDS.has(f) ? 'date' : f === 'benefitMonthlyAmount' ? 'money' : undefined,
    })),
    { header: ENTITLEMENTS_HEADER, width: 40 },
  ];
  // Child by child in slices, so that only one slice's whole records and evaluations are held at a time.
  const lines: Ledger['rows'] = [];
  for (let start = 0; start < rows.length; start += ROSTER_SLICE) {
    const slice = rows.slice(start, start + ROSTER_SLICE);
    const records = loadRecordsForFacts(ctx, slice);
    for (const child of slice) {
      const record = records.get(child.id)!;
      const values = rosterValues(record, today);
      const entitlements =
        child.birthDate > today
          ? []
          : Object.entries(evaluate(deriveFacts(record, today).facts, today).entitlements)
              .filter(([, e]) => e.status === 'eligible')
              .map(([code]) => BENEFIT_LABELS_ZH[code as BenefitCode]);
      lines.push([lines.length + 1, ...IMPORT_FIELDS.map((f) => values[f]), entitlements.join(LIST_SEPARATOR) || null]);
    }
  }
  return { columns, rows: lines };
}

/**
 * Every live benefit row received at some time in [from, to], with what was paid for the period: the
 * monthly standard times the calendar months of the period in which it was in force (paid monthly),
 * and a 合计 line (the number of benefits and the period's total).
 */
function benefitsLedger(ctx: ServiceContext, from: string, to: string): Ledger {
  const rows = ctx.sqlite
    .prepare(
      `SELECT c.name, c.id_number, b.code, b.from_date AS "from", b.to_date AS "to", b.monthly_amount_fen, b.note
       FROM benefits_received b JOIN children c ON c.id = b.child_id
       WHERE b.voided_at IS NULL ORDER BY c.name_pinyin, c.id, b.from_date, b.id`,
    )
    .all() as { name: string; id_number: string | null; code: BenefitCode; from: string; to: string | null; monthly_amount_fen: number | null; note: string | null }[];
  const lines = rows
    .filter((b) => intervalsOverlap(b, { from, to }))
    .map((b, i): LedgerValue[] => {
      const months = monthsPaidIn(b.from, b.to, from, to);
      return [
        i + 1,
        b.name,
        b.id_number,
        BENEFIT_LABELS_ZH[b.code],
        b.from,
        b.to,
        b.monthly_amount_fen === null ? null : fenToYuan(b.monthly_amount_fen),
        months,
        b.monthly_amount_fen === null ? null : fenToYuan(b.monthly_amount_fen * months),
        b.note,
      ];
    });
  return {
    columns: [
      { header: '序号', width: 6, kind: 'integer' },
      { header: '姓名', width: 10 },
      { header: '身份证号', width: 22 },
      { header: '保障待遇', width: 30 },
      { header: '开始日期', width: 13, kind: 'date' },
      { header: '结束日期', width: 13, kind: 'date' },
      { header: '月标准（元）', width: 12, kind: 'money' },
      { header: '期间发放月数', width: 12, kind: 'integer' },
      { header: '期间发放金额（元）', width: 18, kind: 'money' },
      { header: '备注', width: 30 },
    ],
    rows: lines,
    totals: [TOTALS_LABEL_ZH, `${lines.length}项`, null, null, null, null, null, columnSum(lines, 7), columnSum(lines, 8), null],
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
  const lines = rows.map((r): LedgerValue[] => [r.month, r.name, r.id_number, r.therapist_id === null ? null : (names.get(r.therapist_id) ?? `#${r.therapist_id}`), r.attended, r.absent, r.minutes]);
  return {
    columns: [
      { header: '月份', width: 10, kind: 'month' },
      { header: '姓名', width: 10 },
      { header: '身份证号', width: 22 },
      { header: '治疗师', width: 12 },
      { header: '训练次数', width: 10, kind: 'integer' },
      { header: '缺勤次数', width: 10, kind: 'integer' },
      { header: '训练时长（分钟）', width: 16, kind: 'integer' },
    ],
    rows: lines,
    totals: [TOTALS_LABEL_ZH, null, null, null, columnSum(lines, 4), columnSum(lines, 5), columnSum(lines, 6)],
  };
}

/**
 * Every live reintegration case (一(四)), in the order of the board: the stage, officer, missing and
 * overdue items come from the board's own `pipeline`; the receiving street and each handover task's
 * status and due date from the case's rows.
 */
function reintegrationLedger(ctx: ServiceContext): Ledger {
  const { cases } = pipeline(ctx, {});
  const ids = cases.map((c) => c.id);
  const rows = ids.length === 0 ? [] : ctx.db.select().from(reintegrationCases).where(inArray(reintegrationCases.id, ids)).all();
  const streets = new Map(rows.map((r) => [r.id, r.receivingStreet]));
  const childIds = cases.map((c) => c.childId);
  const idNumbers = new Map(
    childIds.length === 0 ? [] : ctx.db.select({ id: children.id, idNumber: children.idNumber }).from(children).where(inArray(children.id, childIds)).all().map((c) => [c.id, c.idNumber]),
  );
  const tasks = ids.length === 0 ? [] : ctx.db.select().from(reintegrationTasks).where(and(inArray(reintegrationTasks.caseId, ids), isNull(reintegrationTasks.voidedAt))).all();
  const taskOf = (caseId: number, task: string) => tasks.find((t) => t.caseId === caseId && t.task === task);
  return {
    columns: [
      { header: '序号', width: 6, kind: 'integer' },
      { header: '姓名', width: 10 },
      { header: '身份证号', width: 22 },
      { header: '年满18周岁日期', width: 15, kind: 'date' },
      { header: '阶段', width: 18 },
      { header: '安置专员', width: 10 },
      { header: '接收安置区', width: 12 },
      { header: '接收街道（乡镇）', width: 16 },
      ...REINTEGRATION_TASKS.flatMap((t): Column[] => [
        { header: `${TASK_LABELS_ZH[t]}：状态`, width: 14 },
        { header: `${TASK_LABELS_ZH[t]}：到期日`, width: 14, kind: 'date' },
      ]),
      { header: '尚缺事项', width: 36 },
      { header: '逾期事项', width: 36 },
    ],
    rows: cases.map((c, i) => [
      i + 1,
      c.childName,
      idNumbers.get(c.childId) ?? null,
      c.eighteenthBirthday,
      CASE_STAGE_LABELS_ZH[c.stage],
      c.officer?.displayName ?? null,
      c.receivingDistrict === null ? null : (districtName(c.receivingDistrict) ?? c.receivingDistrict),
      streets.get(c.id) ?? null,
      ...REINTEGRATION_TASKS.flatMap((t) => {
        const row = taskOf(c.id, t);
        return row ? [ITEM_STATUS_LABELS_ZH[row.status], row.dueOn] : [null, null];
      }),
      c.missing.join('；') || null,
      c.overdue.join('；') || null,
    ]),
  };
}

/** How the mental-health ledger names where a child stands with the yearly check. */
const CHECK_STATE_ZH = { overdue: '已逾期', never: '尚无监测记录', due: '未到期' } as const;

/**
 * The yearly mental-health check (四(十二)) of every child in care: the last check, its risk level,
 * the next due date (12 months after the last, as the worklist reckons it), whether it is overdue, and
 * the high-risk checks no supervisor has closed. Dates and levels only: never scores, notes or actions.
 */
function mentalHealthLedger(ctx: ServiceContext): Ledger {
  const today = ctx.clock.today();
  const inCare = ctx.db.select().from(children).where(eq(children.status, 'inCare')).orderBy(asc(children.namePinyin), asc(children.id)).all();
  // The latest live check made by today, per child: its date and risk level, nothing else.
  const latest = new Map(
    (
      ctx.sqlite
        .prepare(
          `SELECT child_id, checked_on, risk_level FROM mental_health_checks m
           WHERE voided_at IS NULL AND checked_on <= ?
             AND NOT EXISTS (SELECT 1 FROM mental_health_checks n WHERE n.child_id = m.child_id AND n.voided_at IS NULL AND n.checked_on <= ?
                             AND (n.checked_on > m.checked_on OR (n.checked_on = m.checked_on AND n.id > m.id)))`,
        )
        .all(today, today) as { child_id: number; checked_on: string; risk_level: RiskLevel }[]
    ).map((r) => [r.child_id, r]),
  );
  const highRisk = openHighRiskChecks(ctx, today);
  return {
    columns: [
      { header: '序号', width: 6, kind: 'integer' },
      { header: '姓名', width: 10 },
      { header: '身份证号', width: 22 },
      { header: '上次监测日期', width: 14, kind: 'date' },
      { header: '上次风险等级', width: 12 },
      { header: '下次应监测日期', width: 15, kind: 'date' },
      { header: '监测状态', width: 14 },
      { header: '高风险未结案', width: 10 },
      { header: '未结案高风险监测日期', width: 20, kind: 'date' },
      { header: '未结案高风险监测次数', width: 12, kind: 'integer' },
    ],
    rows: inCare.map((child, i) => {
      const last = latest.get(child.id);
      const due = last ? addYears(last.checked_on, 1) : today;
      const open = highRisk.get(child.id) ?? [];
      return [
        i + 1,
        child.name,
        child.idNumber,
        last?.checked_on ?? null,
        last ? RISK_LEVEL_LABELS_ZH[last.risk_level] : null,
        due,
        !last ? CHECK_STATE_ZH.never : due < today ? CHECK_STATE_ZH.overdue : CHECK_STATE_ZH.due,
        open.length > 0 ? '是' : '否',
        open[0] ?? null,
        open.length,
      ];
    }),
  };
}

/** A date as Excel keeps it: midnight UTC of that day, shown with a date format. */
function excelDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** How a column's cells are shown in Excel. */
const NUM_FMT: Readonly<Record<NonNullable<Column['kind']>, string | undefined>> = {
  date: 'yyyy-mm-dd',
  month: 'yyyy"年"m"月"',
  money: '#,##0.00',
  integer: undefined,
};

/** A cell's value as written: dates and months as real dates, the rest as they are. */
function cellValue(value: LedgerValue, column: Column): LedgerValue | Date {
  if (value === null || typeof value === 'number') return value;
  if (column.kind === 'date') return excelDate(value);
  if (column.kind === 'month') return excelDate(`${value}-01`);
  return value;
}

/**
 * Print setup of every sheet: A4 landscape, all columns on one page's width (as many pages down as it
 * takes), the header row repeated on each page, narrow margins, the sheet name and page numbers in the
 * header and footer.
 */
export const LEDGER_PAGE_SETUP = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: '1:1',
  horizontalCentered: true,
  margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
} as const satisfies Partial<ExcelJS.PageSetup>;

/**
 * One ledger as a sheet of the streaming writer: each row is written out (and let go) as it is added,
 * so a roster of 10,000 children never holds the whole workbook's cell objects at once.
 */
function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, ledger: Ledger): void {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { ...LEDGER_PAGE_SETUP, margins: { ...LEDGER_PAGE_SETUP.margins } },
    headerFooter: { oddHeader: `&C&"-,Bold"${name}`, oddFooter: '&C第 &P 页，共 &N 页' },
  });
  sheet.columns = ledger.columns.map((c) => {
    const numFmt = c.kind ? NUM_FMT[c.kind] : undefined;
    return { width: c.width, style: numFmt ? { numFmt } : {} };
  });
  const header = sheet.addRow(ledger.columns.map((c) => c.header));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4F1' } };
  header.alignment = { vertical: 'middle' };
  header.commit();
  for (const line of ledger.rows) {
    sheet.addRow(line.map((value, i) => cellValue(value, ledger.columns[i]!))).commit();
  }
  if (ledger.totals) {
    const totals = sheet.addRow(ledger.totals.map((value, i) => (i === 0 ? value : cellValue(value, ledger.columns[i]!))));
    totals.font = { bold: true };
    totals.border = { top: { style: 'thin' } };
    totals.commit();
  }
  if (ledger.rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ledger.columns.length } };
  sheet.commit();
}

/** The sheet beside the roster that lists every benefit current today, one row per benefit. */
export const ROSTER_BENEFITS_SHEET_ZH = '花名册·保障待遇明细';

/**
 * The children in care's benefits current today, one row each (the roster's own benefit columns keep
 * the first one and a text list of the rest, as the import reads them; this sheet is the one to count from).
 */
function rosterBenefitsLedger(ctx: ServiceContext): Ledger {
  const today = ctx.clock.today();
  const rows = ctx.sqlite
    .prepare(
      `SELECT c.name, c.id_number, b.code, b.from_date AS "from", b.to_date AS "to", b.monthly_amount_fen
       FROM benefits_received b JOIN children c ON c.id = b.child_id
       WHERE b.voided_at IS NULL AND c.status = 'inCare' AND b.from_date <= ? AND (b.to_date IS NULL OR b.to_date >= ?)
       ORDER BY c.name_pinyin, c.id, b.from_date, b.id`,
    )
    .all(today, today) as { name: string; id_number: string | null; code: BenefitCode; from: string; to: string | null; monthly_amount_fen: number | null }[];
  const lines = rows.map((b, i): LedgerValue[] => [i + 1, b.name, b.id_number, BENEFIT_LABELS_ZH[b.code], b.from, b.to, b.monthly_amount_fen === null ? null : fenToYuan(b.monthly_amount_fen)]);
  return {
    columns: [
      { header: '序号', width: 6, kind: 'integer' },
      { header: '姓名', width: 10 },
      { header: '身份证号', width: 22 },
      { header: '保障待遇', width: 30 },
      { header: '开始日期', width: 13, kind: 'date' },
      { header: '结束日期', width: 13, kind: 'date' },
      { header: '月标准（元）', width: 12, kind: 'money' },
    ],
    rows: lines,
    totals: [TOTALS_LABEL_ZH, `${lines.length}项`, null, null, null, null, columnSum(lines, 6)],
  };
}

const BUILDERS: Readonly<Record<LedgerKind, (ctx: ServiceContext, from: string, to: string) => Ledger>> = {
  roster: (ctx) => rosterLedger(ctx),
  benefits: benefitsLedger,
  rehabSessions: rehabLedger,
  reintegration: (ctx) => reintegrationLedger(ctx),
  mentalHealth: (ctx) => mentalHealthLedger(ctx),
};

/** Refuses the ledgers the person may not read (the mental-health one needs mentalHealth.read…). */
function requireLedgers(ctx: ServiceContext, kinds: readonly LedgerKind[]): void {
  const refused = kinds.filter((kind) => !can(ctx.actor?.roles ?? [], LEDGER_PERMISSIONS[kind], ctx.actor !== null));
  if (refused.length > 0) throw new AppError('forbidden', `无权导出：${refused.map((kind) => LEDGER_SHEET_NAMES_ZH[kind]).join('、')}`);
}

/** One ledger as a list for its print view: the roster keeps its printable columns; audited as a view. */
export function viewLedger(ctx: ServiceContext, raw: z.input<typeof ledgerViewInputSchema>): LedgerView {
  const input = parseInput(ledgerViewInputSchema, raw);
  requireLedgers(ctx, [input.ledger]);
  const view = buildLedgerView(ctx, input);
  auditView(ctx, input, view.rows.length);
  return view;
}

/** The same, the ledger worked out in a worker on its own read connection; the audit line is written here. */
export async function viewLedgerOffThread(ctx: ServiceContext, raw: z.input<typeof ledgerViewInputSchema>, workers: WorkerPool): Promise<LedgerView> {
  const input = parseInput(ledgerViewInputSchema, raw);
  requireLedgers(ctx, [input.ledger]);
  const view = await workers.run<LedgerView>('ledgers.view', input, ctx.actor);
  auditView(ctx, input, view.rows.length);
  return view;
}

function auditView(ctx: ServiceContext, input: z.output<typeof ledgerViewInputSchema>, rows: number): void {
  inTransaction(ctx, () => appendAudit(ctx, { action: 'ledger.view', entity: 'ledger', detail: { ledger: input.ledger, from: input.from, to: input.to, rows } }));
}

/** A ledger's print view (reads only; no audit line): here, or in a worker. */
export function buildLedgerView(ctx: ServiceContext, input: z.output<typeof ledgerViewInputSchema>): LedgerView {
  const ledger = BUILDERS[input.ledger](ctx, input.from, input.to);
  const keep =
    input.ledger === 'roster'
      ? ledger.columns.map((c, i) => ((ROSTER_PRINT_HEADERS as readonly string[]).includes(c.header) ? i : -1)).filter((i) => i >= 0)
      : ledger.columns.map((_, i) => i);
  return {
    title: LEDGER_SHEET_NAMES_ZH[input.ledger],
    institutionName: getSetting(ctx, 'institutionName', null as string | null),
    asOf: ctx.clock.today(),
    from: input.from,
    to: input.to,
    columns: keep.map((i) => {
      const kind = ledger.columns[i]!.kind;
      return { header: ledger.columns[i]!.header, kind: kind === undefined || kind === 'month' ? ('text' as const) : kind };
    }),
    rows: ledger.rows.map((row) => keep.map((i) => row[i] ?? null)),
  };
}

/**
 * The chosen ledgers as one workbook (base64), named after the person exporting it; audited. With a
 * worker pool the workbook is built in a worker on its own read connection (the window and the other
 * desks are answered meanwhile); the audit line is written here, on the writer.
 */
export async function exportLedgers(ctx: ServiceContext, raw: LedgerExportInput, workers?: WorkerPool): Promise<LedgerExport> {
  const input = parseInput(ledgerExportInputSchema, raw);
  requireLedgers(ctx, input.ledgers);
  const built = workers ? await workers.run<LedgerExport>('ledgers.export', input, ctx.actor) : await buildLedgerExport(ctx, input);
  inTransaction(ctx, () => appendAudit(ctx, { action: 'ledger.export', entity: 'ledger', detail: { ledgers: input.ledgers, from: input.from, to: input.to, sheets: built.sheets } }));
  return built;
}

/** The workbook itself (reads only; no audit line): here, or in a worker. */
export async function buildLedgerExport(ctx: ServiceContext, input: z.output<typeof ledgerExportInputSchema>): Promise<LedgerExport> {
  const now = ctx.clock.now();
  const who = ctx.actor ? (peopleNames(ctx).get(ctx.actor.userId) ?? ctx.actor.username) : '—';
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
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
    if (kind === 'roster') {
      const benefits = rosterBenefitsLedger(ctx);
      addSheet(workbook, ROSTER_BENEFITS_SHEET_ZH, benefits);
      sheets.push({ name: ROSTER_BENEFITS_SHEET_ZH, rows: benefits.rows.length });
    }
  }
  await workbook.commit();
  const buffer = Buffer.concat(chunks);
  return { fileName: `童护工作台账-${ctx.clock.today().replaceAll('-', '')}.xlsx`, contentBase64: buffer.toString('base64'), sheets };
}

/**
 * The audit trail's Excel workbook (audit:export's rows), written in the words of the audit view: the
 * same column names, action and record names, and detail lines (audit-format). Moments are real
 * date-times (local wall-clock time, as the view shows them). Pure but for the exceljs module passed in
 * (the page loads it only when someone exports).
 */
import type ExcelJSModule from 'exceljs';
import type { AuditRowView } from '../../../shared/contract/audit';
import type { MessageKey } from '../../i18n/translate';
import { type Words, actionLabel, entityLabel } from '../record/history-format';
import { auditDetailLines } from './audit-format';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A moment as Excel keeps it: the local wall-clock time (Excel has no time zones). */
function wallClock(iso: string): Date {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
}

/** The sheet's header and one line per audit row, in words. */
export function auditSheet(rows: readonly AuditRowView[], t: T, w: Words, people: ReadonlyMap<number, string>): { header: string[]; lines: (string | number | Date | null)[][] } {
  const header = (['id', 'at', 'who', 'action', 'entity', 'child', 'detail'] as const).map((c) => t(`admin.audit.columns.${c}`));
  const lines = rows.map((r) => [
    r.id,
    wallClock(r.at),
    r.who ?? (r.action.startsWith('auth.') ? t('admin.audit.system') : t('admin.audit.systemAction')),
    actionLabel(r.action, w),
    entityLabel(r.entity, w) || null,
    r.childName,
    auditDetailLines(r, w, people).join('\n') || null,
  ]);
  return { header, lines };
}

/** The workbook's bytes: one sheet, frozen header, widths, real date-times, A4 landscape fitted to width. */
export async function auditWorkbook(ExcelJS: typeof ExcelJSModule, sheetName: string, sheet: ReturnType<typeof auditSheet>): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const ws = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    headerFooter: { oddFooter: '&C&P / &N' },
  });
  ws.columns = [
    { width: 8 },
    { width: 20, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
    { width: 12 },
    { width: 22 },
    { width: 16 },
    { width: 10 },
    { width: 70, style: { alignment: { wrapText: true, vertical: 'top' } } },
  ];
  const header = ws.addRow(sheet.header);
  header.font = { bold: true };
  for (const line of sheet.lines) ws.addRow(line);
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}

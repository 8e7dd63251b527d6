/**
 * Work ledgers (工作台账, policy 七(二十一)) out to Excel, and children in from an Excel workbook. The
 * workbook travels as base64; the main process reads and writes it (exceljs), the renderer only picks
 * and saves the file.
 */
import { z } from 'zod';
import { MULTILINE, safeText } from './text';
import { isoDate } from './common';
import { channel } from './define';
import { jobIdSchema } from './jobs';
import type { Permission } from './permissions';

/** Columns a children workbook can bring in, in the order the roster writes them. */
export const IMPORT_FIELDS = [
  'name',
  'sex',
  'birthDate',
  'idNumber',
  'admissionDate',
  'hukou',
  'categories',
  'legalSupporterAble',
  'fatherStatus',
  'motherStatus',
  'guardianship',
  'courtAppointment',
  'familyIncome',
  'policeAbandonment',
  'seriousIllness',
  'autism',
  'suddenHardship',
  'disabilityCategory',
  'disabilityGrade',
  'disabilityCertificate',
  'disabilityFrom',
  'placementKind',
  'placementFrom',
  'educationStage',
  'school',
  'enrolmentDate',
  'standardDurationYears',
  'benefitCode',
  'benefitFrom',
  'benefitMonthlyAmount',
  'otherBenefits',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The roster's column header of each field; the import recognises these (and the synonyms in the service). */
export const IMPORT_FIELD_HEADERS_ZH: Readonly<Record<ImportField, string>> = {
  name: '姓名',
  sex: '性别',
  birthDate: '出生日期',
  idNumber: '身份证号',
  admissionDate: '入院日期',
  hukou: '户籍',
  categories: '困境儿童类别',
  legalSupporterAble: '法定抚养人有抚养能力',
  fatherStatus: '父亲状况',
  motherStatus: '母亲状况',
  guardianship: '监护情况',
  courtAppointment: '法院指定监护人',
  familyIncome: '家庭经济状况',
  policeAbandonment: '公安确认弃婴（儿）',
  seriousIllness: '患重病',
  autism: '孤独症诊断',
  suddenHardship: '突发性临时困难',
  disabilityCategory: '残疾类别',
  disabilityGrade: '残疾等级',
  disabilityCertificate: '残疾证号',
  disabilityFrom: '残疾认定日期',
  placementKind: '安置方式',
  placementFrom: '安置开始日期',
  educationStage: '就读阶段',
  school: '学校',
  enrolmentDate: '入学日期',
  standardDurationYears: '学制（年）',
  benefitCode: '保障待遇',
  benefitFrom: '待遇开始日期',
  benefitMonthlyAmount: '月标准（元）',
  otherBenefits: '其他保障待遇',
};

/** Which column (by its header text) feeds each field; null: not imported. */
/** Field → the workbook's column header (a header cell may hold a line break). */
export const importMappingSchema = z.partialRecord(z.enum(IMPORT_FIELDS), safeText(MULTILINE).max(100).nullable());
export type ImportMapping = z.infer<typeof importMappingSchema>;

/** The largest workbook accepted (before base64). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const workbookFields = {
  fileName: safeText().trim().min(1, '请选择文件').max(200, '文件名过长'),
  contentBase64: z
    .string()
    .min(4, '文件内容为空')
    .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4, '文件过大（最大10MB）')
    .pipe(z.base64('文件内容不是有效的 base64 编码')),
  /** Null: the last mapping used, completed from the headers. */
  mapping: importMappingSchema.nullable(),
  /** Chosen by the page so it can ask `jobs:status` how far the work has come while it waits. */
  jobId: jobIdSchema.optional(),
};

export const importPreviewInputSchema = z.object(workbookFields);
export type ImportPreviewInput = z.input<typeof importPreviewInputSchema>;

export const importRunInputSchema = z.object({
  ...workbookFields,
  /** The rows the person confirmed from the preview, with what the preview said each would do: exactly these are written. */
  rows: z
    .array(z.object({ row: z.number().int().min(2), action: z.enum(['create', 'update']) }))
    .min(1, '没有可导入的行')
    .max(20_000),
});
export type ImportRunInput = z.input<typeof importRunInputSchema>;

export const IMPORT_ACTIONS = ['create', 'update', 'unchanged', 'invalid'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

export const importRowSchema = z.object({
  /** The row number in the sheet (the header is row 1). */
  row: z.number().int(),
  name: z.string(),
  idNumber: z.string().nullable(),
  action: z.enum(IMPORT_ACTIONS),
  /** What is wrong, named by column (header text); empty unless invalid. */
  errors: z.array(z.object({ column: z.string(), message: z.string() })),
  /** For an update proposal: each field that would change, before → after as shown in the workbook. */
  changes: z.array(z.object({ column: z.string(), before: z.string(), after: z.string() })),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importPreviewSchema = z.object({
  sheetName: z.string(),
  /** The sheet row the headers are in: 1, or the row under a title row that was skipped. */
  headerRow: z.number().int().min(1),
  /** The title skipped above the header (a merged banner), shown so the person knows. */
  skippedTitle: z.string().nullable(),
  /** Header texts, told apart when repeated ("备注", "备注 (2)"). */
  headers: z.array(z.string()),
  mapping: importMappingSchema,
  rows: z.array(importRowSchema),
  counts: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), invalid: z.number().int() }),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importResultSchema = z.object({ created: z.number().int(), updated: z.number().int() });

/** Rows an import writes per transaction; other requests are answered between two of them. */
export const IMPORT_CHUNK_ROWS = 100;

// ——— ledgers out ———

export const LEDGER_KINDS = ['roster', 'benefits', 'rehabSessions', 'reintegration', 'mentalHealth'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * The permission each ledger needs besides 'ledger.export' (which the channel checks): the service
 * refuses a ledger the person may not read, and the export panel does not offer it.
 */
export const LEDGER_PERMISSIONS: Readonly<Record<LedgerKind, Permission>> = {
  roster: 'ledger.export',
  benefits: 'ledger.export',
  rehabSessions: 'ledger.export',
  reintegration: 'reintegration.read',
  mentalHealth: 'mentalHealth.read',
};

/** Each ledger's sheet name in the workbook. */
export const LEDGER_SHEET_NAMES_ZH: Readonly<Record<LedgerKind, string>> = {
  roster: '儿童花名册',
  benefits: '保障待遇发放台账',
  rehabSessions: '康复训练月度台账',
  reintegration: '回归社会安置台账',
  mentalHealth: '心理健康监测台账',
};

export const ledgerExportInputSchema = z
  .object({
    ledgers: z.array(z.enum(LEDGER_KINDS, { message: '请选择有效的台账' })).min(1, '请至少选择一种台账').max(LEDGER_KINDS.length),
    /** The period of the benefits and rehabilitation ledgers (the roster is as of today). */
    from: isoDate,
    to: isoDate,
  })
  .refine((v) => v.to >= v.from, { path: ['to'], message: '结束日期不能早于开始日期' });
export type LedgerExportInput = z.input<typeof ledgerExportInputSchema>;

export const ledgerExportSchema = z.object({
  fileName: z.string(),
  contentBase64: z.string(),
  sheets: z.array(z.object({ name: z.string(), rows: z.number().int() })),
});
export type LedgerExport = z.infer<typeof ledgerExportSchema>;

/** The roster is too wide for a page: its print view keeps these columns, in the roster's order (the others stay in the workbook). */
export const ROSTER_PRINT_HEADERS = ['序号', '姓名', '性别', '出生日期', '身份证号', '困境儿童类别', '残疾类别', '残疾等级', '安置方式', '就读阶段', '今日应享待遇'] as const;

export const ledgerViewInputSchema = z
  .object({
    ledger: z.enum(LEDGER_KINDS, { message: '请选择有效的台账' }),
    from: isoDate,
    to: isoDate,
  })
  .refine((v) => v.to >= v.from, { path: ['to'], message: '结束日期不能早于开始日期' });

export const ledgerViewSchema = z.object({
  title: z.string(),
  institutionName: z.string().nullable(),
  asOf: z.string(),
  from: z.string(),
  to: z.string(),
  columns: z.array(z.object({ header: z.string(), kind: z.enum(['date', 'money', 'integer', 'text']) })),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
});
export type LedgerView = z.infer<typeof ledgerViewSchema>;

export const ledgerChannels = {
  /** One ledger as a list for its print view (the roster with its printable columns); same permissions as the export; audited. */
  'ledger:view': channel({
    input: ledgerViewInputSchema,
    output: ledgerViewSchema,
    permission: 'ledger.export',
    description: 'view a ledger for printing',
  }),
  /**
   * Reads a children workbook and says, row by row, what importing it would do: create, update (with
   * the differences) or nothing, or why the row cannot be imported. Nothing is written.
   */
  'import:preview': channel({
    input: importPreviewInputSchema,
    output: importPreviewSchema,
    permission: 'import.run',
    description: 'preview a children import',
  }),
  /**
   * Imports the confirmed rows of a workbook in chunks (IMPORT_CHUNK_ROWS rows or 50 ms each, whole
   * children), other requests answered in between; stops at a chunk whose rows changed since the
   * preview (or at a failure), saying how many rows are in. Remembers the column mapping.
   */
  'import:run': channel({
    input: importRunInputSchema,
    output: importResultSchema,
    permission: 'import.run',
    description: 'import children from a workbook',
  }),
  /** The chosen ledgers as one xlsx workbook, one sheet each; audited, and named after who exported it. */
  'ledger:export': channel({
    input: ledgerExportInputSchema,
    output: ledgerExportSchema,
    permission: 'ledger.export',
    description: 'export ledgers',
  }),
} as const;

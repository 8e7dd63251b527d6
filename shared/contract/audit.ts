import { z } from 'zod';
import { safeText } from './text';
import { idSchema, isoDate } from './common';
import { channel } from './define';
import type { Permission } from './permissions';

/**
 * The closed list of printable pages: each with the permission its reader needs and whether it is a
 * child's page (a child id is then required and must exist) or not (then no child id is taken).
 */
export const PRINTABLE = {
  eligibility: { permission: 'eligibility.read', child: true },
  childSummary: { permission: 'eligibility.read', child: true },
  rehab: { permission: 'rehab.read', child: true },
  autismPathway: { permission: 'rehab.read', child: true },
  mentalHealth: { permission: 'mentalHealth.read', child: true },
  reintegrationDossier: { permission: 'reintegration.read', child: true },
  recoveryCode: { permission: 'key.manage', child: false },
  statistics: { permission: 'reports.read', child: false },
  ledger: { permission: 'ledger.export', child: false },
} as const satisfies Record<string, { permission: Permission; child: boolean }>;
export type Printable = keyof typeof PRINTABLE;
const PRINTABLE_KINDS = Object.keys(PRINTABLE) as [Printable, ...Printable[]];

export const auditQuerySchema = z
  .object({
    /** The acting person's user id. */
    person: idSchema.optional(),
    childId: idSchema.optional(),
    /** An exact action code (`auth.loginFailed`), or a prefix ending in a dot (`auth.`). */
    action: safeText().trim().min(1).max(64).optional(),
    /** First and last calendar day (China time), inclusive. */
    from: isoDate.optional(),
    to: isoDate.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '结束日期不能早于开始日期', path: ['to'] });
export type AuditQueryInput = z.input<typeof auditQuerySchema>;

/** The audit view's filters, for the export (every matching row, newest first). */
export const auditExportSchema = z
  .object({
    person: idSchema.optional(),
    childId: idSchema.optional(),
    action: safeText().trim().min(1).max(64).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '结束日期不能早于开始日期', path: ['to'] });
export type AuditExportInput = z.input<typeof auditExportSchema>;

export const auditRowSchema = z.object({
  id: z.number().int(),
  /** ISO time of the row. */
  at: z.string(),
  userId: z.number().int().nullable(),
  /** The person's display name (or the username recorded at the time, or null for the system). */
  who: z.string().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.number().int().nullable(),
  childId: z.number().int().nullable(),
  childName: z.string().nullable(),
  /** A short plain-text summary of the detail (fields changed, reason, attempt number). */
  summary: z.string(),
  /** The workstation the row was written through (its current name); null: the data host's own window. */
  workstation: z.string().nullable().optional(),
  /** The detail as recorded (field changes, values entered, a reason), for the page to put in words; null when none. */
  detail: z.json().nullable().default(null),
  /** The detail belongs to a part the reader may not read (the mental-health file, documents): summary left empty. */
  restricted: z.boolean(),
});
export type AuditRowView = z.infer<typeof auditRowSchema>;

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  /** Rows walked (up to and including the first broken one). */
  checked: z.number().int(),
  firstBrokenId: z.number().int().optional(),
  reason: z.string().optional(),
  /** Anchors compared (heads kept outside the database: key store, backups, checkpoints). */
  anchors: z.number().int().optional(),
  /** The first row (1-based position) where the chain and an anchor part. */
  firstPartingRow: z.number().int().optional(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;

export const auditChannels = {
  /** The audit trail, newest first, filtered by person, child, action and date. Itself audited. */
  'audit:query': channel({
    input: auditQuerySchema,
    output: z.object({
      total: z.number().int(),
      rows: z.array(auditRowSchema),
      /** Every action code in the trail and every person who appears, for the filter selects. */
      actions: z.array(z.string()),
      people: z.array(z.object({ id: z.number().int(), name: z.string() })),
    }),
    permission: 'audit.read',
    description: 'query the audit trail',
  }),
  /**
   * Every row of the audit trail matching the audit view's filters (no paging, newest first), for the
   * page to write in words into an Excel workbook; the export itself is audited ('audit.export').
   */
  'audit:export': channel({
    input: auditExportSchema,
    output: z.object({
      rows: z.array(auditRowSchema),
      people: z.array(z.object({ id: z.number().int(), name: z.string() })),
      /** More rows matched than one export holds (the newest are given). */
      truncated: z.boolean(),
    }),
    permission: 'audit.read',
    description: 'export the audit trail',
  }),
  /**
   * Records that a person printed a page (a child's entitlements, a recovery code) before the print
   * dialog opens. Only pages of PRINTABLE, by a person holding that page's permission, of a child that exists.
   */
  'audit:printed': channel({
    input: z.object({ what: z.enum(PRINTABLE_KINDS), childId: idSchema.optional() }),
    output: z.null(),
    permission: 'authenticated',
    description: 'record a print in the audit trail',
  }),
  /** Walks the hash chain; names the first broken row. */
  'audit:verify': channel({
    input: z.object({}),
    output: auditVerifySchema,
    permission: 'audit.read',
    description: 'verify the audit chain',
  }),
};

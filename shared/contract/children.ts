import { z } from 'zod';
import { MULTILINE, safeText } from './text';
import { DISTRICT_CODES } from '../domain/districts';
import { ETHNIC_GROUPS, ethnicGroupOf } from '../domain/ethnic-groups';
import { checkIdNumber } from '../domain/id-number';
import { CATEGORY_CODES, PLACEMENTS } from '../domain/rules-types';
import { channel } from './define';
import { versioned } from './versions';
import { birthDateSchema, idSchema, isoDate } from './common';

export const sexSchema = z.enum(['male', 'female']);
export const CHILD_STATUSES = ['inCare', 'discharged', 'archived'] as const;
export type ChildStatus = (typeof CHILD_STATUSES)[number];
export const childStatusSchema = z.enum(CHILD_STATUSES);

/** Why a child left the institution's care (离院原因): 收养, 回归家庭, 回归社会安置, 转出, 死亡. */
export const DISCHARGE_REASONS = ['adopted', 'returnedToFamily', 'resettled', 'transferred', 'deceased'] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];
export const dischargeReasonSchema = z.enum(DISCHARGE_REASONS, { message: '请选择离院原因' });

/** List filter: the placement covering today, or none recorded. */
export const PLACEMENT_FILTERS = [...PLACEMENTS, 'none'] as const;
export type PlacementFilter = (typeof PLACEMENT_FILTERS)[number];

/** List filter: age bands in whole years (周岁) on today. */
export const AGE_BANDS = ['0-2', '3-5', '6-11', '12-15', '16-17', '18+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** List filter: a current Shanghai hukou district, or a hukou outside Shanghai. */
export const DISTRICT_FILTERS = [...DISTRICT_CODES, 'other'] as const;
export type DistrictFilter = (typeof DISTRICT_FILTERS)[number];

export const childNameSchema = safeText()
  .trim()
  .min(1, '请填写姓名')
  .max(40, '姓名最多40个字');

/** The identity fields every new child needs; the registry adds the rest of the record. */
/** 民族: one of the 56 groups (shared/domain/ethnic-groups.ts); "汉" is read as 汉族; blank is none. */
export const ethnicitySchema = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : (ethnicGroupOf(v) ?? v.trim())) : v),
  z.enum(ETHNIC_GROUPS, { message: '请从56个民族中选择' }).nullable().optional(),
);

export const childCreateSchema = z
  .object({
    name: childNameSchema,
    sex: sexSchema,
    birthDate: birthDateSchema,
    idNumber: safeText()
      .trim()
      .toUpperCase()
      .nullable()
      .transform((v) => (v === '' ? null : v)),
    admissionDate: isoDate.nullable().optional(),
    ethnicity: ethnicitySchema,
    /** 户籍区 of a Shanghai hukou (the ID number's first six digits suggest it); the hukou is then Shanghai's. */
    hukouDistrictCode: z.enum(DISTRICT_CODES, { message: '请选择上海市现有的16个区之一' }).nullable().optional(),
    /** Save even though a child with the same name (or pinyin) and birth date exists. */
    confirmPossibleDuplicate: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.idNumber) {
      const check = checkIdNumber(value.idNumber, { birthDate: value.birthDate, sex: value.sex });
      if (!check.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: check.message });
    }
  });
export type ChildCreateInput = z.input<typeof childCreateSchema>;

export const childSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  sex: sexSchema,
  birthDate: z.string(),
  idNumber: z.string().nullable(),
  status: childStatusSchema,
  admissionDate: z.string().nullable(),
  createdAt: z.string(),
  /** The last day in care, while discharged or archived. */
  dischargeDate: z.string().nullable(),
  dischargeReason: dischargeReasonSchema.nullable(),
});
export type ChildSummary = z.infer<typeof childSummarySchema>;

/**
 * The list's search and filters. Each filter is "any of" the values given (empty: no filter); filters
 * combine with each other and with the search. Categories, placement and age are read as of today.
 */
export const childListInputSchema = z.object({
  query: safeText().trim().max(64).default(''),
  status: childStatusSchema.nullable().default('inCare'),
  categories: z.array(z.enum(CATEGORY_CODES, { message: '请选择有效的困境儿童类别' })).max(CATEGORY_CODES.length).default([]),
  placements: z.array(z.enum(PLACEMENT_FILTERS, { message: '请选择有效的安置方式' })).max(PLACEMENT_FILTERS.length).default([]),
  ageBands: z.array(z.enum(AGE_BANDS, { message: '请选择有效的年龄段' })).max(AGE_BANDS.length).default([]),
  districts: z.array(z.enum(DISTRICT_FILTERS, { message: '请选择上海市现有的区或“外省市”' })).max(DISTRICT_FILTERS.length).default([]),
  sort: z.enum(['name', 'birthDate', 'admissionDate', 'createdAt']).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ChildListInput = z.input<typeof childListInputSchema>;

/** Discharge (离院): `date` is the last day in care; the open placement ends on it. */
export const childDischargeSchema = z.object({
  childId: idSchema,
  date: isoDate,
  reason: dischargeReasonSchema,
  note: safeText(MULTILINE)
    .trim()
    .max(500, '最多500个字')
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type ChildDischargeInput = z.input<typeof childDischargeSchema>;

/**
 * Why `date` cannot be this child's discharge date (for the date field, in Chinese), or null: not in
 * the future, not before birth, not before admission. The service refuses it; the form says it first.
 */
export function dischargeDateProblem(child: { birthDate: string; admissionDate: string | null }, date: string, today: string): string | null {
  if (date > today) return '离院日期不能晚于今天';
  if (date < child.birthDate) return `离院日期不能早于出生日期（${child.birthDate}）`;
  if (child.admissionDate !== null && date < child.admissionDate) return `离院日期不能早于入院日期（${child.admissionDate}）`;
  return null;
}

export const childArchiveSchema = z.object({ childId: idSchema });
export type ChildArchiveInput = z.input<typeof childArchiveSchema>;

/** Back in care (a supervisor's decision): the reason is kept in the history. */
export const childRestoreSchema = z.object({
  childId: idSchema,
  reason: safeText(MULTILINE).trim().min(2, '请写明恢复在院的原因').max(200, '最多200个字'),
});
export type ChildRestoreInput = z.input<typeof childRestoreSchema>;

/** A status change's result: the child as it now stands, and the placement a discharge ended. */
export const childStatusChangeSchema = z.object({
  child: childSummarySchema,
  endedPlacement: z
    .object({ id: z.number().int(), kind: z.enum(PLACEMENTS), from: z.string(), to: z.string() })
    .nullable(),
});
export type ChildStatusChange = z.infer<typeof childStatusChangeSchema>;

export const childrenChannels = {
  /** The children list: search by name, pinyin, initials or ID fragment, filtered and sorted, one page. */
  'children:list': channel({
    input: childListInputSchema,
    output: z.object({ total: z.number().int(), rows: z.array(childSummarySchema) }),
    permission: 'children.read',
    description: 'list children',
  }),
  /** Registers a child. Refuses a known ID number; warns on the same name/pinyin and birth date. */
  'children:create': channel({
    input: childCreateSchema,
    output: childSummarySchema,
    permission: 'children.write',
    description: 'register a child',
  }),
  /** One child's record (audited as a read of the child's page). */
  'children:get': channel({
    input: z.object({ id: idSchema }),
    output: childSummarySchema,
    permission: 'children.read',
    description: 'read a child',
  }),
  /**
   * Discharges a child in care (adopted, returned to family, resettled, transferred, deceased) on a date
   * not before birth or admission and not in the future; the open placement ends on that date.
   */
  'children:discharge': channel({
    input: versioned(childDischargeSchema),
    output: childStatusChangeSchema,
    permission: 'children.discharge',
    description: 'discharge a child',
  }),
  /** Archives a discharged child's file (a status; nothing is deleted). */
  'children:archive': channel({
    input: versioned(childArchiveSchema),
    output: childStatusChangeSchema,
    permission: 'children.discharge',
    description: 'archive a child file',
  }),
  /** Brings a discharged or archived child back into care, with a reason; the history stays. */
  'children:restore': channel({
    input: versioned(childRestoreSchema),
    output: childStatusChangeSchema,
    permission: 'children.restore',
    description: 'restore a child to care',
  }),
} as const;

/**
 * The dates of a child's identity against today: no birth in the future, no admission in the future or
 * before birth. The first problem, with the field it belongs to, or null.
 */
export function identityDateProblem(
  child: { birthDate: string; admissionDate?: string | null },
  today: string,
): { field: 'birthDate' | 'admissionDate'; message: string } | null {
  if (child.birthDate > today) return { field: 'birthDate', message: `出生日期不能晚于今天（${today}）` };
  if (child.admissionDate) {
    if (child.admissionDate > today) return { field: 'admissionDate', message: `入院日期不能晚于今天（${today}）` };
    if (child.admissionDate < child.birthDate) return { field: 'admissionDate', message: `入院日期不能早于出生日期（${child.birthDate}）` };
  }
  return null;
}

import { z } from 'zod';
import { checkIdNumber } from '../domain/id-number';
import { channel } from './define';
import { idSchema, isoDate } from './common';

export const sexSchema = z.enum(['male', 'female']);
export const childStatusSchema = z.enum(['inCare', 'discharged', 'archived']);

export const childNameSchema = z
  .string()
  .trim()
  .min(1, '请填写姓名')
  .max(40, '姓名最多40个字');

/** The identity fields every new child needs; the registry adds the rest of the record. */
export const childCreateSchema = z
  .object({
    name: childNameSchema,
    sex: sexSchema,
    birthDate: isoDate,
    idNumber: z
      .string()
      .trim()
      .toUpperCase()
      .nullable()
      .transform((v) => (v === '' ? null : v)),
    admissionDate: isoDate.nullable().optional(),
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
});
export type ChildSummary = z.infer<typeof childSummarySchema>;

export const childListInputSchema = z.object({
  query: z.string().trim().max(64).default(''),
  status: childStatusSchema.nullable().default('inCare'),
  sort: z.enum(['name', 'birthDate', 'admissionDate', 'createdAt']).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ChildListInput = z.input<typeof childListInputSchema>;

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
} as const;

import { z } from 'zod';
import { isIsoDate } from '../domain/dates';
import { ROLES } from './permissions';

export const isoDate = z.string().refine(isIsoDate, { message: '请填写有效日期（年-月-日）' });
export const idSchema = z.number().int().positive();
export const nothing = z.null();
export const roleSchema = z.enum(ROLES);

export const sessionUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  mustChangePassword: z.boolean(),
  /** Why a new password is due: the account's first sign-in, or an administrator reset its password. */
  mustChangeReason: z.enum(['firstSignIn', 'reset']).nullable().optional(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** Free text that may be left empty: trimmed, '' and null both stored as null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `最多${max}个字`)
    .nullish()
    .transform((v) => (v ? v : null));

/** Free text that must be given; `missing` says what to fill in. */
export const requiredText = (max: number, missing: string) => z.string().trim().min(1, missing).max(max, `最多${max}个字`);

import { z } from 'zod';
import { isIsoDate } from '../domain/dates';
import { ROLES } from './permissions';
import { type TextRules, safeText } from './text';

/**
 * The range of every date the contract takes: from 1900-01-01 (Excel's first day, so each date exports
 * as a positive serial that re-imports) to 2100-12-31 (any plausible due, review or end date).
 */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2100-12-31';
/** The earliest birth date (a young adult's record is kept into their thirties at most); the latest is today. */
export const BIRTH_DATE_MIN = '1990-01-01';

const validDate = () => z.string().refine(isIsoDate, { message: '请填写有效日期（年-月-日）', abort: true });

/** A calendar date `YYYY-MM-DD` between DATE_MIN and DATE_MAX. */
export const isoDate = validDate().refine((v) => v >= DATE_MIN && v <= DATE_MAX, { message: `日期须在 ${DATE_MIN} 至 ${DATE_MAX} 之间` });

/**
 * A birth date: from BIRTH_DATE_MIN. Its upper bound, today, is the clock's: `identityDateProblem`
 * (children.ts), which the registry and record services apply with their clock.
 */
export const birthDateSchema = validDate()
  .refine((v) => v >= BIRTH_DATE_MIN, { message: `出生日期不能早于 ${BIRTH_DATE_MIN}`, abort: true })
  .refine((v) => v <= DATE_MAX, { message: `日期须在 ${DATE_MIN} 至 ${DATE_MAX} 之间` });
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

/** Free text that may be left empty: trimmed, '' and null both stored as null. Safe text (text.ts): single-line unless `multiline`. */
export const optionalText = (max: number, rules: TextRules = {}) =>
  safeText(rules)
    .trim()
    .max(max, `最多${max}个字`)
    .nullish()
    .transform((v) => (v ? v : null));

/** Free text that must be given; `missing` says what to fill in. Safe text (text.ts): single-line unless `multiline`. */
export const requiredText = (max: number, missing: string, rules: TextRules = {}) => safeText(rules).trim().min(1, missing).max(max, `最多${max}个字`);

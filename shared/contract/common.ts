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
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

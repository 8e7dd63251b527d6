import { z } from 'zod';
import { passwordSchema, usernameSchema } from './app';
import { roleSchema, sessionUserSchema } from './common';
import { channel } from './define';

export const userCreateSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1, '请填写姓名').max(40, '姓名最多40个字'),
  /** A first password the person must change at the first sign-in. */
  password: passwordSchema,
  roles: z.array(roleSchema).min(1, '请至少选择一个角色').max(5),
});
export type UserCreateInput = z.input<typeof userCreateSchema>;

export const usersChannels = {
  /** The accounts of this installation (administrators only). */
  'users:list': channel({
    input: z.object({}),
    output: z.array(sessionUserSchema),
    permission: 'users.manage',
    description: 'list user accounts',
  }),
  /** Creates an account with its roles; the person sets their own password at the first sign-in. */
  'users:create': channel({
    input: userCreateSchema,
    output: sessionUserSchema,
    permission: 'users.manage',
    description: 'create a user account',
  }),
};

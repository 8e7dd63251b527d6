import { z } from 'zod';
import { safeText } from './text';
import { passwordSchema, usernameSchema } from './app';
import { idSchema, roleSchema, sessionUserSchema } from './common';
import { channel } from './define';
import { versioned } from './versions';

const displayNameSchema = safeText().trim().min(1, '请填写姓名').max(40, '姓名最多40个字');
const rolesSchema = z.array(roleSchema).min(1, '请至少选择一个角色').max(5);

export const userCreateSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  /** A first password the person must change at the first sign-in. */
  password: passwordSchema,
  roles: rolesSchema,
});
export type UserCreateInput = z.input<typeof userCreateSchema>;

/** One account as the administration page lists it (never the password hash). */
export const userAccountSchema = sessionUserSchema.extend({
  /** The account's version (issue 19.4): an edit sends it back. */
  version: z.number().int().optional(),
  /** ISO time until which sign-in is refused after five wrong passwords; null when not locked. */
  lockedUntil: z.string().nullable(),
  /** A disabled account cannot sign in; accounts are never deleted (the audit trail names them). */
  active: z.boolean(),
  createdAt: z.string(),
});
export type UserAccount = z.infer<typeof userAccountSchema>;

export const userUpdateSchema = z.object({
  id: idSchema,
  displayName: displayNameSchema,
  roles: rolesSchema,
});
export type UserUpdateInput = z.input<typeof userUpdateSchema>;

export const userResetPasswordSchema = z.object({
  id: idSchema,
  /** A temporary password; the person must change it at the next sign-in. */
  password: passwordSchema,
});
export type UserResetPasswordInput = z.input<typeof userResetPasswordSchema>;

export const usersChannels = {
  /** The accounts of this installation (administrators only), disabled ones included. */
  'users:list': channel({
    input: z.object({}),
    output: z.array(userAccountSchema),
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
  /** Changes an account's display name and roles (an administrator cannot drop their own administrator role). */
  'users:update': channel({
    input: versioned(userUpdateSchema),
    output: userAccountSchema,
    permission: 'users.manage',
    description: 'update a user account',
  }),
  /** Sets a temporary password; the person must change it at the next sign-in. Also clears a lock. */
  'users:resetPassword': channel({
    input: versioned(userResetPasswordSchema),
    output: userAccountSchema,
    permission: 'users.manage',
    description: 'reset a password',
  }),
  /** Lifts the 15-minute lock after five wrong passwords. */
  'users:unlock': channel({
    input: versioned(z.object({ id: idSchema })),
    output: userAccountSchema,
    permission: 'users.manage',
    description: 'unlock an account',
  }),
  /** Disables or re-enables an account (never deleted); an administrator cannot disable themselves. */
  'users:setActive': channel({
    input: versioned(z.object({ id: idSchema, active: z.boolean() })),
    output: userAccountSchema,
    permission: 'users.manage',
    description: 'disable or enable an account',
  }),
};

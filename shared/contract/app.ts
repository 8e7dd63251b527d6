import { z } from 'zod';
import { safeText } from './text';
import { channel } from './define';
import { nothing, sessionUserSchema } from './common';

export const appPhaseSchema = z.enum(['setup', 'unlock', 'ready', 'error']);

export const appStatusSchema = z.object({
  phase: appPhaseSchema,
  /** How the key is sealed on this machine. */
  keyMode: z.enum(['passphrase', 'safeStorage']),
  institutionName: z.string().nullable(),
  /** Why the database could not be opened, when phase is unlock or error. */
  problem: z
    .object({ code: z.enum(['wrong_key', 'database_corrupt', 'schema_too_new', 'keystore_missing', 'no_passphrase', 'audit_triggers_missing']), message: z.string() })
    .nullable(),
  /** The open database failed its page check: it is served read-only and every page shows this (red). */
  damage: z.object({ at: z.string(), problems: z.array(z.string()), message: z.string() }).nullable().optional(),
  /** The audit chain does not extend an anchor kept outside the database (administrators see it). */
  auditWarning: z.string().nullable().optional(),
  user: sessionUserSchema.nullable(),
  /** The signed-in person's screen is locked (idle or by choice). */
  screenLocked: z.boolean(),
  /** Set-up and unlock must ask for a database passphrase (no keychain, no host passphrase). */
  passphraseRequired: z.boolean(),
  idleLockMinutes: z.number().int(),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

export const usernameSchema = safeText()
  .trim()
  .min(3, '用户名至少3个字符')
  .max(32, '用户名最多32个字符')
  .regex(/^[a-zA-Z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和连字符');
export const passwordSchema = safeText().min(10, '密码至少10个字符').max(128, '密码最多128个字符');

export const appChannels = {
  /** Where the app stands: first run, waiting for a key, or ready; and who is signed in. */
  'app:status': channel({ input: nothing, output: appStatusSchema, permission: 'public', description: 'app status' }),
  /** First-run set-up: the key, the administrator, optionally the demo data. Returns the recovery code once. */
  'app:setup': channel({
    input: z.object({
      institutionName: safeText().trim().min(2, '请填写机构名称').max(60, '机构名称最多60个字'),
      displayName: safeText().trim().min(1, '请填写姓名').max(40, '姓名最多40个字'),
      username: usernameSchema,
      password: passwordSchema,
      passphrase: safeText().min(12, '数据库口令至少12个字符').max(256).nullable(),
      loadDemo: z.boolean(),
      /** Where backups go (a second disk or USB folder); the daily backup is on from the start. */
      backupFolder: safeText().trim().min(1, '请填写备份文件夹').max(1024, '路径过长').nullable().optional(),
    }),
    output: z.object({ recoveryCode: z.string() }),
    permission: 'public',
    description: 'first-run set-up',
  }),
  /** Opens the database with a passphrase or the recovery code (lost keychain, new computer). */
  'app:unlock': channel({
    input: z.object({
      method: z.enum(['passphrase', 'recoveryCode']),
      secret: z.string().min(1, '请输入口令或恢复码').max(256),
      /** With the recovery code where the passphrase was lost: the new passphrase for this machine. */
      /** Set here, not checked against anything: the same text rules as the set-up passphrase. */
      newPassphrase: safeText().min(12, '数据库口令至少12个字符').max(256).nullable().optional(),
    }),
    output: appStatusSchema,
    permission: 'public',
    description: 'unlock the database',
  }),
  /** Signs a person in. */
  'auth:login': channel({
    input: z.object({ username: safeText().trim().min(1, '请输入用户名').max(64), password: z.string().min(1, '请输入密码').max(128) }),
    output: sessionUserSchema,
    permission: 'public',
    description: 'login',
  }),
  /** Signs the current person out. */
  'auth:logout': channel({ input: nothing, output: nothing, permission: 'authenticated', description: 'logout' }),
  /** Changes one's own password (required after an administrator's reset). */
  'auth:changePassword': channel({
    input: z.object({ currentPassword: z.string().min(1, '请输入当前密码').max(128), newPassword: passwordSchema }),
    output: sessionUserSchema,
    permission: 'authenticated',
    description: 'change own password',
  }),
  /** Locks the screen now (also happens after the idle time). */
  'auth:lock': channel({ input: nothing, output: nothing, permission: 'authenticated', description: 'lock screen' }),
  /** Unlocks a locked screen with the signed-in person's password. */
  'auth:unlockScreen': channel({
    input: z.object({ password: z.string().min(1, '请输入密码').max(128) }),
    output: sessionUserSchema,
    permission: 'authenticated',
    description: 'unlock screen',
  }),
} as const;

import { z } from 'zod';
import { channel } from './define';
import { versioned } from './versions';
import { nothing } from './common';

export const BACKUP_FILE_PATTERN = /^tonghu-\d{8}-\d{6}(-\d+)?\.db$/;

export const backupSettingsSchema = z.object({
  /** An absolute path to a folder (e.g. on a USB disk); created if missing. */
  folder: z.string().trim().min(1, '请填写备份文件夹').max(1024, '路径过长').nullable(),
  /** Daily backup time 'HH:MM' (local time), or null for no daily backup. */
  dailyAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '请按 时:分 填写，如 02:30')
    .nullable(),
  /** How many backups to keep (the oldest beyond this are removed). */
  keep: z.number().int().min(1, '至少保留1份').max(365, '最多保留365份'),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const backupEntrySchema = z.object({
  file: z.string(),
  /** When the backup was made (ISO). */
  createdAt: z.string(),
  size: z.number().int(),
  sha256: z.string().nullable(),
  /** integrity_check and foreign_key_check passed on the reopened copy; null when no record exists. */
  verified: z.boolean().nullable(),
  problems: z.array(z.string()),
});
export type BackupEntry = z.infer<typeof backupEntrySchema>;

export const backupChannels = {
  /** Reads (input null) or saves the backup settings. */
  'backup:settings': channel({
    input: versioned(backupSettingsSchema).nullable(),
    output: backupSettingsSchema.safeExtend({ version: z.number().int().optional() }),
    permission: 'backup.manage',
    description: 'backup settings get/set',
  }),
  /** Makes a backup now: VACUUM INTO the folder, reopen, integrity_check, sidecar, prune. */
  'backup:run': channel({ input: nothing, output: backupEntrySchema, permission: 'backup.manage', description: 'run a backup' }),
  /** The backups in the folder, newest first. */
  'backup:list': channel({
    input: nothing,
    output: z.object({ folder: z.string().nullable(), entries: z.array(backupEntrySchema) }),
    permission: 'backup.manage',
    description: 'list backups',
  }),
  /** Replaces the live database by a backup; the current one is kept in replaced-<time>/. Ends every session. */
  'backup:restore': channel({
    input: z.object({
      file: z.string().regex(BACKUP_FILE_PATTERN, '不是童护的备份文件名'),
      confirm: z.literal(true, { message: '请确认恢复' }),
    }),
    output: z.object({ replacedDir: z.string() }),
    permission: 'backup.manage',
    description: 'restore a backup',
  }),
  /** Whether the recovery code in force may never have been shown (an interrupted key change). */
  'key:status': channel({
    input: nothing,
    output: z.object({ recoveryUnseen: z.boolean() }),
    permission: 'key.manage',
    description: 'key status',
  }),
  /** Makes a new database key and recovery code; confirmed with the administrator's own password. */
  'key:change': channel({
    input: z.object({
      password: z.string().min(1, '请输入您的登录密码').max(128),
      confirm: z.literal(true, { message: '请确认更换密钥' }),
    }),
    output: z.object({ recoveryCode: z.string() }),
    permission: 'key.manage',
    description: 'change the database key',
  }),
} as const;

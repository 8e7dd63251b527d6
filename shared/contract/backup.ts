import { z } from 'zod';
import { safeText } from './text';
import { channel } from './define';
import { versioned } from './versions';
import { nothing } from './common';

export const BACKUP_FILE_PATTERN = /^tonghu-\d{8}-\d{6}(-\d+)?\.db$/;

export const backupSettingsSchema = z.object({
  /** An absolute path to a folder (e.g. on a USB disk); created if missing. */
  folder: safeText().trim().min(1, '请填写备份文件夹').max(1024, '路径过长').nullable(),
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
  /** The short id (first group) of the recovery code that opens this backup; null for backups made before this was recorded. */
  recoveryId: z.string().nullable().optional(),
  /** Whether the backup is under the key in force now (false: made before a key change, needs its own code). */
  currentKey: z.boolean().nullable().optional(),
});
export type BackupEntry = z.infer<typeof backupEntrySchema>;

export const backupHealthSchema = z.object({
  folder: z.string().nullable(),
  reachable: z.boolean(),
  dailyAt: z.string().nullable(),
  /** When the newest backup that passed its check was made (ISO), or null. */
  lastVerifiedAt: z.string().nullable(),
  ageDays: z.number().nullable(),
  /** Red on the dashboard: no folder, folder unreachable, no verified backup, or older than 7 days. */
  warn: z.boolean(),
});
export type BackupHealth = z.infer<typeof backupHealthSchema>;

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
      /** Needed for a backup made before a key change: the recovery code in force when it was made. */
      recoveryCode: safeText().trim().max(64).nullable().optional(),
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
    output: z.object({
      recoveryCode: z.string(),
      /** The verified backup made under the new key right after the change (null when it failed or no folder is set). */
      backup: backupEntrySchema.nullable().optional(),
      backupError: z.string().nullable().optional(),
    }),
    permission: 'key.manage',
    description: 'change the database key',
  }),
  /** The recovery code not yet confirmed as saved (kept sealed until then, so a reload shows it again). */
  'key:unconfirmedCode': channel({
    input: nothing,
    output: z.object({ recoveryCode: z.string().nullable(), recoveryId: z.string().nullable(), institutionName: z.string().nullable() }),
    permission: 'key.manage',
    description: 'unconfirmed recovery code',
  }),
  /** The administrator types back one group (chosen at random) of the code: then it is no longer kept. */
  'key:confirmCode': channel({
    input: z.object({ group: z.number().int().min(1).max(5), value: safeText().trim().min(1, '请输入该组字符').max(8) }),
    output: nothing,
    permission: 'key.manage',
    description: 'confirm the recovery code was saved',
  }),
  /**
   * Right after set-up, before anyone can sign in: the same confirmation (one group of the code).
   * Reveals nothing; it only ends the keeping of the sealed code when the group matches.
   */
  'key:confirmSetupCode': channel({
    input: z.object({ group: z.number().int().min(1).max(5), value: safeText().trim().min(1, '请输入该组字符').max(8) }),
    output: nothing,
    permission: 'public',
    description: 'confirm the set-up recovery code was saved',
  }),
  /** The backup state for the dashboard: age of the last verified backup, folder reachable. */
  'backup:health': channel({
    input: nothing,
    output: backupHealthSchema,
    permission: 'backup.manage',
    description: 'backup health',
  }),
  /**
   * First run or lost passphrase: a backup file (or the folder holding backups) and the recovery code
   * in force when it was made. The backup is checked (checksum, integrity, audit chain) before anything
   * in the data folder moves; its key is then sealed for this machine.
   */
  'backup:restoreFromFile': channel({
    input: z.object({
      source: safeText().trim().min(1, '请填写备份文件或备份文件夹的完整路径').max(1024, '路径过长'),
      recoveryCode: safeText().trim().min(1, '请输入恢复码').max(64),
      /** The new passphrase for this machine (set here, as at set-up). */
      passphrase: safeText().min(12, '数据库口令至少12个字符').max(256).nullable(),
    }),
    output: z.object({ file: z.string(), recoveryId: z.string().nullable(), createdAt: z.string(), children: z.number().int(), auditRows: z.number().int() }),
    permission: 'public',
    description: 'restore from a backup on a fresh install',
  }),
  /** A dated audit checkpoint (chain head and row count) for the supervisor to sign and file. */
  'audit:checkpoint': channel({
    input: nothing,
    output: z.object({ hash: z.string(), count: z.number().int(), at: z.string(), institutionName: z.string().nullable(), verified: z.boolean() }),
    permission: 'audit.read',
    description: 'audit checkpoint',
  }),
} as const;

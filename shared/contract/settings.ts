import { z } from 'zod';
import { channel } from './define';
import { versioned } from './versions';

/** Minutes of inactivity before the screen locks (issue #7): a whole number from 1 to 120. */
export const idleLockMinutesSchema = z
  .number({ error: '请填写1到120之间的整数分钟' })
  .int('锁屏时间须为整数分钟')
  .min(1, '锁屏时间最少1分钟')
  .max(120, '锁屏时间最多120分钟');

export const idleLockInputSchema = z.object({
  /** Absent: read the current value. */
  minutes: idleLockMinutesSchema.optional(),
});
export type IdleLockInput = z.input<typeof idleLockInputSchema>;

export const settingsChannels = {
  /** Reads, or (with `minutes`) sets and saves, the idle-lock time; applies to every open session at once. */
  'settings:idleLock': channel({
    input: versioned(idleLockInputSchema),
    output: z.object({ minutes: z.number().int(), version: z.number().int().optional() }),
    permission: 'users.manage',
    description: 'read or set the idle-lock time',
  }),
};

import type { Widen } from './widen';

/** Messages of the backup screens (zh-CN is the source; en must have the same keys). */
export const backupZh = {
  _: '',
} as const;

export const backupEn: Widen<typeof backupZh> = {
  _: '',
};

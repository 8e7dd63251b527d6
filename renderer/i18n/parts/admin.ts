import type { Widen } from './widen';

/** Messages of the admin screens (zh-CN is the source; en must have the same keys). */
export const adminZh = {
  _: '',
} as const;

export const adminEn: Widen<typeof adminZh> = {
  _: '',
};

import type { Widen } from './widen';

/** Messages of the record screens (zh-CN is the source; en must have the same keys). */
export const recordZh = {
  _: '',
} as const;

export const recordEn: Widen<typeof recordZh> = {
  _: '',
};

import type { Widen } from './widen';

/** Messages of the registry screens (zh-CN is the source; en must have the same keys). */
export const registryZh = {
  _: '',
} as const;

export const registryEn: Widen<typeof registryZh> = {
  _: '',
};

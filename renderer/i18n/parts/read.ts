import type { Widen } from './widen';

/** Messages added by the readability work (issue 18: facts and audit in plain words, totals, print views). zh-CN is the source. */
export const readZh = {
  totals: {
    total: '合计',
    totalTimes: '合计（人次）',
  },
};

export const readEn: Widen<typeof readZh> = {
  totals: {
    total: 'Total',
    totalTimes: 'Total (counted per category)',
  },
};

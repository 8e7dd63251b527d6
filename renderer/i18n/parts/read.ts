import type { Widen } from './widen';

/** Messages added by the readability work (issue 18: facts and audit in plain words, totals, print views). zh-CN is the source. */
export const readZh = {
  totals: {
    total: '合计',
    totalTimes: '合计（人次）',
  },
  facts: {
    orphan: '孤儿（父母双方死亡、宣告死亡或宣告失踪）',
    withinStandardDuration: '在标准学制年限内',
    receiving: '正在领取的待遇',
    none: '无',
    item: '事实',
    value: '档案记载',
  },
};

export const readEn: Widen<typeof readZh> = {
  totals: {
    total: 'Total',
    totalTimes: 'Total (counted per category)',
  },
  facts: {
    orphan: 'Orphan (both parents deceased, declared dead or declared missing)',
    withinStandardDuration: 'Within the standard length of study',
    receiving: 'Benefits being received',
    none: 'None',
    item: 'Fact',
    value: 'As recorded',
  },
};

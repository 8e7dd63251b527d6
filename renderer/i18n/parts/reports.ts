import type { Widen } from './widen';

/** Messages of the statistics page (zh-CN is the source). */
export const reportsZh = {
  from: '统计期间自',
  to: '至',
  apply: '统计',
  print: '打印',
  asOf: '在院儿童 {n} 名（截至 {date}）；满18周岁与康复训练按 {from} 至 {to} 统计',
  sections: {
    byCategory: '按困境儿童类别',
    byPlacement: '按安置方式',
    byAgeBand: '按年龄段',
    byDistrict: '按户籍区',
    turning18: '各季度年满18周岁',
    rehab: '康复训练：按治疗师和月份',
  },
  columns: { item: '项目', count: '人数', quarter: '季度', month: '月份', therapist: '治疗师', sessions: '训练次数', absences: '缺勤次数', minutes: '时长（分钟）', children: '儿童数' },
  unknownDistrict: '未登记',
  noTherapist: '未记录治疗师',
  categoryHint: '一名儿童可属多个类别',
  noRehab: '期间内没有康复训练记录',
  loading: '正在统计…',
};

export const reportsEn: Widen<typeof reportsZh> = {
  from: 'Period from',
  to: 'to',
  apply: 'Count',
  print: 'Print',
  asOf: '{n} children in care on {date}; 18th birthdays and rehabilitation counted from {from} to {to}',
  sections: {
    byCategory: 'By category',
    byPlacement: 'By placement',
    byAgeBand: 'By age band',
    byDistrict: 'By hukou district',
    turning18: 'Turning 18 per quarter',
    rehab: 'Rehabilitation per therapist and month',
  },
  columns: { item: 'Item', count: 'Children', quarter: 'Quarter', month: 'Month', therapist: 'Therapist', sessions: 'Sessions', absences: 'Absences', minutes: 'Minutes', children: 'Children' },
  unknownDistrict: 'Not recorded',
  noTherapist: 'No therapist recorded',
  categoryHint: 'A child may be in several categories',
  noRehab: 'No rehabilitation sessions in the period',
  loading: 'Counting…',
};

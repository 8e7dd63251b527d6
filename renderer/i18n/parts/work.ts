import type { Widen } from './widen';

/** Messages for long work in progress (an import's progress bar) and the import's file checks (zh-CN is the source). */
export const workZh = {
  progress: {
    label: '进度',
    read: '正在读取并检查工作簿…',
    check: '正在逐行核对：第 {done} / {total} 行（{percent}%）',
    write: '正在导入：第 {done} / {total} 行（{percent}%）',
    others: '处理期间可以继续使用其他页面。',
  },
  import: {
    skippedTitle: '已跳过表头上方的标题行“{title}”，表头取自第 {row} 行。',
    renamedHeaders: '有同名的列，已按先后区分：{names}',
    failedTitle: '导入未完成',
    failedHint: '预览结果仍保留在下方；请重新预览后再导入。',
  },
};

export const workEn: Widen<typeof workZh> = {
  progress: {
    label: 'Progress',
    read: 'Reading and checking the workbook…',
    check: 'Checking rows: {done} of {total} ({percent}%)',
    write: 'Importing: row {done} of {total} ({percent}%)',
    others: 'You can go on using other pages meanwhile.',
  },
  import: {
    skippedTitle: 'The title row “{title}” above the header was skipped; the headers are taken from row {row}.',
    renamedHeaders: 'Columns with the same header are told apart by order: {names}',
    failedTitle: 'The import did not finish',
    failedHint: 'The preview is still below; preview again before importing.',
  },
};

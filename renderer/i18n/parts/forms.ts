import type { Widen } from './widen';

/** Messages of the form safeguards and the clinical checks of issue 18 (zh-CN is the source). */
export const formsZh = {
  saveHint: 'Ctrl+Enter 保存（文本框中 Enter 换行）',
  discard: {
    title: '放弃未保存的内容？',
    message: '您填写的内容尚未保存，关闭后将丢失。',
    draftMessage: '您填写的内容尚未保存。可以保留为草稿稍后继续（仅保存在本次登录期间，退出登录即清除），或放弃。',
    stay: '继续填写',
    keepDraft: '保留草稿并关闭',
    discard: '放弃更改',
  },
  draft: {
    restored: '已恢复 {at} 未保存的草稿',
    discard: '放弃草稿',
    restoredPlain: '已恢复上次未保存的草稿（保存或放弃前一直保留，退出登录即清除）',
  },
  mentalHealth: {
    instrumentHint: '从固定量表清单中选择（可输入代码或名称搜索）；不用量表时留空',
    cutoff: '按量表划界分：{scale} {value} 分 → {level}',
    riskReason: '风险等级与划界分不符的理由',
    riskReasonHint: '所选风险等级与量表划界分不一致时必填，例如访谈中发现的情况',
  },
};

export const formsEn: Widen<typeof formsZh> = {
  saveHint: 'Ctrl+Enter saves (Enter in a text box adds a line)',
  discard: {
    title: 'Discard unsaved changes?',
    message: 'What you entered has not been saved and will be lost if you close.',
    draftMessage: 'What you entered has not been saved. Keep it as a draft to continue later (kept only while you stay signed in), or discard it.',
    stay: 'Keep editing',
    keepDraft: 'Keep draft and close',
    discard: 'Discard changes',
  },
  draft: {
    restored: 'Restored the unsaved draft from {at}',
    discard: 'Discard draft',
    restoredPlain: 'Restored your unsaved draft (kept until saved or discarded; cleared when you sign out)',
  },
  mentalHealth: {
    instrumentHint: 'Pick from the fixed list of instruments (search by code or name); leave empty when none was used',
    cutoff: 'By the instrument’s cut-offs: {scale} {value} → {level}',
    riskReason: 'Why the risk level differs from the cut-offs',
    riskReasonHint: 'Required when the risk level chosen differs from the instrument’s cut-offs, e.g. what the interview found',
  },
};

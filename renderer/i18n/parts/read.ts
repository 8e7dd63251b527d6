import { ITEM_STATUS_LABELS_ZH } from '../../../shared/domain/reintegration';
import { REINTEGRATION_STATUS_LABELS_ZH } from '../../../shared/domain/rules-types';
import type { Widen } from './widen';

/** Messages added by the readability work (issue 18: facts and audit in plain words, totals, print views). zh-CN is the source. */
export const readZh = {
  loadFailed: '未能加载',
  /** After a label: full-width in Chinese, a colon and a space in English. */
  colon: '：',
  /** Shown only in English: the policy's wording stays Chinese. */
  policyWordingNote: '',
  chineseDocumentNote: '',
  firstSignIn: '这是您第一次登录。请把管理员告诉您的初始密码换成只有您自己知道的新密码。',
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
  timeline: {
    afterTerm: '政策有效期届满后',
    afterTermHint: '本政策有效期至 {date}；以下按现行政策推算，仅供参考，届时以新政策为准。',
  },
  audit: {
    entities: {
      reintegrationCase: '回归社会安置个案',
      reintegrationChecklist: '准备清单',
      reintegrationTask: '交接任务',
      reintegrationVisit: '安置回访',
      user: '账户',
      ledger: '工作台账',
      key: '数据库密钥',
      rehabConfig: '量表界值',
    },
    fields: {
      any: {
        caseId: '安置个案', round: '评估轮次', result: '结论', reason: '原因', from: '开始日期', to: '结束日期', note: '备注', what: '内容',
        pdf: '保存方式', ledgers: '台账', ledger: '台账', sheets: '工作表', rows: '行数', dueOn: '到期日', doneOn: '完成日期', ownerId: '负责人',
        visitedOn: '回访日期', programme: '项目', outcome: '结果', completedOn: '完成日期', closedAt: '结案时间', attempt: '第几次尝试',
        username: '用户名', roles: '角色', checkedOn: '监测日期', status: '状态', by: '发起', officerId: '安置专员', childId: '儿童',
        person: '人员', action: '操作', name: '名称', item: '事项', task: '任务', score: '得分', assessedOn: '评估日期', approvedBy: '审批人',
        displayName: '姓名', disabled: '已停用', period: '期间', count: '数量',
        asOf: '评估日期', owner: '负责人', contact: '联系人', rubricVersion: '评分细则版本', children: '儿童人数',
        lockedUntil: '锁定至', checked: '已核验条数', ok: '完整', firstBrokenId: '首条异常记录', minutes: '分钟',
        textFields: '填写的文字（内容不记入审计）', referred: '已转介', restricted: '受限记录', riskReason: '风险等级说明', thresholdReason: '与界值结论不同的理由',
        role: '岗位', userId: '人员', where: '位置', before: '修改前', after: '修改后', version: '版本', effectiveFrom: '生效日期', bands: '分段界值',
        amends: '更正的记录', instrument: '量表', riskLevel: '风险等级', keep: '保留份数', folderSet: '已设置备份文件夹', size: '大小（字节）',
        verified: '已校验', pruned: '清理的旧备份', recoveryId: '恢复码编号', replacedDir: '被替换的数据文件夹', olderKey: '旧密钥下的备份',
        newComputer: '新电脑', hash: '校验值', seen: '工作站所见', shown: '数据主机所示', fingerprint: '证书指纹', codeIssuedBy: '登记码签发人',
        address: '地址', port: '端口', listening: '正在监听', codes: '登记码数量', expiresAt: '有效期至', why: '原因',
      },
      reintegrationCase: {
        receivingDistrict: '接收安置区', receivingStreet: '接收街道（乡镇）', resettledOn: '安置日期', closedOn: '结案日期', why: '结案原因',
        institution: '接收机构', transferredOn: '转入日期', openedOn: '建立日期',
      },
    },
    values: {
      status: { ...REINTEGRATION_STATUS_LABELS_ZH, ...ITEM_STATUS_LABELS_ZH },
      by: { system: '系统自动' },
      what: {
        eligibility: '待遇资格', recoveryCode: '恢复码', rehab: '康复档案', mentalHealth: '心理健康档案', autismPathway: '孤独症全链条',
        reintegrationDossier: '回归社会安置档案', statistics: '统计报表', ledger: '台账清单', childSummary: '儿童概要',
      },
      pdf: { saved: '已存为 PDF', cancelled: '已取消', browserPrint: '浏览器打印' },
    },
    actions: { audit: { export: '导出审计日志' } },
    system: '系统',
    export: '导出 Excel',
    fileName: '童护审计日志',
    exported: '已导出审计日志：{n} 条',
  },
};

export const readEn: Widen<typeof readZh> = {
  loadFailed: 'Could not load',
  colon: ': ',
  policyWordingNote: 'Reasons and clauses quote the policy (沪府规〔2025〕11号) in its own Chinese wording; the English labels around them are translations.',
  chineseDocumentNote: 'This document is always printed in Chinese, as it is filed with the receiving office.',
  firstSignIn: 'This is your first sign-in. Please replace the initial password your administrator gave you with one only you know.',
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
  timeline: {
    afterTerm: 'After the policy term',
    afterTermHint: 'The policy is in force until {date}; what follows is projected from the current policy for reference only — a new policy will decide.',
  },
  audit: {
    entities: {
      reintegrationCase: 'Reintegration case',
      reintegrationChecklist: 'Preparation checklist',
      reintegrationTask: 'Handover task',
      reintegrationVisit: 'Follow-up visit',
      user: 'Account',
      ledger: 'Ledgers',
      key: 'Database key',
      rehabConfig: 'Instrument cut-offs',
    },
    fields: {
      any: {
        caseId: 'Case', round: 'Round', result: 'Result', reason: 'Reason', from: 'From', to: 'To', note: 'Note', what: 'What',
        pdf: 'Saved as', ledgers: 'Ledgers', ledger: 'Ledger', sheets: 'Sheets', rows: 'Rows', dueOn: 'Due', doneOn: 'Done on', ownerId: 'Owner',
        visitedOn: 'Visited on', programme: 'Programme', outcome: 'Outcome', completedOn: 'Completed on', closedAt: 'Closed at', attempt: 'Attempt',
        username: 'User name', roles: 'Roles', checkedOn: 'Checked on', status: 'Status', by: 'By', officerId: 'Placement officer', childId: 'Child',
        person: 'Person', action: 'Action', name: 'Name', item: 'Item', task: 'Task', score: 'Score', assessedOn: 'Assessed on', approvedBy: 'Approved by',
        displayName: 'Name', disabled: 'Disabled', period: 'Period', count: 'Count',
        asOf: 'As of', owner: 'Owner', contact: 'Contact', rubricVersion: 'Rubric version', children: 'Children',
        lockedUntil: 'Locked until', checked: 'Rows checked', ok: 'Intact', firstBrokenId: 'First broken row', minutes: 'Minutes',
        textFields: 'Text written (not copied into the trail)', referred: 'Referred', restricted: 'Restricted row', riskReason: 'Why this risk level', thresholdReason: 'Why the result differs from the cut-off',
        role: 'Role', userId: 'Person', where: 'Where', before: 'Before', after: 'After', version: 'Version', effectiveFrom: 'In force from', bands: 'Bands',
        amends: 'Corrects row', instrument: 'Instrument', riskLevel: 'Risk level', keep: 'Copies kept', folderSet: 'Backup folder set', size: 'Size (bytes)',
        verified: 'Verified', pruned: 'Old backups removed', recoveryId: 'Recovery code id', replacedDir: 'Data folder replaced', olderKey: 'Backup under an older key',
        newComputer: 'New computer', hash: 'Checksum', seen: 'Seen by the workstation', shown: 'Shown by the data host', fingerprint: 'Certificate fingerprint', codeIssuedBy: 'Code issued by',
        address: 'Address', port: 'Port', listening: 'Listening', codes: 'Codes', expiresAt: 'Valid until', why: 'Reason',
      },
      reintegrationCase: {
        receivingDistrict: 'Receiving district', receivingStreet: 'Receiving street (town)', resettledOn: 'Resettled on', closedOn: 'Closed on', why: 'Why closed',
        institution: 'Receiving institution', transferredOn: 'Transferred on', openedOn: 'Opened on',
      },
    },
    values: {
      status: {
        notApplicable: 'Not applicable', notYetAdult: 'Not yet 18', deferredStudying: 'Studying, assessment deferred', assessmentDue: 'Assessment due',
        resettle: 'Resettle', transferToAdultWelfare: 'Transfer to adult welfare', secondAssessmentDue: 'Second assessment due',
        todo: 'Not started', inProgress: 'In progress', done: 'Done',
      },
      by: { system: 'Automatic' },
      what: {
        eligibility: 'Entitlements', recoveryCode: 'Recovery code', rehab: 'Rehabilitation file', mentalHealth: 'Mental-health file', autismPathway: 'Autism pathway',
        reintegrationDossier: 'Reintegration dossier', statistics: 'Statistics', ledger: 'Ledger list', childSummary: 'Child summary',
      },
      pdf: { saved: 'Saved as PDF', cancelled: 'Cancelled', browserPrint: 'Browser print' },
    },
    actions: { audit: { export: 'Audit trail exported' } },
    system: 'System',
    export: 'Export to Excel',
    fileName: 'Tonghu-audit-trail',
    exported: 'Audit trail exported: {n} rows',
  },
};

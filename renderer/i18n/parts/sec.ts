import type { Widen } from './widen';

/** Messages of the security fixes (issue 15): lock screen, audit view, rehab amendments (zh-CN is the source; en must have the same keys). */
export const secZh = {
  lockSignedOut: '已退出登录：{message}',
  auditRestricted: '（内容受限：需要相应权限才能查看）',
  amendedByPerson: '由 {name} 更正',
};

export const secEn: Widen<typeof secZh> = {
  lockSignedOut: 'Signed out: {message}',
  auditRestricted: '(Restricted: needs the matching permission to view)',
  amendedByPerson: 'Amended by {name}',
};

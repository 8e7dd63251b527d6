import type { Widen } from './widen';

/**
 * Messages added with the round-2 reading of the policy (issue 16): the worklist's 三(八) 控辍保学 kind and
 * the eligibility tab's notices (zh-CN is the source; en must have the same keys).
 */
export const rulesZh = {
  worklistKinds: {
    compulsorySchooling: '控辍保学：适龄未入学',
  },
  notices: {
    compulsorySchooling: '控辍保学：义务教育适龄儿童未入学',
    raisedLevel: '低保：应适当提高救助水平',
  },
};

export const rulesEn: Widen<typeof rulesZh> = {
  worklistKinds: {
    compulsorySchooling: 'School-age child not in school',
  },
  notices: {
    compulsorySchooling: 'Drop-out control: a child of compulsory-school age is not in school',
    raisedLevel: 'Minimum living allowance: due at a raised level',
  },
};

import type { Widen } from './widen';

/**
 * Messages added with the round-2 reading of the policy (issue 16): the worklist's 三(八) 控辍保学 kind
 * (zh-CN is the source; en must have the same keys).
 */
export const rulesZh = {
  worklistKinds: {
    compulsorySchooling: '控辍保学：适龄未入学',
  },
};

export const rulesEn: Widen<typeof rulesZh> = {
  worklistKinds: {
    compulsorySchooling: 'School-age child not in school',
  },
};

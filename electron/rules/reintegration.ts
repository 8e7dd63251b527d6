/** 一(四): age-18 social reintegration of young people raised by the municipal child welfare institution. */
import type { Assessment, Evaluation } from '../../shared/domain/rules-types';
import type { RuleContext } from './context';
import { OUR_READING, ageParen, stageText } from './context';

export const REINTEGRATION_SENTENCES = {
  resettle:
    '对由市级儿童福利机构集中养育的孤儿,年满18周岁且已完成学业、经综合评估具备回归社会生活能力的,实行回归社会安置,由接收安置的区政府落实好孤儿的住房、户口、就业等,并指导督促安置对象所在街道(乡镇)落实长期关爱措施。',
  transfer: '经综合评估,不具备回归社会生活能力的,转入市属相关社会福利机构,由政府继续集中供养。',
  second: '经职业康复后二次综合评估,符合条件的实行回归社会安置。',
  courtAppointed: '经人民法院指定市民政部门或市级儿童福利机构担任监护人的未成年人,参照本意见规定的机构养育孤儿政策执行。',
  abandoned:
    '经查找无法找到法定监护人,被公安部门确认为弃婴、弃儿身份的未成年人,由市级儿童福利机构集中养育。',
} as const;

type Reintegration = Evaluation['reintegration'];

function result(status: Reintegration['status'], reason: string, ctx: RuleContext): Reintegration {
  return {
    status,
    clause: '一(四)',
    tasks: status === 'resettle' ? [...ctx.tables.resettlementTasks] : [],
    reason,
  };
}

/** The assessment that decides: the latest round-2 one if any (round 2 is final), else the latest round-1 one. */
export function decidingAssessment(assessments: readonly Assessment[], asOf: string): Assessment | null {
  const known = assessments.filter((a) => a.date <= asOf);
  const latest = (round: 1 | 2): Assessment | null =>
    known
      .filter((a) => a.round === round)
      .reduce<Assessment | null>((best, a) => (best === null || a.date >= best.date ? a : best), null);
  return latest(2) ?? latest(1);
}

function whoApplies(ctx: RuleContext): string | null {
  if (!ctx.tables.reintegrationPlacements.includes(ctx.facts.placement)) return null;
  if (ctx.orphanByAbandonment) return `由市级儿童福利机构集中养育的弃婴、弃儿，按孤儿${OUR_READING}`;
  if (ctx.orphan) return '由市级儿童福利机构集中养育的孤儿';
  if (ctx.treatedAsInstitutionalOrphan) return '由市级儿童福利机构集中养育、经法院指定监护而参照机构养育孤儿的未成年人';
  return null;
}

/** Whether 一(四)'s reintegration applies to this child at all (placement and who they are). */
export function reintegrationApplies(ctx: RuleContext): boolean {
  return whoApplies(ctx) !== null;
}

/** Where the young person stands, with the four handover tasks only when resettlement is decided. */
export function reintegration(ctx: RuleContext): Reintegration {
  const who = whoApplies(ctx);
  const adultAge = ctx.tables.adultAge;
  if (who === null) {
    return result(
      'notApplicable',
      '非由市级儿童福利机构集中养育的孤儿、弃婴弃儿或参照机构养育孤儿的未成年人，回归社会安置不适用。',
      ctx,
    );
  }
  if (ctx.age < adultAge) {
    return result('notYetAdult', `${who}，未满${adultAge}周岁${ageParen(ctx)}。`, ctx);
  }
  if (ctx.studying) {
    return result(
      'deferredStudying',
      `${who}，已满${adultAge}周岁但仍在${stageText(ctx)}阶段就读，尚未“已完成学业”：在读即未完成学业，不论是否全日制${OUR_READING}；完成学业后再行综合评估。`,
      ctx,
    );
  }
  const deciding = decidingAssessment(ctx.facts.reintegration.assessments, ctx.asOf);
  if (deciding === null) {
    return result('assessmentDue', `${who}，已满${adultAge}周岁且已完成学业，尚无综合评估，应进行综合评估。`, ctx);
  }
  const roundText = deciding.round === 1 ? '综合评估' : '职业康复后二次综合评估';
  if (deciding.result === 'capable') {
    return result(
      'resettle',
      `${deciding.date}${roundText}具备回归社会生活能力，实行回归社会安置：由接收安置的区政府落实好住房、户口、就业等，并指导督促安置对象所在街道(乡镇)落实长期关爱措施。`,
      ctx,
    );
  }
  if (deciding.round === 2) {
    return result(
      'transferToAdultWelfare',
      `${deciding.date}职业康复后二次综合评估仍不具备回归社会生活能力，转入市属相关社会福利机构，由政府继续集中供养；此后不再安排第三次评估${OUR_READING}。`,
      ctx,
    );
  }
  if (ctx.facts.reintegration.vocationalRehabCompleted) {
    return result(
      'secondAssessmentDue',
      `${deciding.date}综合评估不具备回归社会生活能力，已完成职业康复，应进行二次综合评估。`,
      ctx,
    );
  }
  return result(
    'transferToAdultWelfare',
    `${deciding.date}综合评估不具备回归社会生活能力，转入市属相关社会福利机构，由政府继续集中供养；职业康复后可二次综合评估。`,
    ctx,
  );
}


/** 一(四): who is responsible for placing an orphan or abandoned minor whose guardian cannot be set. */
import type { PlacementResponsibility } from '../../shared/domain/rules-types';
import { ageParen } from './context';
import type { RuleContext } from './context';

export const PLACEMENT_SENTENCES = {
  orphanWithoutGuardian:
    '依法确定孤儿的监护人,无法确定的,我市户籍孤儿由其户籍所在区政府妥善安置,其他孤儿按照监护缺失儿童给予救助保护。',
  abandoned:
    '经查找无法找到法定监护人,被公安部门确认为弃婴、弃儿身份的未成年人,由市级儿童福利机构集中养育。',
} as const;

type PlacementDecision = { responsibility: PlacementResponsibility | null; reason: string };

/**
 * The responsible body (null when 一(四) assigns none) and why. Both sentences are about minors: the
 * abandoned-child sentence says 未成年人, and a guardian (监护人) is set only for a minor. From 18 the
 * reason points to reintegration only for those it applies to (raised by the municipal institution).
 */
export function placementResponsibility(ctx: RuleContext, reintegrationApplies: boolean): PlacementDecision {
  const { facts } = ctx;
  const adultAge = ctx.tables.adultAge;
  if (ctx.orphan && ctx.adult) {
    const after = reintegrationApplies
      ? '成年后按一(四)回归社会安置办理'
      : '一(四)的回归社会安置只适用于由市级儿童福利机构集中养育的孤儿，不适用于本人';
    return {
      responsibility: null,
      reason: `已满${adultAge}周岁${ageParen(ctx)}，不再是未成年人，一(四)关于确定监护人和弃婴、弃儿集中养育的安置责任不适用；${after}。`,
    };
  }
  if (facts.abandonedConfirmedByPolice) {
    return {
      responsibility: 'municipalInstitution',
      reason: '经查找无法找到法定监护人，被公安部门确认为弃婴、弃儿身份的未成年人，由市级儿童福利机构集中养育。',
    };
  }
  if (ctx.orphan && facts.guardianship === 'missing') {
    return facts.hukou === 'shanghai'
      ? { responsibility: 'hukouDistrictGovernment', reason: '孤儿无法确定监护人，我市户籍孤儿由其户籍所在区政府妥善安置。' }
      : { responsibility: 'asGuardianshipMissing', reason: '孤儿无法确定监护人，非本市户籍，按照监护缺失儿童给予救助保护。' };
  }
  if (ctx.orphan) {
    return { responsibility: null, reason: '孤儿已依法确定监护人，无需另行确定安置责任。' };
  }
  return { responsibility: null, reason: '非孤儿，也非公安部门确认的弃婴、弃儿，一(四)的安置责任不适用。' };
}

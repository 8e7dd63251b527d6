/**
 * Outputs beyond the benefit lines (RULES.md round 2, "Beyond entitlements"), each with its clause:
 * 三(八) 控辍保学, 四(十二) the mental-health check per school year, 一(二)'s raised 低保 level.
 */
import type { Evaluation } from '../../shared/domain/rules-types';
import { OUR_READING, ageText } from './context';
import type { RuleContext } from './context';
import { formatIsoDate, parseIsoDate } from './dates';
import { minimumLivingRaisedLevel } from './minimum-living';

export const BEYOND_SENTENCES = {
  dropout: '常态化精准开展控辍保学,确保困境儿童依法完成义务教育。',
  mentalHealth: '组织学校每学年开展心理健康监测,建立困境儿童心理健康档案。',
  raisedLevel:
    '将法定抚养人有抚养能力但家庭经济困难、符合最低生活保障条件的困境儿童纳入保障范围,并适当提高对其救助水平。',
} as const;

/** 义务教育 age, in 周岁 (RULES.md round 2: 6 to 15). */
export const COMPULSORY_SCHOOL_AGE = { from: 6, to: 15 } as const;

/** 三(八): a child of compulsory-school age with no school is flagged for 控辍保学. */
export function compulsorySchooling(ctx: RuleContext): Evaluation['compulsorySchooling'] {
  const { from, to } = COMPULSORY_SCHOOL_AGE;
  const inAge = ctx.age >= from && ctx.age <= to;
  const none = ctx.facts.education.stage === 'none';
  const flagged = inAge && none;
  const ageRange = `${from}至${to}周岁按义务教育适龄${OUR_READING}`;
  const reason = flagged
    ? `${ageText(ctx)}，处于义务教育年龄：${ageRange}；但未入学，应“常态化精准开展控辍保学”，确保依法完成义务教育。`
    : inAge
      ? `${ageText(ctx)}，处于义务教育年龄，已有就学记录。`
      : `${ageText(ctx)}，不在义务教育年龄：${ageRange}。`;
  return { flagged, clause: '三(八)', reason };
}

/** 一(二): the child admitted to 低保 under "并适当提高对其救助水平" is due the raised level. */
export function raisedMinimumLivingLevel(ctx: RuleContext, admitted: boolean): Evaluation['minimumLivingRaisedLevel'] {
  const due = admitted && minimumLivingRaisedLevel(ctx);
  return {
    due,
    clause: '一(二)',
    reason: due
      ? '法定抚养人有抚养能力但家庭经济困难、符合最低生活保障条件，纳入保障范围，“并适当提高对其救助水平”：应按提高后的救助水平发放。'
      : '不属一(二)“法定抚养人有抚养能力但家庭经济困难、符合最低生活保障条件”而纳入低保的儿童，无提高救助水平的标记。',
  };
}

/** The school year (1 September to 31 August) holding `date`. */
export function schoolYearOf(date: string): { from: string; to: string } {
  const parts = parseIsoDate(date);
  if (parts === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const startYear = parts.month >= 9 ? parts.year : parts.year - 1;
  return {
    from: formatIsoDate({ year: startYear, month: 9, day: 1 }),
    to: formatIsoDate({ year: startYear + 1, month: 8, day: 31 }),
  };
}

export type MentalHealthCheckDue = {
  clause: '四(十二)';
  /** The school year holding asOf. */
  schoolYear: { from: string; to: string };
  /** Whether a check on file falls in that school year. */
  doneThisSchoolYear: boolean;
  /** The last day of the school year in which the next check is due: this one if not done yet, else the next. */
  dueBy: string;
  /** The first day the next check counts for (the start of that school year). */
  dueFrom: string;
  /** No check done in the school year before this one either (or none ever): behind. */
  overdue: boolean;
  reason: string;
};

/**
 * 四(十二) "组织学校每学年开展心理健康监测": one check in every school year (1 September to 31 August),
 * not twelve months after the last one (RULES.md round 2). `lastCheckedOn` is the latest check on or
 * before asOf (null: none on file).
 */
export function mentalHealthCheckDue(lastCheckedOn: string | null, asOf: string): MentalHealthCheckDue {
  const schoolYear = schoolYearOf(asOf);
  const done = lastCheckedOn !== null && lastCheckedOn >= schoolYear.from && lastCheckedOn <= asOf;
  const previous = schoolYearOf(formatIsoDate({ ...parseIsoDate(schoolYear.from)!, day: 31, month: 8 }));
  const next = schoolYearOf(formatIsoDate({ ...parseIsoDate(schoolYear.to)!, month: 9, day: 1 }));
  const overdue = !done && (lastCheckedOn === null || lastCheckedOn < previous.from);
  const span = `${schoolYear.from}至${schoolYear.to}`;
  const reason = done
    ? `本学年（${span}）已于 ${lastCheckedOn} 监测；下一次在下学年（${next.from}至${next.to}）内进行；学年按9月1日至次年8月31日${OUR_READING}。`
    : lastCheckedOn === null
      ? `尚无心理健康监测记录：本学年（${span}）内应监测并建立心理健康档案；学年按9月1日至次年8月31日${OUR_READING}。`
      : `上次监测为 ${lastCheckedOn}，本学年（${span}）尚未监测，应于 ${schoolYear.to} 前进行；学年按9月1日至次年8月31日${OUR_READING}。`;
  return {
    clause: '四(十二)',
    schoolYear,
    doneThisSchoolYear: done,
    dueBy: done ? next.to : schoolYear.to,
    dueFrom: done ? next.from : schoolYear.from,
    overdue,
    reason,
  };
}

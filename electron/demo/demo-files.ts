/**
 * Demo data for the mental-health file (四(十二)) and the autism pathway (二(七)): plausible, seeded,
 * relative to `today`. The loader (demo.ts) calls these with random streams of their own, so the rest
 * of the demo data set stays what it was.
 */
import type { DemoRecord } from './records';
import { addDays, addMonths, addYears, ageOn } from '../../shared/domain/dates';
import type { AutismStage } from '../../shared/domain/autism';
import type { RiskLevel } from '../../shared/domain/mental-health';

type Rand = () => number;
const between = (rand: Rand, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const earliest = (a: string, b: string) => (a < b ? a : b);

const HOSPITALS = ['上海市精神卫生中心', '上海市儿童医院心理科', '复旦大学附属儿科医院心理科', '上海交通大学医学院附属新华医院发育行为儿科'];

type DemoMentalHealthFile = {
  check: {
    checkedOn: string;
    instrument: string | null;
    scores: { name: string; value: number }[];
    riskLevel: RiskLevel;
    actions: string | null;
    referral: string | null;
    referralDate: string | null;
    note: string | null;
    closedAt: string | null;
    closeComment: string | null;
  };
  followUps: { followedOn: string; note: string }[];
};

/**
 * The yearly check the demo already dates (`base`), filled in: an instrument fit for the child's age
 * with scores that agree with the risk level; about one check in sixteen high risk, with actions, a
 * referral and follow-ups, some of them already closed; watch-level checks with a follow-up.
 */
export function demoMentalHealthFile(
  base: { checkedOn: string; riskLevel: RiskLevel },
  record: DemoRecord,
  today: string,
  nowIso: string,
  rand: Rand,
): DemoMentalHealthFile {
  const age = ageOn(record.child.birthDate, base.checkedOn);
  const riskLevel: RiskLevel = age >= 6 && rand() < 0.065 ? 'high' : base.riskLevel;
  let instrument: string | null = null;
  let scores: { name: string; value: number }[] = [];
  if (age >= 12) {
    instrument = 'PHQ-9';
    const total = riskLevel === 'high' ? between(rand, 15, 24) : riskLevel === 'watch' ? between(rand, 10, 14) : between(rand, 0, 8);
    scores = [{ name: '总分', value: total }];
  } else if (age >= 4) {
    instrument = 'SDQ';
    const total = riskLevel === 'high' ? between(rand, 20, 30) : riskLevel === 'watch' ? between(rand, 16, 19) : between(rand, 3, 14);
    scores = [
      { name: '困难总分', value: total },
      { name: '情绪症状', value: Math.min(10, Math.round(total / 3)) },
      { name: '亲社会行为', value: between(rand, riskLevel === 'none' ? 6 : 3, 10) },
    ];
  } else {
    instrument = 'OBSERVATION';
  }
  const followUps: { followedOn: string; note: string }[] = [];
  const check: DemoMentalHealthFile['check'] = {
    checkedOn: base.checkedOn,
    instrument,
    scores,
    riskLevel,
    actions: null,
    referral: null,
    referralDate: null,
    note: null,
    closedAt: null,
    closeComment: null,
  };
  if (riskLevel === 'watch') {
    check.actions = '班主任与生活老师加强观察，心理老师每月谈心一次';
    const on = addMonths(base.checkedOn, 1);
    if (on <= today) followUps.push({ followedOn: on, note: '情绪较前平稳，睡眠正常，继续观察' });
  }
  if (riskLevel === 'high') {
    check.actions = '心理咨询师个别辅导每周两次；生活老师夜间加强巡查；与学校沟通减轻学业压力';
    check.referral = HOSPITALS[between(rand, 0, HOSPITALS.length - 1)];
    check.referralDate = earliest(addDays(base.checkedOn, between(rand, 1, 7)), today);
    check.note = '自述近两个月情绪低落、失眠，与同伴交往减少';
    const notes = ['已陪同至医院就诊，遵医嘱随访', '个别辅导中能表达情绪，睡眠有所改善', '学校反馈课堂表现好转，继续辅导'];
    for (let i = 0; i < notes.length; i += 1) {
      const on = addDays(check.referralDate, 14 * (i + 1));
      if (on > today) break;
      followUps.push({ followedOn: on, note: notes[i] });
    }
    if (followUps.length >= 2 && rand() < 0.5) {
      const closedOn = addDays(followUps[followUps.length - 1].followedOn, 7);
      check.closedAt = closedOn < today ? `${closedOn}T02:00:00.000Z` : nowIso;
      check.closeComment = '经转介治疗和三次随访，情绪稳定，风险解除，转入常规年度监测';
    }
  }
  return { check, followUps };
}

type DemoAutismEvent = {
  stage: AutismStage;
  occurredOn: string;
  tool: string | null;
  result: string | null;
  confirmed: boolean | null;
  referral: string | null;
  note: string | null;
};

/**
 * The pathway of a child: the whole chain up to today for a child whose record carries an autism
 * diagnosis; a screening (and for some an assessment and a diagnosis that ruled autism out) for some
 * young children with an intellectual or speech disability; nothing for the rest.
 */
export function demoAutismPathway(record: DemoRecord, today: string, rand: Rand): DemoAutismEvent[] {
  const born = record.child.birthDate;
  const events: DemoAutismEvent[] = [];
  const push = (e: DemoAutismEvent) => {
    if (e.occurredOn >= born && e.occurredOn <= today) events.push(e);
  };
  const diagnosis = record.facts.find((f) => f.fact.kind === 'autismDiagnosis' && f.fact.value === true);
  if (diagnosis) {
    const d = diagnosis.effectiveDate;
    push({ stage: 'screening', occurredOn: addMonths(d, -4), tool: 'M-CHAT-R/F', result: '高风险（11分）', confirmed: null, referral: '上海市儿童医院', note: '保育员发现语言发育迟缓、少对视' });
    push({ stage: 'assessment', occurredOn: addMonths(d, -2), tool: 'CARS', result: '38分（中度）；ABC 72分', confirmed: null, referral: null, note: null });
    push({ stage: 'diagnosis', occurredOn: d, tool: 'DSM-5', result: '孤独症谱系障碍', confirmed: true, referral: null, note: '上海市儿童医院发育行为科诊断' });
    push({ stage: 'intervention', occurredOn: addMonths(d, 1), tool: 'ABA', result: '每周10小时个别化训练', confirmed: null, referral: '上海市残疾人康复中心', note: null });
    push({ stage: 'rehabilitation', occurredOn: addMonths(d, 6), tool: '言语训练', result: '纳入康复计划，言语与社交技能训练', confirmed: null, referral: null, note: null });
    if (ageOn(born, today) >= 12) {
      push({ stage: 'care', occurredOn: addYears(born, 12), tool: null, result: '生活照护与社区融合', confirmed: null, referral: null, note: '由生活老师和社工共同照护' });
    }
    return events;
  }
  const age = ageOn(born, today);
  const candidate = record.disabilities.some((x) => x.category === 'intellectual' || x.category === 'speech');
  if (!candidate || age < 2 || age > 12 || rand() > 0.5) return events;
  const screenedOn = earliest(addYears(born, 2 + between(rand, 0, 2)), addDays(today, -30));
  const positive = rand() < 0.6;
  push({
    stage: 'screening',
    occurredOn: screenedOn,
    tool: 'M-CHAT-R/F',
    result: positive ? `中风险（${between(rand, 3, 7)}分）` : `低风险（${between(rand, 0, 2)}分）`,
    confirmed: null,
    referral: positive ? '上海市儿童医院' : null,
    note: null,
  });
  if (!positive) return events;
  push({ stage: 'assessment', occurredOn: addMonths(screenedOn, 1), tool: 'CARS', result: `${between(rand, 26, 32)}分`, confirmed: null, referral: null, note: null });
  if (rand() < 0.6) {
    push({ stage: 'diagnosis', occurredOn: addMonths(screenedOn, 3), tool: 'ADOS-2', result: '未达孤独症诊断标准，考虑智力发育障碍', confirmed: false, referral: null, note: null });
  }
  return events;
}

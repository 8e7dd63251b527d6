/**
 * The demo children's records as plain data (identities, placements, guardianships, disabilities,
 * education, benefits, status facts, reintegration assessments), deterministic for a seed and a date.
 * Nothing here touches the database: `loadDemoData` (demo.ts) writes them.
 */
import type { StatusFact } from '../../shared/contract/record';
import { addDays, addMonths, addYears, ageOn } from '../../shared/domain/dates';
import { type DisabilityCategory, makeDisabilityCertificate } from '../../shared/domain/disability-certificate';
import { SHANGHAI_DISTRICTS, isCurrentShanghaiDistrict } from '../../shared/domain/districts';
import { makeIdNumber } from '../../shared/domain/id-number';
import type { BenefitCode, DisabilityGrade, EducationStage, Placement } from '../../shared/domain/rules-types';
import { pick, seededRandom } from './random';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '子涵梓轩浩宇欣怡一诺雨桐思远佳琪晨曦俊杰梦瑶天佑心怡嘉怡明轩雅婷宇航诗涵博文语嫣皓然可馨若曦泽宇安琪'.split('');

type DemoChild = { name: string; sex: 'male' | 'female'; birthDate: string; idNumber: string | null; admissionDate: string };

/** The identities of `count` demo children, deterministic for a seed and a reference date. */
export function demoChildren(count: number, today: string, seed = 20260101): DemoChild[] {
  const rand = seededRandom(seed);
  const out: DemoChild[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    const sex = rand() < 0.52 ? 'male' : 'female';
    const ageMonths = Math.floor(rand() * 19 * 12) + 1;
    // Spread over the days of the month by the child's place in the list (the random stream stays as it was).
    const birthDate = addDays(addMonths(today, -ageMonths), -((i * 17 + 5) % 28));
    const givenLength = rand() < 0.7 ? 2 : 1;
    let name = pick(rand, SURNAMES);
    for (let g = 0; g < givenLength; g += 1) name += pick(rand, GIVEN);
    const abandonedInfant = rand() < 0.12;
    let idNumber: string | null = null;
    if (!abandonedInfant) {
      const district = pick(rand, SHANGHAI_DISTRICTS).code;
      let seq = Math.floor(rand() * 998);
      do {
        idNumber = makeIdNumber(district, birthDate, seq, sex);
        seq = (seq + 2) % 998;
      } while (seen.has(idNumber));
      seen.add(idNumber);
    }
    const admissionDate = addDays(addMonths(birthDate, Math.floor(rand() * Math.max(1, ageMonths))), (i * 11 + 3) % 28);
    out.push({ name, sex, birthDate, idNumber, admissionDate: admissionDate > today ? today : admissionDate });
  }
  return out;
}

// ——— the records ———

/** Where a demo child comes from: it decides the status facts, guardianship and placement. */
type Origin = 'abandoned' | 'orphan' | 'courtAppointed' | 'guardianshipMissing';

/** The situations pinned to the first demo children, so the worklist and eligibility pages have something to show. */
export const DEMO_SCENARIOS = [
  /** An orphan in senior vocational school who turns 18 in five months. */
  'turning18Soon',
  /** 18, finished vocational school two months ago, no assessment yet: assessment due. */
  'finishedNoAssessment',
  /** 19, assessed not capable, vocational rehabilitation completed: second assessment due. */
  'secondAssessmentDue',
  /** 18, court-appointed institution guardian, assessed capable: resettlement. */
  'resettle',
  /** 12, guardianship missing, living with a grandmother on 低保: receives the allowance and 低保金 (may not stack). */
  'nonStacking',
  /** 10, orphan with a grade 2 intellectual disability and autism: allowance, nursing subsidy, rehabilitation aid. */
  'severeDisability',
  /** 18, full-time in higher vocational college within the standard duration: the allowance continues. */
  'studyingAdult',
  /** 17, in senior general school. */
  'seniorGeneral17',
] as const;
export type DemoScenario = (typeof DEMO_SCENARIOS)[number];

type Interval = { from: string; to: string | null };

export type DemoRecord = {
  scenario: DemoScenario | null;
  child: DemoChild & {
    hukouKind: 'shanghai' | 'other';
    hukouDistrictCode: string | null;
    nationality: string;
    ethnicity: string;
    admissionSource: 'police' | 'civilAffairs' | 'court' | 'family';
    referringBody: string;
  };
  facts: { fact: StatusFact; effectiveDate: string; validUntil: string | null; evidence: string }[];
  placements: (Interval & { kind: Placement; place: string })[];
  guardianships: (Interval & {
    guardianKind: 'parent' | 'relative' | 'civilAffairs' | 'municipalInstitution';
    guardianName: string;
    basis: string;
    courtAppointed: boolean;
    adequacy: 'adequate' | 'missing' | 'improper';
  })[];
  disabilities: { certificateNumber: string | null; category: DisabilityCategory; grade: DisabilityGrade; issuedOn: string; validUntil: string; from: string }[];
  education: {
    stage: Exclude<EducationStage, 'none' | 'finished'>;
    school: string;
    fullTime: boolean;
    enrolmentDate: string;
    standardDurationYears: number;
    expectedCompletion: string;
    actualCompletion: string | null;
    outcome: 'graduated' | null;
  }[];
  benefits: (Interval & { code: BenefitCode; monthlyAmountFen: number | null })[];
  assessments: { assessedOn: string; round: 1 | 2; result: 'capable' | 'notCapable'; panel: string }[];
  vocationalRehab: { from: string; completedOn: string | null; provider: string }[];
  insurance: { year: number; enrolled: boolean; premiumSubsidised: boolean }[];
};

const INSTITUTION = '上海市儿童福利院';
const CIVIL_AFFAIRS = '上海市民政局';
const STATUTORY_BASIS = '《民法典》第三十二条：没有依法具有监护资格的人的，监护人由民政部门担任';
const SCHOOLS: Record<Exclude<EducationStage, 'none' | 'finished'>, readonly string[]> = {
  preschool: ['福利院附设幼儿园', '虹桥路幼儿园', '阳光幼儿园'],
  compulsory: ['长宁区辅读学校', '普陀区启智学校', '华东师范大学附属小学', '曹杨二中附属学校', '阳光特殊教育学校'],
  seniorGeneral: ['上海市曹杨中学', '上海市延安中学', '上海市复兴高级中学'],
  seniorVocational: ['上海市工业技术学校', '上海市商业学校', '上海市材料工程学校', '上海市医药学校'],
  undergraduate: ['上海师范大学', '上海理工大学'],
  higherVocational: ['上海电子信息职业技术学院', '上海城建职业学院', '上海医药高等专科学校'],
};
/** Demo monthly amounts in fen: illustrative only, not the published standards. */
const AMOUNT_FEN: Partial<Record<BenefitCode, number>> = {
  basicLivingAllowance: 252_000,
  minimumLivingAllowance: 151_000,
  severeDisabilityNursingSubsidy: 30_000,
};
const CATEGORY_WEIGHTS: [DisabilityCategory, number][] = [
  ['intellectual', 0.3],
  ['physical', 0.25],
  ['multiple', 0.15],
  ['hearing', 0.1],
  ['visual', 0.08],
  ['speech', 0.06],
  ['mental', 0.06],
];

function weighted<T>(rand: () => number, items: [T, number][]): T {
  let r = rand();
  for (const [item, w] of items) {
    if (r < w) return item;
    r -= w;
  }
  return items[items.length - 1][0];
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/** The September a child born on `birthDate` starts primary school (6 周岁 by 31 August). */
function primaryYear(birthDate: string): number {
  const [y, m] = birthDate.split('-').map(Number);
  return y + 6 + (m >= 9 ? 1 : 0);
}

/** Builds one child's record from its identity: deterministic for the child's own seed. */
function buildRecord(base: DemoChild, today: string, rand: () => number, scenario: DemoScenario | null): DemoRecord {
  const child = { ...base };
  const age = ageOn(child.birthDate, today);
  const origin: Origin =
    scenario === 'nonStacking'
      ? 'guardianshipMissing'
      : scenario === 'resettle'
        ? 'courtAppointed'
        : scenario === 'finishedNoAssessment' || scenario === 'seniorGeneral17' || child.idNumber === null
          ? 'abandoned'
          : scenario !== null
            ? 'orphan'
            : weighted<Origin>(rand, [
                ['abandoned', 0.4],
                ['orphan', 0.3],
                ['courtAppointed', 0.15],
                ['guardianshipMissing', 0.15],
              ]);
  const admitted = child.admissionDate;
  const idDistrict = child.idNumber?.slice(0, 6) ?? null;
  const record: DemoRecord = {
    scenario,
    child: {
      ...child,
      hukouKind: 'shanghai',
      hukouDistrictCode: idDistrict !== null && isCurrentShanghaiDistrict(idDistrict) ? idDistrict : null,
      nationality: '中国',
      ethnicity: rand() < 0.93 ? '汉族' : pick(rand, ['回族', '满族', '蒙古族', '土家族']),
      admissionSource: origin === 'abandoned' ? 'police' : origin === 'courtAppointed' ? 'court' : origin === 'guardianshipMissing' ? 'family' : 'civilAffairs',
      referringBody: origin === 'abandoned' ? `${pick(rand, SHANGHAI_DISTRICTS).zh}公安分局` : `${pick(rand, SHANGHAI_DISTRICTS).zh}民政局`,
    },
    facts: [],
    placements: [],
    guardianships: [],
    disabilities: [],
    education: [],
    benefits: [],
    assessments: [],
    vocationalRehab: [],
    insurance: [],
  };
  const fact = (f: StatusFact, effectiveDate: string, evidence: string, validUntil: string | null = null) =>
    record.facts.push({ fact: f, effectiveDate, validUntil, evidence });

  // Status facts, guardianship and placement by origin.
  let placement: Placement = 'municipalInstitution';
  switch (origin) {
    case 'abandoned':
      fact({ kind: 'parentsStatus', value: { father: 'notFound', mother: 'notFound' } }, admitted, '公安机关查找生父母未果');
      fact({ kind: 'policeAbandonmentConfirmation', value: true }, admitted, '公安机关出具的捡拾弃婴（儿）报案证明');
      fact({ kind: 'legalSupporterAbility', value: false }, admitted, '生父母查找不到，无法定抚养人');
      record.guardianships.push({ guardianKind: 'civilAffairs', guardianName: CIVIL_AFFAIRS, basis: STATUTORY_BASIS, courtAppointed: false, adequacy: 'adequate', from: admitted, to: null });
      break;
    case 'orphan': {
      const deceased = rand() < 0.8 ? 'deceased' : 'declaredDead';
      fact({ kind: 'parentsStatus', value: { father: 'deceased', mother: deceased } }, admitted, deceased === 'deceased' ? '父母死亡证明' : '父亲死亡证明；法院宣告母亲死亡判决书');
      fact({ kind: 'legalSupporterAbility', value: false }, admitted, '父母双亡，其他近亲属无抚养能力');
      if (scenario === null && rand() < 0.25) {
        placement = 'kinship';
        record.guardianships.push({ guardianKind: 'relative', guardianName: pick(rand, ['祖父', '祖母', '外祖母', '舅舅', '姑姑']), basis: '《民法典》第二十七条', courtAppointed: false, adequacy: 'adequate', from: admitted, to: null });
      } else {
        record.guardianships.push({ guardianKind: 'civilAffairs', guardianName: CIVIL_AFFAIRS, basis: STATUTORY_BASIS, courtAppointed: false, adequacy: 'adequate', from: admitted, to: null });
      }
      break;
    }
    case 'courtAppointed': {
      fact({ kind: 'parentsStatus', value: { father: 'imprisoned', mother: 'declaredMissing' } }, admitted, '监狱出具的服刑证明；法院宣告失踪判决书');
      fact({ kind: 'legalSupporterAbility', value: false }, admitted, '父亲服刑、母亲失踪，无其他有抚养能力的法定抚养人');
      const appointed = earlier(addMonths(admitted, 6), today);
      const kind = scenario === 'resettle' || rand() < 0.5 ? 'municipalInstitution' : 'civilAffairs';
      const year = appointed.slice(0, 4);
      if (appointed > admitted) {
        record.guardianships.push({ guardianKind: 'civilAffairs', guardianName: CIVIL_AFFAIRS, basis: '临时监护（《未成年人保护法》第九十二条）', courtAppointed: false, adequacy: 'adequate', from: admitted, to: addDays(appointed, -1) });
      }
      record.guardianships.push({
        guardianKind: kind,
        guardianName: kind === 'civilAffairs' ? CIVIL_AFFAIRS : INSTITUTION,
        basis: `(${year})沪0${100 + Math.floor(rand() * 20)}民特${1 + Math.floor(rand() * 300)}号民事判决书`,
        courtAppointed: true,
        adequacy: 'adequate',
        from: appointed,
        to: null,
      });
      fact({ kind: 'courtAppointment', value: kind }, appointed, '人民法院指定监护人的民事判决书');
      break;
    }
    case 'guardianshipMissing':
      fact({ kind: 'parentsStatus', value: { father: 'imprisoned', mother: 'declaredMissing' } }, admitted, '监狱出具的服刑证明；法院宣告失踪判决书');
      fact({ kind: 'guardianship', value: 'missing' }, admitted, '街道（乡镇）认定为监护缺失（事实无人抚养）');
      fact({ kind: 'legalSupporterAbility', value: false }, admitted, '父亲服刑、母亲失踪，无其他有抚养能力的法定抚养人');
      placement = scenario === 'nonStacking' || rand() < 0.6 ? 'kinship' : 'municipalInstitution';
      if (scenario === 'nonStacking' || rand() < 0.5) {
        const since = addMonths(today, -20) > admitted ? addMonths(today, -20) : admitted;
        fact({ kind: 'familyIncome', value: { minimumLivingSecurity: true, lowIncomeEdge: false, extremePoverty: false, economicHardship: true } }, since, '祖母家庭低保证', addYears(since, 2));
      }
      break;
  }

  // Placement history: some institutional children moved to foster families.
  if (placement === 'municipalInstitution' && scenario === null && age >= 3 && rand() < 0.2) {
    const fosterFrom = earlier(addMonths(admitted, 6 + Math.floor(rand() * 24)), today);
    if (fosterFrom > admitted) {
      record.placements.push({ kind: 'municipalInstitution', from: admitted, to: addDays(fosterFrom, -1), place: INSTITUTION });
      record.placements.push({ kind: 'foster', from: fosterFrom, to: null, place: `${pick(rand, SURNAMES)}家（家庭寄养）` });
      placement = 'foster';
    }
  }
  if (record.placements.length === 0) {
    record.placements.push({ kind: placement, from: admitted, to: null, place: placement === 'kinship' ? pick(rand, ['祖母家', '外祖父母家', '舅舅家']) : INSTITUTION });
  }

  // Education along the Shanghai calendar: preschool at 3, primary at 6, senior secondary after nine years.
  const primary = primaryYear(child.birthDate);
  const addStage = (stage: DemoRecord['education'][number]['stage'], startYear: number, years: number, fullTime = true) => {
    const enrolmentDate = `${startYear}-09-01`;
    if (enrolmentDate > today || enrolmentDate < child.birthDate) return false;
    const expectedCompletion = `${startYear + years}-06-30`;
    const done = expectedCompletion <= today;
    record.education.push({
      stage,
      school: pick(rand, SCHOOLS[stage]),
      fullTime,
      enrolmentDate,
      standardDurationYears: years,
      expectedCompletion,
      actualCompletion: done ? expectedCompletion : null,
      outcome: done ? 'graduated' : null,
    });
    return true;
  };
  const severeIntellectual = scenario === null && rand() < 0.05;
  addStage('preschool', primary - 3, 3);
  addStage('compulsory', primary, 9);
  const senior: 'seniorGeneral' | 'seniorVocational' | null =
    scenario !== null || severeIntellectual ? null : weighted(rand, [['seniorVocational', 0.6], ['seniorGeneral', 0.25], [null, 0.15]]);
  if (senior !== null && addStage(senior, primary + 9, 3) && rand() < 0.3) addStage('higherVocational', primary + 12, 3);

  // The pinned scenarios set their current enrolment relative to today, whatever the calendar says.
  const pinEnrolment = (stage: DemoRecord['education'][number]['stage'], enrolmentDate: string, finishedOn: string | null) => {
    record.education = record.education.filter((e) => e.enrolmentDate < enrolmentDate);
    for (const e of record.education) {
      if (e.actualCompletion === null || e.actualCompletion >= enrolmentDate) {
        e.actualCompletion = later(e.enrolmentDate, addDays(enrolmentDate, -60));
        e.outcome = 'graduated';
      }
    }
    record.education.push({
      stage,
      school: pick(rand, SCHOOLS[stage]),
      fullTime: true,
      enrolmentDate,
      standardDurationYears: 3,
      expectedCompletion: addDays(addYears(enrolmentDate, 3), -1),
      actualCompletion: finishedOn,
      outcome: finishedOn === null ? null : 'graduated',
    });
  };
  switch (scenario) {
    case 'turning18Soon':
      pinEnrolment('seniorVocational', addMonths(today, -14), null);
      break;
    case 'finishedNoAssessment':
      pinEnrolment('seniorVocational', addMonths(today, -38), addMonths(today, -2));
      break;
    case 'secondAssessmentDue':
      pinEnrolment('seniorVocational', addMonths(today, -47), addMonths(today, -11));
      record.assessments.push({ assessedOn: addMonths(today, -8), round: 1, result: 'notCapable', panel: '市民政局、福利院、社工、心理咨询师' });
      record.vocationalRehab.push({ from: addMonths(today, -7), completedOn: addMonths(today, -1), provider: '上海市阳光职业康复中心' });
      break;
    case 'resettle':
      pinEnrolment('seniorVocational', addMonths(today, -39), addMonths(today, -3));
      record.assessments.push({ assessedOn: addMonths(today, -1), round: 1, result: 'capable', panel: '市民政局、福利院、接收区民政局、社工' });
      break;
    case 'studyingAdult':
      pinEnrolment('higherVocational', addMonths(today, -3), null);
      break;
    case 'seniorGeneral17':
      pinEnrolment('seniorGeneral', addMonths(today, -15), null);
      break;
    default:
      break;
  }

  // Random adults: some finished school and were assessed.
  const lastStudy = record.education[record.education.length - 1];
  const studiesEnded = lastStudy !== undefined && lastStudy.actualCompletion !== null && !record.education.some((e) => e.actualCompletion === null);
  const eighteenth = addYears(child.birthDate, 18);
  if (scenario === null && age >= 18 && studiesEnded && placement === 'municipalInstitution' && rand() < 0.4) {
    const on = later(later(eighteenth, lastStudy.actualCompletion!), addMonths(today, -4));
    if (on <= today) {
      const capable = rand() < 0.6;
      record.assessments.push({ assessedOn: on, round: 1, result: capable ? 'capable' : 'notCapable', panel: '市民政局、福利院、社工' });
      if (!capable && rand() < 0.5) record.vocationalRehab.push({ from: earlier(addDays(on, 14), today), completedOn: null, provider: '上海市阳光职业康复中心' });
    }
  }

  // Disability: pinned for one scenario, frequent among the rest (as in a welfare institution).
  if (scenario === 'severeDisability' || (scenario === null && (severeIntellectual || rand() < 0.35))) {
    const category: DisabilityCategory = scenario === 'severeDisability' || severeIntellectual ? 'intellectual' : weighted(rand, CATEGORY_WEIGHTS);
    const grade = (scenario === 'severeDisability' ? 2 : severeIntellectual ? 1 : 1 + Math.floor(rand() * 4)) as DisabilityGrade;
    const issuedOn = later(later(admitted, addYears(child.birthDate, 1)), addMonths(today, -Math.floor(rand() * 36)));
    if (issuedOn <= today) {
      record.disabilities.push({
        certificateNumber: child.idNumber === null ? null : makeDisabilityCertificate(child.idNumber, category, grade),
        category,
        grade,
        issuedOn,
        validUntil: addDays(addYears(issuedOn, 5), -1),
        from: issuedOn,
      });
    }
  }
  if (scenario === 'severeDisability') {
    fact({ kind: 'autismDiagnosis', value: true }, later(admitted, addYears(child.birthDate, 3)), '上海市儿童医院孤独症谱系障碍诊断证明');
  }
  if (scenario === null && rand() < 0.04) fact({ kind: 'seriousIllness', value: true }, later(admitted, addMonths(today, -10)), '三级医院重病诊断证明');

  // Benefits received. The special children's allowance runs from admission to the day before the 18th
  // birthday, or on to the end of study when the young person stays in school.
  const studyingNow = record.education.some((e) => e.actualCompletion === null);
  let allowanceTo: string | null = null;
  if (age >= 18) {
    if (!studyingNow) allowanceTo = studiesEnded && lastStudy.actualCompletion! > eighteenth ? lastStudy.actualCompletion! : addDays(eighteenth, -1);
  }
  const receive = (code: BenefitCode, from: string, to: string | null = null) =>
    record.benefits.push({ code, from, to: to !== null && to < from ? from : to, monthlyAmountFen: AMOUNT_FEN[code] ?? null });
  receive('basicLivingAllowance', admitted, allowanceTo);
  // 二(六)'s full premium subsidy is for children living scattered (with relatives or family: orphans,
  // guardianship missing/improper); children raised in an institution or in its foster families are
  // insured through the institution (二(五)), so it is not recorded for them.
  const placedNow = record.placements.at(-1)?.kind;
  if (placedNow === 'kinship' || placedNow === 'family') receive('medicalInsurancePremium', admitted);
  if (scenario === 'nonStacking') receive('minimumLivingAllowance', addMonths(today, -20) > admitted ? addMonths(today, -20) : admitted);
  const disability = record.disabilities[0];
  if (disability) {
    if (disability.grade <= 2) receive('severeDisabilityNursingSubsidy', disability.from);
    if (age < 18 || ageOn(child.birthDate, disability.from) < 18) receive('rehabilitationAid', disability.from, age >= 18 ? addDays(eighteenth, -1) : null);
  }
  const schooling = record.education.find((e) => e.actualCompletion === null && e.stage !== 'preschool');
  if (schooling) receive('educationAid', schooling.enrolmentDate);

  // Medical insurance: last year and this year, premiums paid by the government.
  const year = Number(today.slice(0, 4));
  for (const y of [year - 1, year]) {
    if (`${y}-12-31` >= admitted) record.insurance.push({ year: y, enrolled: true, premiumSubsidised: true });
  }
  return record;
}

/** The birth date each pinned scenario needs on `today`. */
function scenarioBirthDate(scenario: DemoScenario, today: string): string {
  const months: Record<DemoScenario, number> = {
    turning18Soon: 18 * 12 - 5,
    finishedNoAssessment: 18 * 12 + 4,
    secondAssessmentDue: 19 * 12 + 2,
    resettle: 18 * 12 + 9,
    nonStacking: 12 * 12 + 3,
    severeDisability: 10 * 12 + 1,
    studyingAdult: 18 * 12 + 6,
    seniorGeneral17: 17 * 12 + 2,
  };
  return addMonths(today, -months[scenario]);
}

/**
 * The demo data set: `count` children with full records, deterministic for the seed and relative to
 * `today`. The first children carry the pinned DEMO_SCENARIOS (as many as `count` allows).
 */
export function demoRecords(count: number, today: string, seed = 20260101): DemoRecord[] {
  const identities = demoChildren(count, today, seed);
  const seen = new Set(identities.map((c) => c.idNumber).filter((v): v is string => v !== null));
  return identities.map((identity, i) => {
    const scenario = i < DEMO_SCENARIOS.length ? DEMO_SCENARIOS[i] : null;
    let child = identity;
    if (scenario !== null) {
      const birthDate = scenarioBirthDate(scenario, today);
      let idNumber: string | null = null;
      if (scenario !== 'finishedNoAssessment' && scenario !== 'seniorGeneral17') {
        let seq = 100 + i * 7;
        const district = SHANGHAI_DISTRICTS[i % SHANGHAI_DISTRICTS.length].code;
        do {
          idNumber = makeIdNumber(district, birthDate, seq, identity.sex);
          seq += 2;
        } while (seen.has(idNumber));
        seen.add(idNumber);
      }
      const admissionDate = earlier(addMonths(birthDate, scenario === 'nonStacking' ? 60 : 3), today);
      child = { ...identity, birthDate, idNumber, admissionDate };
    }
    return buildRecord(child, today, seededRandom((seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0), scenario);
  });
}

/**
 * Inversion evidence (STYLE.md: "Every rule has a case that would catch its inversion"): each entry
 * below changes one reading in a copy of the rule tables — the seam `createEvaluator(tables)` — and runs
 * the tests/rules suite through the runner's library API. The inverted rules must fail at least one case;
 * the test prints which, for the note. Production `evaluate` and RULE_TABLES are untouched.
 */
import { describe, expect, it } from 'vitest';
import { createEvaluator, RULE_TABLES } from '../../../electron/rules/index';
import type { RuleTables } from '../../../electron/rules/index';
import { runCaseFiles } from '../../../scripts/rules-runner/run';
import type { CaseResult } from '../../../scripts/rules-runner/run';
import type { BenefitCode } from '../../../shared/domain/rules-types';
import { CASES_DIR, REPO_ROOT } from './support';

type Inversion = {
  name: string;
  /** The reading it breaks, quoted from the policy or RULES.md. */
  reading: string;
  invert: (tables: RuleTables) => void;
};

function dropPair(tables: RuleTables, partner: BenefitCode): void {
  tables.nonStacking = tables.nonStacking.filter((rule) => rule.codes[1] !== partner);
}

function setPair(tables: RuleTables, partner: BenefitCode, change: Partial<RuleTables['nonStacking'][number]>): void {
  tables.nonStacking = tables.nonStacking.map((rule) => (rule.codes[1] === partner ? { ...rule, ...change } : rule));
}

const INVERSIONS: readonly Inversion[] = [
  {
    name: '重残/重度残疾 read as grades 1–3 instead of 1–2',
    reading: '最低生活保障边缘家庭中的重病、重残儿童…; 重度残疾人护理补贴 (RULES.md: grade 1–2)',
    invert: (t) => {
      t.severeDisabilityGrades = [1, 2, 3];
    },
  },
  {
    name: '重残/重度残疾 read as grade 1 only',
    reading: '重残 / 重度残疾 (RULES.md: grade 1–2)',
    invert: (t) => {
      t.severeDisabilityGrades = [1];
    },
  },
  {
    name: '年满18周岁 reached the day after the birthday (age >= 18 becomes > 18 on the day)',
    reading: '年满18周岁 — RULES.md: the day of the 18th birthday is the boundary',
    invert: (t) => {
      t.ageCounting = { ...t.ageCounting, newAgeOn: 'dayAfterBirthday' };
    },
  },
  {
    name: 'non-stacking pair 基本生活费 / 最低生活保障金 dropped',
    reading: '特殊儿童基本生活费与最低生活保障金…不叠加享受',
    invert: (t) => dropPair(t, 'minimumLivingAllowance'),
  },
  {
    name: 'policy in force until 2030-12-30 (last day dropped)',
    reading: '有效期至2030年12月31日',
    invert: (t) => {
      t.policyTerm = { ...t.policyTerm, to: '2030-12-30' };
    },
  },
  {
    name: 'policy in force until 2031-01-01 (one day too long)',
    reading: '有效期至2030年12月31日',
    invert: (t) => {
      t.policyTerm = { ...t.policyTerm, to: '2031-01-01' };
    },
  },
  {
    name: 'policy in force from 2026-01-02 (first day dropped)',
    reading: '本意见自2026年1月1日起施行',
    invert: (t) => {
      t.policyTerm = { ...t.policyTerm, from: '2026-01-02' };
    },
  },
  {
    name: 'policy in force from 2025-12-31 (one day early)',
    reading: '本意见自2026年1月1日起施行',
    invert: (t) => {
      t.policyTerm = { ...t.policyTerm, from: '2025-12-31' };
    },
  },
  {
    name: '29 February birthday turns over on 1 March in a common year',
    reading: '年满18周岁; 民法典 第二百零二条: 没有对应日的,月末日为期间的最后一日 (RULES.md round 2)',
    invert: (t) => {
      t.ageCounting = { ...t.ageCounting, leapDayAnniversary: 'mar1' };
    },
  },
  {
    name: 'adult age 17 instead of 18',
    reading: '年满18周岁',
    invert: (t) => {
      t.adultAge = 17;
    },
  },
  {
    name: 'adult age 19 instead of 18',
    reading: '年满18周岁',
    invert: (t) => {
      t.adultAge = 19;
    },
  },
  {
    name: 'non-stacking pair 基本生活费 / 困难残疾人生活补贴 dropped',
    reading: '特殊儿童基本生活费与…困难残疾人生活补贴…不叠加享受',
    invert: (t) => dropPair(t, 'disabledLivingSubsidy'),
  },
  {
    name: 'non-stacking pair 基本生活费 / 重残无业人员生活补助 dropped',
    reading: '特殊儿童基本生活费与…重残无业人员生活补助不叠加享受',
    invert: (t) => dropPair(t, 'severeDisabilityUnemployedSubsidy'),
  },
  {
    name: 'choosing the allowance no longer ends 特困 support',
    reading: '选择申请社会散居孤儿、监护缺失或监护不当儿童基本生活保障的,不再享受特困人员供养政策',
    invert: (t) => dropPair(t, 'extremePovertySupport'),
  },
  {
    name: 'the 特困 exclusion applied to every special child, not only the ones the sentence names',
    reading: '选择申请社会散居孤儿、监护缺失或监护不当儿童基本生活保障的…',
    invert: (t) => setPair(t, 'extremePovertySupport', { scope: 'always' }),
  },
  {
    name: 'the 特困 exclusion read both ways (receiving 特困 excludes the allowance)',
    reading: '选择申请…基本生活保障的,不再享受特困人员供养政策 (one way)',
    invert: (t) => setPair(t, 'extremePovertySupport', { excludesBothWays: true }),
  },
  {
    name: '不叠加享受 read one way only for 低保金',
    reading: '…与最低生活保障金…不叠加享受 (both ways)',
    invert: (t) => setPair(t, 'minimumLivingAllowance', { excludesBothWays: false }),
  },
  {
    name: 'after 18, compulsory education also needs full-time study within the standard duration',
    reading: '年满18周岁仍在义务教育阶段就读…可继续享受基本生活费',
    invert: (t) => {
      t.allowanceAfterAdultAge = { ...t.allowanceAfterAdultAge, compulsory: 'continuesIfFullTimeWithinDuration' };
    },
  },
  {
    name: 'after 18, general senior high continues without the full-time / duration test',
    reading: '在学制规定年限内仍在全日制高中阶段(普通高中教育…)',
    invert: (t) => {
      t.allowanceAfterAdultAge = { ...t.allowanceAfterAdultAge, seniorGeneral: 'continues' };
    },
  },
  {
    name: 'after 18, undergraduate study stops the allowance',
    reading: '…和全日制大学阶段(本科、高等职业教育)就读的,可继续享受基本生活费',
    invert: (t) => {
      t.allowanceAfterAdultAge = { ...t.allowanceAfterAdultAge, undergraduate: 'stops' };
    },
  },
  {
    name: 'foster care counted as 社会散居',
    reading: 'RULES.md: kinship and family = 社会散居; foster = 家庭寄养 arranged by an institution',
    invert: (t) => {
      t.scatteredPlacements = [...t.scatteredPlacements, 'foster'];
    },
  },
  {
    name: 'family care not counted as 社会散居',
    reading: 'RULES.md: kinship and family = 社会散居',
    invert: (t) => {
      t.scatteredPlacements = ['kinship'];
    },
  },
  {
    name: 'disabled children’s education aid extended to undergraduate study',
    reading: '对符合条件的残疾儿童实施从学前到高中阶段的学生资助',
    invert: (t) => {
      t.disabledEducationAidStages = [...t.disabledEducationAidStages, 'undergraduate'];
    },
  },
  {
    name: 'disabled children’s education aid starting at compulsory education (preschool dropped)',
    reading: '从学前到高中阶段',
    invert: (t) => {
      t.disabledEducationAidStages = t.disabledEducationAidStages.filter((s) => s !== 'preschool');
    },
  },
  {
    name: 'national grant extended to higher vocational study',
    reading: '符合条件的普通高中、中等职业学校在读困境儿童,按照规定发放国家助学金、免除学费',
    invert: (t) => {
      t.seniorSecondaryStages = [...t.seniorSecondaryStages, 'higherVocational'];
    },
  },
  {
    name: 'medical aid ratio 60% instead of no less than 70%',
    reading: '对符合规定的医疗费用按照不低于70%的比例进行救助',
    invert: (t) => {
      t.medicalMinAidRatio = 0.6;
    },
  },
  {
    name: 'rehabilitation aid until 19',
    reading: '残疾儿童 (RULES.md: under 18)',
    invert: (t) => {
      t.rehabilitationAgeLimit = 19;
    },
  },
  {
    name: 'reintegration extended to district institutions',
    reading: '对由市级儿童福利机构集中养育的孤儿…',
    invert: (t) => {
      t.reintegrationPlacements = [...t.reintegrationPlacements, 'districtInstitution'];
    },
  },
  {
    name: 'resettlement without the street/township long-term care task',
    reading: '…并指导督促安置对象所在街道(乡镇)落实长期关爱措施',
    invert: (t) => {
      t.resettlementTasks = t.resettlementTasks.filter((task) => task !== 'longTermCare');
    },
  },
  {
    name: 'university students counted as having finished their studies',
    reading: '年满18周岁且已完成学业',
    invert: (t) => {
      t.studyingStages = t.studyingStages.filter((s) => s !== 'undergraduate');
    },
  },
];

async function runSuite(tables: RuleTables): Promise<{ failing: CaseResult[]; total: number; closing: string }> {
  const evaluate = createEvaluator(tables);
  const summary = await runCaseFiles([CASES_DIR], evaluate, REPO_ROOT);
  return { failing: summary.results.filter((r) => !r.passed), total: summary.results.length, closing: summary.lines.at(-1) ?? '' };
}

describe('inversions of the rule tables are caught by tests/rules', () => {
  it('the policy tables themselves pass every case (the baseline)', async () => {
    const { failing, total } = await runSuite(RULE_TABLES);
    expect(failing.map((r) => `${r.file} › ${r.name}`)).toEqual([]);
    expect(total).toBeGreaterThan(190);
  });

  it('the seam does not change the production tables', () => {
    expect(Object.isFrozen(RULE_TABLES)).toBe(true);
    expect(Object.isFrozen(RULE_TABLES.severeDisabilityGrades)).toBe(true);
    const copy = structuredClone(RULE_TABLES) as RuleTables;
    copy.severeDisabilityGrades = [1];
    expect(RULE_TABLES.severeDisabilityGrades).toEqual([1, 2]);
  });

  for (const inversion of INVERSIONS) {
    it(`caught: ${inversion.name}`, async () => {
      const tables = structuredClone(RULE_TABLES) as RuleTables;
      inversion.invert(tables);
      const { failing, closing } = await runSuite(tables);
      console.log(
        [`inversion: ${inversion.name}  [${inversion.reading}]  → ${closing}`, ...failing.map((r) => `  FAIL ${r.file} › ${r.name}`)].join('\n'),
      );
      expect(failing.length, `no case in tests/rules catches: ${inversion.name}`).toBeGreaterThan(0);
    });
  }
});

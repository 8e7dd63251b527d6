/**
 * Rules benchmark: `evaluate` over 10,000 deterministic, varied children (a seeded PRNG), median of 5
 * timed runs after one warm-up. Figures only, never pass/fail. `npm run bench -- rules` runs it through
 * tests/bench/bench.ts; `tsx tests/bench/rules-bench.ts` runs it alone and prints the figures.
 */
import { pathToFileURL } from 'node:url';
import { evaluate } from '../../electron/rules/index';
import {
  BENEFIT_CODES,
  COURT_APPOINTED_GUARDIANS,
  DISABILITY_CATEGORIES,
  EDUCATION_STAGES,
  GUARDIANSHIP_VALUES,
  HUKOU_VALUES,
  PLACEMENTS,
} from '../../shared/domain/rules-types';
import type { BenefitCode, ChildFacts } from '../../shared/domain/rules-types';
import { seededRandom } from '../../electron/demo/random';

export type Figure = { name: string; value: number; unit: string };

const CHILDREN = 10_000;
const RUNS = 5;
const SEED = 0x7f4a7c15;

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The generated facts made consistent (RULES.md round 2: contradictory facts are invalid), with the
 * random draws unchanged: 低保 wins over 低保边缘, 特困 over an able supporter, no full-time study without
 * a school, no court appointment beside missing guardianship, assessments between birth and asOf and a
 * round 2 only after a round-1 "not capable" and completed vocational rehabilitation.
 */
function consistent(facts: ChildFacts, asOf: string): ChildFacts {
  const family = { ...facts.family };
  if (family.minimumLivingSecurity) family.lowIncomeEdge = false;
  if (family.extremePoverty) family.legalSupporterAble = false;
  const noSchool = facts.education.stage === 'none' || facts.education.stage === 'finished';
  const education = noSchool ? { ...facts.education, fullTime: false, withinStandardDuration: false } : facts.education;
  const guardianship = facts.courtAppointedGuardian !== 'none' && facts.guardianship === 'missing' ? 'adequate' : facts.guardianship;
  const { vocationalRehabCompleted } = facts.reintegration;
  const first = facts.reintegration.assessments.find((a) => a.round === 1);
  const assessments = facts.reintegration.assessments
    .filter((a) => a.date >= facts.birthDate)
    .filter((a) => a.round === 1 || (first !== undefined && first.date >= facts.birthDate && first.result === 'notCapable' && vocationalRehabCompleted))
    .map((a) => (a.date > asOf ? { ...a, date: asOf } : a));
  return { ...facts, family, education, guardianship, reintegration: { assessments, vocationalRehabCompleted } };
}

/** `count` children with facts spread over every field, and an asOf for each inside or near the policy term. */
export function generateCases(count: number, seed = SEED): { facts: ChildFacts; asOf: string }[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const cases: { facts: ChildFacts; asOf: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const asOf = isoDate(2025 + Math.floor(random() * 7), 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28));
    const asOfYear = Number(asOf.slice(0, 4));
    // Ages 0–22, with a few 29 February births.
    const birthYear = asOfYear - 1 - Math.floor(random() * 22);
    const birthDate = chance(0.01) && birthYear % 4 === 0 ? isoDate(birthYear, 2, 29) : isoDate(birthYear, 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28));
    const receiving = BENEFIT_CODES.filter(() => chance(0.15)) as BenefitCode[];
    const assessments = chance(0.3)
      ? [
          { date: isoDate(asOfYear - 1, 6, 1), round: 1 as const, result: pick(['capable', 'notCapable'] as const) },
          ...(chance(0.4) ? [{ date: isoDate(asOfYear, 1, 15), round: 2 as const, result: pick(['capable', 'notCapable'] as const) }] : []),
        ]
      : [];
    const facts: ChildFacts = {
        birthDate,
        hukou: pick(HUKOU_VALUES),
        orphan: chance(0.35),
        abandonedConfirmedByPolice: chance(0.1),
        guardianship: pick(GUARDIANSHIP_VALUES),
        courtAppointedGuardian: chance(0.1) ? pick(COURT_APPOINTED_GUARDIANS) : 'none',
        // Weighted toward the municipal institution and finished studies, so reintegration is exercised.
        placement: chance(0.3) ? 'municipalInstitution' : pick(PLACEMENTS),
        disability: chance(0.4) ? { category: pick(DISABILITY_CATEGORIES), grade: pick([1, 2, 3, 4] as const) } : null,
        autism: chance(0.1),
        seriousIllness: chance(0.1),
        family: {
          minimumLivingSecurity: chance(0.2),
          lowIncomeEdge: chance(0.2),
          extremePoverty: chance(0.1),
          legalSupporterAble: chance(0.6),
          economicHardship: chance(0.3),
          suddenHardship: chance(0.1),
        },
        migrant: chance(0.15),
        leftBehind: chance(0.15),
        education: {
          stage: asOfYear - birthYear > 18 && chance(0.5) ? 'finished' : pick(EDUCATION_STAGES),
          fullTime: chance(0.8),
          withinStandardDuration: chance(0.8),
        },
        receiving,
        reintegration: { assessments, vocationalRehabCompleted: chance(0.3) },
    };
    cases.push({ asOf, facts: consistent(facts, asOf) });
  }
  return cases;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Times `evaluate` over 10,000 generated children: total ms and µs per child, median of 5 runs. */
export async function benchRules(): Promise<Figure[]> {
  const cases = generateCases(CHILDREN);
  let sink = 0;
  const once = (): number => {
    const t0 = performance.now();
    for (const { facts, asOf } of cases) sink += evaluate(facts, asOf).age;
    return performance.now() - t0;
  };
  once();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) times.push(once());
  if (sink < 0) throw new Error('unreachable: keeps the results alive');
  const totalMs = median(times);
  return [
    { name: `evaluate over ${CHILDREN} children (total)`, value: round(totalMs, 1), unit: `ms (median of ${RUNS})` },
    { name: 'evaluate per child', value: round((totalMs * 1000) / CHILDREN, 2), unit: `µs (median of ${RUNS})` },
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchRules();
  console.log(`rules bench — node ${process.version}`);
  for (const f of figures) console.log(`  ${f.name.padEnd(44)} ${String(f.value).padStart(10)} ${f.unit}`);
}

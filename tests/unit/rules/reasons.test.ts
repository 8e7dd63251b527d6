/**
 * Issue 16, class 4 — reasons say only what the text says (RULES.md round 2). Every case of every case
 * file in tests/rules (and a generated spread of children, tests/bench/rules-bench.ts) is evaluated, and
 * every reason it gives is checked:
 * - each phrase a reason quotes in “…” appears in the policy text (labels use 「…」, never “…”);
 * - a reason stating one of this system's own choices carries the marker OUR_READING, and "本系统"
 *   appears nowhere else (one marker, used consistently);
 * - the misstatements found in round 2 do not come back;
 * - one evaluation never contradicts itself (admitted to 低保 / 特困 here, refused there; 困境儿童 here,
 *   not there; a child in one line, an adult in another).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUR_READING, evaluate } from '../../../electron/rules/index';
import type { Evaluation } from '../../../shared/domain/rules-types';
import { loadCaseFile } from '../../../scripts/rules-runner/case-file';
import { generateCases } from '../../bench/rules-bench';
import { CASES_DIR, policyText } from './support';

/** The policy text with punctuation and spacing folded, so that ，/, and （/( compare equal. */
function fold(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/，/g, ',')
    .replace(/；/g, ';')
    .replace(/：/g, ':')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}
const POLICY = fold(policyText());

type Reason = { where: string; text: string };

/** Every reason an evaluation gives, with where it stands. */
function reasonsOf(e: Evaluation): Reason[] {
  return [
    ...e.categories.map((c) => ({ where: `categories.${c.code}`, text: c.reason })),
    ...Object.entries(e.entitlements).map(([code, line]) => ({ where: `entitlements.${code}`, text: line.reason })),
    ...e.conflicts.map((c) => ({ where: `conflicts.${c.codes.join('+')}`, text: c.reason })),
    { where: 'medical', text: e.medical.reason },
    { where: 'reintegration', text: e.reintegration.reason },
    { where: 'placementResponsibility', text: e.placementResponsibilityReason },
    { where: 'compulsorySchooling', text: e.compulsorySchooling.reason },
    { where: 'minimumLivingRaisedLevel', text: e.minimumLivingRaisedLevel.reason },
  ];
}

/**
 * This system's own choices where the text leaves a question open (READING.md, "Readings the text leaves
 * open"): a reason saying any of these must say it is this system's reading.
 */
const OUR_CHOICES: readonly { choice: string; pattern: RegExp }[] = [
  { choice: '儿童 = under 18', pattern: /不再是儿童/ },
  { choice: 'the birthday counts / 29 February', pattern: /生日当天起算|平年以2月28日为生日/ },
  { choice: 'abandoned children read as orphans', pattern: /弃婴、弃儿[^。]*按(社会散居)?孤儿/ },
  { choice: 'no third assessment after round 2', pattern: /第三次评估|最终评估|最终结论/ },
  { choice: '重残 = grades 1–2', pattern: /一、二级/ },
  { choice: 'no able supporter stands for 无生活来源', pattern: /按无生活来源/ },
  { choice: '纳入 = may be admitted in this evaluation', pattern: /视为已纳入/ },
  { choice: 'temporary aid without a category', pattern: /按困境儿童对待/ },
  { choice: 'compulsory-school age 6 to 15', pattern: /按义务教育适龄/ },
  { choice: 'school year 1 September to 31 August', pattern: /学年按9月1日/ },
  { choice: 'education aid past 18', pattern: /成年后在读仍按/ },
  { choice: 'still enrolled = not 已完成学业', pattern: /不论是否全日制/ },
  { choice: 'compulsory education past 18 without the qualifiers', pattern: /不问是否全日制/ },
  { choice: 'disability subsidies read from their names', pattern: /按该补贴名称理解/ },
  { choice: 'autism chain 康复 as rehabilitation aid', pattern: /按康复救助办理/ },
  { choice: '低保 family without an able supporter pointed to 特困', pattern: /不在本条认定低保/ },
];

/** Words found in round 2 that misstate the text, with what makes them wrong. */
const MISSTATEMENTS: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /二次评估为最终评估/, why: 'presented as policy; the text does not say it' },
  { pattern: /不按低保保障/, why: 'the text does not refuse 低保' },
  { pattern: /(?<!指导督促安置对象所在)街道\(乡镇\)落实/, why: 'the district 指导督促 the street; the street does not 落实 alone' },
  { pattern: /^(?!.*无劳动能力、无生活来源).*可纳入特困人员救助供养范围/, why: '特困 needs 无劳动能力、无生活来源' },
];

async function allCases(): Promise<{ name: string; facts: unknown; asOf: string }[]> {
  const out: { name: string; facts: unknown; asOf: string }[] = [];
  const files = readdirSync(CASES_DIR).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) {
    const loaded = await loadCaseFile(join(CASES_DIR, file));
    if (!loaded.ok) throw new Error(`${file}: ${loaded.error}`);
    for (const spec of loaded.cases) {
      if (spec.expectError !== null || spec.problems.length > 0) continue;
      out.push({ name: `${file} › ${spec.name}`, facts: spec.facts, asOf: String(spec.asOf) });
    }
  }
  return out;
}

/** Every problem with one evaluation's reasons (empty when all hold). */
export function reasonProblems(e: Evaluation): string[] {
  const problems: string[] = [];
  const reasons = reasonsOf(e);
  for (const { where, text } of reasons) {
    for (const match of text.matchAll(/“([^”]+)”/g)) {
      if (!POLICY.includes(fold(match[1]))) problems.push(`${where}: quotes “${match[1]}”, which is not in the policy text`);
    }
    const ours = text.split(OUR_READING).length - 1;
    const mentions = text.split('本系统').length - 1;
    if (mentions !== ours) problems.push(`${where}: says 本系统 outside the marker ${OUR_READING}: ${text}`);
    if (text.includes(`${OUR_READING}）`)) problems.push(`${where}: the marker stands inside other brackets (one clear marker): ${text}`);
    for (const { choice, pattern } of OUR_CHOICES) {
      if (pattern.test(text) && ours === 0) problems.push(`${where}: states this system's choice (${choice}) without ${OUR_READING}: ${text}`);
    }
    for (const { pattern, why } of MISSTATEMENTS) {
      if (pattern.test(text)) problems.push(`${where}: ${why}: ${text}`);
    }
  }
  // The autism sentence is the 筛查…照料 chain; 手术、康复辅助器具配置 belong to the 残疾儿童 sentence.
  const rehab = e.entitlements.rehabilitationAid.reason;
  if (/手术|辅助器具/.test(rehab) && !e.categories.some((c) => c.code === 'disabled') && e.age < 18) {
    problems.push(`rehabilitationAid: promises 手术/辅助器具 to a child with no disability: ${rehab}`);
  }
  // One evaluation never contradicts itself.
  const all = reasons.map((r) => r.text).join('\n');
  if (/纳入最低生活保障范围的困境儿童/.test(all) && e.entitlements.minimumLivingAllowance.status !== 'eligible') {
    problems.push('calls the child 纳入最低生活保障范围 while the 低保 line is not eligible');
  }
  if (/纳入特困供养范围的困境儿童/.test(all) && e.entitlements.extremePovertySupport.status !== 'eligible') {
    problems.push('calls the child 纳入特困供养范围 while the 特困 line is not eligible');
  }
  if (/不属序言所列任一类困境儿童/.test(all) && (e.categories.length > 0 || /的困境儿童/.test(e.medical.reason) && e.medical.premiumFullySubsidised)) {
    problems.push('says the child is no 困境儿童 in one line and one in another');
  }
  const adultLines = reasons.filter((r) => /不再是儿童|不再是未成年人/.test(r.text));
  if (e.age < 18 && adultLines.length > 0) problems.push(`a child under 18 is called an adult in ${adultLines[0].where}`);
  if (e.age >= 18) {
    const childLines = Object.entries(e.entitlements).filter(
      ([code, line]) => line.status !== 'ineligible' && code !== 'basicLivingAllowance' && code !== 'educationAid',
    );
    if (childLines.length > 0) problems.push(`an adult keeps a child's line: ${childLines.map(([c]) => c).join(', ')}`);
  }
  return problems;
}

describe('reasons say only what the text says (issue 16, class 4)', () => {
  it('every reason of every case in tests/rules quotes the text exactly, marks this system’s choices, and agrees with the others', async () => {
    const cases = await allCases();
    expect(cases.length).toBeGreaterThan(230);
    const failures: string[] = [];
    for (const c of cases) {
      for (const problem of reasonProblems(evaluate(c.facts, c.asOf))) failures.push(`${c.name}: ${problem}`);
    }
    expect(failures).toEqual([]);
  });

  it('so does every reason for a generated spread of 3,000 children', () => {
    const failures: string[] = [];
    for (const { facts, asOf } of generateCases(3000, 16)) {
      for (const problem of reasonProblems(evaluate(facts, asOf))) failures.push(`${facts.birthDate} @ ${asOf}: ${problem}`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('the checks catch the misstatements of round 2 (each would fail)', () => {
    const base = evaluate(
      { ...generateCases(1, 1)[0].facts, birthDate: '2012-01-01', disability: null, autism: true },
      '2026-06-01',
    );
    const withReason = (path: 'reintegration' | 'rehabilitationAid' | 'minimumLivingAllowance', text: string): Evaluation => {
      const copy = structuredClone(base);
      if (path === 'reintegration') copy.reintegration.reason = text;
      else copy.entitlements[path].reason = text;
      return copy;
    };
    expect(reasonProblems(withReason('reintegration', '二次综合评估仍不具备回归社会生活能力（二次评估为最终评估）。'))).not.toEqual([]);
    expect(reasonProblems(withReason('minimumLivingAllowance', '家庭符合最低生活保障条件，但无法定抚养人，不按低保保障。'))).not.toEqual([]);
    expect(reasonProblems(withReason('rehabilitationAid', '孤独症儿童，可享受康复救助（手术、康复辅助器具配置、康复训练）。'))).not.toEqual([]);
    expect(reasonProblems(withReason('reintegration', '实行回归社会安置：区政府落实住房、户口、就业，街道(乡镇)落实长期关爱措施。'))).not.toEqual([]);
    expect(reasonProblems(withReason('reintegration', '按“回归社会后由街道负责”办理。'))).not.toEqual([]);
    expect(reasonProblems(withReason('reintegration', '重残按一、二级。'))).not.toEqual([]);
    expect(reasonProblems(withReason('reintegration', '本系统按二次评估理解。'))).not.toEqual([]);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALLOWANCE_SENTENCES } from '../../../electron/rules/allowance';
import { BEYOND_SENTENCES } from '../../../electron/rules/beyond-entitlements';
import { CATEGORIES_SENTENCE } from '../../../electron/rules/categories';
import { DISABILITY_SUBSIDY_SENTENCE } from '../../../electron/rules/disability-subsidies';
import { EDUCATION_SENTENCES } from '../../../electron/rules/education';
import { EXTREME_POVERTY_SENTENCES } from '../../../electron/rules/extreme-poverty';
import { evaluate, RULE_TABLES, RulesValidationError } from '../../../electron/rules/index';
import { MEDICAL_SENTENCES } from '../../../electron/rules/medical';
import { MINIMUM_LIVING_SENTENCES } from '../../../electron/rules/minimum-living';
import { PLACEMENT_SENTENCES } from '../../../electron/rules/placement';
import { POLICY_TERM_SENTENCE } from '../../../electron/rules/policy-term';
import { REHABILITATION_SENTENCES } from '../../../electron/rules/rehabilitation';
import { REINTEGRATION_SENTENCES } from '../../../electron/rules/reintegration';
import type { Evaluation } from '../../../shared/domain/rules-types';
import { CLAUSE_IDS } from '../../../shared/domain/rules-types';
import type { ClauseId } from '../../../shared/domain/rules-types';
import { CLAUSES, POLICY_DOCUMENT, clauseSentences, clauseText, isClauseId } from '../../../shared/domain/clauses';
import { allRuleCases, policyText, REPO_ROOT, SHARED_POLICY_FILE, VENDORED_POLICY_FILE } from './support';

/** Every clause id an Evaluation cites, with where it cites it. */
function citedClauses(evaluation: Evaluation): { where: string; clause: string }[] {
  return [
    ...evaluation.categories.map((c) => ({ where: `categories.${c.code}`, clause: c.clause })),
    ...Object.entries(evaluation.entitlements).map(([code, e]) => ({ where: `entitlements.${code}`, clause: e.clause })),
    ...evaluation.conflicts.map((c) => ({ where: `conflicts.${c.codes.join('+')}`, clause: c.clause })),
    { where: 'medical', clause: evaluation.medical.clause },
    { where: 'reintegration', clause: evaluation.reintegration.clause },
    { where: 'placementResponsibility', clause: evaluation.placementResponsibilityClause },
  ];
}

/** `一(四)` → `(四)`: how the policy text numbers the clause. */
function numbering(id: ClauseId): string {
  return id.slice(id.indexOf('('));
}

describe('the policy text', () => {
  it('the vendored copy equals the shared policy file (when the shared folder is beside the repository)', () => {
    const vendored = readFileSync(VENDORED_POLICY_FILE, 'utf8');
    expect(vendored).toContain(POLICY_DOCUMENT.id);
    if (existsSync(SHARED_POLICY_FILE)) expect(vendored).toBe(readFileSync(SHARED_POLICY_FILE, 'utf8'));
  });
});

describe('CLAUSES: id → title and exact sentences', () => {
  let policy: string;
  beforeAll(() => {
    policy = policyText();
  });

  it('has an entry for every clause id, keyed by its own id', () => {
    expect(Object.keys(CLAUSES).sort()).toEqual([...CLAUSE_IDS].sort());
    for (const id of CLAUSE_IDS) expect(CLAUSES[id].id).toBe(id);
  });

  for (const id of CLAUSE_IDS) {
    it(`${id}: the text is the policy's, verbatim, right after the clause heading`, () => {
      const text = clauseText(id);
      expect(text.length).toBeGreaterThan(20);
      expect(policy).toContain(text);
      if (id === '序言') {
        expect(text.startsWith('困境儿童包括')).toBe(true);
      } else {
        expect(policy).toContain(`${numbering(id)}${CLAUSES[id].title}。${text}`);
      }
    });
  }

  it('every clause sentence split by clauseSentences is a sentence of the policy', () => {
    for (const id of CLAUSE_IDS) {
      for (const sentence of clauseSentences(id)) expect(policy).toContain(sentence);
    }
  });

  it('the document term is the policy last paragraph and matches the dates the rules use', () => {
    expect(policy).toContain(POLICY_DOCUMENT.termText);
    expect(POLICY_DOCUMENT.termText).toContain('2026年1月1日起施行');
    expect(POLICY_DOCUMENT.termText).toContain('有效期至2030年12月31日');
    expect(RULE_TABLES.policyTerm).toEqual({ from: '2026-01-01', to: '2030-12-31' });
    expect(POLICY_TERM_SENTENCE).toBe(POLICY_DOCUMENT.termText);
  });

  it('isClauseId knows the ids and nothing else', () => {
    expect(isClauseId('一(四)')).toBe(true);
    expect(isClauseId('序言')).toBe(true);
    expect(isClauseId('一（四）')).toBe(false);
    expect(isClauseId('八(一)')).toBe(false);
  });
});

describe('every sentence a rule quotes is in the clause it cites', () => {
  const quoted: [string, ClauseId, string][] = [
    ['categories', '序言', CATEGORIES_SENTENCE],
    ['allowance: who', '一(一)', ALLOWANCE_SENTENCES.who],
    ['allowance: past 18', '一(一)', ALLOWANCE_SENTENCES.continuation],
    ['allowance: court appointed', '一(四)', ALLOWANCE_SENTENCES.courtAppointed],
    ['低保 single household', '一(一)', MINIMUM_LIVING_SENTENCES.singleHousehold],
    ['低保 able supporter', '一(二)', MINIMUM_LIVING_SENTENCES.supporterAble],
    ['特困', '一(二)', EXTREME_POVERTY_SENTENCES.extremePoverty],
    ['临时救助', '一(二)', EXTREME_POVERTY_SENTENCES.temporaryAid],
    ['not stacking / disability subsidies', '一(二)', DISABILITY_SUBSIDY_SENTENCE],
    ...RULE_TABLES.nonStacking.map((rule): [string, ClauseId, string] => [`non-stacking ${rule.codes.join('+')}`, rule.clause, rule.sentence]),
    ['placement: orphan without guardian', '一(四)', PLACEMENT_SENTENCES.orphanWithoutGuardian],
    ['placement: abandoned', '一(四)', PLACEMENT_SENTENCES.abandoned],
    ['reintegration: resettle', '一(四)', REINTEGRATION_SENTENCES.resettle],
    ['reintegration: transfer', '一(四)', REINTEGRATION_SENTENCES.transfer],
    ['reintegration: second', '一(四)', REINTEGRATION_SENTENCES.second],
    ['reintegration: court appointed', '一(四)', REINTEGRATION_SENTENCES.courtAppointed],
    ['reintegration: abandoned', '一(四)', REINTEGRATION_SENTENCES.abandoned],
    ['medical: covered', '二(六)', MEDICAL_SENTENCES.covered],
    ['medical: as 低保 member', '二(六)', MEDICAL_SENTENCES.treatedAsMinimumLiving],
    ['rehabilitation: disabled', '二(七)', REHABILITATION_SENTENCES.disabled],
    ['rehabilitation: autism', '二(七)', REHABILITATION_SENTENCES.autism],
    ['education: every stage', '三(十)', EDUCATION_SENTENCES.everyStage],
    ['education: disabled', '三(九)', EDUCATION_SENTENCES.disabled],
    ['education: senior secondary', '三(十)', EDUCATION_SENTENCES.seniorSecondary],
    ['控辍保学', '三(八)', BEYOND_SENTENCES.dropout],
    ['mental-health check per school year', '四(十二)', BEYOND_SENTENCES.mentalHealth],
    ['raised 低保 level', '一(二)', BEYOND_SENTENCES.raisedLevel],
  ];
  for (const [rule, clause, sentence] of quoted) {
    it(`${rule} → ${clause}`, () => {
      expect(clauseSentences(clause)).toContain(sentence);
    });
  }
});

describe('every clause id evaluate emits over the tests/rules facts has its text in the policy', () => {
  it('resolves each cited id to text that occurs in the policy file', async () => {
    const policy = policyText();
    const cited = new Map<string, string>();
    let evaluated = 0;
    for (const c of await allRuleCases()) {
      let evaluation: Evaluation;
      try {
        evaluation = evaluate(c.facts, String(c.asOf));
      } catch (error) {
        if (error instanceof RulesValidationError) continue;
        throw error;
      }
      evaluated += 1;
      for (const { where, clause } of citedClauses(evaluation)) {
        if (!cited.has(clause)) cited.set(clause, `${c.file} › ${c.name} › ${where}`);
      }
    }
    expect(evaluated).toBeGreaterThan(150);
    for (const [clause, firstSeen] of cited) {
      expect(isClauseId(clause), `${clause} (first cited at ${firstSeen}) is not a clause id`).toBe(true);
      if (!isClauseId(clause)) continue;
      const text = clauseText(clause);
      expect(text, `${clause} has no text`).not.toBe('');
      expect(policy.includes(text), `${clause}'s text is not in the policy file`).toBe(true);
    }
    // The cases exercise every clause the rules can cite; a rule citing a new clause shows up here.
    expect([...cited.keys()].sort()).toEqual(['一(一)', '一(二)', '一(四)', '三(九)', '三(十)', '二(七)', '二(六)', '序言'].sort());
  });
});

describe('electron/rules/READING.md quotes the policy verbatim', () => {
  it('every quoted Chinese fragment (split at …) occurs in the policy text', () => {
    const policy = policyText();
    const reading = readFileSync(join(REPO_ROOT, 'electron', 'rules', 'READING.md'), 'utf8').replace(/\n\s*/g, '');
    const quotes = [...reading.matchAll(/"([\u4e00-\u9fff][^"]*)"/g)].map((m) => m[1] as string);
    const fromPolicy = quotes.filter((q) => !q.startsWith('按照年、月计算期间的')); // 民法典 第二百零二条
    expect(fromPolicy.length).toBeGreaterThan(10);
    for (const quote of fromPolicy) {
      for (const fragment of quote.split('…').filter((f) => f.length >= 4)) {
        expect(policy.includes(fragment), `READING.md quotes "${fragment}", which is not in the policy`).toBe(true);
      }
    }
  });
});

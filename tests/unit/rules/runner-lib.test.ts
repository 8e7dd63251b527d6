import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../electron/rules/index';
import { casesFromDocument, loadCaseFile } from '../../../scripts/rules-runner/case-file';
import type { CaseSpec } from '../../../scripts/rules-runner/case-file';
import { matches, NUMBER_TOLERANCE } from '../../../scripts/rules-runner/compare';
import { parsePath, resolvePath } from '../../../scripts/rules-runner/paths';
import { checkCase, runCaseFiles } from '../../../scripts/rules-runner/run';
import { deepMerge } from '../../../scripts/rules-runner/values';
import { baseFacts, FIXTURES, REPO_ROOT } from './support';

const EVALUATION_LIKE = {
  age: 18,
  categories: [
    { code: 'orphan', clause: '序言' },
    { code: 'leftBehind', clause: '序言' },
  ],
  conflicts: [] as unknown[],
  medical: { minAidRatio: 0.7, premiumFullySubsidised: true },
  entitlements: { basicLivingAllowance: { status: 'eligible', excludedBy: ['x', 'y'] } },
  tags: ['a', 'b'],
};

function spec(expect: Record<string, unknown>): CaseSpec {
  return { index: 1, name: 't', asOf: '2026-01-01', facts: {}, expect, expectError: null, problems: [] };
}

/** checkCase against a fixed Evaluation-like object (the evaluate function is a stub). */
function differences(expect: Record<string, unknown>): string[] {
  return checkCase(spec(expect), () => EVALUATION_LIKE);
}

describe('paths (RULES.md: dotted, numeric index, *, length)', () => {
  it('resolves object keys, numeric indices, length and *', () => {
    expect(resolvePath(EVALUATION_LIKE, 'age')).toEqual({ found: true, value: 18 });
    expect(resolvePath(EVALUATION_LIKE, 'categories.1.code')).toEqual({ found: true, value: 'leftBehind' });
    expect(resolvePath(EVALUATION_LIKE, 'categories.length')).toEqual({ found: true, value: 2 });
    expect(resolvePath(EVALUATION_LIKE, 'conflicts.length')).toEqual({ found: true, value: 0 });
    expect(resolvePath(EVALUATION_LIKE, 'categories.*.code')).toEqual({ found: true, value: ['orphan', 'leftBehind'] });
    expect(resolvePath(EVALUATION_LIKE, 'conflicts.*.codes')).toEqual({ found: true, value: [] });
    expect(resolvePath(EVALUATION_LIKE, 'entitlements.basicLivingAllowance.excludedBy.length')).toEqual({ found: true, value: 2 });
  });

  it('a path that does not exist is not found, with the reason', () => {
    for (const path of ['nope', 'entitlements.pocketMoney.status', 'categories.2.code', 'categories.code', 'age.years', 'categories.*.nope']) {
      const resolved = resolvePath(EVALUATION_LIKE, path);
      expect(resolved.found, path).toBe(false);
      if (!resolved.found) expect(resolved.reason, path).not.toBe('');
    }
  });

  it('rejects empty paths and empty segments', () => {
    expect(() => parsePath('')).toThrow();
    expect(() => parsePath('a..b')).toThrow();
    expect(() => parsePath('a.')).toThrow();
  });

  it('checkCase fails a case on a missing path and names it', () => {
    const details = differences({ 'entitlements.pocketMoney.status': 'eligible' });
    expect(details).toHaveLength(1);
    expect(details[0]).toContain('entitlements.pocketMoney.status');
    expect(details[0]).toContain('missing');
  });
});

describe('values (scalars equal, numbers within 1e-9, arrays as unordered members)', () => {
  it('numbers within the tolerance match, beyond it they do not', () => {
    expect(NUMBER_TOLERANCE).toBe(1e-9);
    expect(matches(0.7, 0.7 + 5e-10)).toBe(true);
    expect(matches(0.7, 0.7 - 9e-10)).toBe(true);
    expect(matches(0.7, 0.7 + 2e-9)).toBe(false);
    expect(matches(0.1 + 0.2, 0.3)).toBe(true);
    expect(differences({ 'medical.minAidRatio': 0.7000000004 })).toEqual([]);
    expect(differences({ 'medical.minAidRatio': 0.70001 })).toHaveLength(1);
  });

  it('scalars are compared strictly (no type coercion)', () => {
    expect(matches(18, '18')).toBe(false);
    expect(matches(null, undefined)).toBe(false);
    expect(matches(true, 1)).toBe(false);
    expect(matches('eligible', 'eligible')).toBe(true);
  });

  it('arrays are unordered multisets of the same length, at every depth', () => {
    expect(matches(['leftBehind', 'orphan'], ['orphan', 'leftBehind'])).toBe(true);
    expect(matches(['orphan'], ['orphan', 'leftBehind'])).toBe(false);
    expect(matches(['orphan', 'orphan'], ['orphan', 'leftBehind'])).toBe(false);
    expect(matches([['b', 'a'], ['c']], [['c'], ['a', 'b']])).toBe(true);
    expect(matches([], [])).toBe(true);
    expect(matches([], {})).toBe(false);
    expect(differences({ 'categories.*.code': ['leftBehind', 'orphan'] })).toEqual([]);
    expect(differences({ 'categories.*.code': ['orphan'] })).toHaveLength(1);
  });

  it('an expected object matches on the keys it lists', () => {
    expect(differences({ medical: { minAidRatio: 0.7 } })).toEqual([]);
    expect(differences({ medical: { minAidRatio: 0.7, extra: 1 } })).toHaveLength(1);
  });

  it('reports expected and actual values in the detail line', () => {
    const [detail] = differences({ age: 17 });
    expect(detail).toBe('age: expected 17 actual 18');
  });
});

describe('case files: defaults and cases', () => {
  it('objects are merged key by key, everything else replaced', () => {
    const defaults = { family: { a: true, b: false }, receiving: ['x', 'y'], disability: { grade: 1 }, hukou: 'shanghai' };
    expect(deepMerge(defaults, { family: { b: true } })).toEqual({ ...defaults, family: { a: true, b: true } });
    expect(deepMerge(defaults, { receiving: ['z'] })).toEqual({ ...defaults, receiving: ['z'] });
    expect(deepMerge(defaults, { disability: null })).toEqual({ ...defaults, disability: null });
    expect(deepMerge(defaults, { hukou: 'other' })).toEqual({ ...defaults, hukou: 'other' });
    expect(deepMerge(defaults, { disability: { grade: 3 } })).toEqual({ ...defaults, disability: { grade: 3 } });
    expect(deepMerge(defaults, undefined)).toEqual(defaults);
  });

  it('each case gets its own merge: the defaults are never changed', () => {
    const loaded = casesFromDocument({
      defaults: { family: { a: true, b: false }, receiving: ['x'] },
      cases: [
        { name: 'one', asOf: '2026-01-01', facts: { family: { a: false } }, expect: { age: 1 } },
        { name: 'two', asOf: '2026-01-01', expect: { age: 1 } },
      ],
    });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.cases[0]?.facts).toEqual({ family: { a: false, b: false }, receiving: ['x'] });
    expect(loaded.cases[1]?.facts).toEqual({ family: { a: true, b: false }, receiving: ['x'] });
  });

  it('a file may hold one case, a list, or { defaults, cases }', () => {
    const one = { name: 'single', asOf: '2026-01-01', facts: {}, expect: { age: 1 } };
    expect(casesFromDocument(one)).toMatchObject({ ok: true, cases: [{ name: 'single' }] });
    expect(casesFromDocument([one, { ...one, name: 'second' }])).toMatchObject({ ok: true, cases: [{ name: 'single' }, { name: 'second' }] });
    expect(casesFromDocument({ cases: [one] })).toMatchObject({ ok: true, cases: [{ name: 'single' }] });
    expect(casesFromDocument([]).ok).toBe(false);
    expect(casesFromDocument('text').ok).toBe(false);
    expect(casesFromDocument({ defaults: [1], cases: [one] }).ok).toBe(false);
  });

  it('a case with nothing to check, or an empty expect, is itself a failure', () => {
    const loaded = casesFromDocument([
      { name: 'no expectations', asOf: '2026-01-01', facts: {} },
      { name: 'empty expect', asOf: '2026-01-01', facts: {}, expect: {} },
      { asOf: '2026-01-01', facts: {}, expect: { age: 1 } },
    ]);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.cases.map((c) => c.problems.length > 0)).toEqual([true, true, true]);
    expect(checkCase(loaded.cases[1]!, evaluate)[0]).toContain('cannot fail');
  });

  it('merge.yaml through the runner: every merge case passes', async () => {
    const summary = await runCaseFiles([join(FIXTURES, 'merge.yaml')], evaluate, REPO_ROOT);
    expect(summary.results.filter((r) => !r.passed)).toEqual([]);
    expect(summary.passed).toBe(5);
  });

  it('merge.yaml facts as loaded: the partial family object kept the other flags', async () => {
    const loaded = await loadCaseFile(join(FIXTURES, 'merge.yaml'));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect((loaded.cases[0]?.facts as { family: unknown }).family).toEqual({ ...baseFacts().family, minimumLivingSecurity: true });
    expect((loaded.cases[1]?.facts as { receiving: unknown }).receiving).toEqual(['temporaryAid']);
  });
});

describe('expectError', () => {
  const invalidGrade = { ...baseFacts(), disability: { category: 'physical', grade: 7 } };
  const withError = (facts: unknown, field: string): CaseSpec => ({ ...spec({}), expect: null, facts, expectError: field });

  it('passes when that field is the invalid one', () => {
    expect(checkCase(withError(invalidGrade, 'disability.grade'), evaluate)).toEqual([]);
  });

  it('fails when another field is invalid, naming both', () => {
    const [detail] = checkCase(withError(invalidGrade, 'hukou'), evaluate);
    expect(detail).toContain('"hukou"');
    expect(detail).toContain('"disability.grade"');
  });

  it('fails when nothing is invalid', () => {
    expect(checkCase(withError(baseFacts(), 'hukou'), evaluate)[0]).toContain('no validation error');
  });

  it('without expectError, invalid facts fail the case with the validation error', () => {
    expect(checkCase({ ...spec({ age: 13 }), facts: invalidGrade }, evaluate)[0]).toContain('validation error at disability.grade');
  });

  it('expect-error.yaml through the runner: 1 passed, 3 failed', async () => {
    const summary = await runCaseFiles([join(FIXTURES, 'expect-error.yaml')], evaluate, REPO_ROOT);
    expect(summary.results.map((r) => [r.name.slice(0, 4), r.passed])).toEqual([
      ['pass', true],
      ['fail', false],
      ['fail', false],
      ['fail', false],
    ]);
    expect(summary.lines.at(-1)).toBe('1 passed, 3 failed');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, RulesValidationError } from '../../../electron/rules/index';
import { ValidationError } from '../../../shared/contract/errors';
import { baseFacts } from './support';

/** The validation error `fn` throws (fails the test when it throws none or another kind). */
function validationErrorOf(fn: () => unknown): RulesValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RulesValidationError);
    return error as RulesValidationError;
  }
  throw new Error('expected a RulesValidationError, but nothing was thrown');
}

const ASOF = '2026-04-01';

describe('evaluate rejects invalid facts with a typed error naming the field', () => {
  it('is the shared contract ValidationError (invalid_input) with a dotted field path', () => {
    const error = validationErrorOf(() => evaluate({ ...baseFacts(), disability: { category: 'physical', grade: 5 } }, ASOF));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('disability.grade');
    expect(error.message).toContain('disability.grade');
    expect(error.issues[0]?.field).toBe('disability.grade');
  });

  it('names an array element by its index', () => {
    const facts = { ...baseFacts(), receiving: ['basicLivingAllowance', 'temporaryAid', 'pocketMoney'] };
    expect(validationErrorOf(() => evaluate(facts, ASOF)).field).toBe('receiving.2');
  });

  it('names a nested array element field', () => {
    const facts = baseFacts();
    const bad = { ...facts, reintegration: { ...facts.reintegration, assessments: [{ date: '2026-01-05', round: 1, result: 'capable' }, { date: '2026-02-05', round: 3, result: 'capable' }] } };
    expect(validationErrorOf(() => evaluate(bad, ASOF)).field).toBe('reintegration.assessments.1.round');
  });

  for (const field of ['birthDate', 'hukou', 'disability', 'family', 'receiving', 'reintegration'] as const) {
    it(`a missing required top-level field (${field}) is named as missing`, () => {
      const facts: Record<string, unknown> = { ...baseFacts() };
      delete facts[field];
      const error = validationErrorOf(() => evaluate(facts, ASOF));
      expect(error.field).toBe(field);
      expect(error.issues[0]?.message).toBe('缺少该字段');
    });
  }

  it('a missing nested field is named with its path', () => {
    const facts = baseFacts();
    const { suddenHardship: _dropped, ...family } = facts.family;
    expect(validationErrorOf(() => evaluate({ ...facts, family }, ASOF)).field).toBe('family.suddenHardship');
  });

  it('a wrong type is reported as such, not as missing', () => {
    const error = validationErrorOf(() => evaluate({ ...baseFacts(), orphan: 'yes' }, ASOF));
    expect(error.field).toBe('orphan');
    expect(error.issues[0]?.message).not.toBe('缺少该字段');
  });

  it('facts that are not an object are named as the root', () => {
    expect(validationErrorOf(() => evaluate(null, ASOF)).field).toBe('(root)');
    expect(validationErrorOf(() => evaluate([baseFacts()], ASOF)).field).toBe('(root)');
  });

  it('an invalid asOf is named asOf', () => {
    expect(validationErrorOf(() => evaluate(baseFacts(), '2026-02-30')).field).toBe('asOf');
    expect(validationErrorOf(() => evaluate(baseFacts(), '2026/01/01')).field).toBe('asOf');
    expect(validationErrorOf(() => evaluate(baseFacts(), undefined as unknown as string)).field).toBe('asOf');
  });

  it('a birth date after asOf is named birthDate', () => {
    expect(validationErrorOf(() => evaluate({ ...baseFacts(), birthDate: '2026-04-02' }, ASOF)).field).toBe('birthDate');
  });
});

describe('evaluate ignores fields ChildFacts does not list (RULES.md: add fields freely)', () => {
  it('extra keys at every depth are stripped and change nothing', () => {
    const facts = baseFacts();
    const withExtras = {
      ...facts,
      nickname: '小明',
      caseNo: 42,
      family: { ...facts.family, incomePerCapita: 1234.5 },
      education: { ...facts.education, school: '某某中学' },
      disability: { category: 'physical', grade: 2, certificateNo: '31011520121212123X42' },
      reintegration: { ...facts.reintegration, assessments: [{ date: '2026-01-05', round: 1, result: 'capable', panel: ['甲', '乙'] }] },
    };
    const plain = {
      ...facts,
      disability: { category: 'physical' as const, grade: 2 as const },
      reintegration: { ...facts.reintegration, assessments: [{ date: '2026-01-05', round: 1 as const, result: 'capable' as const }] },
    };
    expect(evaluate(withExtras, ASOF)).toEqual(evaluate(plain, ASOF));
  });

  it('any extra top-level key and value leaves the evaluation unchanged (property)', () => {
    const known = new Set(Object.keys(baseFacts()));
    const expected = evaluate(baseFacts(), ASOF);
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !known.has(k) && k !== '__proto__'),
        fc.jsonValue(),
        (key, value) => {
          expect(evaluate({ ...baseFacts(), [key]: value }, ASOF)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('an extra field does not excuse a missing required one', () => {
    const facts: Record<string, unknown> = { ...baseFacts(), disabilityCertificate: { number: 'x' } };
    delete facts.disability;
    expect(validationErrorOf(() => evaluate(facts, ASOF)).field).toBe('disability');
  });

  it('does not mutate the caller facts', () => {
    const facts = { ...baseFacts(), extra: { keep: true } };
    const before = structuredClone(facts);
    evaluate(facts, ASOF);
    expect(facts).toEqual(before);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../electron/rules/index';
import { generateCases } from '../../bench/rules-bench';

describe('the rules bench input (no timing here: see tests/bench/rules-bench.ts)', () => {
  it('is deterministic for a seed and valid ChildFacts throughout', () => {
    const a = generateCases(500, 42);
    expect(generateCases(500, 42)).toEqual(a);
    expect(generateCases(500, 43)).not.toEqual(a);
    for (const { facts, asOf } of a) expect(() => evaluate(facts, asOf)).not.toThrow();
  });

  it('is varied: every reintegration status and entitlement status occurs', () => {
    const statuses = new Set<string>();
    const lines = new Set<string>();
    for (const { facts, asOf } of generateCases(2000)) {
      const evaluation = evaluate(facts, asOf);
      statuses.add(evaluation.reintegration.status);
      for (const line of Object.values(evaluation.entitlements)) lines.add(line.status);
    }
    expect([...statuses].sort()).toEqual(
      ['assessmentDue', 'deferredStudying', 'notApplicable', 'notYetAdult', 'resettle', 'secondAssessmentDue', 'transferToAdultWelfare'].sort(),
    );
    expect([...lines].sort()).toEqual(['eligible', 'excluded', 'ineligible']);
  });
});

/** Runs case files against an evaluate function and renders the report RULES.md specifies. */
import { RulesValidationError } from '../../electron/rules/index';
import { loadCaseFile } from './case-file';
import type { CaseSpec } from './case-file';
import { collectTargets } from './collect';
import { matches } from './compare';
import { resolvePath } from './paths';
import { show } from './values';

/** Any function with evaluate's shape (the real one, or one over mutated rule tables). */
export type EvaluateFn = (facts: unknown, asOf: string) => unknown;

export type CaseResult = { file: string; name: string; passed: boolean; details: string[] };

export type RunSummary = { results: CaseResult[]; passed: number; failed: number; lines: string[] };

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The differences between a case's expectations and what `evaluate` returned (empty when it passes). */
export function checkCase(spec: CaseSpec, evaluate: EvaluateFn): string[] {
  if (spec.problems.length > 0) return spec.problems.map((p) => `invalid case: ${p}`);
  const asOf = typeof spec.asOf === 'string' ? spec.asOf : String(spec.asOf ?? '');
  let evaluation: unknown;
  try {
    evaluation = evaluate(spec.facts, asOf);
  } catch (error) {
    if (!(error instanceof RulesValidationError)) return [`error: ${describeError(error)}`];
    const message = error.issues[0]?.message ?? error.message;
    if (spec.expectError === null) return [`validation error at ${error.field}: ${message}`];
    if (spec.expectError === error.field) return [];
    return [`expectError: expected ${show(spec.expectError)} actual ${show(error.field)} (${message})`];
  }
  if (spec.expectError !== null) {
    return [`expectError: expected ${show(spec.expectError)} actual (no validation error)`];
  }
  const details: string[] = [];
  for (const [path, expected] of Object.entries(spec.expect ?? {})) {
    let resolved;
    try {
      resolved = resolvePath(evaluation, path);
    } catch (error) {
      details.push(`${path}: ${describeError(error)}`);
      continue;
    }
    if (!resolved.found) {
      details.push(`${path}: expected ${show(expected)} actual (missing: ${resolved.reason})`);
    } else if (!matches(expected, resolved.value)) {
      details.push(`${path}: expected ${show(expected)} actual ${show(resolved.value)}`);
    }
  }
  return details;
}

/** Runs every case named by `args` (files or folders) and builds the report lines. */
export async function runCaseFiles(args: readonly string[], evaluate: EvaluateFn, cwd: string): Promise<RunSummary> {
  const results: CaseResult[] = [];
  const lines: string[] = [];
  let failed = 0;
  for (const target of await collectTargets(args, cwd)) {
    if (target.kind === 'error') {
      failed += 1;
      lines.push(`FAIL ${target.display} › ${target.error}`);
      continue;
    }
    const loaded = await loadCaseFile(target.path);
    if (!loaded.ok) {
      failed += 1;
      lines.push(`FAIL ${target.display} › ${loaded.error}`);
      continue;
    }
    for (const spec of loaded.cases) {
      const details = checkCase(spec, evaluate);
      const passed = details.length === 0;
      results.push({ file: target.display, name: spec.name, passed, details });
      if (passed) {
        lines.push(`ok  ${target.display} › ${spec.name}`);
      } else {
        failed += 1;
        lines.push(`FAIL ${target.display} › ${spec.name}`, ...details.map((d) => `  ${d}`));
      }
    }
  }
  const passed = results.filter((r) => r.passed).length;
  lines.push(`${passed} passed, ${failed} failed`);
  return { results, passed, failed, lines };
}

/** Helpers for the rules unit tests: the repository root, a complete valid ChildFacts, the real CLI. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChildFacts } from '../../../shared/domain/rules-types';
import { collectTargets } from '../../../scripts/rules-runner/collect';
import { loadCaseFile } from '../../../scripts/rules-runner/case-file';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const CASES_DIR = join(REPO_ROOT, 'tests', 'rules');
/** The authoritative policy text, beside the repository (shared/policy); absent on a bare checkout. */
export const SHARED_POLICY_FILE = resolve(REPO_ROOT, '..', 'shared', 'policy', 'hufugui-2025-11.zh.txt');
/** A verbatim copy kept with the tests (a test asserts it equals the shared file wherever that exists). */
export const VENDORED_POLICY_FILE = join(FIXTURES, 'hufugui-2025-11.zh.txt');

/** The policy text: the shared file when present, else the vendored copy. */
export function policyText(): string {
  return readFileSync(existsSync(SHARED_POLICY_FILE) ? SHARED_POLICY_FILE : VENDORED_POLICY_FILE, 'utf8');
}

/** An ordinary child of 13 with no difficulty: valid, and every field present. */
export function baseFacts(): ChildFacts {
  return {
    birthDate: '2012-12-12',
    hukou: 'shanghai',
    orphan: false,
    abandonedConfirmedByPolice: false,
    guardianship: 'adequate',
    courtAppointedGuardian: 'none',
    placement: 'family',
    disability: null,
    autism: false,
    seriousIllness: false,
    family: {
      minimumLivingSecurity: false,
      lowIncomeEdge: false,
      extremePoverty: false,
      legalSupporterAble: true,
      economicHardship: false,
      suddenHardship: false,
    },
    migrant: false,
    leftBehind: false,
    education: { stage: 'compulsory', fullTime: true, withinStandardDuration: true },
    receiving: [],
    reintegration: { assessments: [], vocationalRehabCompleted: false },
  };
}

export type CliRun = { status: number | null; stdout: string; stderr: string };

/** Runs the real case runner as `node --import tsx scripts/rules-cli.ts …` from the repository root. */
export function runCli(args: readonly string[]): CliRun {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/rules-cli.ts', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export type LoadedCase = { file: string; name: string; facts: unknown; asOf: unknown };

/** Every case in tests/rules, loaded through the runner's own reader (facts already merged over defaults). */
export async function allRuleCases(): Promise<LoadedCase[]> {
  const cases: LoadedCase[] = [];
  for (const target of await collectTargets([CASES_DIR], REPO_ROOT)) {
    if (target.kind === 'error') throw new Error(`${target.display}: ${target.error}`);
    const loaded = await loadCaseFile(target.path);
    if (!loaded.ok) throw new Error(`${target.display}: ${loaded.error}`);
    for (const spec of loaded.cases) cases.push({ file: target.display, name: spec.name, facts: spec.facts, asOf: spec.asOf });
  }
  return cases;
}

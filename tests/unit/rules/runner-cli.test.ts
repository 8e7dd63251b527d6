/** The real case runner, spawned as `node --import tsx scripts/rules-cli.ts …` (RULES.md, "Entry points"). */
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/domain/rules-types';
import { BENEFIT_CODES } from '../../../shared/domain/rules-types';
import { FIXTURES, REPO_ROOT, runCli } from './support';

const fixture = (name: string): string => relative(REPO_ROOT, join(FIXTURES, name)).split('\\').join('/');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tonghu-rules-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const WRONG_EXPECTATION = `name: a scattered orphan of 10 - the expectation is wrong on purpose
asOf: 2026-06-01
facts:
  birthDate: 2016-01-01
  hukou: shanghai
  orphan: true
  abandonedConfirmedByPolice: false
  guardianship: adequate
  courtAppointedGuardian: none
  placement: kinship
  disability: null
  autism: false
  seriousIllness: false
  family: { minimumLivingSecurity: false, lowIncomeEdge: false, extremePoverty: false, legalSupporterAble: false, economicHardship: false, suddenHardship: false }
  migrant: false
  leftBehind: false
  education: { stage: compulsory, fullTime: true, withinStandardDuration: true }
  receiving: []
  reintegration: { assessments: [], vocationalRehabCompleted: false }
expect:
  age: 10
  entitlements.basicLivingAllowance.status: ineligible
`;

describe('rules CLI: a failing case', () => {
  it('prints FAIL with the file, the path, expected and actual, closes with "0 passed, 1 failed", exits non-zero', () => {
    const file = join(dir, 'wrong.yaml');
    writeFileSync(file, WRONG_EXPECTATION);
    const run = runCli([file]);
    const lines = run.stdout.trimEnd().split('\n');
    expect(run.status).not.toBe(0);
    expect(lines[0]).toBe(`FAIL ${file} › a scattered orphan of 10 - the expectation is wrong on purpose`);
    expect(lines[1]).toBe('  entitlements.basicLivingAllowance.status: expected "ineligible" actual "eligible"');
    expect(lines).not.toContain('  age: expected 10 actual 10');
    expect(lines.at(-1)).toBe('0 passed, 1 failed');
  });

  it('a passing file exits 0 with "ok" lines', () => {
    const file = join(dir, 'right.yaml');
    writeFileSync(file, WRONG_EXPECTATION.replace('status: ineligible', 'status: eligible'));
    const run = runCli([file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ok {2}.*right\.yaml › a scattered orphan of 10/m);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
  });
});

describe('rules CLI: files that cannot be read', () => {
  it('a missing file: non-zero exit, FAIL naming the file and why', () => {
    const missing = join(dir, 'no-such-cases.yaml');
    const run = runCli([missing]);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain(`FAIL ${missing} › cannot read`);
    expect(run.stdout).toContain('no such file or directory');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });

  it('a file that is not valid YAML: non-zero exit, "cannot parse"', () => {
    const run = runCli([fixture('broken.yaml')]);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain(`FAIL ${fixture('broken.yaml')} › cannot parse`);
  });

  it('a folder with no case files: non-zero exit and a message', () => {
    const run = runCli([fixture('empty-folder')]);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain('no .yaml, .yml or .json case files');
  });

  it('a file without read permission: non-zero exit, "cannot read" (skipped as root, who reads anything)', (ctx) => {
    if (process.getuid?.() === 0) ctx.skip();
    const file = join(dir, 'locked.yaml');
    writeFileSync(file, WRONG_EXPECTATION);
    chmodSync(file, 0o000);
    const run = runCli([file]);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain(`FAIL ${file} › cannot read`);
  });

  it('a path no one can read (a symlink loop): non-zero exit, "cannot read"', () => {
    const loop = join(dir, 'loop.yaml');
    symlinkSync(loop, loop);
    const run = runCli([loop]);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain(`FAIL ${loop} › cannot read`);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });

  it('an unreadable file does not hide the results of the readable ones', () => {
    const good = join(dir, 'good.yaml');
    writeFileSync(good, WRONG_EXPECTATION.replace('status: ineligible', 'status: eligible'));
    const run = runCli([good, join(dir, 'absent.json')]);
    expect(run.status).not.toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed');
  });

  it('no arguments is a usage error (exit 2)', () => {
    const run = runCli([]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage');
  });
});

describe('rules CLI: path syntax end to end (fixtures/paths.yaml)', () => {
  it('passes and fails exactly the cases named so', () => {
    const run = runCli([fixture('paths.yaml')]);
    expect(run.status).not.toBe(0);
    const results = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('ok') || l.startsWith('FAIL'))
      .map((l) => [l.startsWith('ok'), l.slice(l.indexOf('›') + 2)] as const);
    expect(results).toHaveLength(9);
    for (const [passed, name] of results) expect(passed, name).toBe(name.startsWith('pass'));
    expect(run.stdout).toContain('  entitlements.pocketMoney.status: expected "eligible" actual (missing: no "entitlements.pocketMoney")');
    expect(run.stdout).toContain('  medical.minAidRatio: expected 0.70001 actual 0.7');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('5 passed, 4 failed');
  });
});

describe('rules CLI: --explain', () => {
  it('--explain facts.json --as-of prints the whole Evaluation as JSON', () => {
    const run = runCli(['--explain', fixture('facts-orphan.json'), '--as-of', '2027-07-01']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const evaluation = JSON.parse(run.stdout) as Evaluation;
    expect(evaluation.asOf).toBe('2027-07-01');
    expect(evaluation.age).toBe(18);
    expect(evaluation.policy).toMatchObject({ id: '沪府规〔2025〕11号', inForce: true });
    expect(Object.keys(evaluation.entitlements).sort()).toEqual([...BENEFIT_CODES].sort());
    expect(evaluation.entitlements.basicLivingAllowance).toMatchObject({ status: 'eligible', clause: '一(一)' });
    expect(evaluation.reintegration.status).toBe('deferredStudying');
  });

  it('--as-of=DATE works too, and a case file given to --explain uses its own asOf unless overridden', () => {
    expect((JSON.parse(runCli(['--explain', fixture('facts-orphan.json'), '--as-of=2026-01-01']).stdout) as Evaluation).age).toBe(16);
    expect((JSON.parse(runCli(['--explain', fixture('explain-case.yaml')]).stdout) as Evaluation).asOf).toBe('2027-07-01');
    expect((JSON.parse(runCli(['--explain', fixture('explain-case.yaml'), '--as-of', '2031-01-01']).stdout) as Evaluation).policy.inForce).toBe(false);
  });

  it('an invalid --as-of is reported on the field, exit non-zero', () => {
    const run = runCli(['--explain', fixture('facts-orphan.json'), '--as-of', '2027-02-30']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('invalid input at asOf');
    expect(run.stdout).toBe('');
  });

  it('a missing facts file: non-zero exit and a clear message', () => {
    const run = runCli(['--explain', join(dir, 'no-facts.json'), '--as-of', '2027-07-01']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('cannot read');
    expect(run.stderr).toContain('no-facts.json');
  });
});

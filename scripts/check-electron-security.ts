/**
 * Static Electron security check (electronegativity, offline, well under a minute):
 *   npx tsx scripts/check-electron-security.ts [--report FILE.csv]
 * Scans electron/ and renderer/ (tests left out) with package.json for the Electron version, then
 * fails on any finding about contextIsolation, nodeIntegration, sandbox, CSP, navigation, new windows
 * or the permission handler that has not been reviewed and accepted (scripts/electron-security/accepted.ts).
 * Other findings are printed for review. Then our own checks (scripts/electron-security/own-checks.ts: every
 * ipcMain listener behind the sender check, the preload exposing only `invoke`, the fuses in
 * electron-builder.yml), one line each; any violation blocks.
 * Exit 0 when nothing blocks, 1 otherwise, 2 when the scan itself failed.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ACCEPTED_FINDINGS } from './electron-security/accepted';
import { formatFinding, judgeFindings, parseElectronegativityCsv, summaryLine } from './electron-security/csv';
import { formatOwnChecks, runOwnChecks } from './electron-security/own-checks';

const root = resolve(import.meta.dirname, '..');
const SCANNED_DIRS = ['electron', 'renderer'];
/** Needs the network (it downloads Electron's release list); the Electron version is pinned in package.json anyway. */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const TIMEOUT_MS = 90_000;
const SUMMARY_MARKER = '@@electronegativity-summary ';

type RunSummary = {
  globalChecks: number;
  atomicChecks: number;
  issues: number;
  parseErrors: Array<{ file: string; message: string }>;
};

class ScanError extends Error {}

function electronVersion(): string {
  const installed = join(root, 'node_modules', 'electron', 'package.json');
  if (existsSync(installed)) return (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const range = pkg.devDependencies?.electron;
  const version = range?.match(/\d+\.\d+\.\d+/)?.[0];
  if (!version) throw new ScanError('cannot tell the Electron version (no node_modules/electron, no devDependencies.electron)');
  return version;
}

/** Copies what ships (main, preload, host, services, renderer) into a scratch folder, leaving tests out. */
function stage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tonghu-electronegativity-'));
  const src = join(dir, 'app');
  for (const name of SCANNED_DIRS) {
    cpSync(join(root, name), join(src, name), {
      recursive: true,
      filter: (path) => {
        const base = basename(path);
        return base !== 'node_modules' && !/\.(test|spec)\.[cm]?[jt]sx?$/.test(base);
      },
    });
  }
  copyFileSync(join(root, 'package.json'), join(src, 'package.json'));
  return dir;
}

function runElectronegativity(input: string, output: string, version: string): Promise<RunSummary> {
  const launcher = join(import.meta.dirname, 'electron-security', 'run-electronegativity.mjs');
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [launcher, input, output, version, EXCLUDED_CHECKS.join(',')], {
      cwd: root,
      // A fixed locale keeps the report's wording stable (it is looked up, offline first, by LANG).
      env: { ...process.env, LANG: 'en-US', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new ScanError(`electronegativity did not finish within ${TIMEOUT_MS / 1000} s`));
    }, TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(SUMMARY_MARKER));
      if (code !== 0 || !line) {
        reject(new ScanError(`electronegativity exited with ${code}\n${(stderr || stdout).trim().slice(-2000)}`));
        return;
      }
      resolveRun(JSON.parse(line.slice(SUMMARY_MARKER.length)) as RunSummary);
    });
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { report: { type: 'string' } } });
  const version = electronVersion();
  const scratch = stage();
  try {
    const input = join(scratch, 'app');
    const csvPath = join(scratch, 'electronegativity.csv');
    const started = Date.now();
    const run = await runElectronegativity(input, csvPath, version);
    if (!existsSync(csvPath)) throw new ScanError('electronegativity wrote no report');
    const csv = readFileSync(csvPath, 'utf8');
    if (values.report) copyFileSync(csvPath, resolve(values.report));
    const findings = parseElectronegativityCsv(csv);
    if (findings.length !== run.issues) {
      throw new ScanError(`the report has ${findings.length} rows but electronegativity found ${run.issues} issues (report written incompletely)`);
    }
    const verdict = judgeFindings(findings, ACCEPTED_FINDINGS);
    const unscanned = run.parseErrors.map((error) => ({ file: relative(input, error.file) || error.file, message: error.message }));
    const checks = run.globalChecks + run.atomicChecks;

    console.log(`electronegativity: Electron ${version}, ${SCANNED_DIRS.join('/, ')}/ scanned in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (verdict.review.length > 0) {
      console.log(`\nfor review (not blocking):`);
      for (const finding of verdict.review) console.log(`  ${formatFinding(finding)}`);
    }
    if (verdict.accepted.length > 0) {
      console.log(`\naccepted after review (scripts/electron-security/accepted.ts):`);
      for (const finding of verdict.accepted) console.log(`  ${formatFinding(finding)}\n    why: ${finding.reason}`);
    }
    if (verdict.blocking.length > 0) {
      console.log(`\nBLOCKING:`);
      for (const finding of verdict.blocking) {
        console.log(`  [${finding.category}] ${formatFinding(finding)}${finding.sample && finding.sample !== 'N/A' ? `\n    ${finding.sample.slice(0, 200)}` : ''}\n    ${finding.url}`);
      }
    }
    if (unscanned.length > 0) {
      console.log(`\nBLOCKING: files electronegativity could not parse (so could not check):`);
      for (const error of unscanned) console.log(`  ${error.file}: ${error.message}`);
    }
    const own = runOwnChecks(root);
    console.log(`\nown checks (what electronegativity does not cover):`);
    for (const line of formatOwnChecks(own)) console.log(`  ${line}`);
    const ownViolations = own.reduce((n, r) => n + r.violations.length, 0);
    const blocking = verdict.blocking.length + unscanned.length + ownViolations;
    console.log(`\n${summaryLine(checks + own.length, blocking)}`);
    return blocking === 0 ? 0 : 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`electron security check could not run: ${message}`);
    console.log(summaryLine(0, 0).replace(/, 0 blocking findings$/, ', scan failed'));
    process.exit(2);
  },
);

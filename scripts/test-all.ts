/**
 * `npm test`: every check CI runs, in order, with one closing summary line.
 *
 *   npm test                 typecheck, lint, unit + integration, rule cases, electron security, e2e
 *   npm test -- unit rules   only the named steps
 *
 * Each step runs to the end even when an earlier one failed, so one run shows everything that is
 * wrong; the exit code is non-zero when any step failed. Counts come from each tool's own report
 * (vitest and Playwright JSON, the rules runner's closing line); a step without test counts (typecheck,
 * lint) counts as one check.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const resultsDir = join(root, 'test-results');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface Step {
  name: string;
  title: string;
  command: string[];
  env?: Record<string, string>;
  /** Reads the step's own report; undefined → the exit code alone decides (one check). */
  counts?: (output: string) => Counts | undefined;
}

function vitestCounts(): Counts | undefined {
  const file = join(resultsDir, 'vitest-results.json');
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightCounts(): Counts | undefined {
  const file = join(resultsDir, 'e2e-results.json');
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
}

function closingLineCounts(output: string): Counts | undefined {
  const match = [...output.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  return match ? { passed: Number(match[1]), failed: Number(match[2]), skipped: 0 } : undefined;
}

const steps: Step[] = [
  { name: 'typecheck', title: 'TypeScript (main process, services, tests)', command: [bin('tsc'), '--noEmit', '-p', 'tsconfig.node.json'] },
  { name: 'typecheck-web', title: 'TypeScript (renderer)', command: [bin('tsc'), '--noEmit', '-p', 'tsconfig.web.json'] },
  { name: 'lint', title: 'ESLint (incl. layer boundaries)', command: [bin('eslint'), '.', '--max-warnings', '0'] },
  // The packaged app's build (into out/, ignored by git): it must compile, and the unit step then runs
  // the built worker entry (tests/integration/worker-build.test.ts) as the Electron shell does.
  { name: 'build', title: 'Build (electron-vite: main, preload, worker, renderer)', command: [bin('electron-vite'), 'build'] },
  {
    name: 'unit',
    title: 'Unit + integration (vitest)',
    command: [bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(resultsDir, 'vitest-results.json')}`],
    counts: vitestCounts,
  },
  { name: 'rules', title: 'Rule cases (tests/rules)', command: [bin('tsx'), 'scripts/rules-cli.ts', 'tests/rules'], counts: closingLineCounts },
  { name: 'security', title: 'Electron security (electronegativity + own checks)', command: [bin('tsx'), 'scripts/check-electron-security.ts'] },
  { name: 'e2e', title: 'End to end (Chromium via the browser host)', command: [bin('playwright'), 'test'], counts: playwrightCounts },
];

function run(step: Step): Promise<{ code: number; output: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolvePromise) => {
    const [command, ...args] = step.command;
    const child = spawn(command!, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0', ...step.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const forward = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output += chunk.toString();
      to.write(chunk);
    };
    child.stdout.on('data', (c: Buffer) => forward(c, process.stdout));
    child.stderr.on('data', (c: Buffer) => forward(c, process.stderr));
    child.on('error', (error) => {
      output += String(error);
      resolvePromise({ code: 127, output, seconds: (Date.now() - started) / 1000 });
    });
    child.on('close', (code) => resolvePromise({ code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
  });
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !steps.some((s) => s.name === w));
  if (unknown.length > 0) {
    console.error(`unknown step(s): ${unknown.join(', ')}; steps are: ${steps.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const selected = wanted.length > 0 ? steps.filter((s) => wanted.includes(s.name)) : steps;
  mkdirSync(resultsDir, { recursive: true });
  for (const f of ['vitest-results.json', 'e2e-results.json']) rmSync(join(resultsDir, f), { force: true });

  const summary: { step: Step; ok: boolean; counts: Counts; seconds: number }[] = [];
  const started = Date.now();
  for (const step of selected) {
    console.log(`\n━━ ${step.title} ━━ ${step.command.map((c) => c.replace(`${root}/node_modules/.bin/`, '')).join(' ')}`);
    const result = await run(step);
    const reported = step.counts?.(result.output);
    const ok = result.code === 0 && (reported === undefined || reported.failed === 0);
    // A tool that crashed before reporting counts as one failure, never as zero.
    const counts = reported && (ok || reported.failed > 0) ? reported : { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
    summary.push({ step, ok, counts, seconds: result.seconds });
  }

  console.log('\n━━ Summary ━━');
  for (const s of summary) {
    const skipped = s.counts.skipped > 0 ? `, ${s.counts.skipped} skipped` : '';
    console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.step.title.padEnd(46)} ${s.counts.passed} passed, ${s.counts.failed} failed${skipped} (${s.seconds.toFixed(1)} s)`);
  }
  const total = summary.reduce((a, s) => ({ passed: a.passed + s.counts.passed, failed: a.failed + s.counts.failed, skipped: a.skipped + s.counts.skipped }), { passed: 0, failed: 0, skipped: 0 });
  const failedSteps = summary.filter((s) => !s.ok).map((s) => s.step.name);
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  console.log(
    `npm test: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped — ${summary.length - failedSteps.length}/${summary.length} steps ok` +
      `${failedSteps.length > 0 ? ` (failed: ${failedSteps.join(', ')})` : ''} in ${minutes} min`,
  );
  process.exit(failedSteps.length > 0 ? 1 : 0);
}

await main();

/**
 * The rules case runner (shared/RULES.md):
 *   npm run rules -- <files-or-folders>...            run case files, one line per case, then "N passed, M failed"
 *   npm run rules -- --explain <facts> [--as-of DATE]  print the whole Evaluation as JSON
 * Exit 0 when every case passed; 1 when a case failed or a file could not be read; 2 on a usage error.
 */
import { evaluate, RulesValidationError } from '../electron/rules/index';
import { readExplainInput } from './rules-runner/explain';
import { runCaseFiles } from './rules-runner/run';

const USAGE = [
  'usage: npm run rules -- <case-file-or-folder>...',
  '       npm run rules -- --explain <facts.json|yaml> [--as-of YYYY-MM-DD]',
].join('\n');

function todayLocal(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

type Parsed =
  | { mode: 'run'; paths: string[] }
  | { mode: 'explain'; file: string; asOf: string | null }
  | { mode: 'help' }
  | { mode: 'usage'; error: string };

function parseArgs(argv: readonly string[]): Parsed {
  if (argv.includes('--help') || argv.includes('-h')) return { mode: 'help' };
  let explain: string | null = null;
  let asOf: string | null = null;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--explain') {
      const next = argv[i + 1];
      if (next === undefined) return { mode: 'usage', error: '--explain needs a facts file' };
      explain = next;
      i += 1;
    } else if (arg === '--as-of') {
      const next = argv[i + 1];
      if (next === undefined) return { mode: 'usage', error: '--as-of needs a date' };
      asOf = next;
      i += 1;
    } else if (arg.startsWith('--as-of=')) {
      asOf = arg.slice('--as-of='.length);
    } else if (arg.startsWith('--')) {
      return { mode: 'usage', error: `unknown option ${arg}` };
    } else {
      paths.push(arg);
    }
  }
  if (explain !== null) {
    if (paths.length > 0) return { mode: 'usage', error: '--explain takes one facts file and no case files' };
    return { mode: 'explain', file: explain, asOf };
  }
  if (asOf !== null) return { mode: 'usage', error: '--as-of is only for --explain (case files carry their own asOf)' };
  if (paths.length === 0) return { mode: 'usage', error: 'no case files or folders given' };
  return { mode: 'run', paths };
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv);
  switch (parsed.mode) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'usage':
      process.stderr.write(`${parsed.error}\n${USAGE}\n`);
      return 2;
    case 'explain': {
      let input;
      try {
        input = await readExplainInput(parsed.file);
      } catch (error) {
        process.stderr.write(`cannot read ${parsed.file}: ${(error as Error).message}\n`);
        return 1;
      }
      try {
        const evaluation = evaluate(input.facts, parsed.asOf ?? input.asOf ?? todayLocal());
        process.stdout.write(`${JSON.stringify(evaluation, null, 2)}\n`);
        return 0;
      } catch (error) {
        if (error instanceof RulesValidationError) {
          process.stderr.write(`invalid input at ${error.field}: ${error.issues[0]?.message ?? error.message}\n`);
          return 1;
        }
        throw error;
      }
    }
    case 'run': {
      const summary = await runCaseFiles(parsed.paths, evaluate, process.cwd());
      process.stdout.write(`${summary.lines.join('\n')}\n`);
      return summary.failed > 0 ? 1 : 0;
    }
    default:
      return assertNever(parsed);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);

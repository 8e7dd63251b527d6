/**
 * `npm run demo -- [--children N] [--data-dir DIR] [--username NAME] [--password PW] [--passphrase P]`
 *
 * Makes a data folder the desktop app and the browser host open as a normal install, filled with N
 * deterministic demo children (default 200), through the app core exactly as the first-run page does:
 * - DIR holds no install: first-run set-up (institution 演示儿童福利院, an administrator, the passphrase),
 *   with the demo data; prints what is needed to sign in, and the recovery code (shown once).
 * - DIR holds an install: unlocks it with the passphrase; loads the demo data only when it holds no
 *   children at all (demo data never goes on top of real records).
 * The passphrase: --passphrase, else the TONGHU_PASSPHRASE environment variable, else a hidden prompt
 * when stdin is a terminal.
 * Exit 0 when done; 1 when the folder cannot be opened (wrong passphrase, damaged files); 2 on a usage
 * error or a refusal (bad arguments, the folder already holds children, not a Tonghu folder).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { contract } from '../../shared/contract';
import { passwordSchema, usernameSchema } from '../../shared/contract/app';
import { AppError } from '../../shared/contract/errors';
import { DB_FILE, KEYSTORE_FILE, createAppCore } from '../services/app/app-core';
import { systemClock } from '../services/core/clock';
import { loadDemoData } from './demo';
import { type DemoAccount, generatePassword } from './demo-staff';
import { createKeyStore, passphraseSealer } from '../services/keys/key-store';
import { passwordProblem } from '../services/users/passwords';
import { promptHidden } from '../host/prompt';

const root = resolve(import.meta.dirname, '..', '..');

const DEMO_INSTITUTION = '演示儿童福利院';
const DEMO_DISPLAY_NAME = '演示管理员';
const DEFAULT_CHILDREN = 200;
const MAX_CHILDREN = 100_000;

const USAGE = `用法 (usage): npm run demo -- [options]
  --children N       演示儿童人数 (number of demo children), 1–${MAX_CHILDREN}, 默认 (default) ${DEFAULT_CHILDREN}
  --data-dir DIR     数据文件夹 (data folder), 默认 (default) .tonghu-data
  --username NAME    管理员用户名 (administrator's username), 默认 (default) admin — 仅新建时 (new folders only)
  --password PW      管理员密码 (administrator's password); 不给则随机生成 (generated when not given)
  --passphrase P     数据库口令 (database passphrase); 也可用环境变量 (or env) TONGHU_PASSPHRASE,
                     或在终端中输入 (or typed at a hidden prompt)
  -h, --help         显示本说明 (show this help)`;

/** A refusal or a usage error: printed, exit code 2 (1 for a folder that cannot be opened). */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

type DemoCliOptions = {
  children: number;
  dataDir: string;
  username: string;
  password: string | null;
  passphrase: string | null;
  help: boolean;
};

function usage(option: string, zh: string, en: string): never {
  throw new CliError(`参数错误（${option}）：${zh}\nUsage error (${option}): ${en}`, 2);
}

/** The command line, checked: every problem is a usage error (exit 2) in Chinese and English. */
function parseDemoArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): DemoCliOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        children: { type: 'string' },
        'data-dir': { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        passphrase: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliError(`参数错误：${(error as Error).message}\nUsage error: ${(error as Error).message}\n\n${USAGE}`, 2);
  }
  const rawChildren = (values.children as string | undefined) ?? String(DEFAULT_CHILDREN);
  const children = /^\d+$/.test(rawChildren.trim()) ? Number(rawChildren.trim()) : Number.NaN;
  if (!Number.isSafeInteger(children) || children < 1 || children > MAX_CHILDREN) {
    throw new CliError(
      `参数错误：--children 须为 1 到 ${MAX_CHILDREN} 之间的整数（收到 “${rawChildren}”）\nUsage error: --children must be a whole number from 1 to ${MAX_CHILDREN} (got "${rawChildren}")`,
      2,
    );
  }
  const dataDir = values['data-dir'] as string | undefined;
  if (dataDir !== undefined && dataDir.trim() === '') throw new CliError('参数错误：--data-dir 不能为空\nUsage error: --data-dir must not be empty', 2);
  const passphrase = (values.passphrase as string | undefined) ?? env.TONGHU_PASSPHRASE ?? null;
  return {
    children,
    dataDir: resolve(dataDir ?? join(root, '.tonghu-data')),
    username: ((values.username as string | undefined) ?? 'admin').trim(),
    password: (values.password as string | undefined) ?? null,
    passphrase: passphrase === '' ? null : passphrase,
    help: values.help === true,
  };
}

/** A random administrator password the app accepts: three groups of five from an unambiguous alphabet. */
/** The passphrase from the options, or typed at a hidden prompt (twice for a new folder). */
async function readPassphrase(options: DemoCliOptions, confirm: boolean): Promise<string> {
  if (options.passphrase !== null) return options.passphrase;
  if (!process.stdin.isTTY) {
    throw new CliError(
      '缺少数据库口令：请用 --passphrase 或环境变量 TONGHU_PASSPHRASE 提供（标准输入不是终端，无法提示输入）\nNo database passphrase: give --passphrase or set TONGHU_PASSPHRASE (stdin is not a terminal, so it cannot be asked for)',
      2,
    );
  }
  const first = await promptHidden(confirm ? '设置数据库口令，至少12个字符 (new database passphrase, 12+ characters): ' : '数据库口令 (database passphrase): ');
  if (confirm) {
    const again = await promptHidden('再次输入数据库口令 (passphrase again): ');
    if (again !== first) throw new CliError('两次输入的口令不一致，未作任何改动\nThe two passphrases differ; nothing was changed', 2);
  }
  return first;
}

/** The rows of the main tables, for the summary after loading. */
function countRows(sqlite: { prepare: (sql: string) => { get: () => unknown } }): [string, number][] {
  const tables: [string, string][] = [
    ['儿童 children', 'children'],
    ['安置记录 placements', 'placements'],
    ['残疾记录 disabilities', 'disabilities'],
    ['教育记录 education records', 'education_records'],
    ['待遇记录 benefits received', 'benefits_received'],
    ['康复计划 rehab plans', 'rehab_plans'],
    ['康复训练 rehab sessions', 'rehab_sessions'],
    ['康复评估 rehab measures', 'rehab_measures'],
    ['心理健康检查 mental-health checks', 'mental_health_checks'],
    ['孤独症路径 autism pathway events', 'autism_pathway_events'],
    ['回归个案 reintegration cases', 'reintegration_cases'],
  ];
  return tables.map(([label, table]) => [label, (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]);
}

/** Pads to a width in terminal columns (a Chinese character takes two). */
function padColumns(text: string, width: number): string {
  const columns = [...text].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - columns));
}

function shellQuote(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function runDemoCli(argv: string[]): Promise<void> {
  const options = parseDemoArgs(argv);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const started = performance.now();
  const { dataDir } = options;
  const installed = existsSync(join(dataDir, KEYSTORE_FILE)) || existsSync(join(dataDir, DB_FILE));
  if (!installed && existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new CliError(
      `拒绝操作：${dataDir} 不是空文件夹，也不是童护的数据文件夹；请指定一个新的或空的文件夹\nRefused: ${dataDir} is neither empty nor a Tonghu data folder; give a new or empty folder`,
      2,
    );
  }
  if (installed && existsSync(join(dataDir, KEYSTORE_FILE)) && createKeyStore(join(dataDir, KEYSTORE_FILE)).sealedKind() !== 'passphrase') {
    throw new CliError(
      `无法打开：${dataDir} 的密钥由系统钥匙串保护（桌面版），本工具只能用数据库口令打开\nCannot open: the key of ${dataDir} is sealed by the system keychain (desktop app); this tool opens passphrase-sealed folders only`,
      1,
    );
  }
  if (!installed) {
    // The set-up page's own rules, checked before the passphrase is asked for.
    const password = options.password ?? generatePassword();
    const username = usernameSchema.safeParse(options.username);
    if (!username.success) usage('--username', username.error.issues[0]?.message ?? '', 'not a valid username (3–32 letters, digits, _ . -)');
    const weak = passwordSchema.safeParse(password).error?.issues[0]?.message ?? passwordProblem(password);
    if (weak) usage('--password', weak, 'too weak (10+ characters, three of: lower case, upper case, digits, symbols)');
    const passphrase = await readPassphrase(options, true);
    const input = contract['app:setup'].input.safeParse({
      institutionName: DEMO_INSTITUTION,
      displayName: DEMO_DISPLAY_NAME,
      username: options.username,
      password,
      passphrase,
      loadDemo: true,
    });
    if (!input.success) usage('passphrase', input.error.issues[0]?.message ?? '', 'the database passphrase needs 12 characters at least');

    let staff: DemoAccount[] = [];
    const core = createAppCore({
      dataDir,
      keyMode: 'passphrase',
      sealer: passphraseSealer(passphrase),
      clock: systemClock,
      migrationsDir: join(root, 'db', 'migrations'),
      demoLoader: (ctx, opts) => {
        staff = loadDemoData(ctx, opts);
      },
      demoChildren: options.children,
    });
    try {
      if (core.phase() !== 'setup') throw new CliError(`无法设置：${core.problem()?.message ?? core.phase()}\nCannot set up: ${core.problem()?.code ?? core.phase()}`, 1);
      process.stdout.write(`新建加密数据库并载入 ${options.children} 名演示儿童… (setting up ${dataDir} with ${options.children} demo children…)\n`);
      const loadStart = performance.now();
      const { recoveryCode } = core.setup(input.data);
      const loadMs = performance.now() - loadStart;
      printCounts(core.opened()!.sqlite, options.children, loadMs);
      process.stdout.write(
        [
          '',
          `数据文件夹 (data folder):   ${dataDir}`,
          `机构 (institution):         ${DEMO_INSTITUTION}`,
          `用户名 (username):          ${input.data.username}`,
          options.password === null ? `密码 (password, generated): ${password}` : '密码 (password):            （您在 --password 中给出的 / as given with --password）',
          ...staffLines(staff),
          `恢复码 (recovery code):     ${recoveryCode}`,
          '  恢复码只显示这一次，请抄下并与电脑分开保存；忘记口令时只能用它打开数据。',
          '  The recovery code is shown this once only: write it down and keep it apart from the computer.',
          '',
          '启动浏览器版 (start the browser host; it asks for the passphrase, or set TONGHU_PASSPHRASE):',
          `  npm run host -- --data-dir ${shellQuote(dataDir)}`,
          '桌面版（开发运行）(the desktop app from the working tree):',
          `  TONGHU_DATA_DIR=${shellQuote(dataDir)} npm start`,
          '',
        ].join('\n'),
      );
    } finally {
      core.close();
    }
  } else {
    const passphrase = await readPassphrase(options, false);
    const core = createAppCore({
      dataDir,
      keyMode: 'passphrase',
      sealer: passphraseSealer(passphrase),
      clock: systemClock,
      migrationsDir: join(root, 'db', 'migrations'),
    });
    try {
      if (core.phase() !== 'ready') {
        const problem = core.problem();
        if (problem?.code === 'wrong_key') throw new CliError('口令不正确，数据未被改动\nWrong passphrase; nothing was changed', 1);
        throw new CliError(`无法打开 ${dataDir}：${problem?.message ?? core.phase()}\nCannot open ${dataDir}: ${problem?.code ?? core.phase()}`, 1);
      }
      const ctx = core.context(null);
      const existing = (ctx.sqlite.prepare('SELECT count(*) AS n FROM children').get() as { n: number }).n;
      if (existing > 0) {
        throw new CliError(
          `拒绝载入：${dataDir}（${core.institutionName() ?? ''}）已有 ${existing} 名儿童的档案，演示数据不会加在真实数据之上；请另选一个新文件夹\nRefused: ${dataDir} already holds ${existing} children; demo data is never added on top of existing records. Use a new folder.`,
          2,
        );
      }
      process.stdout.write(`向已有数据（${core.institutionName() ?? ''}）载入 ${options.children} 名演示儿童… (loading ${options.children} demo children into ${dataDir}…)\n`);
      const loadStart = performance.now();
      const staff = loadDemoData(ctx, { children: options.children });
      printCounts(ctx.sqlite, options.children, performance.now() - loadStart);
      process.stdout.write(
        [
          '',
          `数据文件夹 (data folder): ${dataDir}`,
          '用原有的用户名和密码登录 (sign in with the existing accounts):',
          ...staffLines(staff),
          `  npm run host -- --data-dir ${shellQuote(dataDir)}`,
          '',
        ].join('\n'),
      );
    } finally {
      core.close();
    }
  }
  process.stdout.write(`完成，用时 ${seconds(performance.now() - started)} (done in ${seconds(performance.now() - started)})\n`);
}

/** The demo staff accounts and their generated passwords, one line each (none if none were created). */
function staffLines(staff: DemoAccount[]): string[] {
  if (staff.length === 0) return [];
  return [
    '演示员工账户 (demo staff accounts, generated passwords):',
    ...staff.map((a) => `  ${padColumns(a.displayName, 18)} ${padColumns(a.roles.join(','), 18)} 用户名 ${a.username.padEnd(18)} 密码 ${a.password}`),
  ];
}

function printCounts(sqlite: Parameters<typeof countRows>[0], requested: number, loadMs: number): void {
  process.stdout.write(`已载入 ${requested} 名演示儿童，用时 ${seconds(loadMs)} (loaded ${requested} demo children in ${seconds(loadMs)}):\n`);
  for (const [label, n] of countRows(sqlite)) process.stdout.write(`  ${padColumns(label, 36)} ${String(n).padStart(9)}\n`);
}

runDemoCli(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(error.exitCode);
  }
  if (error instanceof AppError) {
    process.stderr.write(`童护演示数据失败 (Tonghu demo failed): ${error.message} [${error.code}]\n`);
    process.exit(error.code === 'invalid_input' || error.code === 'weak_password' ? 2 : 1);
  }
  process.stderr.write(`童护演示数据失败 (Tonghu demo failed): ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});

/**
 * npm start: runs 童护 Tonghu from the working tree.
 *   npm start                Electron when its binary is installed; otherwise the browser host
 *   npm start -- --dev       Electron with the renderer dev server (hot reload)
 *   npm start -- --browser   the browser host even where Electron is installed
 *
 * Electron: builds with electron-vite, makes sure the Electron build of the SQLite driver exists in
 * node_modules/.cache (scripts/electron-native.mjs; node_modules/better-sqlite3 stays a Node build, so
 * `npm test` keeps working) and passes it to the app as TONGHU_NATIVE_BINDING.
 * Browser host: builds the renderer when out/renderer is missing or older than its sources, then serves
 * it on 127.0.0.1 with the data folder .tonghu-data/ (DESIGN.md, "browser host").
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { electronBinaryPath, ensureElectronDriver } from './electron-native.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const DATA_DIR = join(root, '.tonghu-data');

function say(zh, en) {
  console.log(`${zh}\n${en}`);
}

/** The JavaScript file behind a package's command, run with this Node (no shell, no .cmd shims). */
function binScript(pkg, name) {
  const manifest = JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[name ?? pkg];
  if (!bin) throw new Error(`${pkg} has no "${name ?? pkg}" command`);
  return join(root, 'node_modules', pkg, bin);
}

/** Runs a command to its end with the terminal attached; resolves with its exit code. */
function run(command, commandArgs, options = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolveRun(code ?? (signal ? 1 : 0)));
  });
}

/** Starts a long-running child that owns the terminal; this process ends when it does. */
function handOver(child) {
  // Ctrl-C reaches the child through the terminal; stay alive until it has closed the database.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('error', (error) => {
    console.error(error.message);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1)));
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function rendererIsStale() {
  const built = join(root, 'out', 'renderer', 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['renderer', 'shared', 'vite.renderer.config.ts', 'package-lock.json'].map((p) => newestMtime(join(root, p)));
  return Math.max(...sources) > statSync(built).mtimeMs;
}

/** `npm run build:renderer`, with the npm that started us when there is one. */
function buildRenderer() {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.[cm]?js$/.test(npmCli)) return run(process.execPath, [npmCli, 'run', 'build:renderer']);
  return run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:renderer'], { shell: process.platform === 'win32' });
}

async function startBrowserHost() {
  if (rendererIsStale()) {
    say('童护：正在构建界面（out/renderer）…', 'Tonghu: building the renderer (out/renderer)…');
    const code = await buildRenderer();
    if (code !== 0) {
      say('童护：界面构建失败，见上方输出。', 'Tonghu: the renderer build failed; see the output above.');
      process.exit(code);
    }
  }
  say(
    `童护：浏览器版，数据文件夹 ${relative(root, DATA_DIR)}${process.stdin.isTTY ? '。可先输入数据库口令，直接回车则在页面中输入。' : '。'}`,
    `Tonghu: browser host, data folder ${relative(root, DATA_DIR)}${process.stdin.isTTY ? '. Type the database passphrase, or press Enter to give it in the page.' : '.'}`,
  );
  const child = spawn(process.execPath, [binScript('tsx'), join('electron', 'host', 'browser-host-cli.ts'), '--data-dir', DATA_DIR], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let announced = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const url = !announced && /Tonghu browser host: (http:\/\/\S+)/.exec(chunk.toString('utf8'))?.[1];
    if (url) {
      announced = true;
      say(`\n  请用浏览器打开：${url}`, `  Open in a browser:  ${url}\n  (Ctrl-C 停止 / to stop)\n`);
    }
  });
  handOver(child);
}

async function startElectron(dev) {
  const electronVite = binScript('electron-vite');
  if (!dev) {
    say('童护：正在构建（electron-vite build）…', 'Tonghu: building (electron-vite build)…');
    const code = await run(process.execPath, [electronVite, 'build']);
    if (code !== 0) process.exit(code);
  }
  let nativeBinding;
  try {
    nativeBinding = await ensureElectronDriver(root, { log: (line) => console.log(`Tonghu: ${line}`) });
  } catch (error) {
    say(
      '\n童护：无法为 Electron 准备数据库驱动。这一步需要联网（下载 Electron 头文件或预编译驱动）和 C++ 编译工具。\n' +
        '      node_modules 里供测试用的驱动没有改动，npm test 照常可用。也可以用 npm start -- --browser 启动浏览器版。',
      "Tonghu: could not prepare the SQLite driver for Electron. This step needs the network (Electron's headers or a prebuilt\n" +
        '        driver) and a C++ toolchain. The Node build in node_modules is untouched, so `npm test` still works;\n' +
        '        `npm start -- --browser` runs the browser host instead.',
    );
    console.error(`\n${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  say('童护：启动 Electron …', 'Tonghu: starting Electron…');
  const child = spawn(process.execPath, [electronVite, dev ? 'dev' : 'preview', ...(dev ? [] : ['--skipBuild'])], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TONGHU_NATIVE_BINDING: nativeBinding },
  });
  handOver(child);
}

async function main() {
  const unknown = args.filter((arg) => !['--dev', '--browser'].includes(arg));
  if (unknown.length > 0) {
    say(`童护：不认识的参数 ${unknown.join(' ')}`, 'usage: npm start [-- --dev | --browser]');
    process.exit(2);
  }
  if (args.includes('--browser')) return startBrowserHost();
  const electron = electronBinaryPath(root);
  if (electron) return startElectron(args.includes('--dev'));
  say(
    '童护：本机没有安装 Electron 程序（node_modules/electron 里没有下载好的二进制文件，这台电脑也无法下载）。\n' +
      '      改为启动浏览器版：同样的界面和服务、同样加密的数据库，只在本机 127.0.0.1 上提供。\n' +
      '      要用桌面版：在能联网的电脑上运行 npx --no install-electron，再 npm start。',
    "Tonghu: Electron's binary is not installed (node_modules/electron holds no downloaded binary, and this machine\n" +
      '        cannot fetch it). Starting the browser host instead: the same UI and services over the same encrypted\n' +
      '        database, served on 127.0.0.1 only. For the desktop app, run `npx --no install-electron` on a connected\n' +
      '        machine, then `npm start` again.\n',
  );
  return startBrowserHost();
}

main().catch((error) => {
  console.error(`Tonghu: npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

/**
 * electron-builder.yml, checked without Electron: its shape, electron-builder's own schema, that the
 * main process never needs what the package leaves out, and (on Linux) a real `electron-builder --dir`
 * run against a stand-in Electron and a stand-in driver, whose output is then inspected.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { electronDriverPath } from '../../../scripts/electron-native.mjs';

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);

type FileSet = { from: string; to: string; filter?: string[] };
type BuilderConfig = {
  appId: string;
  productName: string;
  executableName: string;
  files: string[];
  asarUnpack: string[];
  extraResources: FileSet[];
  npmRebuild: boolean;
  beforePack: string;
  electronFuses: Record<string, boolean> | null;
  directories: { output: string; buildResources: string };
  win: { target: string; icon: string };
  nsis: { deleteAppDataOnUninstall: boolean; oneClick: boolean };
  mac: { target: string; icon: string };
  linux: { target: string[]; icon: string; maintainer: string };
  [key: string]: unknown;
};

const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** Packages the `files` patterns leave out of node_modules: `!**\/node_modules/<name>/**`. */
const excludedPackages = config.files.map((p) => /^!\*\*\/node_modules\/((?:@[^/]+\/)?[^/*{]+)\/\*\*$/.exec(p)?.[1] ?? /^!\*\*\/node_modules\/(@[^/]+)\/\*\*$/.exec(p)?.[1]).filter((p): p is string => !!p);

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toBe('cn.tonghu.app');
    expect(config.productName).toBe('童护 Tonghu');
    expect(config.executableName).toMatch(/^[a-z0-9-]+$/);
  });

  it('packages the build output and never the browser host', () => {
    expect(config.files[0]).toBe('out/**');
    expect(config.files).toContain('!**/browser-host*');
  });

  it('builds NSIS, dmg, AppImage and deb with the icon', () => {
    expect(config.win.target).toBe('nsis');
    expect(config.mac.target).toBe('dmg');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon]) expect(icon).toBe('resources/icon.png');
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^@\s]+>/);
  });

  it('never deletes the case files on uninstall', () => {
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('ships the migrations where electron/main/index.ts reads them', () => {
    expect(config.extraResources).toContainEqual({ from: 'db/migrations', to: 'migrations' });
    expect(readFileSync(join(root, 'electron', 'main', 'index.ts'), 'utf8')).toContain("join(process.resourcesPath, 'migrations')");
  });

  it('ships the Electron driver from the cache npm start fills, to where native-driver.ts loads it', async () => {
    const { PACKAGED_BINDING } = await import('../../../electron/main/native-driver');
    const native = config.extraResources.find((set) => set.to === PACKAGED_BINDING.replaceAll('\\', '/'));
    expect(native).toBeDefined();
    const from = resolve(root, (native?.from ?? '').replace('${platform}', process.platform).replace('${arch}', process.arch));
    expect(from).toBe(electronDriverPath(root));
  });

  it('keeps electron-builder from rebuilding node_modules in place, and builds the driver before packing', async () => {
    expect(config.npmRebuild).toBe(false);
    const hook = (await import(resolve(root, config.beforePack))) as { default: unknown };
    expect(typeof hook.default).toBe('function');
  });

  it('unpacks the native driver from the asar', () => {
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**/*.node');
  });

  it('hardens the Electron binary with fuses', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });

  it('has a 512×512 PNG icon', () => {
    const png = readFileSync(join(root, 'resources', 'icon.png'));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it("passes electron-builder's own schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration: (c: unknown, logger: unknown) => Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, deleteAppDataOnUninstal: false } }, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis/);
  });
});

/** Every file the Electron main and preload bundles are built from, with the packages they import. */
function mainProcessGraph(): { files: string[]; packages: Set<string> } {
  const entries = [join(root, 'electron', 'main', 'index.ts'), join(root, 'electron', 'preload', 'index.ts')];
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const imports = [
      ...[...source.matchAll(/(?:^|[\s;])(?:import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => ({ specifier: m[2], typeOnly: !!m[1] })),
      ...[...source.matchAll(/import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)].map((m) => ({ specifier: m[1] ?? m[2], typeOnly: false })),
    ];
    for (const { specifier, typeOnly } of imports) {
      if (specifier.startsWith('.')) {
        const base = resolve(dirname(file), specifier);
        const target = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p) && !readdirSafe(p));
        if (!target) throw new Error(`cannot resolve ${specifier} from ${relative(root, file)}`);
        queue.push(target);
      } else if (!specifier.startsWith('node:') && !typeOnly) {
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
      }
    }
  }
  return { files: [...seen].map((f) => relative(root, f).replaceAll('\\', '/')), packages };
}

function readdirSafe(path: string): boolean {
  try {
    readdirSync(path);
    return true;
  } catch {
    return false;
  }
}

describe('what the main process needs', () => {
  let memo: ReturnType<typeof mainProcessGraph> | null = null;
  const graph = () => (memo ??= mainProcessGraph());

  it('reaches the services through the host, so the walk itself works', () => {
    expect(graph().files).toContain('electron/host/app-host.ts');
    expect(graph().packages).toContain('better-sqlite3');
  });

  it('never includes the browser host', () => {
    expect(graph().files.filter((f) => f.includes('browser-host'))).toEqual([]);
  });

  it('imports none of the packages the package leaves out', () => {
    expect(excludedPackages).toEqual(expect.arrayContaining(['@mantine', 'react', 'react-dom', 'recharts']));
    const needed = [...graph().packages].filter((pkg) => excludedPackages.some((ex) => pkg === ex || pkg.startsWith(`${ex}/`)));
    expect(needed).toEqual([]);
  });
});

const appBuilderCli = join(root, 'node_modules', 'electron-builder', 'cli.js');

describe.runIf(process.platform === 'linux' && existsSync(appBuilderCli))('electron-builder --dir with a stand-in Electron', () => {
  let work = '';
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Builds a stand-in project (real package.json, migrations, icon and node_modules; a planted out/) and packs it. */
  function pack(): string {
    work = mkdtempSync(join(tmpdir(), 'tonghu-package-'));
    const project = join(work, 'project');
    const write = (path: string, content: string | Buffer) => {
      mkdirSync(dirname(join(project, path)), { recursive: true });
      writeFileSync(join(project, path), content);
    };
    cpSync(join(root, 'package.json'), join(project, 'package.json'));
    cpSync(join(root, 'db', 'migrations'), join(project, 'db', 'migrations'), { recursive: true });
    cpSync(join(root, 'resources'), join(project, 'resources'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
    write('out/main/index.js', 'export {};\n');
    write('out/main/index.js.map', '{}');
    write('out/main/browser-host-cli.js', '// must not ship\n');
    write('out/preload/index.cjs', '"use strict";\n');
    write('out/renderer/index.html', '<!doctype html>\n');
    write('electron/host/browser-host.ts', '// source: must not ship\n');

    const dist = join(work, 'electron-dist');
    for (const path of ['electron', 'locales/zh-CN.pak', 'locales/en-US.pak', 'locales/fr.pak', 'resources/.keep', 'version']) {
      mkdirSync(dirname(join(dist, path)), { recursive: true });
      writeFileSync(join(dist, path), path === 'version' ? 'v45.5.0' : '', { mode: 0o755 });
    }
    const driver = join(work, 'driver', 'better_sqlite3.node');
    mkdirSync(dirname(driver), { recursive: true });
    writeFileSync(driver, 'stand-in driver');

    const dry: Record<string, unknown> = {
      ...config,
      electronDist: dist,
      // Fuses are flipped inside the real Electron binary; the stand-in has none.
      electronFuses: null,
      directories: { ...config.directories, output: join(work, 'release') },
      extraResources: config.extraResources.map((set) => (set.to.startsWith('native/') ? { ...set, from: driver } : set)),
    };
    delete dry.beforePack;
    writeFileSync(join(work, 'config.json'), JSON.stringify(dry));
    const run = spawnSync(process.execPath, [appBuilderCli, '--linux', 'dir', '--projectDir', project, '--config', join(work, 'config.json')], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_BUILDER_CACHE: join(work, 'cache') },
      timeout: 110_000,
    });
    if (run.status !== 0) throw new Error(`electron-builder failed (${run.status}):\n${run.stdout}\n${run.stderr}`.slice(-4000));
    return join(work, 'release', 'linux-unpacked');
  }

  it('lays out the app as intended', () => {
    const out = pack();
    const { listPackage } = require('@electron/asar') as { listPackage: (archive: string, options?: unknown) => string[] };
    const asar = listPackage(join(out, 'resources', 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));

    expect(asar).toEqual(expect.arrayContaining(['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']));
    expect(asar.filter((f) => /browser-host|\.map$/.test(f))).toEqual([]);
    expect(asar.filter((f) => f.startsWith('/electron/') || f.startsWith('/db/') || f.startsWith('/resources/'))).toEqual([]);

    expect(asar).toEqual(expect.arrayContaining(['/node_modules/better-sqlite3/lib/index.js', '/node_modules/drizzle-orm/package.json', '/node_modules/zod/package.json', '/node_modules/pinyin-pro/package.json']));
    for (const pkg of excludedPackages) expect(asar.filter((f) => f.startsWith(`/node_modules/${pkg}/`)), pkg).toEqual([]);
    expect(asar.filter((f) => f.startsWith('/node_modules/better-sqlite3/deps/') || f.startsWith('/node_modules/better-sqlite3/src/'))).toEqual([]);
    expect(existsSync(join(out, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);

    expect(readdirSync(join(out, 'resources', 'migrations')).filter((f) => f.endsWith('.sql')).sort()).toEqual(
      readdirSync(join(root, 'db', 'migrations')).filter((f) => f.endsWith('.sql')).sort(),
    );
    expect(readFileSync(join(out, 'resources', 'native', 'better_sqlite3.node'), 'utf8')).toBe('stand-in driver');
    expect(existsSync(join(out, 'tonghu'))).toBe(true);
    expect(readdirSync(join(out, 'locales')).sort()).toEqual(['en-US.pak', 'zh-CN.pak']);
  }, 120_000);
});

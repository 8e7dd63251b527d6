/**
 * The Electron build of the SQLite driver, kept apart from node_modules.
 *
 * `npm ci` builds node_modules/better-sqlite3 for Node (what the tests load). Electron needs the same
 * driver compiled against its own headers (another NODE_MODULE_VERSION). Rebuilding in place would
 * break `npm test`, so the driver is copied to node_modules/.cache/tonghu-electron-native/<platform>-<arch>/,
 * rebuilt there with @electron/rebuild, checked, and handed to the app through its `nativeBinding`
 * option: TONGHU_NATIVE_BINDING in development (`npm start`), resources/native/ in the packaged app
 * (electron-builder.yml extraResources, prepared by scripts/electron-builder-before-pack.mjs).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

export const DRIVER_PACKAGE = 'better-sqlite3';
export const DRIVER_FILE = 'better_sqlite3.node';
const CACHE = ['node_modules', '.cache', 'tonghu-electron-native'];

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The installed Electron's version and the module ABI (NODE_MODULE_VERSION) its Node uses. */
export function electronInfo(root) {
  const dir = join(root, 'node_modules', 'electron');
  const version = readJson(join(dir, 'package.json')).version;
  const abiFile = join(dir, 'abi_version');
  const abi = existsSync(abiFile) ? Number(readFileSync(abiFile, 'utf8').trim()) : null;
  return { version, abi: Number.isInteger(abi) ? abi : null };
}

/**
 * Where the Electron executable is, or null when it was never downloaded. Mirrors
 * node_modules/electron/index.js without its side effect: requiring 'electron' from Node starts a
 * download when the binary is missing, which here fails slowly.
 */
export function electronBinaryPath(root, env = process.env) {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  let candidate = null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
  else if (executable) candidate = join(dir, 'dist', executable);
  return candidate && existsSync(candidate) ? candidate : null;
}

export function nativeCacheDir(root, platform = process.platform, arch = process.arch) {
  return join(root, ...CACHE, `${platform}-${arch}`);
}

/** The Electron build's path for this platform and arch (it may not exist yet). */
export function electronDriverPath(root, platform = process.platform, arch = process.arch) {
  return join(nativeCacheDir(root, platform, arch), DRIVER_FILE);
}

/**
 * The NODE_MODULE_VERSION a compiled addon was built for, read from the registration symbol
 * (`node_register_module_v<N>`) that NODE_MODULE_INIT exports; null when there is none.
 */
export function moduleAbiOf(binary) {
  const match = /node_register_module_v(\d+)/.exec(Buffer.from(binary).toString('latin1'));
  return match ? Number(match[1]) : null;
}

/** Null when the file is an Electron build for `abi`, else why not. */
export function checkElectronBuild(file, abi) {
  if (!existsSync(file)) return `${file} does not exist`;
  const found = moduleAbiOf(readFileSync(file));
  if (found === null) return `${basename(file)} has no module version symbol`;
  if (abi !== null && found !== abi) {
    const node = Number(process.versions.modules);
    const hint = found === node ? ' — that is this Node.js, not Electron (were the Electron headers downloaded?)' : '';
    return `${basename(file)} is built for NODE_MODULE_VERSION ${found}, Electron needs ${abi}${hint}`;
  }
  return null;
}

function driverVersion(root) {
  return readJson(join(root, 'node_modules', DRIVER_PACKAGE, 'package.json')).version;
}

function stampOf(root, target) {
  return { driver: driverVersion(root), electron: target.electronVersion, abi: target.abi, platform: target.platform, arch: target.arch };
}

/**
 * Returns the path of an Electron build of the driver for `target`, rebuilding it in the cache when
 * missing or stale. Never touches node_modules/better-sqlite3. Throws with the reason when the
 * rebuild fails or yields a build for the wrong runtime.
 */
export async function ensureElectronDriver(root, options = {}) {
  const info = electronInfo(root);
  const target = {
    electronVersion: options.electronVersion ?? info.version,
    abi: options.electronVersion && options.electronVersion !== info.version ? null : info.abi,
    platform: options.platform ?? process.platform,
    arch: options.arch ?? process.arch,
  };
  const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  if (target.platform !== process.platform) {
    throw new Error(`the SQLite driver cannot be cross-compiled: build the ${target.platform} package on ${target.platform} (this is ${process.platform})`);
  }
  const dir = nativeCacheDir(root, target.platform, target.arch);
  const output = join(dir, DRIVER_FILE);
  const stampFile = join(dir, 'stamp.json');
  const stamp = stampOf(root, target);
  if (!options.force && existsSync(stampFile) && JSON.stringify(readJson(stampFile)) === JSON.stringify(stamp) && checkElectronBuild(output, target.abi) === null) {
    return output;
  }

  log(`Building the SQLite driver for Electron ${target.electronVersion} (${target.platform}-${target.arch}) in ${relative(root, dir)}${sep} …`);
  const work = join(dir, 'work');
  rmSync(work, { recursive: true, force: true });
  const source = join(root, 'node_modules', DRIVER_PACKAGE);
  const copy = join(work, 'node_modules', DRIVER_PACKAGE);
  mkdirSync(copy, { recursive: true });
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'tonghu-electron-native', private: true, dependencies: { [DRIVER_PACKAGE]: stamp.driver } }, null, 2));
  // The Node build (build/) stays behind: the copy is compiled from source or gets Electron's prebuilt binary.
  cpSync(source, copy, { recursive: true, filter: (path) => path === source || dirname(path) !== source || basename(path) !== 'build' });

  try {
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({
      buildPath: work,
      projectRootPath: work,
      electronVersion: target.electronVersion,
      arch: target.arch,
      onlyModules: [DRIVER_PACKAGE],
      force: true,
      mode: 'sequential',
    });
    const built = join(copy, 'build', 'Release', DRIVER_FILE);
    if (!existsSync(built)) throw new Error(`@electron/rebuild finished but produced no ${DRIVER_FILE}`);
    const problem = checkElectronBuild(built, target.abi);
    if (problem) throw new Error(`the rebuilt SQLite driver is not an Electron build: ${problem}`);
    copyFileSync(built, output);
    writeFileSync(stampFile, `${JSON.stringify(stamp)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  log(`SQLite driver for Electron ready: ${relative(root, output)}`);
  return output;
}

/**
 * electron-builder `beforePack` hook: makes sure the Electron build of the SQLite driver exists in
 * node_modules/.cache/tonghu-electron-native/<platform>-<arch>/ before extraResources copies it to
 * resources/native/ (electron/main/native-driver.ts loads it from there). electron-builder's own
 * rebuild (npmRebuild) is off because it would rebuild node_modules in place and break `npm test`.
 */
import { resolve } from 'node:path';
import { ensureElectronDriver } from './electron-native.mjs';

/** builder-util's Arch enum, by value. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];
const PLATFORMS = { darwin: 'darwin', mas: 'darwin', win32: 'win32', linux: 'linux' };

export default async function beforePack(context) {
  const arch = ARCH_NAMES[context.arch];
  const platform = PLATFORMS[context.electronPlatformName];
  if (!arch || arch === 'universal') throw new Error(`Tonghu packages one architecture at a time (got ${String(arch ?? context.arch)})`);
  if (!platform) throw new Error(`unknown platform ${context.electronPlatformName}`);
  const root = resolve(import.meta.dirname, '..');
  const electronVersion = context.packager?.info?.framework?.version;
  await ensureElectronDriver(root, { electronVersion, platform, arch, log: (line) => console.log(`  • ${line}`) });
}

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkElectronBuild, electronBinaryPath, electronInfo, ensureElectronDriver, moduleAbiOf, nativeCacheDir } from '../../../scripts/electron-native.mjs';

const root = join(import.meta.dirname, '..', '..', '..');
const nodeBuild = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

const scratch: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tonghu-native-'));
  scratch.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('moduleAbiOf / checkElectronBuild', () => {
  it("reads the ABI of node_modules' driver: this Node's", () => {
    expect(moduleAbiOf(readFileSync(nodeBuild))).toBe(Number(process.versions.modules));
  });

  it('refuses the Node build as an Electron build, and says it is a Node build', () => {
    const { abi } = electronInfo(root);
    expect(abi).not.toBe(Number(process.versions.modules));
    expect(checkElectronBuild(nodeBuild, abi)).toMatch(/NODE_MODULE_VERSION \d+, Electron needs \d+ — that is this Node\.js/);
  });

  it('accepts a binary registered for the Electron ABI', () => {
    const file = join(tempDir(), 'better_sqlite3.node');
    writeFileSync(file, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), Buffer.from('_node_register_module_v150\0', 'latin1')]));
    expect(checkElectronBuild(file, 150)).toBeNull();
    expect(checkElectronBuild(file, 151)).toMatch(/built for NODE_MODULE_VERSION 150, Electron needs 151/);
  });

  it('refuses a missing file and one with no module symbol', () => {
    const dir = tempDir();
    expect(checkElectronBuild(join(dir, 'none.node'), 150)).toMatch(/does not exist/);
    writeFileSync(join(dir, 'empty.node'), 'not an addon');
    expect(checkElectronBuild(join(dir, 'empty.node'), 150)).toMatch(/no module version symbol/);
  });
});

describe('electronBinaryPath', () => {
  function fakeRoot(files: Record<string, string>): string {
    const dir = tempDir();
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    return dir;
  }

  it('is null when the binary was never downloaded (no path.txt)', () => {
    expect(electronBinaryPath(fakeRoot({ 'node_modules/electron/package.json': '{}' }), {})).toBeNull();
  });

  it('is null when path.txt names a file that is not there', () => {
    expect(electronBinaryPath(fakeRoot({ 'node_modules/electron/path.txt': 'electron' }), {})).toBeNull();
  });

  it('finds the downloaded binary', () => {
    const dir = fakeRoot({ 'node_modules/electron/path.txt': 'electron', 'node_modules/electron/dist/electron': '' });
    expect(electronBinaryPath(dir, {})).toBe(join(dir, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const dir = fakeRoot({ 'node_modules/electron/package.json': '{}', 'custom/electron': '' });
    expect(electronBinaryPath(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'custom') })).toBe(join(dir, 'custom', 'electron'));
  });

  it('never starts a download: on this machine it just answers', () => {
    const started = Date.now();
    const found = electronBinaryPath(root);
    expect(found === null || typeof found === 'string').toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('ensureElectronDriver', () => {
  it('refuses to cross-compile and leaves node_modules alone', async () => {
    const before = readFileSync(nodeBuild);
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    await expect(ensureElectronDriver(root, { platform: other, log: () => undefined })).rejects.toThrow(/cannot be cross-compiled/);
    expect(readFileSync(nodeBuild).equals(before)).toBe(true);
  });

  it('keeps its builds apart from node_modules/better-sqlite3, per platform and arch', () => {
    expect(nativeCacheDir(root, 'linux', 'x64')).toBe(join(root, 'node_modules', '.cache', 'tonghu-electron-native', 'linux-x64'));
  });
});

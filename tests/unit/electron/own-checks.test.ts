/**
 * Our own Electron checks (scripts/electron-security/own-checks.ts): the project passes them, and each
 * check catches a violation planted in a fixture copy of the real source.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  IPC_ADAPTER_FILE,
  REQUIRED_FUSES,
  type SourceFile,
  checkFuses,
  checkIpcSenderCheck,
  checkPreloadSurface,
  formatOwnChecks,
  runOwnChecks,
} from '../../../scripts/electron-security/own-checks';

const root = join(import.meta.dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const IPC = read(IPC_ADAPTER_FILE);
const PRELOAD = read('electron/preload/index.ts');
const BUILDER = read('electron-builder.yml');
const MAIN = `import { ipcMain } from 'electron';\nimport { registerInvokeHandler } from './ipc';\nregisterInvokeHandler(ipcMain, dispatch, trusted);\n`;

function ipcFiles(overrides: Partial<Record<string, string>> = {}): SourceFile[] {
  const files: Record<string, string> = { [IPC_ADAPTER_FILE]: IPC, 'electron/main/index.ts': MAIN, ...overrides };
  return Object.entries(files)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([path, text]) => ({ path, text }));
}

function replaced(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  expect(out, `fixture edit did not apply: ${String(from)}`).not.toBe(text);
  return out;
}

describe('the project', () => {
  it('passes all own checks, one line per check', () => {
    const results = runOwnChecks(root);
    expect(results.map((r) => [r.name, r.violations])).toEqual([
      ['ipc sender check', []],
      ['preload surface', []],
      ['fuses', []],
    ]);
    expect(formatOwnChecks(results).every((l) => l.startsWith('ok   own check: '))).toBe(true);
  });
});

describe('ipc sender check', () => {
  it('accepts the real adapter and shell', () => {
    expect(checkIpcSenderCheck(ipcFiles()).violations).toEqual([]);
  });

  it('catches ipcMain.handle registered in the shell, outside the adapter', () => {
    const main = `${MAIN}ipcMain.handle('debug:eval', async (_e, code) => eval(code));\n`;
    const result = checkIpcSenderCheck(ipcFiles({ 'electron/main/index.ts': main }));
    expect(result.ok).toBe(false);
    expect(result.violations).toEqual([expect.stringMatching(/^electron\/main\/index\.ts:4: ipcMain\.handle outside registerInvokeHandler/)]);
  });

  it('catches ipcMain.on, webContents.ipc.handle and a destructured ipcMain', () => {
    const main = `${MAIN}ipcMain.on('x', () => {});\nwin.webContents.ipc.handle('y', () => 1);\nconst { handle } = ipcMain;\nconst h = ipcMain['handle'];\n`;
    const result = checkIpcSenderCheck(ipcFiles({ 'electron/main/index.ts': main }));
    expect(result.violations).toHaveLength(4);
    expect(result.violations.join('\n')).toMatch(/ipcMain\.on/);
    expect(result.violations.join('\n')).toMatch(/webContents\.ipc\.handle/);
    expect(result.violations.join('\n')).toMatch(/destructures ipcMain/);
    expect(result.violations.join('\n')).toMatch(/ipcMain\['handle'\]/);
  });

  it('catches a second registration in the adapter file outside registerInvokeHandler', () => {
    const ipc = `${IPC}\nexport function registerDebug(ipcMain: IpcMainLike) {\n  ipcMain.handle('debug', async () => 1);\n}\n`;
    expect(checkIpcSenderCheck(ipcFiles({ [IPC_ADAPTER_FILE]: ipc })).violations).toEqual([
      expect.stringMatching(/ipcMain\.handle outside registerInvokeHandler/),
    ]);
  });

  it('catches an adapter whose handler no longer calls the trusted-URL check', () => {
    const ipc = replaced(IPC, /if \(!frame \|\| frame\.parent !== null \|\| !isTrustedUrl\(frame\.url, trusted\)\) \{/, 'if (!frame) {');
    const result = checkIpcSenderCheck(ipcFiles({ [IPC_ADAPTER_FILE]: ipc }));
    expect(result.violations).toEqual([expect.stringMatching(/createInvokeHandler never calls isTrustedUrl/)]);
  });

  it('catches a sender check that does not stop the request, or comes after dispatch', () => {
    const ignored = replaced(IPC, /if \(!frame \|\| frame\.parent !== null \|\| !isTrustedUrl\(frame\.url, trusted\)\) \{/, 'const trustedSender = isTrustedUrl(frame?.url ?? "", trusted);\n    if (trustedSender === undefined) {');
    expect(checkIpcSenderCheck(ipcFiles({ [IPC_ADAPTER_FILE]: ignored })).violations).toEqual([
      expect.stringMatching(/isTrustedUrl is called but does not guard a return/),
    ]);
    const late = replaced(IPC, 'const frame = event.senderFrame;', 'const early = await dispatch(connectionOf(event), String(channel), input);\n    const frame = event.senderFrame;');
    expect(checkIpcSenderCheck(ipcFiles({ [IPC_ADAPTER_FILE]: late })).violations).toEqual([
      expect.stringMatching(/dispatch is called before the sender check/),
    ]);
  });

  it('catches a registration whose listener skips the checked handler', () => {
    const ipc = replaced(IPC, '(event, channel, input) => handler(event, channel, input)', '(event, channel, input) => dispatch(String(event.sender.id), String(channel), input)');
    expect(checkIpcSenderCheck(ipcFiles({ [IPC_ADAPTER_FILE]: ipc })).violations).toEqual([
      expect.stringMatching(/the listener of ipcMain\.handle does not go through createInvokeHandler/),
    ]);
  });

  it('fails when the adapter is missing', () => {
    expect(checkIpcSenderCheck(ipcFiles({ [IPC_ADAPTER_FILE]: undefined })).violations).toEqual([`${IPC_ADAPTER_FILE} not found: the sender-checked adapter is missing`]);
  });
});

describe('preload surface', () => {
  const preload = (text: string) => checkPreloadSurface([{ path: 'electron/preload/index.ts', text }]);

  it('accepts the real preload', () => {
    const result = preload(PRELOAD);
    expect(result.violations).toEqual([]);
    expect(result.checked).toMatch(/members \[invoke, onChange\]/);
  });

  it('catches a second member beside invoke', () => {
    const text = replaced(PRELOAD, 'invoke: (channel, input) =>', 'send: (channel: string, data: unknown) => ipcRenderer.send(channel, data),\n  invoke: (channel, input) =>');
    const violations = preload(text).violations.join('\n');
    expect(violations).toMatch(/exposes 'send'; the api may hold only 'invoke' and named events/);
    expect(violations).toMatch(/ipcRenderer used other than as ipcRenderer\.invoke/);
  });

  it('catches a second exposeInMainWorld, a key other than api, and the raw ipcRenderer', () => {
    const text = `${PRELOAD}\ncontextBridge.exposeInMainWorld('electron', { ipcRenderer });\n`;
    const violations = preload(text).violations.join('\n');
    expect(violations).toMatch(/exposeInMainWorld is called 2 times/);
    expect(violations).toMatch(/exposes key 'electron'; only 'api' is allowed/);
    expect(violations).toMatch(/ipcRenderer used other than as ipcRenderer\.invoke/);
  });

  it('catches an invoke whose channel the page chooses', () => {
    const text = replaced(PRELOAD, 'ipcRenderer.invoke(INVOKE_CHANNEL, channel, input)', 'ipcRenderer.invoke(channel, input)');
    expect(preload(text).violations).toEqual([expect.stringMatching(/channel must be fixed, not chosen by the page \(channel\)/)]);
  });

  it('catches a spread, a mutation after declaration and exposeInIsolatedWorld', () => {
    const spread = replaced(PRELOAD, 'invoke: (channel, input) =>', '...extra,\n  invoke: (channel, input) =>');
    expect(preload(spread).violations).toEqual([expect.stringMatching(/a spread in the exposed object/)]);
    const mutated = `${PRELOAD}\n(api as Record<string, unknown>).x = 1;\napi.invoke = () => Promise.resolve(1);\n`;
    expect(preload(mutated).violations).toEqual([expect.stringMatching(/changed after its declaration/), expect.stringMatching(/changed after its declaration/)]);
    const isolated = `${PRELOAD}\ncontextBridge.exposeInIsolatedWorld(1, 'api2', {});\n`;
    expect(preload(isolated).violations).toEqual([expect.stringMatching(/contextBridge\.exposeInIsolatedWorld/)]);
  });

  it('admits the change feed only as a named event on a fixed channel through its own handler', () => {
    const chosen = replaced(PRELOAD, 'ipcRenderer.on(CHANGE_CHANNEL, handler)', 'ipcRenderer.on(listener, handler)');
    expect(preload(chosen).violations.join('\n')).toMatch(/ipcRenderer\.on's channel must be fixed, not chosen by the page \(listener\)/);
    const raw = replaced(PRELOAD, 'ipcRenderer.on(CHANGE_CHANNEL, handler)', 'ipcRenderer.on(CHANGE_CHANNEL, listener)');
    expect(preload(raw).violations.join('\n')).toMatch(/must take a handler declared in 'onChange', not the page's listener \(listener\)/);
    const leak = replaced(PRELOAD, 'listener(change)', 'listener({ ...change, event: _event } as ChangeEvent)');
    expect(preload(leak).violations).toEqual([expect.stringMatching(/passes on or unpacks the IpcRendererEvent/)]);
    const otherHandler = replaced(PRELOAD, 'ipcRenderer.removeListener(CHANGE_CHANNEL, handler)', 'ipcRenderer.removeAllListeners(CHANGE_CHANNEL)');
    expect(preload(otherHandler).violations.join('\n')).toMatch(/ipcRenderer used other than as ipcRenderer\.invoke\(…\): ipcRenderer\.removeAllListeners/);
    const outside = `${PRELOAD}\nipcRenderer.on('tonghu:other', () => undefined);\n`;
    expect(preload(outside).violations).toEqual([expect.stringMatching(/ipcRenderer\.on outside a named event member/)]);
  });

  it('catches a preload that exposes nothing readable', () => {
    expect(preload(`import { contextBridge } from 'electron';\ncontextBridge.exposeInMainWorld('api', makeApi());\n`).violations).toEqual([
      expect.stringMatching(/not an object literal/),
    ]);
  });
});

describe('fuses', () => {
  it('accepts the real electron-builder.yml', () => {
    expect(checkFuses(BUILDER).violations).toEqual([]);
  });

  it.each(Object.entries(REQUIRED_FUSES))('catches %s set to the unsafe value, and left out', (fuse, safe) => {
    const line = new RegExp(`^  ${fuse}: ${safe}$`, 'm');
    expect(checkFuses(replaced(BUILDER, line, `  ${fuse}: ${!safe}`)).violations).toEqual([`electron-builder.yml: electronFuses.${fuse} is ${!safe}, must be ${safe}`]);
    expect(checkFuses(replaced(BUILDER, line, '')).violations).toEqual([`electron-builder.yml: electronFuses.${fuse} is not set, must be ${safe}`]);
  });

  it('catches a missing section and a string where a boolean belongs', () => {
    expect(checkFuses('appId: x\n').violations).toEqual(['electron-builder.yml: no electronFuses section']);
    const quoted = replaced(BUILDER, /^ {2}runAsNode: false$/m, '  runAsNode: "false"');
    expect(checkFuses(quoted).violations).toEqual(['electron-builder.yml: electronFuses.runAsNode is "false", must be false']);
  });
});

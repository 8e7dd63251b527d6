import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Where the packaged app keeps the Electron build of the SQLite driver (electron-builder extraResources). */
export const PACKAGED_BINDING = join('native', 'better_sqlite3.node');

/**
 * The Electron build of the driver, kept apart from node_modules' Node build: in the packaged app
 * under resources/native, in development where `npm start` put it (TONGHU_NATIVE_BINDING).
 * Undefined means the driver's own lookup (node_modules), which only works if that is an Electron build.
 */
export function resolveNativeBinding(options: { isPackaged: boolean; resourcesPath: string; env: NodeJS.ProcessEnv }): string | undefined {
  const candidate = options.isPackaged ? join(options.resourcesPath, PACKAGED_BINDING) : options.env.TONGHU_NATIVE_BINDING;
  return candidate && existsSync(candidate) ? candidate : undefined;
}

/** Loads the driver once so a wrong build is reported at start-up, with a hint, instead of at the first query. */
export function probeNativeDriver(nativeBinding: string | undefined): string | null {
  try {
    new Database(':memory:', { nativeBinding }).close();
    return null;
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    const abi = /NODE_MODULE_VERSION/.test(message)
      ? '数据库驱动是为 Node.js 而不是 Electron 编译的。请在联网的电脑上运行 npm start（它会另行编译 Electron 版驱动）。'
      : '无法加载数据库驱动。';
    return `${abi}\n\n${message.slice(0, 400)}`;
  }
}

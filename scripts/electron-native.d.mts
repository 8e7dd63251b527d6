/** Types for scripts/electron-native.mjs (plain JavaScript so `npm start` needs no TypeScript loader). */
export declare const DRIVER_PACKAGE: 'better-sqlite3';
export declare const DRIVER_FILE: 'better_sqlite3.node';
export declare function electronInfo(root: string): { version: string; abi: number | null };
export declare function electronBinaryPath(root: string, env?: NodeJS.ProcessEnv): string | null;
export declare function nativeCacheDir(root: string, platform?: string, arch?: string): string;
export declare function electronDriverPath(root: string, platform?: string, arch?: string): string;
export declare function moduleAbiOf(binary: Uint8Array): number | null;
export declare function checkElectronBuild(file: string, abi: number | null): string | null;
export declare function ensureElectronDriver(
  root: string,
  options?: { electronVersion?: string; platform?: string; arch?: string; force?: boolean; log?: (line: string) => void },
): Promise<string>;

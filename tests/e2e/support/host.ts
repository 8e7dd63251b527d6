import type { Page } from '@playwright/test';
import { StartPages } from '../pages/app-pages';
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');

export type RunningHost = { url: string; process: ChildProcess; stop: () => Promise<void>; output: () => string };

/** A fresh data folder for one test, named from the test's id. */
export function freshDataDir(testId: string): string {
  return mkdtempSync(join(tmpdir(), `tonghu-e2e-${testId.replace(/[^\w-]/g, '').slice(0, 24)}-`));
}

/** Starts the browser host on a free port over `dataDir`; resolves when it prints its URL. */
export function startHost(dataDir: string, passphrase: string | null, extraArgs: string[] = []): Promise<RunningHost> {
  const env: NodeJS.ProcessEnv = { ...process.env, TONGHU_LOG: 'silent' };
  if (passphrase === null) delete env.TONGHU_PASSPHRASE;
  else env.TONGHU_PASSPHRASE = passphrase;
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/host/browser-host-cli.ts'), '--data-dir', dataDir, ...extraArgs], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolveStart, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Tonghu browser host: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) {
        child.stdout?.off('data', onData);
        resolveStart({
          url: match[1],
          process: child,
          output: () => output,
          stop: () =>
            new Promise<void>((resolveStop) => {
              if (child.exitCode !== null) return resolveStop();
              child.once('exit', () => resolveStop());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`host exited (${code}) before it listened:\n${output}`)));
  });
}

/** sha256 of every file under a folder, for "nothing changed" checks. */
export function folderFingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length + 1)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/**
 * A fresh data folder and browser host for one test, set up (administrator) and signed in; the host is
 * stopped and the folder removed when `body` ends, whatever happens.
 */
export async function withSignedInApp(
  page: Page,
  testId: string,
  passphrase: string,
  body: (host: RunningHost) => Promise<void>,
): Promise<void> {
  const dataDir = freshDataDir(testId);
  const host = await startHost(dataDir, passphrase);
  try {
    await page.goto(host.url);
    const start = new StartPages(page);
    await start.completeSetup();
    await start.login();
    await body(host);
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

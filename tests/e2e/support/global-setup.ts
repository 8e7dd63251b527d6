import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Builds the renderer once for every e2e test (the browser host serves the built files). */
export default function globalSetup(): void {
  if (process.env.TONGHU_E2E_SKIP_BUILD === '1') return;
  const root = resolve(import.meta.dirname, '..', '..', '..');
  execFileSync(process.execPath, [resolve(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}

import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';

const root = import.meta.dirname;

/**
 * main: ESM (package.json "type": "module"), dependencies left to node_modules (better-sqlite3 is
 * native and must stay external); two entries, the shell and the worker threads' long-work entry. preload: ONE CommonJS file with everything bundled in, because
 * a sandboxed preload cannot load ES modules or other files. renderer: the same settings as
 * `npm run build:renderer` (vite.renderer.config.ts).
 */
export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out', 'main'),
      externalizeDeps: true,
      rolldownOptions: {
        // The worker thread's entry is emitted beside index.js (out/main/long-work.js): the shell points
        // the worker pool at its own folder (configureWorkers in electron/main/index.ts).
        input: { index: resolve(root, 'electron', 'main', 'index.ts'), 'long-work': resolve(root, 'electron', 'workers', 'long-work.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out', 'preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron', 'preload', 'index.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          codeSplitting: false,
        },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      rolldownOptions: { input: resolve(root, 'renderer', 'index.html') },
    },
  },
});

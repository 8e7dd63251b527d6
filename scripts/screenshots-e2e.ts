/**
 * Retakes the documentation screenshots that e2e specs take as they walk through a page (the demo
 * data's list, dashboard and rehabilitation tab, the reintegration case and dossier, the child
 * summary): runs those specs with TONGHU_SCREENSHOTS pointing at docs/screenshots. `npm test` runs the
 * same specs with the pictures going to test-results/screenshots, leaving docs/ untouched.
 *
 *   npx tsx scripts/screenshots-e2e.ts [spec …]
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const specs = process.argv.slice(2);
const defaults = ['tests/e2e/demo-data.spec.ts', 'tests/e2e/reintegration.spec.ts', 'tests/e2e/child-summary.spec.ts'];
const run = spawnSync(join(root, 'node_modules', '.bin', 'playwright'), ['test', ...(specs.length > 0 ? specs : defaults)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TONGHU_SCREENSHOTS: join(root, 'docs', 'screenshots') },
});
process.exit(run.status ?? 1);

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Where e2e specs put the pictures they take of the pages they walk through: test-results/screenshots
 * during `npm test` (so a test run leaves the working tree as it found it), docs/screenshots when
 * `npx tsx scripts/screenshots-e2e.ts` runs the same specs to retake the documentation pictures.
 */
export const SCREENSHOTS = resolve(process.env.TONGHU_SCREENSHOTS ?? resolve(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots'));
mkdirSync(SCREENSHOTS, { recursive: true });

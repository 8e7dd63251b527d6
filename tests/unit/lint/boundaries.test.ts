import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer boundaries live in eslint.config.js. Each case lints a one-line source as if it were
 * saved at a real path in the tree (lintText with filePath), so the test sees exactly what
 * `npm run lint` would report there.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint: layer boundaries', () => {
  it.each([
    ['renderer/features/x/Page.tsx', "import { openDatabase } from '../../../db/open';\nexport const x = openDatabase;\n"],
    ['renderer/features/x/Page.tsx', "import { children } from '../../../db/schema';\nexport const x = children;\n"],
    ['renderer/features/x/Page.tsx', "import { createAppCore } from '../../../electron/services/app/app-core';\nexport const x = createAppCore;\n"],
    ['renderer/app/x.ts', "import { evaluate } from '../../electron/rules';\nexport const x = evaluate;\n"],
    ['renderer/app/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['renderer/app/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
  ])('%s may not import a main-process module (%#)', async (file, code) => {
    const messages = await restrictedImports(file, code);
    expect(messages.length).toBeGreaterThan(0);
  });

  it.each([
    ['electron/rules/x.ts', "import { openDatabase } from '../../db/open';\nexport const x = openDatabase;\n"],
    ['electron/rules/x.ts', "import { systemClock } from '../services/clock';\nexport const x = systemClock;\n"],
    ['electron/rules/x.ts', "import dayjs from 'dayjs';\nexport const x = dayjs;\n"],
    ['electron/rules/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['electron/rules/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ])('electron/rules may import only shared/ (%#)', async (file, code) => {
    const messages = await restrictedImports(file, code);
    expect(messages.length).toBeGreaterThan(0);
  });

  it.each([
    ['shared/contract/x.ts', "import { openDatabase } from '../../db/open';\nexport const x = openDatabase;\n"],
    ['shared/domain/x.ts', "import dayjs from 'dayjs';\nexport const x = dayjs;\n"],
    ['electron/services/x.ts', "import { safeStorage } from 'electron';\nexport const x = safeStorage;\n"],
    ['db/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/services/rehab/x.ts', "import { loadDemoData } from '../../demo/demo';\nexport const x = loadDemoData;\n"],
    ['electron/services/app/x.ts', "import { createRouter } from '../../host/router';\nexport const x = createRouter;\n"],
    ['electron/demo/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ])('shared/ and the plain-Node layers keep out of their neighbours (%#)', async (file, code) => {
    expect((await restrictedImports(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['renderer/app/x.ts', "import { contract } from '../../shared/contract';\nexport const x = contract;\n"],
    ['renderer/app/x.ts', "import { Button } from '@mantine/core';\nexport const x = Button;\n"],
    ['electron/rules/x.ts', "import { ageOn } from '../../shared/domain/dates';\nimport { y } from './tables';\nexport const x = [ageOn, y];\n"],
    ['shared/contract/x.ts', "import { z } from 'zod';\nimport { isIsoDate } from '../domain/dates';\nexport const x = [z, isIsoDate];\n"],
    ['electron/main/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ])('allowed imports stay allowed (%#)', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });

  it('the whole tree passes the boundaries as it stands', async () => {
    const results = await eslint.lintFiles(['renderer', 'electron', 'shared', 'db']);
    const violations = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}:${m.line} ${m.message}`),
    );
    expect(violations).toEqual([]);
  });
});

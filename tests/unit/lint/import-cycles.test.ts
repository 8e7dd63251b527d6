import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cycles, describeCycle, folderGraph, importGraph } from '../../helpers/import-graph';

/**
 * No import circles anywhere in the code (issue 14): a circle means neither file can be read, tested or
 * moved without the other. Also, the service areas under electron/services/ form layers: a service two
 * areas use lives in the lower one, so no area imports an area that imports it back.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const DIRS = ['db', 'electron', 'shared', 'renderer', 'scripts'];

describe('import graph', () => {
  const graph = importGraph(ROOT, DIRS);

  it('reads the whole tree (the services, the schema, the renderer)', () => {
    expect(graph.size).toBeGreaterThan(250);
    expect(graph.get('electron/services/rehab/rehab.ts')).toContain('electron/services/audit/audit.ts');
    expect(graph.get('db/schema/record.ts')).toContain('db/schema/children.ts');
  });

  it('has no import circle in db/, electron/, shared/, renderer/ or scripts/', () => {
    const found = cycles(graph).map((c) => describeCycle(graph, c));
    expect(found).toEqual([]);
  });

  it('has no circle between the service areas (electron/services/<area>)', () => {
    const areas = folderGraph(graph, 'electron/services/');
    expect(areas.size).toBeGreaterThan(10);
    const found = cycles(areas).map((c) => describeCycle(areas, c));
    expect(found).toEqual([]);
  });

  it('the services never import the demo generator, the host or the Electron shell', () => {
    const offending = [...graph].filter(([file]) => file.startsWith('electron/services/')).flatMap(([file, targets]) =>
      targets.filter((t) => /^electron\/(demo|host|main|preload)\//.test(t)).map((t) => `${file} → ${t}`),
    );
    expect(offending).toEqual([]);
  });
});

describe('the cycle check itself', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  function tree(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'tonghu-cycles-'));
    dirs.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('finds a deliberately added circle of three files, type-only and re-exports included', () => {
    const root = tree({
      'src/a.ts': "import { b } from './b';\nexport const a = b;\n",
      'src/b.ts': "export { c as b } from './sub/c';\n",
      'src/sub/c.ts': "import type { A } from '../a';\nexport const c: A | null = null;\n",
      'src/sub/index.ts': "export * from './c';\n",
      'src/d.ts': "import { c } from './sub';\n// import { a } from './a';\nexport const d = c;\n",
    });
    const graph = importGraph(root, ['src']);
    const found = cycles(graph);
    expect(found).toEqual([['src/a.ts', 'src/b.ts', 'src/sub/c.ts']]);
    expect(describeCycle(graph, found[0]!)).toBe('src/a.ts → src/b.ts → src/sub/c.ts → src/a.ts');
  });

  it('finds a circle through a dynamic import and a self-import, and none in a tree without one', () => {
    const circular = tree({
      'x/one.ts': "export const load = () => import('./two');\n",
      'x/two.ts': "import { load } from './one';\nexport const two = load;\n",
      'x/self.ts': "import * as me from './self';\nexport const s = me;\n",
    });
    expect(cycles(importGraph(circular, ['x'])).length).toBe(2);
    const clean = tree({ 'x/one.ts': "import { two } from './two';\nexport const one = two;\n", 'x/two.ts': 'export const two = 2;\n' });
    expect(cycles(importGraph(clean, ['x']))).toEqual([]);
  });

  it('finds a circle between folders although no file circle exists', () => {
    const root = tree({
      's/rehab/plans.ts': "import { a } from '../audit/log';\nexport const p = a;\n",
      's/audit/log.ts': 'export const a = 1;\n',
      's/audit/view.ts': "import { p } from '../rehab/plans';\nexport const v = p;\n",
    });
    const graph = importGraph(root, ['s']);
    expect(cycles(graph)).toEqual([]);
    expect(cycles(folderGraph(graph, 's/'))).toEqual([['audit', 'rehab']]);
  });
});

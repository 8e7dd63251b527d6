/**
 * The import graph of the source tree, read as text: every `import … from '…'`, `export … from '…'`,
 * `import '…'` and `import('…')` whose specifier is relative, resolved the way TypeScript resolves it
 * (`x` → `x.ts`, `x.tsx`, `x/index.ts`, `x/index.tsx`). Type-only imports count too: a circle of types is
 * still a circle a reader has to hold in their head. Package imports are not part of the graph.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SOURCE = /\.(ts|tsx|mts)$/;
const SPECIFIER = /(?:^|[\s;}])(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

export type ImportGraph = Map<string, string[]>;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function resolveSpecifier(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && SOURCE.test(candidate)) return candidate;
  }
  return null;
}

/** Strips comments so an import written in a comment or a doc example does not count. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');
}

/** The graph of the files under `dirs` (relative to `root`), keyed by path relative to `root`. */
export function importGraph(root: string, dirs: readonly string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of dirs.flatMap((d) => sourceFiles(join(root, d)))) {
    const edges = new Set<string>();
    for (const m of withoutComments(readFileSync(file, 'utf8')).matchAll(SPECIFIER)) {
      const specifier = m[1] ?? m[2] ?? m[3];
      if (!specifier?.startsWith('.')) continue;
      const target = resolveSpecifier(file, specifier);
      if (target) edges.add(relative(root, target));
    }
    graph.set(relative(root, file), [...edges].sort());
  }
  return graph;
}

/** Every strongly connected component of more than one node (or a node importing itself): the circles. */
export function cycles(graph: ImportGraph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) visit(v);
  return found;
}

/**
 * The graph folded to folders: `electron/services/rehab/rehab.ts` → `rehab` for files under `prefix`;
 * files elsewhere are left out. An edge inside one folder is not kept.
 */
export function folderGraph(graph: ImportGraph, prefix: string): ImportGraph {
  const folderOf = (file: string) => (file.startsWith(prefix) ? file.slice(prefix.length).split('/')[0]! : null);
  const folded: ImportGraph = new Map();
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    if (!from) continue;
    const edges = new Set(folded.get(from) ?? []);
    for (const t of targets) {
      const to = folderOf(t);
      if (to && to !== from) edges.add(to);
    }
    folded.set(from, [...edges].sort());
  }
  return folded;
}

/** One circle as a reader follows it: a → b → … → a, each step an import that exists. */
export function describeCycle(graph: ImportGraph, component: readonly string[]): string {
  const members = new Set(component);
  const start = component[0]!;
  const path = [start];
  const seen = new Set([start]);
  let at = start;
  for (;;) {
    const next = (graph.get(at) ?? []).find((t) => members.has(t) && (t === start || !seen.has(t)));
    if (!next || next === start) break;
    path.push(next);
    seen.add(next);
    at = next;
  }
  return [...path, start].join(' → ');
}

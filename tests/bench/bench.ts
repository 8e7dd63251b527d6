/**
 * `npm run bench`: the timing and memory figures the issues ask for. A benchmark, never a test: it
 * prints figures (and writes bench/results/latest.json); nothing here passes or fails on time.
 *
 *   npm run bench                 everything
 *   npm run bench -- search       only the named groups (search, rules)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { listChildren } from '../../electron/services/children';
import { loadDemoData } from '../../electron/services/demo';
import { tempDatabase } from '../helpers/temp-db';

export type Figure = { name: string; value: number; unit: string };

const CHILDREN = 10_000;

/** Median of `runs` timings of fn, in milliseconds. */
export function medianMs(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

async function benchSearch(): Promise<Figure[]> {
  const db = tempDatabase({ actor: { userId: 1, username: 'bench', roles: ['caseworker'] } });
  try {
    const t0 = performance.now();
    loadDemoData(db.ctx, { children: CHILDREN });
    const loadMs = performance.now() - t0;
    const sample = db.ctx.sqlite.prepare('SELECT name, name_initials AS initials, id_number AS idNumber FROM children WHERE id_number IS NOT NULL ORDER BY id LIMIT 1 OFFSET 4321').get() as {
      name: string;
      initials: string;
      idNumber: string;
    };
    const figures: Figure[] = [{ name: `load ${CHILDREN} demo children`, value: round(loadMs, 0), unit: 'ms' }];
    const queries: [string, string][] = [
      ['search by full name', sample.name],
      ['search by pinyin initials', sample.initials],
      ['search by ID fragment (6 digits)', sample.idNumber.slice(8, 14)],
      ['search by surname (many hits)', sample.name.slice(0, 1)],
    ];
    for (const [label, query] of queries) {
      const ms = medianMs(25, () => listChildren(db.ctx, { query, status: null, limit: 100 }));
      figures.push({ name: `${label} over ${CHILDREN} (first 100 rows)`, value: round(ms), unit: 'ms (median of 25)' });
    }
    figures.push({
      name: `list page sorted by birth date, offset 9000`,
      value: round(medianMs(25, () => listChildren(db.ctx, { sort: 'birthDate', status: null, offset: 9000, limit: 100 }))),
      unit: 'ms (median of 25)',
    });
    figures.push({ name: 'heap used after search bench', value: round(process.memoryUsage().heapUsed / 2 ** 20, 1), unit: 'MiB' });
    return figures;
  } finally {
    db.cleanup();
  }
}

const groups: Record<string, () => Promise<Figure[]>> = {
  search: benchSearch,
  rules: async () => {
    const { benchRules } = await import('./rules-bench');
    return benchRules();
  },
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const selected = wanted.length > 0 ? wanted : Object.keys(groups);
  const results: Record<string, Figure[]> = {};
  console.log(`Tonghu bench — node ${process.version}, ${new Date().toISOString()}`);
  for (const name of selected) {
    const group = groups[name];
    if (!group) throw new Error(`unknown bench group "${name}"; groups: ${Object.keys(groups).join(', ')}`);
    results[name] = await group();
    console.log(`\n[${name}]`);
    for (const f of results[name]) console.log(`  ${f.name.padEnd(60)} ${String(f.value).padStart(10)} ${f.unit}`);
  }
  const outDir = resolve(import.meta.dirname, '..', '..', 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify({ node: process.version, at: new Date().toISOString(), results }, null, 2)}\n`);
}

await main();

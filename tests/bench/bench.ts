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
import { deriveFacts, factsForChild } from '../../electron/services/facts';
import { loadRecordsForFacts } from '../../electron/services/record-store';
import { children } from '../../db/schema';
import { buildWorklist } from '../../electron/services/worklist';
import { evaluate } from '../../electron/rules';
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

/** The benchmark data set through the whole path: record → facts → rules, and the dashboard worklist. */
async function benchEligibility(): Promise<Figure[]> {
  const db = tempDatabase({ actor: { userId: 1, username: 'bench', roles: ['supervisor'] } });
  try {
    loadDemoData(db.ctx, { children: CHILDREN });
    const rows = db.ctx.db.select().from(children).all();
    const asOf = db.ctx.clock.today();
    let t0 = performance.now();
    const records = loadRecordsForFacts(db.ctx, rows);
    let evaluated = 0;
    for (const row of rows) {
      evaluate(deriveFacts(records.get(row.id)!, asOf).facts, asOf);
      evaluated += 1;
    }
    const batchMs = performance.now() - t0;
    const sample = rows.slice(0, 500);
    const oneMs = medianMs(3, () => {
      for (const row of sample) evaluate(factsForChild(db.ctx, row.id, asOf), asOf);
    });
    t0 = performance.now();
    const worklist = buildWorklist(db.ctx, {});
    const worklistMs = performance.now() - t0;
    return [
      { name: `evaluate all ${evaluated} children (batch load → facts → rules)`, value: round(batchMs, 0), unit: 'ms' },
      { name: 'one child as the eligibility tab does (9 queries → facts → rules)', value: round((oneMs * 1000) / sample.length, 0), unit: 'µs (median of 3 × 500)' },
      { name: `worklist over ${rows.length} children (${worklist.items.length} items)`, value: round(worklistMs, 0), unit: 'ms' },
      { name: 'heap used after eligibility bench', value: round(process.memoryUsage().heapUsed / 2 ** 20, 1), unit: 'MiB' },
    ];
  } finally {
    db.cleanup();
  }
}

const groups: Record<string, () => Promise<Figure[]>> = {
  search: benchSearch,
  eligibility: benchEligibility,
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

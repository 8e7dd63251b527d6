/**
 * `npm run bench`: the figures issue 9 asks for, measured on the same data in an encrypted database
 * (the product's: SQLCipher-compatible, the key set before any statement) and in a plain SQLite file,
 * so that every figure can be read against the physical limit. A benchmark, never a test: nothing here
 * passes or fails on time; it prints a table and writes the same as JSON to bench/results/.
 *
 *   npm run bench                                   10,000 children, ~a million sessions, both databases,
 *                                                   then the rules module alone and the renderer in Chromium
 *   npm run bench -- --children 2000                another size
 *   npm run bench -- --runs 25                      more repetitions of each measurement
 *   npm run bench -- rules                          only the named groups: core, rules, renderer, longwork
 *   npm run bench -- longwork --import-rows 20000   another client's app:status while an import and an export run
 *   npm run bench -- desks                          30 workstations over mutual TLS on one data host, ~3 min
 *                                                   (`--seconds N`, `--step-seconds N`; not in the default set)
 *   npm run bench -- --keep                         keep the data set; then `--reuse DIR` measures it again
 *   npm run bench -- --reuse DIR --only worklist    only the measurements whose name contains the text
 *
 * The data set is generated once (the demo generator, seeded) into the encrypted database; the plain
 * one is a byte-for-byte decrypted copy of it (`PRAGMA rekey = ''` on a copy), so both hold the same
 * pages in the same order.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { readMigrations, runMigrations } from '../../db/migrate';
import { applyKey, applyPragmas, openDatabase, verifyDatabase, type OpenedDatabase, type SqliteDb } from '../../db/open';
import { keyCheckValue } from '../../db/key-check';
import * as schema from '../../db/schema';
import { evaluate } from '../../electron/rules';
import { verifyBackupFile } from '../../electron/services/backup/backup';
import { childRowsFor, forgetMemos } from '../../electron/services/record/child-memo';
import { listChildren } from '../../electron/services/registry/children';
import { fixedClock } from '../../electron/services/core/clock';
import type { ServiceContext } from '../../electron/services/core/context';
import { loadDemoData } from '../../electron/demo/demo';
import { childEligibility } from '../../electron/services/eligibility/eligibility';
import { deriveFacts, evaluateChild } from '../../electron/services/eligibility/facts';
import { exportLedgers } from '../../electron/services/ledgers/ledgers';
import { getRecord } from '../../electron/services/record/record';
import { loadFactsRecords } from '../../electron/services/eligibility/facts-load';
import { rehabChild } from '../../electron/services/rehab/rehab';
import { caseOfChild } from '../../electron/services/reintegration/reintegration';
import { buildWorklist } from '../../electron/services/worklist/worklist';
import { ROLES } from '../../shared/contract/permissions';
import { addDays } from '../../shared/domain/dates';
import { MIGRATIONS_DIR } from '../helpers/temp-db';
import { type Stats, timeRuns } from './timing';

/** One measured operation: its statistics in each database, the ratio of medians and the issue's target. */
type Row = { name: string; encrypted: Stats; plain: Stats; ratio: number; target: number | null; unit: 'ms' };

const root = resolve(import.meta.dirname, '..', '..');
const migrations = readMigrations(MIGRATIONS_DIR);
const clock = fixedClock('2026-11-29T09:00:00+08:00');
/** Every role, so that every channel's service may be called. */
const actor = { userId: 1, username: 'bench', roles: [...ROLES] };

type Variant = 'encrypted' | 'plain';
type Opened = { sqlite: SqliteDb; ctx: ServiceContext; close: () => void };

/** Opens the bench database the way the app does (encrypted) or the same without the key (plain). */
function openVariant(variant: Variant, file: string, key: Buffer): Opened {
  if (variant === 'encrypted') {
    const opened: OpenedDatabase = openDatabase({ file, key, keyCheck: keyCheckValue(key), migrations });
    return { sqlite: opened.sqlite, ctx: { db: opened.db, sqlite: opened.sqlite, clock, actor }, close: opened.close };
  }
  const sqlite = new Database(file);
  applyPragmas(sqlite);
  runMigrations(sqlite, migrations);
  const db = drizzle(sqlite, { schema });
  return {
    sqlite,
    ctx: { db, sqlite, clock, actor },
    close: () => {
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.close();
    },
  };
}

/** A new empty database of the variant with every migration applied (what the first start does). */
function createVariant(variant: Variant, file: string, key: Buffer): void {
  if (variant === 'encrypted') {
    openDatabase({ file, key, keyCheck: null, migrations }).close();
    return;
  }
  openVariant('plain', file, key).close();
}

/** Builds the data set once, encrypted, and its decrypted twin. */
function buildDataSet(dir: string, childCount: number, rehabMonths: number): { encrypted: string; plain: string; key: Buffer; buildMs: number; counts: Record<string, number> } {
  const key = randomBytes(32);
  const encrypted = join(dir, 'encrypted.db');
  const plain = join(dir, 'plain.db');
  const t0 = performance.now();
  const opened = openDatabase({ file: encrypted, key, keyCheck: null, migrations });
  loadDemoData({ db: opened.db, sqlite: opened.sqlite, clock, actor }, { children: childCount, rehabMonths });
  const counts: Record<string, number> = {};
  for (const table of ['children', 'rehab_sessions', 'rehab_session_goals', 'rehab_measures', 'placements', 'benefits_received', 'mental_health_checks', 'reintegration_cases', 'audit_log']) {
    counts[table] = (opened.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  opened.close();
  const buildMs = performance.now() - t0;
  copyFileSync(encrypted, plain);
  const twin = new Database(plain);
  applyKey(twin, key);
  twin.pragma('journal_mode = DELETE');
  twin.pragma(`rekey = ''`);
  twin.pragma('journal_mode = WAL');
  twin.close();
  const check = new Database(plain, { fileMustExist: true });
  const n = (check.prepare('SELECT count(*) AS n FROM children').get() as { n: number }).n;
  check.close();
  if (n !== childCount) throw new Error(`the plain copy holds ${n} children, expected ${childCount}`);
  return { encrypted, plain, key, buildMs, counts };
}

/** The backup's steps (backup.ts runBackup): VACUUM INTO, reopen, integrity_check, foreign_key_check. */
function backupOnce(variant: Variant, sqlite: SqliteDb, key: Buffer, target: string): void {
  rmSync(target, { force: true });
  sqlite.prepare('VACUUM INTO ?').run(target);
  if (variant === 'encrypted') {
    const verified = verifyBackupFile(target, key);
    if (!verified.ok) throw new Error(`backup did not verify: ${verified.problems.join('; ')}`);
    return;
  }
  const copy = new Database(target, { readonly: true, fileMustExist: true });
  try {
    const integrity = verifyDatabase(copy);
    if (!integrity.ok) throw new Error(`backup did not verify: ${integrity.problems.join('; ')}`);
    if ((copy.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error('backup foreign keys do not check');
  } finally {
    copy.close();
  }
}

type Plan = { name: string; runs: number; target: number | null; fn: (variant: Variant, o: Opened, file: string) => () => unknown };

/** Rotates through `items`: each call of the returned function takes the next one. */
function rotate<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

function samples(o: Opened, sql: string): { id: number; name: string; initials: string; idNumber: string | null }[] {
  return o.sqlite.prepare(sql).all() as { id: number; name: string; initials: string; idNumber: string | null }[];
}

function plans(runs: number, dataDir: string, key: Buffer): Plan[] {
  const today = clock.today();
  const sampleSql = (where: string) =>
    `SELECT id, name, name_initials AS initials, id_number AS idNumber FROM children WHERE ${where} ORDER BY (id * 7919) % 1009 LIMIT 25`;
  const search = (label: string, pick: (c: ReturnType<typeof samples>[number]) => string): Plan => ({
    name: `search: ${label}`,
    runs: Math.max(runs, 25),
    target: 20,
    fn: (_v, o) => {
      const next = rotate(samples(o, sampleSql('id_number IS NOT NULL')).map(pick));
      return () => listChildren(o.ctx, { query: next(), status: null, limit: 100 });
    },
  });
  return [
    {
      name: 'open + migrate (existing file, up to date)',
      runs,
      target: 500,
      fn: (variant, _o, file) => () => openVariant(variant, file, key).close(),
    },
    {
      name: 'create + migrate (new empty file, every migration)',
      runs: Math.min(runs, 10),
      target: 500,
      fn: (variant) => {
        let n = 0;
        return () => {
          const file = join(dataDir, `fresh-${variant}-${n++}.db`);
          createVariant(variant, file, key);
          for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
        };
      },
    },
    {
      name: 'children list, first page (in care, by name)',
      runs,
      target: null,
      fn: (_v, o) => () => listChildren(o.ctx, { status: 'inCare', limit: 100 }),
    },
    {
      name: 'children list, first page with filters (category, age, placement, district)',
      runs,
      target: null,
      fn: (_v, o) => () =>
        listChildren(o.ctx, {
          status: 'inCare',
          categories: ['orphan', 'guardianshipMissing'],
          ageBands: ['6-11', '12-15'],
          placements: ['municipalInstitution', 'districtInstitution'],
          districts: ['310104', '310115', 'other'],
          limit: 100,
        }),
    },
    search('full name', (c) => c.name),
    search('pinyin initials', (c) => c.initials),
    search('ID number fragment (6 digits)', (c) => c.idNumber!.slice(8, 14)),
    {
      name: 'child page, full load (record, rules, eligibility, case, rehab tab)',
      runs: Math.max(runs, 25),
      target: 30,
      fn: (_v, o) => {
        const next = rotate(samples(o, sampleSql('id IN (SELECT child_id FROM rehab_plans)')).map((c) => c.id));
        return () => {
          const childId = next();
          getRecord(o.ctx, childId);
          evaluateChild(o.ctx, childId);
          caseOfChild(o.ctx, { childId });
          childEligibility(o.ctx, childId);
          rehabChild(o.ctx, childId);
        };
      },
    },
    {
      name: 'dashboard worklist (every kind, every child)',
      runs,
      target: 150,
      fn: (_v, o) => () => buildWorklist(o.ctx, {}),
    },
    {
      name: 'dashboard worklist after one child’s record changed',
      runs,
      target: 150,
      fn: (_v, o) => {
        const next = rotate(samples(o, sampleSql(`status = 'inCare'`)).map((c) => c.id));
        const touch = o.sqlite.prepare('UPDATE children SET updated_at = updated_at WHERE id = ?');
        return () => {
          touch.run(next());
          return buildWorklist(o.ctx, {});
        };
      },
    },
    {
      name: 'dashboard worklist, first read of the day (nothing kept in memory)',
      runs: Math.min(runs, 5),
      target: null,
      fn: (_v, o) => () => {
        forgetMemos(o.sqlite);
        return buildWorklist(o.ctx, {});
      },
    },
    {
      name: 'rules for every child (load → facts → evaluate)',
      runs,
      target: 300,
      fn: (_v, o) => () => {
        const rows = childRowsFor(o.ctx, null);
        const records = loadFactsRecords(o.ctx, rows);
        for (const row of rows) evaluate(deriveFacts(records.get(row.id)!, today).facts, today);
      },
    },
    {
      name: 'ledger export: roster (xlsx)',
      runs: Math.min(runs, 5),
      target: 5000,
      fn: (_v, o) => () => exportLedgers(o.ctx, { ledgers: ['roster'], from: addDays(today, -30), to: today }),
    },
    {
      name: 'ledger export: all five ledgers, one month (xlsx)',
      runs: Math.min(runs, 3),
      target: null,
      fn: (_v, o) => () => exportLedgers(o.ctx, { ledgers: ['roster', 'benefits', 'rehabSessions', 'reintegration', 'mentalHealth'], from: addDays(today, -30), to: today }),
    },
    {
      name: 'backup (VACUUM INTO + verify)',
      runs: Math.min(runs, 3),
      target: 15000,
      fn: (variant, o) => () => backupOnce(variant, o.sqlite, key, join(dataDir, `backup-${variant}.db`)),
    },
  ];
}

async function measure(plan: Plan, variant: Variant, opened: Opened, file: string): Promise<Stats> {
  const fn = plan.fn(variant, opened, file);
  const first = fn();
  if (first instanceof Promise) await first; // warm-up run, not counted
  return timeRuns(plan.runs, fn);
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}

function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function printTable(rows: Row[]): void {
  const head = ['measurement', 'encrypted median', 'p95', 'plain median', 'p95', 'enc/plain', 'target'];
  const body = rows.map((r) => [
    r.name,
    formatMs(r.encrypted.median),
    formatMs(r.encrypted.p95),
    formatMs(r.plain.median),
    formatMs(r.plain.p95),
    `${r.ratio.toFixed(2)}${r.ratio > 1.5 ? ' !' : ''}`,
    r.target === null ? '—' : `≤ ${r.target}${r.encrypted.median > r.target ? ' MISSED' : ''}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
  console.log('(milliseconds; "!" marks a ratio over 1.5, MISSED a median over its target)');
}

/** A data set kept by an earlier `--keep` run (bench data only: a throwaway key beside throwaway files). */
function reuseDataSet(dir: string): ReturnType<typeof buildDataSet> {
  const saved = JSON.parse(readFileSync(join(dir, 'bench-set.json'), 'utf8')) as { key: string; buildMs: number; counts: Record<string, number> };
  return { encrypted: join(dir, 'encrypted.db'), plain: join(dir, 'plain.db'), key: Buffer.from(saved.key, 'hex'), buildMs: saved.buildMs, counts: saved.counts };
}

async function benchCore(options: { children: number; rehabMonths: number; runs: number; keep: boolean; reuse: string | null; only: string | null }): Promise<Record<string, unknown>> {
  const dir = options.reuse ?? mkdtempSync(join(tmpdir(), 'tonghu-bench-'));
  try {
    let built: ReturnType<typeof buildDataSet>;
    if (options.reuse) {
      built = reuseDataSet(options.reuse);
      console.log(`reusing the data set in ${dir}`);
    } else {
      console.log(`building ${options.children} children (rehabilitation plans started ${options.rehabMonths} months ago) in ${dir} …`);
      built = buildDataSet(dir, options.children, options.rehabMonths);
      if (options.keep) writeFileSync(join(dir, 'bench-set.json'), JSON.stringify({ key: built.key.toString('hex'), buildMs: built.buildMs, counts: built.counts }), { mode: 0o600 });
    }
    console.log(`after building: rss ${mib(process.memoryUsage().rss)} MiB, peak ${mib(process.resourceUsage().maxRSS * 1024)} MiB`);
    const files: Record<Variant, string> = { encrypted: built.encrypted, plain: built.plain };
    console.log(`built in ${(built.buildMs / 1000).toFixed(1)} s: ${Object.entries(built.counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
    console.log(`file sizes: encrypted ${(statSync(built.encrypted).size / 2 ** 20).toFixed(1)} MiB, plain ${(statSync(built.plain).size / 2 ** 20).toFixed(1)} MiB\n`);
    const rows: Row[] = [];
    const list = plans(options.runs, dir, built.key).filter((p) => options.only === null || p.name.includes(options.only));
    const results: Record<Variant, Stats[]> = { encrypted: [], plain: [] };
    // Alternate the variants per measurement so that neither always runs on a warmer machine.
    for (const [index, plan] of list.entries()) {
      for (const variant of index % 2 === 0 ? (['encrypted', 'plain'] as const) : (['plain', 'encrypted'] as const)) {
        const opened = openVariant(variant, files[variant], built.key);
        try {
          results[variant][index] = await measure(plan, variant, opened, files[variant]);
        } finally {
          opened.close();
        }
      }
      const encrypted = results.encrypted[index]!;
      const plain = results.plain[index]!;
      rows.push({ name: plan.name, encrypted, plain, ratio: encrypted.median / plain.median, target: plan.target, unit: 'ms' });
      process.stdout.write(`  ${plan.name}: ${formatMs(encrypted.median)} / ${formatMs(plain.median)} ms (rss ${mib(process.memoryUsage().rss)}, peak ${mib(process.resourceUsage().maxRSS * 1024)} MiB)\n`);
    }
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    console.log('');
    printTable(rows);
    console.log(`peak memory of this process (max RSS, building included): ${peakRssMiB.toFixed(0)} MiB (target ≤ 500)`);
    return { children: options.children, rehabMonths: options.rehabMonths, runs: options.runs, build: { ms: Math.round(built.buildMs), counts: built.counts }, rows, peakRssMiB: Math.round(peakRssMiB) };
  } finally {
    if (options.keep || options.reuse) console.log(`kept ${dir} (npm run bench -- --reuse ${dir})`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      children: { type: 'string', default: '10000' },
      'rehab-months': { type: 'string', default: '15' },
      runs: { type: 'string', default: '15' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      only: { type: 'string' },
      'import-rows': { type: 'string', default: '20000' },
      seconds: { type: 'string', default: '180' },
      'step-seconds': { type: 'string', default: '10' },
    },
  });
  const childCount = Number(values.children);
  const rehabMonths = Number(values['rehab-months']);
  const runs = Number(values.runs);
  if (!Number.isInteger(childCount) || childCount < 1) throw new Error('--children must be a positive whole number');
  if (!Number.isInteger(rehabMonths) || rehabMonths < 1 || rehabMonths > 60) throw new Error('--rehab-months must be 1…60');
  if (!Number.isInteger(runs) || runs < 3) throw new Error('--runs must be 3 or more');
  const importRows = Number(values['import-rows']);
  if (!Number.isInteger(importRows) || importRows < 1 || importRows > 20_000) throw new Error('--import-rows must be 1…20000');
  const seconds = Number(values.seconds);
  if (!Number.isInteger(seconds) || seconds < 10 || seconds > 1800) throw new Error('--seconds must be 10…1800');
  const stepSeconds = Number(values['step-seconds']);
  if (!Number.isInteger(stepSeconds) || stepSeconds < 3 || stepSeconds > 120) throw new Error('--step-seconds must be 3…120');
  const groups: Record<string, () => Promise<unknown>> = {
    core: () => benchCore({ children: childCount, rehabMonths, runs, keep: values.keep, reuse: values.reuse ?? null, only: values.only ?? null }),
    rules: async () => {
      const { benchRules } = await import('./rules-bench');
      const figures = await benchRules();
      console.log('rules module alone, synthetic facts:');
      for (const f of figures) console.log(`  ${f.name.padEnd(60)} ${String(f.value).padStart(10)} ${f.unit}`);
      return figures;
    },
    renderer: async () => {
      const { benchRenderer } = await import('./renderer-bench');
      const figures = await benchRenderer({ children: childCount, runs: 7, build: true, log: (line) => console.log(`  ${line}`) });
      console.log(`renderer in Chromium over the browser host, ${childCount} demo children (median / p95 of 7 after a warm-up):`);
      for (const f of figures) {
        const target = /first rows/.test(f.name) ? ` (target ≤ 1500${f.median > 1500 ? ' MISSED' : ''})` : '';
        console.log(`  ${f.name.padEnd(78)} ${String(f.median).padStart(7)} ${String(f.p95).padStart(7)} ms${target}`);
      }
      return figures;
    },
    longwork: async () => {
      const { benchLongWork } = await import('./long-work-bench');
      console.log(`long work off the request thread: ${childCount} demo children, an import of ${importRows} rows and a roster export at once, another client asking app:status every 20 ms:`);
      return benchLongWork({ children: childCount, importRows, log: (line) => console.log(`  ${line}`) });
    },
    desks: async () => {
      const { benchDesks, printDesks } = await import('./desks-bench');
      console.log(`many desks on one data host: ${childCount} demo children, 30 workstations over mutual TLS on 127.0.0.1:`);
      const figures = await benchDesks({ children: childCount, seconds, stepSeconds, keep: values.keep, reuse: values.reuse ?? null, log: (line) => console.log(`  ${line}`) });
      printDesks(figures);
      return figures;
    },
  };
  const selected = positionals.length > 0 ? positionals : ['core', 'rules', 'renderer', 'longwork'];
  const started = performance.now();
  console.log(`Tonghu bench — node ${process.version}, ${new Date().toISOString()}, groups: ${selected.join(', ')}`);
  const results: Record<string, unknown> = {};
  for (const name of selected) {
    const group = groups[name];
    if (!group) throw new Error(`unknown bench group "${name}"; groups: ${Object.keys(groups).join(', ')}`);
    console.log(`\n[${name}]`);
    results[name] = await group();
  }
  const totalS = (performance.now() - started) / 1000;
  console.log(`\nbench finished in ${totalS.toFixed(0)} s`);
  const outDir = join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const at = new Date().toISOString();
  const json = `${JSON.stringify({ node: process.version, at, totalS: Math.round(totalS), results }, null, 2)}\n`;
  writeFileSync(join(outDir, 'latest.json'), json);
  writeFileSync(join(outDir, `bench-${at.replaceAll(':', '-').slice(0, 19)}.json`), json);
  console.log(`results: bench/results/latest.json`);
}

await main();

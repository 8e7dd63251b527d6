/**
 * The renderer at scale (issue 9): the children list with 10,000 demo children in Chromium, through the
 * browser host. A benchmark, never a test: it prints figures and writes bench/results/renderer-latest.json.
 *
 *   npx tsx tests/bench/renderer-bench.ts [--children 10000] [--runs 7] [--data-dir DIR] [--build]
 *
 * --data-dir DIR keeps the data folder (made by `npm run demo` on the first run, reused afterwards);
 * without it a temporary folder is made and removed. --build rebuilds out/renderer even when present
 * (it is built only when missing otherwise).
 *
 * What is measured, all inside the page with performance.now() (no Playwright round trip in the figures):
 * - list, in-app: from the click on 儿童档案 (signed in, on the settled dashboard) to the first frame
 *   painted with the first data row's cells filled — route change, the `children:list` request (first
 *   page of 100 with the total), React render of the virtualised rows.
 * - list, reload: from the navigation start of a reload of #/children to the same frame — loading the
 *   built bundle, app status and session, then the same request and render.
 * - search: from the last keystroke (`input` event) in the search box to the first frame painted with the
 *   expected first row and total. It includes the list's 120 ms typing debounce by design.
 * Each figure is also split, from the Resource Timing of the /rpc/children:list request: what comes
 * before it (route change / start-up / debounce), the request (the HTTP round trip with the service:
 * query, count, JSON), and the render (answer → painted).
 * Each figure: one warm-up, then `runs` timed repetitions; median and p95 (nearest rank: with 7 runs
 * the p95 is the slowest run).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { type Browser, type Page, chromium } from '@playwright/test';
import type { ChildSummary } from '../../shared/contract/children';
import { namePinyin } from '../../electron/services/record/pinyin';
import playwrightConfig from '../../playwright.config';
import { StartPages } from '../e2e/pages/app-pages';
import { invoke } from '../e2e/support/api';
import buildRenderer from '../e2e/support/global-setup';
import { type RunningHost, startHost } from '../e2e/support/host';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PASSPHRASE = 'renderer bench passphrase';
const USERNAME = 'admin';
const PASSWORD = 'Bench!renderer-2026';
const LIST_LABEL = '儿童档案';

export type RendererFigure = {
  name: string;
  /** The median, so the figure fits the main bench's { name, value, unit }. */
  value: number;
  median: number;
  p95: number;
  unit: 'ms';
  runs: number[];
  /** The medians of each run's split around the children:list request: before it, the request, the render after it. */
  parts?: Record<string, number>;
};

export type RendererBenchOptions = {
  children?: number;
  runs?: number;
  /** Keep (and reuse) the data folder here; otherwise a temporary one is made and removed. */
  dataDir?: string;
  /** Rebuild out/renderer even when it exists. */
  build?: boolean;
  log?: (line: string) => void;
};

/** One measured run, as the page reports it. */
type Sample = { total: number; parts?: Record<string, number> | null };

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function figure(name: string, samples: Sample[]): RendererFigure {
  const totals = samples.map((s) => s.total);
  const out: RendererFigure = { name, value: round1(median(totals)), median: round1(median(totals)), p95: round1(percentile(totals, 95)), unit: 'ms', runs: totals.map(round1) };
  const split = samples.map((s) => s.parts).filter((p): p is Record<string, number> => Boolean(p));
  if (split.length > 0) out.parts = Object.fromEntries(Object.keys(split[0]!).map((k) => [k, round1(median(split.map((p) => p[k]!)))]));
  return out;
}

/** Makes the data folder with the demo CLI (a process of its own), unless it already holds an install. */
async function ensureData(dataDir: string, children: number, log: (line: string) => void): Promise<void> {
  if (existsSync(join(dataDir, 'keystore.json'))) {
    log(`reusing the data folder ${dataDir}`);
    return;
  }
  log(`making ${children} demo children in ${dataDir} (npm run demo)…`);
  await new Promise<void>((resolveRun, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'electron', 'demo', 'cli.ts'), '--children', String(children), '--data-dir', dataDir, '--password', PASSWORD],
      { cwd: ROOT, env: { ...process.env, TONGHU_PASSPHRASE: PASSPHRASE, TONGHU_LOG: 'silent' }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      // The summary lines (counts and time), not the recovery code.
      for (const line of out.split('\n').filter((l) => /^ {2}\S.* \d+$|^已载入|^完成/.test(l))) log(line);
      if (code === 0) resolveRun();
      else reject(new Error(`npm run demo exited ${code}`));
    });
  });
}

/**
 * The page-side probe, installed on every document (plain JavaScript: it runs in Chromium). All times
 * are the page's performance.now(); "painted" is a setTimeout queued from the first animation frame in
 * which the condition holds, so it runs after that frame has been painted.
 */
const PROBE = `(() => {
  const firstRow = (label) => {
    const cells = document.querySelectorAll('[role="table"][aria-label="' + label + '"] [role="row"][aria-rowindex="2"] [role="cell"]');
    if (cells.length < 2) return null;
    return [...cells].map((c) => c.textContent || '');
  };
  /** The split of a span ending at 't1' around the first children:list request after 't0'. */
  const split = (t0, t1, before) => {
    const r = performance.getEntriesByType('resource').filter((e) => e.name.includes('/rpc/children%3Alist') && e.startTime >= t0)[0];
    if (!r) return null;
    return { [before]: r.startTime - t0, request: r.responseEnd - r.startTime, render: t1 - r.responseEnd };
  };
  const whenPainted = (ready, done) => {
    const check = () => {
      if (ready()) requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  };
  const bench = {
    reloadPainted: null,
    /** Clicks the navigation link labelled 'link' and resolves with the ms until the worklist's table rows are painted. */
    clickDashboard: (link) => new Promise((resolve) => {
      const a = [...document.querySelectorAll('a')].find((e) => (e.textContent || '').trim() === link);
      const t0 = performance.now();
      a.click();
      whenPainted(() => document.querySelector('[data-testid="worklist"] table tbody tr') !== null, (t1) => {
        const r = performance.getEntriesByType('resource').filter((e) => e.name.includes('/rpc/worklist%3A') && e.startTime >= t0)[0];
        resolve({
          total: t1 - t0,
          rows: document.querySelectorAll('[data-testid="worklist"] table tbody tr').length,
          parts: r ? { route: r.startTime - t0, request: r.responseEnd - r.startTime, render: t1 - r.responseEnd } : null,
        });
      });
    }),
    /** Clicks the navigation link labelled 'label' and resolves with the ms until its list's first rows are painted. */
    clickList: (label) => new Promise((resolve) => {
      const link = [...document.querySelectorAll('a')].find((a) => (a.textContent || '').trim() === label);
      performance.clearResourceTimings();
      const t0 = performance.now();
      link.click();
      whenPainted(() => firstRow(label) !== null, (t1) => resolve({ total: t1 - t0, parts: split(t0, t1, 'route') }));
    }),
    pending: null,
    /** Starts watching: 'pending' resolves, once the list shows 'expectedTotal' and 'expectedFirst' first, with the ms since the last input event and its split. */
    startSearch: (label, expectedTotal, expectedFirst) => { bench.pending = new Promise((resolve) => {
      performance.clearResourceTimings();
      const input = document.querySelector('input[aria-label="搜索"]');
      let last = 0;
      input.addEventListener('input', () => { last = performance.now(); });
      const totalText = '共 ' + expectedTotal + ' 名儿童';
      const ready = () => {
        const row = firstRow(label);
        return last > 0 && row !== null && row[0] === expectedFirst && document.querySelector('[data-testid="children-total"]')?.textContent === totalText;
      };
      whenPainted(ready, (t1) => resolve({ total: t1 - last, parts: split(last, t1, 'debounce') }));
    }); },
  };
  window.__bench = bench;
  // For the reload figure: the first paint of the list's rows in this document, from its navigation start.
  whenPainted(() => firstRow(${JSON.stringify(LIST_LABEL)}) !== null, (t) => { bench.reloadPainted = { total: t, parts: split(0, t, 'startup') }; });
})();`;

/** The probe as the Node side sees it. */
type Probe = {
  __bench: {
    reloadPainted: Sample | null;
    clickList: (label: string) => Promise<Sample>;
    clickDashboard: (link: string) => Promise<Sample & { rows: number }>;
    startSearch: (label: string, expectedTotal: number, expectedFirst: string) => void;
    pending: Promise<{ total: number; parts: Record<string, number> | null }>;
  };
};

/** Dashboard settled: the in-care count and the worklist are shown. */
async function settleDashboard(page: Page): Promise<void> {
  await page.getByRole('link', { name: '工作台' }).click();
  await page.getByTestId('children-in-care').filter({ hasText: /\d/ }).waitFor();
  await page.getByTestId('worklist').getByRole('table').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(300);
}

/** (a) in-app: click on 儿童档案 on the settled dashboard → first rows painted. */
async function listInApp(page: Page): Promise<Sample> {
  await settleDashboard(page);
  return page.evaluate((label) => (globalThis as unknown as Probe).__bench.clickList(label), LIST_LABEL);
}

/** (a') reload of #/children → first rows painted, from the navigation start. */
async function listReload(page: Page): Promise<Sample> {
  await page.reload();
  const painted = await page.waitForFunction(() => (globalThis as unknown as Probe).__bench.reloadPainted, undefined, { timeout: 60_000, polling: 50 });
  return (await painted.jsonValue()) as Sample;
}

/** (c) the dashboard: click on 工作台 from the children list → the worklist's rows painted. */
async function dashboard(page: Page, rows: { n: number }): Promise<Sample> {
  await page.getByRole('link', { name: LIST_LABEL }).click();
  await page.getByTestId('children-total').filter({ hasText: /\d/ }).waitFor();
  await page.waitForTimeout(300);
  const sample = await page.evaluate(() => (globalThis as unknown as Probe).__bench.clickDashboard('工作台'));
  rows.n = sample.rows;
  // Let the dashboard's other request (the in-care count) finish before the next step.
  await page.getByTestId('children-in-care').filter({ hasText: /\d/ }).waitFor();
  return sample;
}

type SearchCase = { label: string; query: string; expectedTotal: number; expectedFirst: string };

/** (b) the last keystroke of `query` → the expected first row and total painted. */
async function search(page: Page, c: SearchCase, fullTotal: number): Promise<Sample> {
  const box = page.getByRole('textbox', { name: '搜索' });
  // Back to the whole list, settled.
  await box.fill('');
  await page.getByTestId('children-total').filter({ hasText: `共 ${fullTotal} 名儿童` }).waitFor();
  await page.waitForTimeout(300);
  await page.evaluate(([label, total, first]) => (globalThis as unknown as Probe).__bench.startSearch(label, total, first), [LIST_LABEL, c.expectedTotal, c.expectedFirst] as const);
  // Typed as a person types (40 ms between keys: one request after the debounce).
  await box.pressSequentially(c.query, { delay: 40 });
  return page.evaluate(() => (globalThis as unknown as Probe).__bench.pending);
}

async function repeat(runs: number, once: () => Promise<Sample>): Promise<Sample[]> {
  await once(); // warm-up, not counted
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await once());
  return samples;
}

/** Runs the renderer benchmark; returns its figures (median and p95 in ms per measurement). */
export async function benchRenderer(options: RendererBenchOptions = {}): Promise<RendererFigure[]> {
  const children = options.children ?? 10_000;
  const runs = options.runs ?? 7;
  const log = options.log ?? ((line: string) => console.log(line));
  if (options.build || !existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    log('building the renderer (out/renderer)…');
    buildRenderer();
  }
  const dataDir = options.dataDir ? resolve(options.dataDir) : mkdtempSync(join(tmpdir(), 'tonghu-renderer-bench-'));
  let host: RunningHost | null = null;
  let browser: Browser | null = null;
  try {
    await ensureData(dataDir, children, log);
    host = await startHost(dataDir, PASSPHRASE);
    const launch = playwrightConfig.use?.launchOptions ?? {};
    browser = await chromium.launch({ ...launch, headless: true });
    const page = await browser.newPage({ viewport: playwrightConfig.use?.viewport ?? { width: 1280, height: 800 }, locale: playwrightConfig.use?.locale ?? 'zh-CN' });
    await page.addInitScript({ content: PROBE });
    await page.goto(host.url);
    await new StartPages(page).login(USERNAME, PASSWORD);
    await page.getByRole('button', { name: '当前用户' }).waitFor();
    const { total: everyone, rows } = await invoke<{ total: number; rows: ChildSummary[] }>(page, 'children:list', { status: null, limit: 500, offset: Math.floor(children / 2) });
    const inCare = (await invoke<{ total: number }>(page, 'children:list', { limit: 1 })).total;
    log(`signed in; ${everyone} children, ${inCare} in care (the list's default filter)`);

    const figures: RendererFigure[] = [];
    const inApp = await repeat(runs, () => listInApp(page));
    figures.push(figure(`list first rows, in-app (click → painted), ${inCare} in care`, inApp));
    const reload = await repeat(runs, () => listReload(page));
    figures.push(figure('list first rows, reload of #/children (navigation start → painted)', reload));
    const worklistRows = { n: 0 };
    const board = await repeat(runs, () => dashboard(page, worklistRows));
    figures.push(figure(`dashboard worklist, in-app (click → ${worklistRows.n} rows painted)`, board));

    // The search cases: a full name, pinyin initials, an ID fragment; expected answers from the service.
    const sample = rows.find((r) => r.status === 'inCare' && r.idNumber !== null && [...r.name].length === 3) ?? rows.find((r) => r.status === 'inCare' && r.idNumber !== null)!;
    const cases: SearchCase[] = [];
    for (const [label, query] of [
      ['full name', sample.name],
      ['pinyin initials', namePinyin(sample.name).initials],
      ['ID fragment (6 digits)', sample.idNumber!.slice(10, 16)],
      ['surname, many hits', [...sample.name][0]!],
    ] as const) {
      const expected = await invoke<{ total: number; rows: ChildSummary[] }>(page, 'children:list', { query, limit: 1 });
      cases.push({ label, query, expectedTotal: expected.total, expectedFirst: expected.rows[0]!.name });
    }
    await page.getByRole('link', { name: LIST_LABEL }).click();
    await page.getByTestId('children-total').filter({ hasText: /\d/ }).waitFor();
    for (const c of cases) {
      const samples = await repeat(runs, () => search(page, c, inCare));
      figures.push(figure(`search “${c.query}” (${c.label}, ${c.expectedTotal} hits): keystroke → painted`, samples));
    }
    return figures;
  } finally {
    await browser?.close();
    await host?.stop();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { children: { type: 'string' }, runs: { type: 'string' }, 'data-dir': { type: 'string' }, build: { type: 'boolean' } },
    strict: true,
  });
  const children = Number(values.children ?? 10_000);
  const runs = Number(values.runs ?? 7);
  if (!Number.isInteger(children) || children < 1) throw new Error('--children must be a positive whole number');
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive whole number');
  const started = Date.now();
  const figures = await benchRenderer({ children, runs, dataDir: values['data-dir'], build: values.build });
  console.log(`\nrenderer bench — ${children} demo children, ${runs} runs each after a warm-up; Chromium ${playwrightConfig.use?.launchOptions?.executablePath ?? '(Playwright)'}`);
  console.log(`  ${'measurement'.padEnd(78)} ${'median'.padStart(9)} ${'p95'.padStart(9)}`);
  for (const f of figures) {
    console.log(`  ${f.name.padEnd(78)} ${`${f.median} ms`.padStart(9)} ${`${f.p95} ms`.padStart(9)}`);
    if (f.parts) console.log(`    ${Object.entries(f.parts).map(([k, v]) => `${k} ${v} ms`).join(' · ')} (medians)`);
  }
  const outDir = join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'renderer-latest.json');
  writeFileSync(file, `${JSON.stringify({ node: process.version, at: new Date().toISOString(), children, runs, seconds: Math.round((Date.now() - started) / 1000), figures }, null, 2)}\n`);
  console.log(`\nwritten ${file} (${Math.round((Date.now() - started) / 1000)} s in all)`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}

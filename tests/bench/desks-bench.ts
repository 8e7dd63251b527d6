/**
 * `npm run bench -- desks`: many desks on one data host (issue 19, Benchmark). A real data host
 * (createAppHost + its listener, an encrypted database with N demo children) on 127.0.0.1 and 30
 * workstations enrolled with one-time codes (one institution CA, 30 client certificates), each signed in
 * as its own staff account (caseworker + therapist) and talking over mutual TLS 1.3 through
 * WorkstationClient, as the Electron desk does. Each desk works at a busy human pace (exponential think
 * time, 2 s on average) with the mix of a working day (search 40 %, child page 30 %, session log 15 %,
 * profile edit 10 %, worklist 5 %), while one desk exports the roster and another runs a backup, over
 * and over, for the whole phase. Then:
 *
 *   - the same desks, the same mix and the same export and backup in-process (the standalone path:
 *     `router.dispatch`, no TLS, no HTTP), in the same run, for the ratio of the two;
 *   - the saturation figure: an open-loop offered load ramped in steps over the 30 desks (same mix, no
 *     export, no backup); the highest step whose p95 stays ≤ 100 ms with no error;
 *   - every acknowledged write checked against the rows in the database after the run (each write
 *     carries a marker unique to the run: a session's note, a profile's notes, whose audit row holds it):
 *     none lost, none doubled, none written without an acknowledgement.
 *
 * Every request is timed from when it was due (coordinated omission: a request that waited behind a
 * blocked thread counts the wait, on both paths). A desk retries an unanswered request for 60 s with
 * the same request id (the product's client retries for 10 minutes; 60 s keeps the run bounded), so
 * an error here is one a person at that desk would have seen within a minute. The desks' TLS clients
 * run in the bench's own process, beside the host: their half of the encryption is on the same thread,
 * so the TLS figures are a little worse than separate computers would see.
 *
 * Figures only: nothing here passes or fails. Everything on loopback, bounded in count and time.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { type AppHost, createAppHost } from '../../electron/host/app-host';
import { WorkstationClient } from '../../electron/host/workstation/client';
import { enrollWorkstation } from '../../electron/host/workstation/enroll';
import { fixedClock } from '../../electron/services/core/clock';
import { passphraseSealer } from '../../electron/services/keys/key-store';
import type { Result } from '../../shared/contract/errors';
import { type Versions, versionIn } from '../../shared/contract/versions';
import { addDays } from '../../shared/domain/dates';
import { MIGRATIONS_DIR } from '../helpers/temp-db';
import { type Stats, stats } from './timing';

const PASSPHRASE = 'bench passphrase for many desks';
const ADMIN = { username: 'admin', password: 'Str0ng!pass-word' } as const;
const STAFF_FIRST_PASSWORD = 'Str0ng!desk-first';
const STAFF_PASSWORD = 'Str0ng!desk-final';
const DESKS = 30;
const TODAY_ISO = '2026-11-29T09:00:00+08:00';
/** The saturation ramp: offered requests per second, each step held for `stepSeconds`. */
const RAMP = [2, 5, 10, 20, 40, 60, 90, 120, 160, 220, 300, 400];

export type OpName = 'search' | 'child page' | 'session log' | 'profile edit' | 'worklist';
const MIX: readonly [OpName, number][] = [
  ['search', 0.4],
  ['child page', 0.3],
  ['session log', 0.15],
  ['profile edit', 0.1],
  ['worklist', 0.05],
];
const WRITES: ReadonlySet<OpName> = new Set(['session log', 'profile edit']);

type Invoke = (channel: string, input: unknown) => Promise<Result<unknown>>;
type Sample = { op: OpName; start: number; end: number; ok: boolean; code: string | null };
type LongRun = { what: 'roster export' | 'backup'; start: number; end: number; ok: boolean; code: string | null };
type Ack = { kind: 'session' | 'edit'; marker: string; ok: boolean; code: string | null };

type OpFigure = { op: OpName; kind: 'read' | 'write'; n: number; p50: number; p95: number; max: number; errors: number; duringLongWork: { n: number; p50: number; p95: number } | null; duringExport: { n: number; p95: number } | null; duringBackup: { n: number; p95: number } | null };
type PhaseFigures = { seconds: number; eventLoopDelay: { p99Ms: number; maxMs: number }; requests: number; perSecond: number; errors: Record<string, number>; conflicts: number; ops: OpFigure[]; longWork: { what: string; runs: number; medianMs: number; maxMs: number; errors: number }[] };

export type DesksFigures = {
  children: number;
  desks: number;
  seconds: number;
  setup: { buildS: number | null; enrollS: number };
  desksPhase: PhaseFigures;
  inProcessPhase: PhaseFigures;
  ratio: { op: OpName; p50: number; p95: number }[];
  saturation: {
    steps: { offered: number; served: number; n: number; p50: number; p95: number; p95WithoutWorklist: number; errors: number; holds: boolean; holdsWithoutWorklist: boolean; p95ByOp: Partial<Record<OpName, number>> }[];
    highestHolding: number | null;
    /** The same ramp judged on every operation but the worklist (5 % of the mix, the largest answer: every item of every child). */
    highestHoldingWithoutWorklist: number | null;
  };
  writes: { kind: string; acknowledged: number; found: number; lost: number; doubled: number; writtenWithoutAck: number; failed: number }[];
  targets: { name: string; figure: number; target: string; met: boolean }[];
  load: { loadavg: number[]; cpus: number };
};

function ok<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} (field ${result.error.field ?? '-'})`);
  return result.value as T;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A seeded generator (mulberry32): the same run draws the same think times and the same mix. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const exponential = (random: () => number, mean: number) => -Math.log(1 - random()) * mean;

function pickOp(random: () => number): OpName {
  let x = random();
  for (const [name, share] of MIX) {
    if (x < share) return name;
    x -= share;
  }
  return 'search';
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
  });
}

type Pools = {
  searches: string[];
  pages: number[];
  rehab: { childId: number; startsOn: string }[];
};

/** The children the desks look at, search for and write to (drawn once, from the database). */
function drawPools(host: AppHost, today: string): Pools {
  const sqlite = host.core.opened()!.sqlite;
  const people = sqlite
    .prepare(`SELECT id, name, name_initials AS initials, id_number AS idNumber FROM children WHERE status = 'inCare' ORDER BY (id * 7919) % 1009, id LIMIT 400`)
    .all() as { id: number; name: string; initials: string; idNumber: string | null }[];
  const searches: string[] = [];
  people.forEach((p, i) => {
    if (i % 3 === 0) searches.push(p.name);
    else if (i % 3 === 1) searches.push(p.initials);
    else if (p.idNumber) searches.push(p.idNumber.slice(8, 14));
  });
  const rehab = sqlite
    .prepare(
      `SELECT c.id AS childId, max(p.starts_on) AS startsOn FROM rehab_plans p JOIN children c ON c.id = p.child_id
       WHERE p.status IN ('approved', 'superseded') AND p.voided_at IS NULL AND p.starts_on <= ? AND c.status = 'inCare'
       GROUP BY c.id ORDER BY (c.id * 7919) % 1009, c.id LIMIT 300`,
    )
    .all(today) as { childId: number; startsOn: string }[];
  if (people.length === 0 || rehab.length === 0) throw new Error('the data set has no children in care with a rehabilitation plan in force');
  return { searches, pages: people.map((p) => p.id), rehab };
}

/** One desk's operations, written against any transport (a workstation over TLS, or the router in-process). */
function operations(invoke: Invoke, pools: Pools, random: () => number, runId: string, tag: string, today: string, acks: Ack[]): Record<OpName, () => Promise<Result<unknown>>> {
  let n = 0;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  // The child page on this desk's screen and the particulars' version it was read at (issue 19.4): an edit is
  // made on the page last opened; after the answer (saved, or refused as stale) the page is read afresh.
  let onScreen: { childId: number; version: number } | null = null;
  return {
    search: () => invoke('children:list', { query: pick(pools.searches), limit: 100 }),
    'child page': async () => {
      const childId = pick(pools.pages);
      const record = await invoke('record:get', { childId });
      if (!record.ok) return record;
      onScreen = { childId, version: versionIn((record.value as { versions?: Versions }).versions, 'child', childId) };
      return invoke('eligibility:get', { childId });
    },
    'session log': async () => {
      const { childId } = pick(pools.rehab);
      const marker = `BENCH-${runId}-S-${tag}-${String(n++).padStart(5, '0')}#`;
      const r = await invoke('rehab:logSession', { childId, sessionOn: today, attended: true, minutes: 30 + Math.floor(random() * 30), goals: [], note: marker });
      acks.push({ kind: 'session', marker, ok: r.ok, code: r.ok ? null : r.error.code });
      return r;
    },
    'profile edit': async () => {
      // The page on screen (with none, one is opened first). Another desk may have saved the same child since
      // it was read: that edit is refused with `conflict` and counted as a conflict, not an error.
      if (onScreen === null) {
        const childId = pick(pools.pages);
        const record = await invoke('record:get', { childId });
        if (!record.ok) return record;
        onScreen = { childId, version: versionIn((record.value as { versions?: Versions }).versions, 'child', childId) };
      }
      const { childId, version } = onScreen;
      const marker = `BENCH-${runId}-E-${tag}-${String(n++).padStart(5, '0')}#`;
      const r = await invoke('record:updateProfile', { childId, notes: `案头测试备注 ${marker}`, expectedVersion: version });
      onScreen = null; // saved or refused: the page is read afresh before the next edit
      acks.push({ kind: 'edit', marker, ok: r.ok, code: r.ok ? null : r.error.code });
      return r;
    },
    worklist: () => invoke('worklist:get', {}),
  };
}

type Desk = { name: string; invoke: Invoke; admin: Invoke | null; close: () => void };

/** Runs the desks for `seconds` at the human pace, while desk 0 exports the roster and desk 1 backs up, again and again. */
async function humanPhase(desks: Desk[], pools: Pools, seconds: number, seed: number, runId: string, label: string, today: string, acks: Ack[], log: (line: string) => void): Promise<{ samples: Sample[]; long: LongRun[]; loop: { p99Ms: number; maxMs: number } }> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const samples: Sample[] = [];
  const long: LongRun[] = [];
  const endAt = performance.now() + seconds * 1000;
  const deskLoop = async (desk: Desk, i: number) => {
    const random = rng(seed + i * 101);
    const ops = operations(desk.invoke, pools, random, runId, `${label}${String(i).padStart(2, '0')}`, today, acks);
    // Each request is timed from when it was due (the end of the think time), not from when the timer
    // got to run: a request that waited behind a blocked thread counts that wait, on both paths.
    let due = performance.now() + random() * 2000; // desks do not all start on the same millisecond
    await sleep(due - performance.now());
    while (performance.now() < endAt) {
      const op = pickOp(random);
      const r = await ops[op]();
      samples.push({ op, start: due, end: performance.now(), ok: r.ok, code: r.ok ? null : r.error.code });
      const think = exponential(random, 2000);
      due = performance.now() + think;
      if (due >= endAt) break;
      await sleep(think);
    }
  };
  const longLoop = async (what: LongRun['what'], invoke: Invoke, firstAfterMs: number) => {
    await sleep(firstAfterMs);
    while (performance.now() < endAt) {
      const start = performance.now();
      const r = what === 'roster export' ? await invoke('ledger:export', { ledgers: ['roster'], from: addDays(today, -30), to: today }) : await invoke('backup:run', null);
      long.push({ what, start, end: performance.now(), ok: r.ok, code: r.ok ? null : r.error.code });
      if (!r.ok) log(`${what} failed: ${r.error.code} ${r.error.message}`);
      if (performance.now() + 3000 >= endAt) break;
      await sleep(3000);
    }
  };
  await Promise.all([
    ...desks.map((d, i) => deskLoop(d, i)),
    longLoop('roster export', desks[0]!.admin!, Math.min(5000, seconds * 100)),
    longLoop('backup', desks[1]!.admin!, Math.min(8000, seconds * 150)),
  ]);
  loop.disable();
  return { samples, long, loop: { p99Ms: round(loop.percentile(99) / 1e6), maxMs: round(loop.max / 1e6) } };
}

function phaseFigures(samples: Sample[], long: LongRun[], seconds: number, eventLoopDelay: PhaseFigures['eventLoopDelay']): PhaseFigures {
  const errors: Record<string, number> = {};
  // A conflict is the product refusing a stale edit as it should (issue 19.4): counted apart, never as an error.
  for (const s of samples) if (!s.ok && s.code !== 'conflict') errors[s.code!] = (errors[s.code!] ?? 0) + 1;
  for (const l of long) if (!l.ok) errors[`${l.what}: ${l.code}`] = (errors[`${l.what}: ${l.code}`] ?? 0) + 1;
  const overlaps = (s: Sample, what?: LongRun['what']) => long.some((l) => (what === undefined || l.what === what) && s.start < l.end && s.end > l.start);
  const p95Of = (mine: Sample[]) => (mine.length > 0 ? { n: mine.length, p95: round(stats(mine.map((s) => s.end - s.start)).p95) } : null);
  const ops: OpFigure[] = MIX.map(([op]) => {
    const mine = samples.filter((s) => s.op === op);
    const times = mine.map((s) => s.end - s.start);
    const during = mine.filter((s) => overlaps(s)).map((s) => s.end - s.start);
    const st: Stats | null = times.length > 0 ? stats(times) : null;
    const du: Stats | null = during.length > 0 ? stats(during) : null;
    return {
      op,
      kind: WRITES.has(op) ? 'write' : 'read',
      n: mine.length,
      p50: st ? round(st.median) : NaN,
      p95: st ? round(st.p95) : NaN,
      max: st ? round(st.max) : NaN,
      errors: mine.filter((s) => !s.ok && s.code !== 'conflict').length,
      duringLongWork: du ? { n: during.length, p50: round(du.median), p95: round(du.p95) } : null,
      duringExport: p95Of(mine.filter((s) => overlaps(s, 'roster export') && !overlaps(s, 'backup'))),
      duringBackup: p95Of(mine.filter((s) => overlaps(s, 'backup'))),
    };
  });
  const longWork = (['roster export', 'backup'] as const).map((what) => {
    const runs = long.filter((l) => l.what === what);
    const t = runs.map((l) => l.end - l.start);
    const st = t.length > 0 ? stats(t) : null;
    return { what, runs: runs.length, medianMs: st ? Math.round(st.median) : NaN, maxMs: st ? Math.round(st.max) : NaN, errors: runs.filter((l) => !l.ok).length };
  });
  return {
    seconds,
    eventLoopDelay,
    requests: samples.length,
    perSecond: round(samples.length / seconds),
    errors,
    conflicts: samples.filter((s) => s.code === 'conflict').length,
    ops,
    longWork,
  };
}

/** Offered load in steps (Poisson arrivals spread over the desks, not waiting for answers); stops after the first step that does not hold. */
async function saturation(desks: Desk[], pools: Pools, stepSeconds: number, seed: number, runId: string, today: string, acks: Ack[], log: (line: string) => void): Promise<DesksFigures['saturation']> {
  const steps: DesksFigures['saturation']['steps'] = [];
  const random = rng(seed);
  const deskOps = desks.map((d, i) => operations(d.invoke, pools, rng(seed + 7 + i), runId, `R${String(i).padStart(2, '0')}`, today, acks));
  for (const offered of RAMP) {
    const samples: Sample[] = [];
    const pending: Promise<void>[] = [];
    const t0 = performance.now();
    // At least ~100 requests per step, so that a low step's p95 is not simply its slowest request.
    const endAt = t0 + Math.max(stepSeconds, Math.ceil(100 / offered)) * 1000;
    let next = t0;
    let overloaded = false;
    while (next < endAt) {
      next += exponential(random, 1000 / offered);
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
      if (pending.length - samples.length > 400) {
        overloaded = true; // more than 400 requests unanswered: the host is far behind this step
        break;
      }
      const op = pickOp(random);
      const ops = deskOps[Math.floor(random() * deskOps.length)]!;
      const start = next; // timed from when it was due (open loop)
      pending.push(
        ops[op]().then((r) => {
          samples.push({ op, start, end: performance.now(), ok: r.ok, code: r.ok ? null : r.error.code });
        }),
      );
    }
    await Promise.all(pending);
    const elapsed = (performance.now() - t0) / 1000;
    const st = stats(samples.map((s) => s.end - s.start));
    const others = samples.filter((s) => s.op !== 'worklist');
    const p95WithoutWorklist = others.length > 0 ? round(stats(others.map((s) => s.end - s.start)).p95) : NaN;
    const p95ByOp: Partial<Record<OpName, number>> = {};
    for (const [op] of MIX) {
      const mine = samples.filter((s) => s.op === op);
      if (mine.length > 0) p95ByOp[op] = round(stats(mine.map((s) => s.end - s.start)).p95);
    }
    const errors = samples.filter((s) => !s.ok && s.code !== 'conflict').length;
    const holds = !overloaded && errors === 0 && st.p95 <= 100;
    const holdsWithoutWorklist = !overloaded && errors === 0 && p95WithoutWorklist <= 100;
    steps.push({ offered, served: round(samples.length / elapsed), n: samples.length, p50: round(st.median), p95: round(st.p95), p95WithoutWorklist, errors, holds, holdsWithoutWorklist, p95ByOp });
    log(`saturation: offered ${offered}/s → served ${round(samples.length / elapsed)}/s, p50 ${round(st.median)} ms, p95 ${round(st.p95)} ms (without the worklist ${p95WithoutWorklist} ms), errors ${errors}${overloaded ? ', overloaded' : ''}`);
    if (!holds && !holdsWithoutWorklist) break;
  }
  // The highest step that holds with every step below it holding too.
  const highest = (ok: (s: (typeof steps)[number]) => boolean) => {
    let best: number | null = null;
    for (const s of steps) {
      if (!ok(s)) break;
      best = s.offered;
    }
    return best;
  };
  return { steps, highestHolding: highest((s) => s.holds), highestHoldingWithoutWorklist: highest((s) => s.holdsWithoutWorklist) };
}

/** Every acknowledged write against the rows in the database: sessions by their note, profile edits by their audit row. */
function checkWrites(host: AppHost, runId: string, acks: Ack[], auditFrom: number): DesksFigures['writes'] {
  const sqlite = host.core.opened()!.sqlite;
  const found = new Map<string, number>();
  const sessionRows = sqlite.prepare(`SELECT note FROM rehab_sessions WHERE note LIKE ?`).all(`BENCH-${runId}-S-%`) as { note: string }[];
  for (const r of sessionRows) found.set(r.note, (found.get(r.note) ?? 0) + 1);
  const marker = new RegExp(`BENCH-${runId}-E-[A-Z0-9]+-\\d{5}#`);
  const auditRows = sqlite.prepare(`SELECT detail FROM audit_log WHERE id > ? AND action = 'child.update'`).all(auditFrom) as { detail: string | null }[];
  for (const r of auditRows) {
    // The detail lists each changed field before and after: the edit that wrote a marker is the row whose notes are it after.
    const changes = r.detail ? (JSON.parse(r.detail) as { field: string; after: unknown }[]) : [];
    const notes = changes.find((c) => c.field === 'notes');
    const m = typeof notes?.after === 'string' ? notes.after.match(marker) : null;
    if (m) found.set(m[0], (found.get(m[0]) ?? 0) + 1);
  }
  // A profile's notes today must be the marker of one acknowledged edit (or untouched).
  return (['session', 'edit'] as const).map((kind) => {
    const mine = acks.filter((a) => a.kind === kind);
    const acked = mine.filter((a) => a.ok);
    const prefix = `BENCH-${runId}-${kind === 'session' ? 'S' : 'E'}-`;
    const markers = new Set(mine.map((a) => a.marker));
    let lost = 0;
    let doubled = 0;
    let writtenWithoutAck = 0;
    for (const a of acked) {
      const n = found.get(a.marker) ?? 0;
      if (n === 0) lost += 1;
      if (n > 1) doubled += 1;
    }
    for (const a of mine.filter((x) => !x.ok)) if ((found.get(a.marker) ?? 0) > 0) writtenWithoutAck += 1;
    // Rows carrying a marker no desk ever sent would be a ghost write; count them as doubled.
    for (const [m] of found) if (m.startsWith(prefix) && !markers.has(m)) doubled += 1;
    const foundCount = [...found.entries()].filter(([m]) => m.startsWith(prefix)).reduce((s, [, n]) => s + n, 0);
    return { kind: kind === 'session' ? 'session log (rehab_sessions rows)' : 'profile edit (child.update audit rows)', acknowledged: acked.length, found: foundCount, lost, doubled, writtenWithoutAck, failed: mine.length - acked.length };
  });
}

type Built = { host: AppHost; buildS: number | null };

/** The data host: a kept one (`--reuse DIR`, its `desks-host/` folder) or a new one with N demo children. */
async function openHost(dir: string, children: number, reuse: boolean, keep: boolean, log: (line: string) => void): Promise<Built> {
  const dataDir = join(dir, 'desks-host');
  const clock = fixedClock(TODAY_ISO);
  const kept = join(dir, 'desks-set.json');
  const exists = reuse && existsSync(kept);
  const host = createAppHost({ dataDir, keyMode: 'passphrase', sealer: passphraseSealer(PASSPHRASE), clock, migrationsDir: MIGRATIONS_DIR, demoChildren: children });
  if (exists) {
    const status = ok<{ phase: string }>(await host.router.dispatch('admin', 'app:status', null));
    if (status.phase === 'unlock') ok(await host.router.dispatch('admin', 'app:unlock', { method: 'passphrase', secret: PASSPHRASE }));
    const saved = JSON.parse(readFileSync(kept, 'utf8')) as { children: number };
    log(`reusing the data host in ${dataDir} (${saved.children} children)`);
    ok(await host.router.dispatch('admin', 'auth:login', ADMIN));
    return { host, buildS: null };
  }
  const t0 = performance.now();
  log(`building the data host with ${children} demo children in ${dataDir} …`);
  ok(await host.router.dispatch('admin', 'app:setup', { institutionName: '上海市儿童福利院', displayName: '管理员', username: ADMIN.username, password: ADMIN.password, passphrase: null, loadDemo: true }));
  ok(await host.router.dispatch('admin', 'auth:login', ADMIN));
  const buildS = round((performance.now() - t0) / 1000);
  if (keep || reuse) writeFileSync(kept, JSON.stringify({ children }), { mode: 0o600 });
  log(`built in ${buildS} s`);
  return { host, buildS };
}

/** Signs `page` in as `username` (changing the first password if the account still has it). */
async function signIn(invoke: Invoke, username: string): Promise<void> {
  let r = await invoke('auth:login', { username, password: STAFF_PASSWORD });
  if (!r.ok) r = await invoke('auth:login', { username, password: STAFF_FIRST_PASSWORD });
  const user = ok<{ mustChangePassword: boolean }>(r);
  if (user.mustChangePassword) ok(await invoke('auth:changePassword', { currentPassword: STAFF_FIRST_PASSWORD, newPassword: STAFF_PASSWORD }));
}

export async function benchDesks(options: { children: number; seconds: number; stepSeconds: number; keep: boolean; reuse: string | null; log: (line: string) => void }): Promise<DesksFigures> {
  const { log } = options;
  const dir = options.reuse ?? mkdtempSync(join(tmpdir(), 'tonghu-bench-desks-'));
  const runId = randomBytes(3).toString('hex').toUpperCase();
  const { host, buildS } = await openHost(dir, options.children, options.reuse !== null, options.keep, log);
  const admin: Invoke = (channel, input) => host.router.dispatch('admin', channel, input);
  const desks: Desk[] = [];
  const inProcess: Desk[] = [];
  try {
    const today = host.core.context(null).clock.today();
    const children = (host.core.opened()!.sqlite.prepare('SELECT count(*) AS n FROM children').get() as { n: number }).n;
    const backups = join(dir, `desks-backups-${runId}`);
    mkdirSync(backups, { recursive: true });
    const read = ok<{ version?: number }>(await admin('backup:settings', null));
    ok(await admin('backup:settings', { folder: backups, dailyAt: null, keep: 2, expectedVersion: read.version ?? 0 }));
    const port = await freePort();
    ok(await admin('desks:listen', { address: '127.0.0.1', port }));

    // Thirty staff accounts (caseworker + therapist: each desk searches, opens pages, edits and logs sessions).
    const t0 = performance.now();
    const existing = new Set(ok<{ username: string }[]>(await admin('users:list', {})).map((u) => u.username));
    for (let i = 0; i < DESKS; i += 1) {
      const username = `desk${String(i + 1).padStart(2, '0')}`;
      if (!existing.has(username)) ok(await admin('users:create', { username, displayName: `案头${i + 1}`, password: STAFF_FIRST_PASSWORD, roles: ['caseworker', 'therapist'] }));
    }
    // Thirty workstations enrolled as a person would: a one-time code at the host, the fingerprint compared.
    for (let i = 0; i < DESKS; i += 1) {
      const ticket = ok<{ address: string; port: number; fingerprint: { sha256: string }; code: string }>(await admin('desks:addWorkstation', null));
      const identity = await enrollWorkstation({ host: `${ticket.address}:${ticket.port}`, code: ticket.code, name: `案头${i + 1}-${runId}`, fingerprint: ticket.fingerprint.sha256 });
      const client = new WorkstationClient({ hostUrl: identity.hostUrl, certPem: identity.certPem, keyPem: identity.keyPem, caPem: identity.caPem, retryForMs: 60_000 });
      const page = `desk-${i}-${runId}`;
      const invoke: Invoke = (channel, input) => client.invoke(page, channel, input);
      await signIn(invoke, `desk${String(i + 1).padStart(2, '0')}`);
      let adminInvoke: Invoke | null = null;
      if (i < 2) {
        const adminPage = `desk-${i}-admin-${runId}`;
        adminInvoke = (channel, input) => client.invoke(adminPage, channel, input);
        ok(await adminInvoke('auth:login', ADMIN));
      }
      desks.push({ name: `desk${i + 1}`, invoke, admin: adminInvoke, close: () => client.close() });
      // The same person at the same desk, standalone: the router called directly (no TLS, no HTTP).
      const connection = `inproc-${i}-${runId}`;
      const local: Invoke = (channel, input) => host.router.dispatch(connection, channel, input);
      await signIn(local, `desk${String(i + 1).padStart(2, '0')}`);
      let localAdmin: Invoke | null = null;
      if (i < 2) {
        const adminConnection = `inproc-${i}-admin-${runId}`;
        localAdmin = (channel, input) => host.router.dispatch(adminConnection, channel, input);
        ok(await localAdmin('auth:login', ADMIN));
      }
      inProcess.push({ name: `inproc${i + 1}`, invoke: local, admin: localAdmin, close: () => undefined });
    }
    const enrollS = round((performance.now() - t0) / 1000);
    log(`${DESKS} staff accounts and ${DESKS} workstations enrolled and signed in over mutual TLS on 127.0.0.1:${port} in ${enrollS} s`);

    const pools = drawPools(host, today);
    const acks: Ack[] = [];
    const auditFrom = (host.core.opened()!.sqlite.prepare('SELECT coalesce(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;
    // A short warm-up on both paths (not counted): the first reads of the day fill the memos.
    for (const d of [desks[2]!, inProcess[2]!]) {
      await d.invoke('worklist:get', {});
      await d.invoke('children:list', { query: pools.searches[0], limit: 100 });
    }

    log(`desks over TLS: ${DESKS} desks, ${options.seconds} s, one request every 2 s on average per desk; desk 1 exports the roster, desk 2 backs up, again and again …`);
    const desksRun = await humanPhase(desks, pools, options.seconds, 1, runId, 'D', today, acks, log);
    const desksPhase = phaseFigures(desksRun.samples, desksRun.long, options.seconds, desksRun.loop);
    log(`  ${desksPhase.requests} requests (${desksPhase.perSecond}/s), errors ${JSON.stringify(desksPhase.errors)}, exports ${desksPhase.longWork[0]!.runs}, backups ${desksPhase.longWork[1]!.runs}`);

    const inSeconds = Math.max(20, Math.round(options.seconds / 2));
    log(`in-process (standalone, router.dispatch): the same desks, mix, export and backup, ${inSeconds} s …`);
    const inRun = await humanPhase(inProcess, pools, inSeconds, 1, runId, 'L', today, acks, log);
    const inProcessPhase = phaseFigures(inRun.samples, inRun.long, inSeconds, inRun.loop);
    log(`  ${inProcessPhase.requests} requests (${inProcessPhase.perSecond}/s), errors ${JSON.stringify(inProcessPhase.errors)}`);

    log(`saturation over TLS: offered load in steps of ${options.stepSeconds} s (${RAMP.join(', ')} requests/s), until p95 > 100 ms or an error …`);
    const sat = await saturation(desks, pools, options.stepSeconds, 99, runId, today, acks, log);

    const writes = checkWrites(host, runId, acks, auditFrom);
    const ratio = desksPhase.ops.map((d) => {
      const l = inProcessPhase.ops.find((x) => x.op === d.op)!;
      return { op: d.op, p50: round(d.p50 / l.p50, 2), p95: round(d.p95 / l.p95, 2) };
    });
    const duringP95 = (kind: 'read' | 'write') => Math.max(...desksPhase.ops.filter((o) => o.kind === kind && o.duringLongWork).map((o) => o.duringLongWork!.p95));
    const totalErrors = Object.values(desksPhase.errors).reduce((s, n) => s + n, 0);
    const lostOrDoubled = writes.reduce((s, w) => s + w.lost + w.doubled + w.writtenWithoutAck, 0);
    const targets = [
      { name: 'errors (desks phase, export and backup included)', figure: totalErrors, target: '0', met: totalErrors === 0 },
      { name: 'writes lost, doubled or written without acknowledgement (every phase)', figure: lostOrDoubled, target: '0', met: lostOrDoubled === 0 },
      { name: 'reads p95 during the export and the backup (worst read operation), ms', figure: duringP95('read'), target: '≤ 100', met: duringP95('read') <= 100 },
      { name: 'writes p95 during the export and the backup (worst write operation), ms', figure: duringP95('write'), target: '≤ 150', met: duringP95('write') <= 150 },
    ];
    const { loadavg, cpus } = await import('node:os');
    return {
      children,
      desks: DESKS,
      seconds: options.seconds,
      setup: { buildS, enrollS },
      desksPhase,
      inProcessPhase,
      ratio,
      saturation: sat,
      writes,
      targets,
      load: { loadavg: loadavg().map((n) => round(n, 2)), cpus: cpus().length },
    };
  } finally {
    for (const d of desks) d.close();
    await host.desks.shutdown();
    host.close();
    if (options.keep || options.reuse) log(`kept ${dir} (npm run bench -- desks --reuse ${dir})`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures as the console shows them: per operation over TLS and in-process, the ratio, the targets beside. */
export function printDesks(f: DesksFigures): void {
  const fmt = (n: number) => (Number.isNaN(n) ? '—' : n >= 100 ? n.toFixed(0) : n.toFixed(1));
  console.log(`  ${f.children} children, ${f.desks} desks, ${f.seconds} s over TLS; machine: ${f.load.cpus} cores, load average ${f.load.loadavg.join(' ')} (shared)`);
  const head = ['operation', 'n', 'p50', 'p95', 'p95 during export/backup', 'export only', 'backup', 'in-process p50', 'p95', 'ratio p50', 'p95', 'errors', 'target (p95 during)'];
  const body = f.desksPhase.ops.map((o) => {
    const l = f.inProcessPhase.ops.find((x) => x.op === o.op)!;
    const r = f.ratio.find((x) => x.op === o.op)!;
    return [
      `${o.op} (${o.kind})`,
      String(o.n),
      fmt(o.p50),
      fmt(o.p95),
      o.duringLongWork ? `${fmt(o.duringLongWork.p95)} (n ${o.duringLongWork.n})` : '—',
      o.duringExport ? `${fmt(o.duringExport.p95)} (n ${o.duringExport.n})` : '—',
      o.duringBackup ? `${fmt(o.duringBackup.p95)} (n ${o.duringBackup.n})` : '—',
      fmt(l.p50),
      fmt(l.p95),
      r.p50.toFixed(2),
      r.p95.toFixed(2),
      String(o.errors),
      o.kind === 'read' ? '≤ 100' : '≤ 150',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`;
  console.log(line(head));
  console.log(`  ${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  for (const b of body) console.log(line(b));
  console.log('  (milliseconds from when each request was due; a child page is record:get then eligibility:get; ratio = over TLS / in-process;');
  console.log('   the 30 desks\' TLS clients run in the same process as the host, so their side of the encryption is on its thread too)');
  for (const [label, p] of [['over TLS', f.desksPhase], ['in-process', f.inProcessPhase]] as const) {
    console.log(`  ${label}: ${p.requests} requests in ${p.seconds} s (${p.perSecond}/s), errors ${JSON.stringify(p.errors)}, conflicts ${p.conflicts}; event-loop delay p99 ${p.eventLoopDelay.p99Ms} ms, max ${p.eventLoopDelay.maxMs} ms; ${p.longWork.map((l) => `${l.what} ×${l.runs} (median ${l.medianMs} ms, max ${l.maxMs} ms, errors ${l.errors})`).join(', ')}`);
  }
  for (const w of f.writes) {
    console.log(`  writes, ${w.kind}: acknowledged ${w.acknowledged}, rows found ${w.found}, lost ${w.lost}, doubled ${w.doubled}, written without acknowledgement ${w.writtenWithoutAck}, refused/failed ${w.failed}`);
  }
  const held = (n: number | null) => (n === null ? 'no step held' : `${n} requests/s`);
  console.log(`  saturation over TLS (offered load in steps, p95 ≤ 100 ms and no error): the whole mix ${held(f.saturation.highestHolding)}; every operation but the worklist ${held(f.saturation.highestHoldingWithoutWorklist)}`);
  for (const s of f.saturation.steps) {
    const byOp = Object.entries(s.p95ByOp).map(([op, p]) => `${op} ${fmt(p)}`).join(', ');
    console.log(`    offered ${String(s.offered).padStart(4)}/s  served ${String(s.served).padStart(6)}/s  n ${String(s.n).padStart(5)}  p50 ${fmt(s.p50).padStart(6)}  p95 ${fmt(s.p95).padStart(6)} ms (without the worklist ${fmt(s.p95WithoutWorklist)}; ${byOp})  errors ${s.errors}${s.holds ? '' : '  (the mix does not hold)'}`);
  }
  console.log('  targets (figures, not a pass or a fail):');
  for (const t of f.targets) console.log(`    ${t.name}: ${fmt(t.figure)} (target ${t.target}${t.met ? '' : ', MISSED'})`);
}

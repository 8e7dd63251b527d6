/**
 * The desks' side of `npm run bench -- desks` (issue 19, Benchmark), shared by the two places desks run:
 * the in-process desks in the bench's own process (router.dispatch, beside the host) and the 30
 * workstations over mutual TLS in a separate process (desks-clients.ts), as workstations are other
 * computers. Only the desks' work is here (the mix, the think times, the export and backup loops, the
 * saturation ramp); the host, the figures and the write check stay in desks-bench.ts.
 */
import { performance } from 'node:perf_hooks';
import type { Result } from '../../shared/contract/errors';
import { type Versions, versionIn } from '../../shared/contract/versions';
import { addDays } from '../../shared/domain/dates';
import { stats } from './timing';

export const ADMIN = { username: 'admin', password: 'Str0ng!pass-word' } as const;
export const STAFF_FIRST_PASSWORD = 'Str0ng!desk-first';
export const STAFF_PASSWORD = 'Str0ng!desk-final';
/** The saturation ramp: offered requests per second, each step held for `stepSeconds`. */
export const RAMP = [2, 5, 10, 20, 40, 60, 90, 120, 160, 220, 300, 400];

export type OpName = 'search' | 'child page' | 'session log' | 'profile edit' | 'worklist';
export const MIX: readonly [OpName, number][] = [
  ['search', 0.4],
  ['child page', 0.3],
  ['session log', 0.15],
  ['profile edit', 0.1],
  ['worklist', 0.05],
];
export const WRITES: ReadonlySet<OpName> = new Set(['session log', 'profile edit']);

export type SaturationStep = { offered: number; served: number; n: number; p50: number; p95: number; p95WithoutWorklist: number; errors: number; holds: boolean; holdsWithoutWorklist: boolean; p95ByOp: Partial<Record<OpName, number>> };
export type SaturationFigures = {
  steps: SaturationStep[];
  highestHolding: number | null;
  /** The same ramp judged on every operation but the worklist (5 % of the mix, the largest answer: every item of every child). */
  highestHoldingWithoutWorklist: number | null;
};

export type Invoke = (channel: string, input: unknown) => Promise<Result<unknown>>;
export type Sample = { op: OpName; start: number; end: number; ok: boolean; code: string | null };
export type LongRun = { what: 'roster export' | 'backup'; start: number; end: number; ok: boolean; code: string | null };
export type Ack = { kind: 'session' | 'edit'; marker: string; ok: boolean; code: string | null };

export function ok<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} (field ${result.error.field ?? '-'})`);
  return result.value as T;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A seeded generator (mulberry32): the same run draws the same think times and the same mix. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const exponential = (random: () => number, mean: number) => -Math.log(1 - random()) * mean;

export function pickOp(random: () => number): OpName {
  let x = random();
  for (const [name, share] of MIX) {
    if (x < share) return name;
    x -= share;
  }
  return 'search';
}

export type Pools = {
  searches: string[];
  pages: number[];
  rehab: { childId: number; startsOn: string }[];
};

/** One desk's operations, written against any transport (a workstation over TLS, or the router in-process). */
export function operations(invoke: Invoke, pools: Pools, random: () => number, runId: string, tag: string, today: string, acks: Ack[]): Record<OpName, () => Promise<Result<unknown>>> {
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

export type Desk = { name: string; invoke: Invoke; admin: Invoke | null; close: () => void };

/** Runs the desks for `seconds` at the human pace, while desk 0 exports the roster and desk 1 backs up, again and again. */
export async function humanPhase(desks: Desk[], pools: Pools, seconds: number, seed: number, runId: string, label: string, today: string, acks: Ack[], log: (line: string) => void): Promise<{ samples: Sample[]; long: LongRun[] }> {
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
  return { samples, long };
}

/** Offered load in steps (Poisson arrivals spread over the desks, not waiting for answers); stops after the first step that does not hold. */
export async function saturation(desks: Desk[], pools: Pools, stepSeconds: number, seed: number, runId: string, today: string, acks: Ack[], log: (line: string) => void): Promise<SaturationFigures> {
  const steps: SaturationStep[] = [];
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

/** Signs `page` in as `username` (changing the first password if the account still has it). */
export async function signIn(invoke: Invoke, username: string): Promise<void> {
  let r = await invoke('auth:login', { username, password: STAFF_PASSWORD });
  if (!r.ok) r = await invoke('auth:login', { username, password: STAFF_FIRST_PASSWORD });
  const user = ok<{ mustChangePassword: boolean }>(r);
  if (user.mustChangePassword) ok(await invoke('auth:changePassword', { currentPassword: STAFF_FIRST_PASSWORD, newPassword: STAFF_PASSWORD }));
}

/** One workstation as the bench process hands it to the desks' process: its enrollment's identity and its pages. */
export type DeskIdentity = { hostUrl: string; certPem: string; keyPem: string; caPem: string; username: string; page: string; adminPage: string | null };

/** The bench process to the desks' process (desks-clients.ts), over the fork's IPC channel. */
export type StartClients = { type: 'start'; desks: DeskIdentity[]; pools: Pools; today: string; runId: string };
export type ToClients = StartClients | { type: 'human'; seconds: number; seed: number; label: string } | { type: 'saturation'; stepSeconds: number; seed: number } | { type: 'stop' };

/** The desks' process back: log lines, and each phase's raw samples, long-work runs and write acknowledgements. */
export type FromClients =
  | { type: 'log'; line: string }
  | { type: 'ready'; signInS: number }
  | { type: 'human'; samples: Sample[]; long: LongRun[]; acks: Ack[] }
  | { type: 'saturation'; figures: SaturationFigures; acks: Ack[] }
  | { type: 'failed'; message: string };

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
 * an error here is one a person at that desk would have seen within a minute. The 30 desks' TLS clients
 * run in a separate process (desks-clients.ts, forked with tsx; identities and sign-in over its IPC
 * channel, never a file), as workstations are other computers: the host's thread carries only the
 * host's work, and its event-loop delay is the host's own. The in-process desks run in this process.
 *
 * Figures only: nothing here passes or fails. Everything on loopback, bounded in count and time.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { type AppHost, createAppHost } from '../../electron/host/app-host';
import { enrollWorkstation } from '../../electron/host/workstation/enroll';
import { fixedClock } from '../../electron/services/core/clock';
import { passphraseSealer } from '../../electron/services/keys/key-store';
import { MIGRATIONS_DIR } from '../helpers/temp-db';
import { ADMIN, type Ack, type Desk, type DeskIdentity, STAFF_FIRST_PASSWORD, type FromClients, type Invoke, type LongRun, MIX, type OpName, ok, type Pools, RAMP, round, type Sample, type SaturationFigures, type ToClients, WRITES, humanPhase, signIn } from './desks-load';
import { type Stats, stats } from './timing';

export type { OpName } from './desks-load';

const PASSPHRASE = 'bench passphrase for many desks';
const DESKS = 30;
const TODAY_ISO = '2026-11-29T09:00:00+08:00';

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
  saturation: SaturationFigures;
  writes: { kind: string; acknowledged: number; found: number; lost: number; doubled: number; writtenWithoutAck: number; failed: number }[];
  targets: { name: string; figure: number; target: string; met: boolean }[];
  load: { loadavg: number[]; cpus: number };
};

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


/** The 30 workstations' process (desks-clients.ts): asked one thing at a time, answered over the IPC channel. */
type DesksProcess = { ask: <T extends FromClients['type']>(message: ToClients, answer: T) => Promise<Extract<FromClients, { type: T }>>; close: () => Promise<void> };

/**
 * Forks the desks' process: the same Node and tsx loader as this one (its execArgv), an IPC channel with
 * structured cloning, its output on this console. A failure there, or its ending before it answered,
 * rejects the question being asked with a clear error; `close` ends it (asked, then killed after 5 s).
 */
function startDesksProcess(log: (line: string) => void): DesksProcess {
  const child: ChildProcess = fork(join(import.meta.dirname, 'desks-clients.ts'), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let waiting: { type: string; resolve: (m: FromClients) => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    const w = waiting;
    waiting = null;
    w?.reject(failure);
  };
  child.on('message', (message: FromClients) => {
    if (message.type === 'log') log(message.line);
    else if (message.type === 'failed') fail(new Error(`the desks' process (desks-clients.ts) failed:\n${message.message}`));
    else if (waiting && message.type === waiting.type) {
      const w = waiting;
      waiting = null;
      w.resolve(message);
    }
  });
  child.on('error', (error) => fail(new Error(`the desks' process (desks-clients.ts) could not run: ${error.message}`)));
  child.on('exit', (code, signal) => fail(new Error(`the desks' process (desks-clients.ts) ended (code ${code ?? '-'}, signal ${signal ?? '-'}) before it answered`)));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    ask: (message, answer) =>
      new Promise((resolveAnswer, reject) => {
        if (failure) return reject(failure);
        if (!running() || !child.connected) return reject(new Error(`the desks' process (desks-clients.ts) is not running`));
        waiting = { type: answer, resolve: resolveAnswer as (m: FromClients) => void, reject };
        child.send(message);
      }),
    close: async () => {
      if (!running()) return;
      const ended = new Promise<void>((r) => child.once('exit', () => r()));
      if (child.connected) child.send({ type: 'stop' } satisfies ToClients);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await ended;
      clearTimeout(timer);
    },
  };
}

/** This process's event-loop delay while `work` runs: the host's thread (the in-process desks run on it too). */
async function hostLoopDuring<T>(work: () => Promise<T>): Promise<{ result: T; loop: PhaseFigures['eventLoopDelay'] }> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  try {
    const result = await work();
    return { result, loop: { p99Ms: round(loop.percentile(99) / 1e6), maxMs: round(loop.max / 1e6) } };
  } finally {
    loop.disable();
  }
}

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


export async function benchDesks(options: { children: number; seconds: number; stepSeconds: number; keep: boolean; reuse: string | null; log: (line: string) => void }): Promise<DesksFigures> {
  const { log } = options;
  const dir = options.reuse ?? mkdtempSync(join(tmpdir(), 'tonghu-bench-desks-'));
  const runId = randomBytes(3).toString('hex').toUpperCase();
  const { host, buildS } = await openHost(dir, options.children, options.reuse !== null, options.keep, log);
  const admin: Invoke = (channel, input) => host.router.dispatch('admin', channel, input);
  const identities: DeskIdentity[] = [];
  const inProcess: Desk[] = [];
  let clients: DesksProcess | null = null;
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
      // Signed in later from the desks' process, through this desk's own client (its sessions are bound to its certificate).
      identities.push({ hostUrl: identity.hostUrl, certPem: identity.certPem, keyPem: identity.keyPem, caPem: identity.caPem, username: `desk${String(i + 1).padStart(2, '0')}`, page: `desk-${i}-${runId}`, adminPage: i < 2 ? `desk-${i}-admin-${runId}` : null });
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
    const pools = drawPools(host, today);
    const acks: Ack[] = [];
    const auditFrom = (host.core.opened()!.sqlite.prepare('SELECT coalesce(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;
    // The 30 workstations in a process of their own, as other computers: each signs in there over mutual TLS
    // and warms up (desk 3 reads the worklist and searches once, not counted: the first reads fill the memos).
    clients = startDesksProcess(log);
    const ready = await clients.ask({ type: 'start', desks: identities, pools, today, runId }, 'ready');
    const enrollS = round((performance.now() - t0) / 1000);
    log(`${DESKS} staff accounts and ${DESKS} workstations enrolled, and signed in over mutual TLS on 127.0.0.1:${port} from a separate process (${ready.signInS} s of it), in ${enrollS} s`);
    // The same warm-up on the in-process path.
    await inProcess[2]!.invoke('worklist:get', {});
    await inProcess[2]!.invoke('children:list', { query: pools.searches[0], limit: 100 });

    log(`desks over TLS (a separate process): ${DESKS} desks, ${options.seconds} s, one request every 2 s on average per desk; desk 1 exports the roster, desk 2 backs up, again and again …`);
    const desksClients = clients;
    const desksRun = await hostLoopDuring(() => desksClients.ask({ type: 'human', seconds: options.seconds, seed: 1, label: 'D' }, 'human'));
    acks.push(...desksRun.result.acks);
    const desksPhase = phaseFigures(desksRun.result.samples, desksRun.result.long, options.seconds, desksRun.loop);
    log(`  ${desksPhase.requests} requests (${desksPhase.perSecond}/s), errors ${JSON.stringify(desksPhase.errors)}, exports ${desksPhase.longWork[0]!.runs}, backups ${desksPhase.longWork[1]!.runs}`);

    const inSeconds = Math.max(20, Math.round(options.seconds / 2));
    log(`in-process (standalone, router.dispatch): the same desks, mix, export and backup, ${inSeconds} s …`);
    const inRun = await hostLoopDuring(() => humanPhase(inProcess, pools, inSeconds, 1, runId, 'L', today, acks, log));
    const inProcessPhase = phaseFigures(inRun.result.samples, inRun.result.long, inSeconds, inRun.loop);
    log(`  ${inProcessPhase.requests} requests (${inProcessPhase.perSecond}/s), errors ${JSON.stringify(inProcessPhase.errors)}`);

    log(`saturation over TLS: offered load in steps of ${options.stepSeconds} s (${RAMP.join(', ')} requests/s), until p95 > 100 ms or an error …`);
    const satRun = await clients.ask({ type: 'saturation', stepSeconds: options.stepSeconds, seed: 99 }, 'saturation');
    acks.push(...satRun.acks);
    const sat = satRun.figures;

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
    await clients?.close();
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
  console.log('   the 30 desks\' TLS clients run in a separate process, as workstations are other computers; the event-loop delay is the host\'s)');
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

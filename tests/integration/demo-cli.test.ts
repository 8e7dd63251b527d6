/**
 * `npm run demo` (electron/demo/cli.ts) run as a child process, as a person runs it; the folder it
 * makes is then opened the way the app opens it (the app host with the passphrase sealer), and the
 * credentials it printed are used to sign in.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore } from '../../electron/services/app/app-core';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { systemClock } from '../../electron/services/core/clock';
import { demoChildren } from '../../electron/demo/records';
import { DEMO_STAFF } from '../../electron/demo/demo-staff';
import type { SqliteDb } from '../../db/open';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp-db';
import { ADMIN, PASSPHRASE, makeHost, ok, setupAndLogin } from './support/host';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'electron', 'demo', 'cli.ts');

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs the CLI with `args`; the passphrase (if any) in TONGHU_PASSPHRASE, stdin not a terminal. */
function runDemo(args: string[], passphrase: string | null = PASSPHRASE): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, TONGHU_LOG: 'silent' };
  if (passphrase === null) delete env.TONGHU_PASSPHRASE;
  else env.TONGHU_PASSPHRASE = passphrase;
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}

const count = (sqlite: SqliteDb, table: string): number => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** The number the CLI printed on the summary line whose label contains `label`. */
function printed(stdout: string, label: string): number {
  const match = new RegExp(`^  \\S+ ${label} +(\\d+)$`, 'm').exec(stdout);
  if (!match) throw new Error(`no "${label}" line in:\n${stdout}`);
  return Number(match[1]);
}

let root: { dir: string; cleanup: () => void };
beforeAll(() => {
  root = tempDir('tonghu-demo-cli-');
});
afterAll(() => root.cleanup());

describe('npm run demo', () => {
  it('sets up a new folder with N demo children that the app opens, with the printed password and recovery code; a second run refuses', async () => {
    const dataDir = join(root.dir, 'new');
    const run = await runDemo(['--children', '30', '--data-dir', dataDir]);
    expect(run.code, run.stderr).toBe(0);
    const password = /密码 \(password, generated\):\s*(\S+)/.exec(run.stdout)?.[1];
    const recoveryCode = /恢复码 \(recovery code\):\s*(\S+)/.exec(run.stdout)?.[1];
    expect(password).toBeDefined();
    expect(recoveryCode).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)+$/);
    expect(run.stdout).toContain(`npm run host -- --data-dir ${dataDir}`);
    expect(run.stdout).toMatch(/done in \d+\.\d s/);

    const host = makeHost(dataDir);
    let auditRows: number;
    try {
      expect(host.core.phase()).toBe('ready');
      expect(host.core.institutionName()).toBe('演示儿童福利院');
      const { sqlite } = host.core.opened()!;
      expect(count(sqlite, 'children')).toBe(30);
      // The same children every time (the seeded generator), and the summary tells the truth.
      const names = (sqlite.prepare('SELECT name FROM children ORDER BY id').all() as { name: string }[]).map((r) => r.name);
      expect(names).toEqual(demoChildren(30, '2026-01-01').map((c) => c.name));
      for (const [label, table] of [
        ['children', 'children'],
        ['rehab sessions', 'rehab_sessions'],
        ['rehab plans', 'rehab_plans'],
        ['reintegration cases', 'reintegration_cases'],
        ['mental-health checks', 'mental_health_checks'],
      ] as const) {
        expect(printed(run.stdout, label), table).toBe(count(sqlite, table));
      }
      expect(count(sqlite, 'rehab_sessions')).toBeGreaterThan(0);
      expect(count(sqlite, 'reintegration_cases')).toBeGreaterThan(0);
      const load = sqlite.prepare(`SELECT detail FROM audit_log WHERE action = 'demo.load'`).all() as { detail: string }[];
      expect(load.map((r) => JSON.parse(r.detail))).toEqual([{ children: 30 }]);
      expect(verifyAuditChain(sqlite).ok).toBe(true);
      // The printed credentials sign in.
      ok(await host.router.dispatch('c1', 'auth:login', { username: 'admin', password }));
      // So do the demo staff's: a therapist, a supervisor, a placement officer and a caseworker.
      const staff = [...run.stdout.matchAll(/用户名 (\S+) +密码 (\S+)$/gm)].map((m) => ({ username: m[1]!, password: m[2]! }));
      expect(staff.map((s) => s.username)).toEqual(DEMO_STAFF.map((s) => s.username));
      const roles = new Set<string>();
      for (const s of staff) {
        const user = ok<{ roles: string[] }>(await host.router.dispatch(`c-${s.username}`, 'auth:login', s));
        user.roles.forEach((r) => roles.add(r));
      }
      expect([...roles].sort()).toEqual(['caseworker', 'placementOfficer', 'supervisor', 'therapist']);
      auditRows = count(sqlite, 'audit_log');
    } finally {
      host.close();
    }
    // The printed recovery code opens the folder without the passphrase.
    const byCode = createAppCore({ dataDir, keyMode: 'passphrase', sealer: null, clock: systemClock, migrationsDir: MIGRATIONS_DIR });
    try {
      expect(byCode.phase()).toBe('unlock');
      byCode.unlock('recoveryCode', recoveryCode!);
      expect(byCode.phase()).toBe('ready');
    } finally {
      byCode.close();
    }

    // Never on top of existing children: exit 2, nothing added.
    const again = await runDemo(['--children', '5', '--data-dir', dataDir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已有 30 名儿童');
    expect(again.stderr).toContain('already holds 30 children');
    const after = makeHost(dataDir);
    try {
      expect(count(after.core.opened()!.sqlite, 'children')).toBe(30);
      expect(count(after.core.opened()!.sqlite, 'audit_log')).toBe(auditRows);
    } finally {
      after.close();
    }
  }, 60_000);

  it('loads the demo into an existing install that holds no children, and refuses a wrong passphrase', async () => {
    const dataDir = join(root.dir, 'empty-install');
    const setUp = makeHost(dataDir);
    await setupAndLogin(setUp);
    setUp.close();

    const wrong = await runDemo(['--children', '12', '--data-dir', dataDir], 'not the passphrase at all');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('口令不正确');

    const run = await runDemo(['--children', '12', '--data-dir', dataDir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('恢复码');
    // The demo staff are added beside the existing administrator, with their passwords printed.
    const staff = [...run.stdout.matchAll(/用户名 (\S+) +密码 (\S+)$/gm)].map((m) => ({ username: m[1]!, password: m[2]! }));
    expect(staff.map((s) => s.username)).toEqual(DEMO_STAFF.map((s) => s.username));
    const host = makeHost(dataDir);
    try {
      const { sqlite } = host.core.opened()!;
      expect(count(sqlite, 'children')).toBe(12);
      expect(printed(run.stdout, 'rehab sessions')).toBe(count(sqlite, 'rehab_sessions'));
      expect(sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'demo.load'`).get()).toEqual({ n: 1 });
      // The institution and its administrator are as they were.
      expect(host.core.institutionName()).toBe('上海市儿童福利院');
      ok(await host.router.dispatch('c1', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
      ok(await host.router.dispatch('c2', 'auth:login', staff[0]!));
    } finally {
      host.close();
    }
  }, 60_000);

  it('refuses bad arguments and a missing passphrase with exit code 2, creating nothing', async () => {
    const dataDir = join(root.dir, 'never');
    const cases: [string[], string | null, RegExp][] = [
      [['--children', '0'], PASSPHRASE, /--children must be a whole number from 1 to 100000 \(got "0"\)/],
      [['--children', 'abc'], PASSPHRASE, /--children 须为 1 到 100000 之间的整数/],
      [['--children', '100001'], PASSPHRASE, /got "100001"/],
      [['--childern', '30'], PASSPHRASE, /Unknown option '--childern'/],
      [['--password', 'short'], PASSPHRASE, /密码至少10个字符/],
      [['--children', '3'], null, /No database passphrase: give --passphrase or set TONGHU_PASSPHRASE/],
    ];
    for (const [args, passphrase, message] of cases) {
      const run = await runDemo([...args, '--data-dir', dataDir], passphrase);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(existsSync(dataDir), args.join(' ')).toBe(false);
    }
  }, 60_000);
});

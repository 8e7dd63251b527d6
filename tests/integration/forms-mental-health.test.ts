/**
 * Issue 18 item 2 and issue 15 item 9, mental health: the instrument is a code of a fixed list whether
 * picked (its label) or typed (its code), so its ranges and scales always apply; the risk level is
 * read against the instrument's cut-offs and a mismatch needs a reason; nobody closes a high-risk check
 * they recorded. Migration 0019 maps the names earlier years stored to the codes.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { readMigrations } from '../../db/migrate';
import { keyCheckValue } from '../../db/key-check';
import { openDatabase } from '../../db/open';
import { createUser } from '../../electron/services/users/users';
import { fixedClock } from '../../electron/services/core/clock';
import { createChild } from '../../electron/services/registry/children';
import type { SessionUser } from '../../shared/contract/common';
import type { Result } from '../../shared/contract/errors';
import type { MentalHealthCheckRow } from '../../shared/contract/mental-health';
import { instrumentCodeOf, riskFromScores } from '../../shared/domain/mental-health';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

const PASSWORD = 'F0rms!password';
let root: { dir: string; cleanup: () => void };
let host: AppHost;
const users: Record<string, SessionUser> = {};
let n = 0;
const call = <T>(user: SessionUser, channel: string, input: unknown) => {
  n += 1;
  host.sessions.start(`f-${n}`, user);
  return host.router.dispatch(`f-${n}`, channel, asRead(host, channel, input)) as Promise<Result<T>>;
};
const issuesOf = (r: Result<unknown>) => (r.ok ? [] : ((r.error as { issues?: { path: string; message: string }[] }).issues ?? [{ path: r.error.field ?? '', message: r.error.message }]));
let childId = 0;

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  const admin = await setupAndLogin(host, 'admin');
  const ctx = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  const make = async (name: string, roles: ('caseworker' | 'therapist' | 'supervisor')[]) => {
    createUser(ctx, { username: name, displayName: `${name}名`, password: PASSWORD, roles });
    users[name] = ok<SessionUser>(await host.router.dispatch(`login-${name}`, 'auth:login', { username: name, password: PASSWORD }));
  };
  await make('caseworker', ['caseworker']);
  await make('therapist', ['therapist']);
  await make('dual', ['therapist', 'supervisor']);
  await make('supervisor', ['supervisor']);
  childId = ok<{ id: number }>(await call(users.caseworker, 'children:create', { name: '测试儿童', sex: 'male', birthDate: '2012-05-04', idNumber: null, admissionDate: '2013-01-01' })).id;
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('instruments are codes; ranges and scales always apply', () => {
  it('the label picked from the list ("SDQ 长处和困难问卷") is checked against the range like "SDQ" typed', async () => {
    for (const instrument of ['SDQ', 'SDQ 长处和困难问卷', 'sdq']) {
      const r = await call(users.therapist, 'mentalHealth:addCheck', { childId, checkedOn: '2026-10-01', instrument, riskLevel: 'high', scores: [{ name: '困难总分', value: 45 }] });
      expect(r.ok, instrument).toBe(false);
      expect(issuesOf(r).map((i) => i.path), instrument).toContain('scores.0.value');
    }
  });

  it('stores the code, whatever name was sent', async () => {
    const row = ok<MentalHealthCheckRow>(
      await call(users.therapist, 'mentalHealth:addCheck', { childId, checkedOn: '2026-10-02', instrument: 'SDQ 长处和困难问卷', riskLevel: 'none', scores: [{ name: '困难总分', value: 8 }] }),
    );
    expect(row.instrument).toBe('SDQ');
  });

  it('refuses an instrument not on the list and a scale the instrument does not have', async () => {
    const unknown = await call(users.therapist, 'mentalHealth:addCheck', { childId, checkedOn: '2026-10-01', instrument: '自编问卷', riskLevel: 'none' });
    expect(issuesOf(unknown).map((i) => i.path)).toContain('instrument');
    const scale = await call(users.therapist, 'mentalHealth:addCheck', { childId, checkedOn: '2026-10-01', instrument: 'PHQ-9', riskLevel: 'none', scores: [{ name: '困难总分', value: 3 }] });
    expect(issuesOf(scale).map((i) => i.path)).toContain('scores.0.name');
  });
});

describe('the risk level against the cut-offs', () => {
  it('reads each instrument’s main scale', () => {
    expect(riskFromScores('SDQ', [{ name: '困难总分', value: 15 }])?.level).toBe('none');
    expect(riskFromScores('SDQ', [{ name: '困难总分', value: 16 }])?.level).toBe('watch');
    expect(riskFromScores('SDQ', [{ name: '困难总分', value: 20 }])?.level).toBe('high');
    expect(riskFromScores('PHQ-9', [{ name: '总分', value: 9 }])?.level).toBe('none');
    expect(riskFromScores('PHQ-9', [{ name: '总分', value: 15 }])?.level).toBe('high');
    expect(riskFromScores('OBSERVATION', [])).toBeNull();
    expect(riskFromScores('SDQ', [{ name: '情绪症状', value: 9 }])).toBeNull();
  });

  it('a mismatch needs a reason, which is kept', async () => {
    const refused = await call(users.therapist, 'mentalHealth:addCheck', { childId, checkedOn: '2026-10-03', instrument: 'PHQ-9', riskLevel: 'none', scores: [{ name: '总分', value: 22 }] });
    expect(issuesOf(refused).map((i) => i.path)).toEqual(['riskReason']);
    expect(issuesOf(refused)[0].message).toContain('高风险');
    const saved = ok<MentalHealthCheckRow>(
      await call(users.therapist, 'mentalHealth:addCheck', {
        childId,
        checkedOn: '2026-10-03',
        instrument: 'PHQ-9',
        riskLevel: 'watch',
        riskReason: '访谈中否认自伤想法，近期已就医',
        scores: [{ name: '总分', value: 22 }],
      }),
    );
    expect(saved.riskReason).toBe('访谈中否认自伤想法，近期已就医');
  });
});

describe('separation of duties: closing a high-risk check', () => {
  it('refuses the supervisor who recorded it ("不能结案自己录入…"); another supervisor closes it', async () => {
    const check = ok<MentalHealthCheckRow>(
      await call(users.dual, 'mentalHealth:addCheck', { childId, checkedOn: '2026-11-01', instrument: 'PHQ-9', riskLevel: 'high', scores: [{ name: '总分', value: 21 }] }),
    );
    const own = await call(users.dual, 'mentalHealth:close', { childId, id: check.id, comment: '已转介，风险解除' });
    expect(own.ok).toBe(false);
    expect(!own.ok && own.error.code).toBe('forbidden');
    expect(!own.ok && own.error.message).toContain('不能结案自己录入');
    const other = ok<MentalHealthCheckRow>(await call(users.supervisor, 'mentalHealth:close', { childId, id: check.id, comment: '已转介，风险解除' }));
    expect(other.closedAt).not.toBeNull();
  });
});

describe('migration 0019_forms_instrument_codes', () => {
  it('maps the names earlier years stored to the codes, keeps unknown names, adds the reason columns', () => {
    const all = readMigrations(MIGRATIONS_DIR);
    const index = all.findIndex((m) => m.tag === '0019_forms_instrument_codes');
    expect(index).toBeGreaterThan(0);
    const t = tempDir();
    try {
      const file = join(t.dir, 'tonghu.db');
      const key = randomBytes(32);
      const old = openDatabase({ file, key, keyCheck: null, migrations: all.slice(0, index) });
      const child = createChild({ db: old.db, sqlite: old.sqlite, clock: fixedClock('2026-11-29T09:00:00+08:00'), actor: null }, { name: '甲', sex: 'male', birthDate: '2012-01-01', idNumber: null });
      const written = ['SDQ', 'SDQ 长处和困难问卷', 'sdq', 'PHQ9', 'PHQ-9 患者健康问卷（抑郁）', 'gad-7', '症状自评量表', 'SCL-90 症状自评量表', '发育行为观察', 'CDI', '自编问卷', null];
      const insert = old.sqlite.prepare("INSERT INTO mental_health_checks (child_id, created_at, checked_on, instrument, risk_level, scores) VALUES (?, '2025-01-01T00:00:00Z', '2025-01-01', ?, 'none', '[]')");
      for (const w of written) insert.run(child.id, w);
      old.close();

      const opened = openDatabase({ file, key, keyCheck: keyCheckValue(key), migrations: all });
      try {
        const rows = opened.sqlite.prepare('SELECT instrument, risk_reason FROM mental_health_checks ORDER BY id').all() as { instrument: string | null; risk_reason: string | null }[];
        expect(rows.map((r) => r.instrument)).toEqual(['SDQ', 'SDQ', 'SDQ', 'PHQ-9', 'PHQ-9', 'GAD-7', 'SCL-90', 'SCL-90', 'OBSERVATION', 'CDI', '自编问卷', null]);
        // The SQL and the app read old names alike.
        written.forEach((w, i) => expect(instrumentCodeOf(w) ?? w, String(w)).toBe(rows[i].instrument));
        expect(rows.every((r) => r.risk_reason === null)).toBe(true);
        const cols = opened.sqlite.prepare("SELECT name FROM pragma_table_info('reintegration_assessments')").all() as { name: string }[];
        expect(cols.map((c) => c.name)).toContain('threshold_reason');
      } finally {
        opened.close();
      }
    } finally {
      t.cleanup();
    }
  });
});

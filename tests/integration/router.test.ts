/**
 * Acceptance (issue 2) and the role matrix fault test (issue 7): every channel has a permission;
 * no session → unauthenticated; wrong role → forbidden; malformed input → invalid_input naming the
 * field; unknown channels refused; no handler can crash the process; every channel × every role
 * gives exactly what the matrix says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { createHandlers } from '../../electron/host/handlers';
import { type Handlers, createRouter } from '../../electron/host/router';
import { createUser } from '../../electron/services/users/users';
import { type Channel, contract } from '../../shared/contract';
import type { SessionUser } from '../../shared/contract/common';
import { ERROR_CODES, type Result } from '../../shared/contract/errors';
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS, type Role, can } from '../../shared/contract/permissions';
import { makeIdNumber } from '../../shared/domain/id-number';
import { tempDir } from '../helpers/temp-db';
import { makeHost, ok, setupAndLogin } from './support/host';

const CHANNELS = Object.keys(contract) as Channel[];
const ROLE_PASSWORD = 'R0le!password';

/** A well-formed input for each channel we know; channels added later fall back to null. */
const VALID_INPUT: Partial<Record<Channel, unknown>> = {
  'app:status': null,
  'children:list': {},
  'children:get': { id: 1 },
  'children:create': { name: '测试儿童', sex: 'male', birthDate: '2015-03-07', idNumber: makeIdNumber('310104', '2015-03-07', 11, 'male') },
  'auth:logout': null,
  'auth:lock': null,
  'auth:changePassword': { currentPassword: 'whatever-it-is', newPassword: 'N3w!password-x' },
  'auth:unlockScreen': { password: 'whatever-it-is' },
};

let root: { dir: string; cleanup: () => void };
let host: AppHost;
let admin: SessionUser;
const users = {} as Record<Role, SessionUser>;
let connections = 0;

/** A new connection signed in as `user` (a new connection per call, so logout/lock in one case cannot affect another). */
function signedIn(user: SessionUser): string {
  connections += 1;
  const connection = `conn-${connections}`;
  host.sessions.start(connection, user);
  return connection;
}

function fresh(): string {
  connections += 1;
  return `anon-${connections}`;
}

const childCount = () => (host.core.opened()!.sqlite.prepare('SELECT count(*) AS n FROM children').get() as { n: number }).n;

function errorOf(result: Result<unknown>) {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(ERROR_CODES).toContain(result.error.code);
  return result.error;
}

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  admin = await setupAndLogin(host, 'admin-conn');
  const ctx = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  for (const role of ROLES) {
    createUser(ctx, { username: `u_${role}`, displayName: role, password: ROLE_PASSWORD, roles: [role] });
    // Signed in through the real login, so the session user is what the app would hold.
    users[role] = ok<SessionUser>(await host.router.dispatch(`login-${role}`, 'auth:login', { username: `u_${role}`, password: ROLE_PASSWORD }));
    expect(users[role].roles).toEqual([role]);
  }
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('the contract', () => {
  it('every channel names a permission from PERMISSIONS and has input and output schemas', () => {
    expect(CHANNELS.length).toBeGreaterThan(0);
    for (const name of CHANNELS) {
      const def = contract[name];
      expect(PERMISSIONS, name).toContain(def.permission);
      expect(typeof def.input.safeParse, name).toBe('function');
      expect(typeof def.output.safeParse, name).toBe('function');
    }
  });

  it('every granted permission a channel needs is held by at least one role (no unusable channel)', () => {
    for (const name of CHANNELS) {
      const p = contract[name].permission;
      if (p === 'public' || p === 'authenticated') continue;
      expect(ROLES.some((r) => (ROLE_PERMISSIONS[r] as readonly string[]).includes(p)), `${name} needs ${p}`).toBe(true);
    }
  });

  it('the router refuses a handler map that misses a channel or adds one', () => {
    const handlers = createHandlers(host.core, host.sessions) as Partial<Handlers>;
    const { 'children:list': _dropped, ...missing } = handlers;
    expect(() => createRouter(missing as Handlers, host.sessions)).toThrow(/children:list/);
    expect(() => createRouter({ ...handlers, 'children:delete': () => null } as unknown as Handlers, host.sessions)).toThrow(/children:delete/);
  });
});

describe('no session', () => {
  const guarded = CHANNELS.filter((c) => contract[c].permission !== 'public');

  it('there are guarded channels to test', () => {
    expect(guarded.length).toBeGreaterThan(0);
    expect(guarded).toContain('children:create');
  });

  for (const name of guarded) {
    it(`${name} → unauthenticated (with null and with a well-formed input)`, async () => {
      const before = childCount();
      expect(errorOf(await host.router.dispatch(fresh(), name, null)).code).toBe('unauthenticated');
      expect(errorOf(await host.router.dispatch(fresh(), name, VALID_INPUT[name] ?? null)).code).toBe('unauthenticated');
      expect(childCount()).toBe(before);
    });
  }

  it('a public channel answers without a session', async () => {
    expect(ok<{ phase: string }>(await host.router.dispatch(fresh(), 'app:status', null)).phase).toBe('ready');
  });

  it('a logged-out connection is unauthenticated again', async () => {
    const c = signedIn(users.caseworker);
    ok(await host.router.dispatch(c, 'children:list', {}));
    ok(await host.router.dispatch(c, 'auth:logout', null));
    expect(errorOf(await host.router.dispatch(c, 'children:list', {})).code).toBe('unauthenticated');
  });
});

describe('wrong role', () => {
  it('a therapist creating a child → forbidden, and nothing is written', async () => {
    expect(can(['therapist'], 'children.write')).toBe(false);
    const before = childCount();
    const error = errorOf(await host.router.dispatch(signedIn(users.therapist), 'children:create', VALID_INPUT['children:create']));
    expect(error.code).toBe('forbidden');
    expect(childCount()).toBe(before);
  });

  it('a caseworker may create the same child (control: the input itself is fine)', async () => {
    const before = childCount();
    ok(await host.router.dispatch(signedIn(users.caseworker), 'children:create', VALID_INPUT['children:create']));
    expect(childCount()).toBe(before + 1);
  });

  it('permission is checked before input: a forbidden role learns nothing about the input', async () => {
    const error = errorOf(await host.router.dispatch(signedIn(users.therapist), 'children:create', { birthDate: 'nonsense' }));
    expect(error.code).toBe('forbidden');
    expect(error.field).toBeUndefined();
  });

  it('a person with several roles has the union: therapist + caseworker may create', async () => {
    const both = { ...users.therapist, roles: ['therapist', 'caseworker'] as Role[] };
    const result = await host.router.dispatch(signedIn(both), 'children:create', { ...(VALID_INPUT['children:create'] as object), idNumber: null, name: '双角色儿童' });
    expect(result.ok).toBe(true);
  });

  it('a person who must change their password may only change it', async () => {
    const mustChange = { ...users.caseworker, mustChangePassword: true };
    expect(errorOf(await host.router.dispatch(signedIn(mustChange), 'children:list', {})).code).toBe('password_change_required');
  });
});

describe('malformed input → invalid_input naming the field', () => {
  const base = { name: '字段测试', sex: 'female', birthDate: '2016-04-05', idNumber: null };
  const cases: [string, Channel, unknown, string][] = [
    ['children:create with 30 February', 'children:create', { ...base, birthDate: '2015-02-30' }, 'birthDate'],
    ['children:create with a slashed date', 'children:create', { ...base, birthDate: '2015/01/01' }, 'birthDate'],
    ['children:create with a number as date', 'children:create', { ...base, birthDate: 20150101 }, 'birthDate'],
    [
      'children:create with a wrong ID check digit',
      'children:create',
      // 310104201604050024 is the valid number for these parts; the last digit is changed.
      { ...base, idNumber: `${makeIdNumber('310104', '2016-04-05', 2, 'female').slice(0, 17)}${makeIdNumber('310104', '2016-04-05', 2, 'female')[17] === '0' ? '1' : '0'}` },
      'idNumber',
    ],
    ['children:create with an ID number of another birth date', 'children:create', { ...base, idNumber: makeIdNumber('310104', '2016-04-06', 2, 'female') }, 'idNumber'],
    ['children:create with an empty name', 'children:create', { ...base, name: '   ' }, 'name'],
    ['children:create with an unknown sex', 'children:create', { ...base, sex: 'other' }, 'sex'],
    ['children:get with a negative id', 'children:get', { id: -1 }, 'id'],
    ['children:get with a string id', 'children:get', { id: '1' }, 'id'],
    ['children:list with a huge limit', 'children:list', { limit: 100000 }, 'limit'],
    ['auth:login without a password', 'auth:login', { username: 'u_caseworker' }, 'password'],
  ];
  for (const [label, channel, input, field] of cases) {
    it(label, async () => {
      const before = childCount();
      const error = errorOf(await host.router.dispatch(signedIn(users.caseworker), channel, input));
      expect(error.code).toBe('invalid_input');
      expect(error.field).toBe(field);
      expect(typeof error.message).toBe('string');
      expect(childCount()).toBe(before);
    });
  }

  it('a non-object input is invalid_input naming the whole input', async () => {
    const error = errorOf(await host.router.dispatch(signedIn(users.caseworker), 'children:create', 'Robert'));
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('(input)');
  });
});

describe('unknown channels', () => {
  const names: unknown[] = ['nope', '', 'children:delete', 'CHILDREN:LIST', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 42, null, undefined, { toString: () => 'children:list' }, ['children:list']];
  for (const name of names) {
    it(`${typeof name === 'string' ? JSON.stringify(name) : String(name)} → unknown_channel, even when signed in`, async () => {
      const error = errorOf(await host.router.dispatch(signedIn(users.caseworker), name as string, {}));
      expect(error.code).toBe('unknown_channel');
    });
  }
});

describe('handlers that throw', () => {
  const secret = 'SECRET-INTERNALS /home/tonghu/tonghu.db';
  function routerWith(overrides: Partial<Record<Channel, (...args: never[]) => unknown>>) {
    return createRouter({ ...createHandlers(host.core, host.sessions), ...overrides } as Handlers, host.sessions);
  }
  const throwers: [string, () => unknown][] = [
    ['a plain Error', () => { throw new Error(secret); }],
    ['a rejected promise', () => Promise.reject(new TypeError(secret))],
    ['a string', () => { throw secret; }],
    ['null', () => { throw null; }],
    ['an object with a hostile toString', () => { throw { toString: () => { throw new Error(secret); } }; }],
    ['an object whose code getter throws', () => { throw Object.defineProperty({}, 'code', { get: () => { throw new Error(secret); } }); }],
    ['a Proxy that throws on every access', () => { throw new Proxy({}, { get: () => { throw new Error(secret); }, getPrototypeOf: () => { throw new Error(secret); } }); }],
    ['an output that breaks the contract', () => ({ total: 'many', rows: secret })],
    ['a stack overflow', () => { const f = (): number => f() + 1; return f(); }],
  ];
  for (const [label, thrower] of throwers) {
    it(`${label} → internal, no internals leaked, and the router keeps working`, async () => {
      const router = routerWith({ 'children:list': thrower });
      const c = signedIn(users.caseworker);
      const error = errorOf(await router.dispatch(c, 'children:list', {}));
      expect(error.code).toBe('internal');
      expect(JSON.stringify(error)).not.toContain('SECRET');
      expect(ok<{ phase: string }>(await router.dispatch(c, 'app:status', null)).phase).toBe('ready');
      expect((await router.dispatch(c, 'children:get', { id: 1 })).ok).toBe(true);
    });
  }

  it('a driver error with a corruption code is reported as database_corrupt, not internal', async () => {
    const router = routerWith({
      'children:list': () => {
        throw Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
      },
    });
    expect(errorOf(await router.dispatch(signedIn(users.caseworker), 'children:list', {})).code).toBe('database_corrupt');
  });
});

describe('role matrix: every channel × every role', () => {
  it('gives exactly what ROLE_PERMISSIONS says (forbidden iff the role lacks the permission)', async () => {
    const mismatches: string[] = [];
    let allowed = 0;
    let refused = 0;
    for (const name of CHANNELS) {
      const permission = contract[name].permission;
      for (const role of ROLES) {
        // null input: after the permission check it fails parsing (or runs a harmless no-input
        // channel on its own connection), so "not forbidden" means the guard let it through.
        const result = await host.router.dispatch(signedIn(users[role]), name, null);
        const code = result.ok ? 'ok' : result.error.code;
        const expected = can([role], permission);
        if (expected) {
          if (['forbidden', 'unauthenticated', 'session_locked', 'password_change_required'].includes(code)) mismatches.push(`${role} ${name}: ${code}`);
          if (permission !== 'public' && permission !== 'authenticated') allowed += 1;
        } else {
          if (code !== 'forbidden') mismatches.push(`${role} ${name}: ${code}, expected forbidden`);
          refused += 1;
        }
      }
    }
    expect(mismatches).toEqual([]);
    // The matrix must actually exercise both answers for role-guarded channels.
    expect(allowed).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});

/**
 * Fault test (issue 7): IPC fuzzing. For every channel, 200 random and malformed inputs dispatched
 * by a person holding every role: the promise always resolves to a Result with a code from the
 * closed list (never rejects, never `internal`), the process survives, Object.prototype is not
 * polluted, and an input that fails writes no row (children, users, settings unchanged).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { createUser } from '../../electron/services/users/users';
import { type Channel, contract } from '../../shared/contract';
import type { SessionUser } from '../../shared/contract/common';
import { ERROR_CODES, type Result } from '../../shared/contract/errors';
import { ROLES } from '../../shared/contract/permissions';
import { makeIdNumber } from '../../shared/domain/id-number';
import { tempDir } from '../helpers/temp-db';
import { makeHost, ok, setupAndLogin } from './support/host';

const RUNS = 200;
/**
 * Channels that take nearly any input as valid and answer it with long work in a worker thread (a fresh
 * worker per call, issue 19.5; under vitest each worker also compiles its TypeScript, about a second):
 * fewer runs, so the fuzz stays about the front door rather than starting a hundred workers.
 */
const WORKER_RUNS: Partial<Record<string, number>> = { 'audit:verify': 20 };
const CHANNELS = Object.keys(contract) as Channel[];
const PASSWORD = 'Fuzz!passw0rd';
const CONNECTION = 'fuzzer';

/** Well-formed inputs, mutated field by field below; unknown future channels get the zod shape's keys. */
const VALID: Partial<Record<Channel, Record<string, unknown>>> = {
  'app:setup': { institutionName: '某某福利院', displayName: '某人', username: 'someone', password: 'An0ther!password', passphrase: null, loadDemo: false },
  'app:unlock': { method: 'passphrase', secret: 'a secret' },
  'auth:login': { username: 'all_roles', password: 'not-the-password' },
  'auth:changePassword': { currentPassword: 'not-the-password', newPassword: 'N3w!password-x' },
  'auth:unlockScreen': { password: 'not-the-password' },
  'children:list': { query: '', status: 'inCare', sort: 'name', direction: 'asc', offset: 0, limit: 10 },
  'children:create': { name: '模糊测试', sex: 'male', birthDate: '2015-03-07', idNumber: makeIdNumber('310110', '2015-03-07', 5, 'male'), admissionDate: null },
  'children:get': { id: 1 },
};

function fieldsOf(channel: Channel): string[] {
  const shape = (contract[channel].input as unknown as { shape?: Record<string, unknown> }).shape;
  return Object.keys(VALID[channel] ?? shape ?? {});
}

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

/** Objects shaped like prototype-pollution payloads, as JSON.parse would deliver them (own `__proto__`). */
const pollution = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  JSON.parse('{"__proto__": {"polluted": "yes"}, "name": "x", "sex": "male", "birthDate": "2015-01-01", "idNumber": null}'),
  JSON.parse('{"id": 1, "__proto__": {"id": 2, "polluted": "yes"}}'),
  JSON.parse('{"query": "", "__proto__": {"limit": 100000, "polluted": "yes"}}'),
  JSON.parse('{"username": "all_roles", "password": {"__proto__": {"length": 5}}}'),
  JSON.parse('[{"__proto__": {"polluted": "yes"}}]'),
  Object.create(null),
);

/** Long strings, cheap to make: a short random piece repeated. */
const hugeString = fc
  .tuple(fc.string({ minLength: 1, maxLength: 8, unit: 'binary' }), fc.integer({ min: 1_000, max: 300_000 }))
  .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));

const oddValues = fc.constantFrom<unknown>(
  undefined,
  null,
  NaN,
  Infinity,
  -Infinity,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
  2n ** 70n,
  '',
  ' ',
  '\u0000',
  '2015-02-29',
  '9999-99-99',
  '11010519491231002X',
  "'; DROP TABLE children; --",
  '%_\\',
  new Date(0),
  /re/g,
  [],
  [null],
  {},
  true,
  false,
  Symbol('s'),
  () => 1,
  new Map([['a', 1]]),
  new Uint8Array(4),
  'x'.repeat(1_000_000),
);

const anyValue = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }) },
  { weight: 2, arbitrary: oddValues },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()) },
);

function inputs(channel: Channel): fc.Arbitrary<unknown> {
  const fields = fieldsOf(channel);
  const valid = VALID[channel] ?? {};
  const keys = fc.constantFrom(...fields, ...POLLUTION_KEYS, 'extra');
  return fc.oneof(
    // Anything at all, including objects whose keys are pollution-shaped.
    { weight: 3, arbitrary: fc.anything({ maxDepth: 3, key: fc.oneof(fc.string(), keys), withNullPrototype: true, withBigInt: true, withDate: true }) },
    // The right field names with wrong-typed values.
    { weight: 3, arbitrary: fc.dictionary(keys, anyValue, { maxKeys: 8 }) },
    // A well-formed input with one field broken (or dropped, or the whole thing wrapped).
    {
      weight: 4,
      arbitrary: fields.length === 0
        ? anyValue
        : fc.tuple(fc.constantFrom(...fields), anyValue, fc.boolean()).map(([field, value, drop]) => {
            const copy: Record<string, unknown> = { ...valid };
            if (drop) delete copy[field];
            else copy[field] = value;
            return copy;
          }),
    },
    // Now and then the well-formed input itself, so the handlers' own refusals are exercised too.
    { weight: 1, arbitrary: fc.constant(valid) },
    { weight: 1, arbitrary: pollution },
    { weight: 1, arbitrary: hugeString },
    { weight: 1, arbitrary: oddValues },
  );
}

let root: { dir: string; cleanup: () => void };
let host: AppHost;
let everyone: SessionUser;

const sqlite = () => host.core.opened()!.sqlite;
function writes() {
  const s = sqlite();
  return {
    children: (s.prepare('SELECT count(*) AS n FROM children').get() as { n: number }).n,
    childRows: (s.prepare("SELECT group_concat(id || name || birth_date || ifnull(id_number, ''), '|') AS v FROM children").get() as { v: string | null }).v,
    users: (s.prepare("SELECT group_concat(id || username || roles || password_hash || must_change_password || active, '|') AS v FROM users").get() as { v: string }).v,
    settings: (s.prepare("SELECT group_concat(key || '=' || value, '|') AS v FROM settings").get() as { v: string }).v,
  };
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  const admin = await setupAndLogin(host, 'setup');
  const ctx = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  createUser(ctx, { username: 'all_roles', displayName: '全部角色', password: PASSWORD, roles: [...ROLES] });
  everyone = ok<SessionUser>(await host.router.dispatch('login', 'auth:login', { username: 'all_roles', password: PASSWORD }));
  expect([...everyone.roles].sort()).toEqual([...ROLES].sort());
  // One child, so children:get with id 1 has something to find.
  ok(await host.router.dispatch('login', 'children:create', { name: '已有儿童', sex: 'female', birthDate: '2012-01-02', idNumber: null }));
});

afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  host?.close();
  root?.cleanup();
});

describe('IPC fuzzing', () => {
  for (const channel of CHANNELS) {
    it(`${channel}: ${WORKER_RUNS[channel] ?? RUNS} random and malformed inputs → only typed results, no rejection, no row written by a failure`, async () => {
      const seen = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(inputs(channel), async (input) => {
          // A fresh signed-in session each time: auth:logout / auth:lock inputs may end or lock it.
          host.sessions.start(CONNECTION, everyone);
          const before = writes();
          let result: Result<unknown>;
          try {
            result = await host.router.dispatch(CONNECTION, channel, input);
          } catch (error) {
            throw new Error(`dispatch rejected: ${String(error)}`);
          }
          expect(typeof result).toBe('object');
          const after = writes();
          if (result.ok) {
            expect(Object.keys(result).sort()).toEqual(['ok', 'value']);
            seen.set('ok', (seen.get('ok') ?? 0) + 1);
            // Only a successful children:create may add a child, and exactly one.
            expect(after.children).toBe(before.children + (channel === 'children:create' ? 1 : 0));
          } else {
            expect(ERROR_CODES).toContain(result.error.code);
            expect(result.error.code).not.toBe('internal');
            expect(typeof result.error.message).toBe('string');
            seen.set(result.error.code, (seen.get(result.error.code) ?? 0) + 1);
            expect(after).toEqual(before);
          }
        }),
        { numRuns: WORKER_RUNS[channel] ?? RUNS },
      );
      if (process.env.FUZZ_DEBUG) console.log(channel, Object.fromEntries(seen));
      // The run must have gone past the front door: malformed inputs reached the parser.
      const total = [...seen.values()].reduce((a, b) => a + b, 0);
      expect(total).toBe(WORKER_RUNS[channel] ?? RUNS);
      if (contract[channel].input.safeParse(undefined).success === false) expect(seen.get('invalid_input') ?? 0).toBeGreaterThan(0);
    }, WORKER_RUNS[channel] === undefined ? undefined : 180_000);
  }

  it('left Object.prototype unpolluted, no unhandled rejection, and the audit chain intact', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
    expect(unhandled).toEqual([]);
    expect(verifyAuditChain(sqlite()).ok).toBe(true);
  });
});

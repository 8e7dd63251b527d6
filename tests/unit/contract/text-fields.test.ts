/**
 * Issue 15, item 14: every free-text field of every channel's input refuses control characters (tab
 * and line feed only where the field is multi-line), bidi controls and text with no visible character;
 * every date field refuses what is outside its range. Found by walking the contract's schemas, so a
 * field added later without the helper fails here.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type Channel, contract } from '../../../shared/contract';
import { DATE_MAX, DATE_MIN } from '../../../shared/contract/common';
import { textProblem } from '../../../shared/contract/text';

type Leaf = { path: string; schema: z.ZodType };
type Def = Record<string, unknown> & { type: string };

/** Every string schema reachable in `schema` (objects, arrays, optionals, pipes' inputs, unions, records), with its path. */
function stringLeaves(schema: z.ZodType, path: string, out: Leaf[] = [], seen = new Set<unknown>()): Leaf[] {
  if (seen.has(schema)) return out;
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const walk = (s: unknown, p: string) => stringLeaves(s as z.ZodType, p, out, seen);
  switch (def.type) {
    case 'string':
      out.push({ path, schema });
      break;
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) walk(v, path ? `${path}.${k}` : k);
      break;
    case 'array':
      walk(def.element, `${path}[]`);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      walk(def.innerType, path);
      break;
    case 'pipe':
      walk(def.in, path);
      break;
    case 'union':
      for (const o of def.options as unknown[]) walk(o, path);
      break;
    case 'record':
      walk(def.valueType, `${path}{}`);
      break;
    default:
      break;
  }
  return out;
}

const LEAVES = (Object.keys(contract) as Channel[]).flatMap((channel) => stringLeaves(contract[channel].input as z.ZodType, '').map((leaf) => ({ channel, ...leaf })));

/**
 * Strings that are never shown or stored as text: passwords and the key's secret checked against a hash
 * (a character refused there would only lock a person out of an existing password), and base64 contents
 * (decoded and checked whole by the pipe behind the string).
 */
const NOT_TEXT = new Set([
  'app:unlock secret',
  'auth:login password',
  'auth:changePassword currentPassword',
  'auth:unlockScreen password',
  'key:change password',
  'record:addDocument contentBase64',
  'import:preview contentBase64',
  'import:run contentBase64',
]);

/** Plausible values: each text field accepts at least one of them. */
const SAMPLES = ['某某', '张三丰', 'Abc123_x', 'Str0ng!pass-word', 'workAbility', 'A1B2C3D4', '2020-01-01'];
const accepted = (schema: z.ZodType) => SAMPLES.find((s) => schema.safeParse(s).success);

const CONTROLS = ['\u0000', '\u0007', '\u001b', '\r', '\u007f', '\u0085', '\u009b'];
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
const INVISIBLE = ['\u200b', '\u200b\u200c\u200d', '\ufeff', '\u2060\u200b', '\u3164'];

describe('every free-text field of the contract (found by walking the inputs)', () => {
  const textLeaves = LEAVES.filter((l) => !NOT_TEXT.has(`${l.channel} ${l.path}`));

  it('finds the fields (so the walk itself cannot pass by finding nothing)', () => {
    expect(textLeaves.length).toBeGreaterThan(100);
    for (const known of ['children:create name', 'record:updateProfile notes', 'mentalHealth:close comment', 'rehab:savePlan goals[].title', 'import:run mapping{}']) {
      expect(textLeaves.map((l) => `${l.channel} ${l.path}`)).toContain(known);
    }
  });

  it('refuses control characters and bidi controls inside an otherwise accepted value', () => {
    const letThrough: string[] = [];
    for (const leaf of textLeaves) {
      const base = accepted(leaf.schema);
      if (base === undefined) continue; // a coded field (id number, username…) that takes none of the samples: checked below
      const middle = Math.max(1, Math.floor(base.length / 2));
      for (const bad of [...CONTROLS, ...BIDI]) {
        const value = base.slice(0, middle) + bad + base.slice(middle);
        if (leaf.schema.safeParse(value).success) letThrough.push(`${leaf.channel} ${leaf.path} ${JSON.stringify(bad)}`);
      }
    }
    expect(letThrough).toEqual([]);
  });

  it('refuses, in every field, a value of only zero-width characters (or trims it to nothing)', () => {
    const kept = (leaf: Leaf, v: string) => {
      const r = leaf.schema.safeParse(v);
      return r.success && r.data !== '';
    };
    const letThrough = textLeaves.flatMap((leaf) => INVISIBLE.filter((v) => kept(leaf, v)).map((v) => `${leaf.channel} ${leaf.path} ${JSON.stringify(v)}`));
    expect(letThrough).toEqual([]);
  });

  it('lets tab and line feed through only where the text is multi-line', () => {
    expect(textProblem('第一行\n第二行\t完', { multiline: true })).toBeNull();
    expect(textProblem('第一行\n第二行')).not.toBeNull();
    const parse = (channel: Channel, input: unknown) => contract[channel].input.safeParse(input);
    expect(parse('record:addPlacement', { childId: 1, kind: 'municipalInstitution', from: '2015-01-01', note: '第一行\n第二行' }).success).toBe(true);
    expect(parse('children:create', { name: '张\n三', sex: 'male', birthDate: '2015-01-01', idNumber: null }).success).toBe(false);
  });
});

describe('every date field of the contract is bounded', () => {
  const dateLeaves = LEAVES.filter((l) => l.schema.safeParse('2000-06-15').success && !l.schema.safeParse('2000-13-45').success);

  it(`refuses 0000-01-01, 0001-01-01, ${DATE_MIN} minus a day and ${DATE_MAX} plus a day; birth dates start at 1990-01-01`, () => {
    expect(dateLeaves.length).toBeGreaterThan(40);
    const letThrough = dateLeaves.flatMap((leaf) => ['0000-01-01', '0001-01-01', '1899-12-31', '2101-01-01'].filter((d) => leaf.schema.safeParse(d).success).map((d) => `${leaf.channel} ${leaf.path} ${d}`));
    expect(letThrough).toEqual([]);
    const births = dateLeaves.filter((l) => l.path === 'birthDate');
    expect(births.map((l) => l.channel).sort()).toEqual(['children:create', 'record:updateProfile']);
    for (const leaf of births) {
      expect(leaf.schema.safeParse('1989-12-31').success).toBe(false);
      expect(leaf.schema.safeParse('1990-01-01').success).toBe(true);
    }
  });
});

/**
 * Case files (RULES.md, "Case files"): YAML or JSON holding one case, a list of cases, or
 * `{ defaults, cases }` where each case's facts are laid over the defaults (objects merged, everything
 * else replaced).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { deepMerge, isPlainObject } from './values';

export type CaseSpec = {
  /** 1-based position in its file. */
  index: number;
  name: string;
  asOf: unknown;
  facts: unknown;
  /** Path → expected value; null when the case gives none. */
  expect: Record<string, unknown> | null;
  /** The field a validation error must name; null when the facts are expected to be valid. */
  expectError: string | null;
  /** What is wrong with the case itself (it then fails without being evaluated). */
  problems: string[];
};

export type LoadedFile = { ok: true; cases: CaseSpec[] } | { ok: false; error: string };

function normaliseCase(raw: unknown, index: number, defaults: unknown): CaseSpec {
  const spec: CaseSpec = {
    index,
    name: `case ${index}`,
    asOf: undefined,
    facts: undefined,
    expect: null,
    expectError: null,
    problems: [],
  };
  if (!isPlainObject(raw)) {
    spec.problems.push(`case ${index} is not a mapping`);
    return spec;
  }
  if (typeof raw.name === 'string' && raw.name.trim() !== '') spec.name = raw.name.replace(/\s+/g, ' ').trim();
  else spec.problems.push('case has no name');
  spec.asOf = raw.asOf;
  spec.facts = deepMerge(defaults, raw.facts);
  if (raw.expect !== undefined) {
    if (!isPlainObject(raw.expect)) spec.problems.push('expect must be a mapping of paths to expected values');
    else if (Object.keys(raw.expect).length === 0 && raw.expectError === undefined) {
      spec.problems.push('expect is empty: a case that checks nothing cannot fail');
    } else spec.expect = raw.expect;
  }
  if (raw.expectError !== undefined) {
    if (typeof raw.expectError === 'string' && raw.expectError !== '') spec.expectError = raw.expectError;
    else spec.problems.push('expectError must name a field, e.g. disability.grade');
  }
  if (raw.expect === undefined && raw.expectError === undefined) {
    spec.problems.push('case has neither expect nor expectError');
  }
  return spec;
}

/** The cases a parsed document holds, or why it holds none. */
export function casesFromDocument(doc: unknown): LoadedFile {
  if (Array.isArray(doc)) {
    if (doc.length === 0) return { ok: false, error: 'the file holds no cases' };
    return { ok: true, cases: doc.map((raw, i) => normaliseCase(raw, i + 1, undefined)) };
  }
  if (isPlainObject(doc) && Object.hasOwn(doc, 'cases')) {
    const { defaults, cases } = doc;
    if (defaults !== undefined && !isPlainObject(defaults)) {
      return { ok: false, error: '"defaults" must be a mapping of ChildFacts fields' };
    }
    if (!Array.isArray(cases) || cases.length === 0) return { ok: false, error: '"cases" must be a non-empty list' };
    return { ok: true, cases: cases.map((raw, i) => normaliseCase(raw, i + 1, defaults)) };
  }
  if (isPlainObject(doc)) return { ok: true, cases: [normaliseCase(doc, 1, undefined)] };
  return { ok: false, error: 'the file holds neither a case, a list of cases nor { defaults, cases }' };
}

/** Parses file text as JSON (`.json`) or YAML (anything else). */
export function parseCaseText(text: string, fileName: string): unknown {
  return extname(fileName).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
}

/** Reads, parses and normalises one case file; never throws. */
export async function loadCaseFile(path: string): Promise<LoadedFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, error: `cannot read: ${(error as Error).message}` };
  }
  try {
    return casesFromDocument(parseCaseText(text, path));
  } catch (error) {
    return { ok: false, error: `cannot parse: ${(error as Error).message.split('\n')[0].replace(/:$/, '')}` };
  }
}

/**
 * Paths into an Evaluation, as case files write them: dotted segments; a numeric segment indexes an
 * array; `*` maps the rest of the path over every element of an array; `length` is an array's length
 * (on an object, `length` is an ordinary key).
 */
import { isPlainObject } from './values';

export type Resolved = { found: true; value: unknown } | { found: false; reason: string };

/** Splits a path into its segments; an empty path or an empty segment is an error. */
export function parsePath(path: string): string[] {
  const segments = path.split('.');
  if (path === '' || segments.some((s) => s === '')) throw new Error(`invalid path "${path}"`);
  return segments;
}

function walk(value: unknown, segments: readonly string[], index: number, at: string): Resolved {
  if (index === segments.length) return { found: true, value };
  const segment = segments[index];
  const here = at === '' ? segment : `${at}.${segment}`;
  if (segment === '*') {
    if (!Array.isArray(value)) return { found: false, reason: `"${at}" is not an array` };
    const values: unknown[] = [];
    for (let i = 0; i < value.length; i += 1) {
      const inner = walk(value[i], segments, index + 1, at === '' ? String(i) : `${at}.${i}`);
      if (!inner.found) return inner;
      values.push(inner.value);
    }
    return { found: true, value: values };
  }
  if (Array.isArray(value)) {
    if (segment === 'length') return walk(value.length, segments, index + 1, here);
    if (/^\d+$/.test(segment)) {
      const i = Number(segment);
      if (i >= value.length) return { found: false, reason: `"${here}" is past the end (length ${value.length})` };
      return walk(value[i], segments, index + 1, here);
    }
    return { found: false, reason: `"${at}" is an array; "${segment}" is not an index, "*" or "length"` };
  }
  if (isPlainObject(value)) {
    if (!Object.hasOwn(value, segment)) return { found: false, reason: `no "${here}"` };
    return walk(value[segment], segments, index + 1, here);
  }
  return { found: false, reason: `"${at}" is ${JSON.stringify(value)}, which has no "${segment}"` };
}

/** The value at `path` in `root`, or why it does not exist. */
export function resolvePath(root: unknown, path: string): Resolved {
  return walk(root, parsePath(path), 0, '');
}

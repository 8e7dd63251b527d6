/**
 * Expected against actual values: numbers equal within 1e-9; other scalars strictly equal; an expected
 * array matches an actual array holding the same members in any order (a multiset, at every depth); an
 * expected object matches an actual object whose listed keys match (so the Evaluation may gain fields).
 */
import { isPlainObject } from './values';

export const NUMBER_TOLERANCE = 1e-9;

/** Whether `actual` satisfies `expected`. */
export function matches(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(expected - actual) <= NUMBER_TOLERANCE;
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.length === actual.length && sameMultiset(expected, actual);
  }
  if (isPlainObject(expected)) {
    return (
      isPlainObject(actual) &&
      Object.entries(expected).every(([key, value]) => Object.hasOwn(actual, key) && matches(value, actual[key]))
    );
  }
  return expected === actual;
}

/** A perfect matching between equal-length arrays (augmenting paths; case arrays are small). */
function sameMultiset(expected: readonly unknown[], actual: readonly unknown[]): boolean {
  const ownerOf: (number | null)[] = actual.map(() => null);
  const tryAssign = (e: number, seen: boolean[]): boolean => {
    for (let a = 0; a < actual.length; a += 1) {
      if (seen[a] || !matches(expected[e], actual[a])) continue;
      seen[a] = true;
      const owner = ownerOf[a];
      if (owner === null || tryAssign(owner, seen)) {
        ownerOf[a] = e;
        return true;
      }
    }
    return false;
  };
  return expected.every((_, e) => tryAssign(e, actual.map(() => false)));
}

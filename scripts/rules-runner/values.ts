/** Small helpers over parsed YAML/JSON values. */

export type PlainObject = Record<string, unknown>;

/** Whether `value` is a plain (non-array, non-null) object. */
export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `overlay` laid over `base`: objects are merged key by key, recursively; anything else (arrays,
 * scalars, null) in `overlay` replaces what `base` had. `undefined` keeps the base.
 */
export function deepMerge(base: unknown, overlay: unknown): unknown {
  if (overlay === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(overlay)) return overlay;
  const merged: PlainObject = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    merged[key] = deepMerge(base[key], value);
  }
  return merged;
}

/** JSON for a report line; `undefined` (a missing value) is shown as `(missing)`. */
export function show(value: unknown): string {
  return value === undefined ? '(missing)' : JSON.stringify(value);
}

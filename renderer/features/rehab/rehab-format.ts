/** Small formatting helpers of the rehabilitation screens. */

/** A GAS level as written on the scale: −2, −1, 0, +1, +2. */
export function gasLabel(level: number | null | undefined): string {
  if (level === null || level === undefined) return '—';
  if (level > 0) return `+${level}`;
  if (level < 0) return `−${-level}`;
  return '0';
}

/**
 * A typed rating: "−1", "-1", "+2", "2" → the number; "" → null (worked, not rated); anything else →
 * NaN (refused beside the field).
 */
export function parseRating(text: string): number | null {
  const v = text.trim().replace('−', '-').replace('＋', '+').replace('－', '-');
  if (v === '') return null;
  return /^[+-]?\d$/.test(v) ? Number(v) : Number.NaN;
}

export const GAS_COLORS: Record<string, string> = { '-2': 'red', '-1': 'orange', '0': 'teal', '1': 'blue', '2': 'indigo' };
export const gasColor = (level: number | null | undefined) => (level === null || level === undefined ? 'gray' : (GAS_COLORS[String(level)] ?? 'gray'));

import { describe, expect, it } from 'vitest';
import { GMFM88_ITEMS_ZH, gmfm88Partial } from '../../../shared/domain/gmfm88-items';
import { GMFM88_ITEM_COUNT, gmfm88Scores } from '../../../shared/domain/rehab';

describe('GMFM-88 items and partial percentages', () => {
  it('has a text for each of the 88 items, none repeated', () => {
    expect(GMFM88_ITEMS_ZH).toHaveLength(GMFM88_ITEM_COUNT);
    expect(new Set(GMFM88_ITEMS_ZH).size).toBe(GMFM88_ITEM_COUNT);
    expect(GMFM88_ITEMS_ZH.every((s) => s.trim().length > 0)).toBe(true);
  });

  it('an out-of-range item blanks only its own dimension and the total, and is named', () => {
    const items: (number | null)[] = Array<number | null>(GMFM88_ITEM_COUNT).fill(3);
    const whole = gmfm88Scores(items);
    items[11] = 4; // item 12, dimension A
    const partial = gmfm88Partial(items);
    expect(partial.invalid).toEqual([12]);
    expect(partial.dimensions.A).toBeNull();
    expect(partial.total).toBeNull();
    for (const key of ['B', 'C', 'D', 'E'] as const) expect(partial.dimensions[key]).toBe(whole.dimensions[key]);
  });

  it('agrees with the full scoring when every item is valid', () => {
    const items = Array.from({ length: GMFM88_ITEM_COUNT }, (_, i) => (i % 5 === 0 ? null : i % 4));
    const full = gmfm88Scores(items);
    const partial = gmfm88Partial(items);
    expect(partial).toEqual({ dimensions: full.dimensions, total: full.total, invalid: [] });
  });
});

import { type ReactNode, createContext, useCallback, useContext, useState } from 'react';
import type { z } from 'zod';
import { childListInputSchema } from '../../../shared/contract/children';

/** The list's search, filters and sort, as 'children:list' takes them (without the page). */
const filterSchema = childListInputSchema.pick({
  query: true,
  status: true,
  categories: true,
  placements: true,
  ageBands: true,
  districts: true,
  sort: true,
  direction: true,
});
export type ChildrenFilter = z.output<typeof filterSchema>;

export const DEFAULT_FILTER: ChildrenFilter = filterSchema.parse({});
const STORAGE_KEY = 'tonghu.children.filter';

/** Whether any filter beyond the default status is set (the search aside). */
export function hasFilters(filter: ChildrenFilter): boolean {
  return filter.categories.length + filter.placements.length + filter.ageBands.length + filter.districts.length > 0;
}

/** The saved filter of this window's session, or the default; a saved value the contract no longer accepts is dropped. */
function savedFilter(): ChildrenFilter {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw === null) return DEFAULT_FILTER;
    const parsed = filterSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_FILTER;
  } catch {
    return DEFAULT_FILTER;
  }
}

type Ctx = { filter: ChildrenFilter; setFilter: (f: ChildrenFilter) => void };
const FilterContext = createContext<Ctx | null>(null);

/**
 * Keeps the children list's search, filters and sort while the person moves between pages — and, in
 * sessionStorage, across a reload of the window (never beyond the session: a search can hold a name).
 */
export function ChildrenFilterProvider({ children }: { children: ReactNode }) {
  const [filter, setFilterState] = useState<ChildrenFilter>(savedFilter);
  const setFilter = useCallback((next: ChildrenFilter) => {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage full or unavailable: the filter still holds for this page's life.
    }
    setFilterState(next);
  }, []);
  return <FilterContext.Provider value={{ filter, setFilter }}>{children}</FilterContext.Provider>;
}

export function useChildrenFilter(): Ctx {
  const ctx = useContext(FilterContext);
  if (!ctx) throw new Error('useChildrenFilter outside ChildrenFilterProvider');
  return ctx;
}

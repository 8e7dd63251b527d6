import { createContext, type ReactNode, useContext, useState } from 'react';
import type { ChildListInput } from '../../../shared/contract/children';

export type ChildrenFilter = {
  query: string;
  status: 'inCare' | 'discharged' | 'archived' | null;
  sort: NonNullable<ChildListInput['sort']>;
  direction: 'asc' | 'desc';
};

const DEFAULT_FILTER: ChildrenFilter = { query: '', status: 'inCare', sort: 'name', direction: 'asc' };

type Ctx = { filter: ChildrenFilter; setFilter: (f: ChildrenFilter) => void };
const FilterContext = createContext<Ctx | null>(null);

/** Keeps the children list's search and filters while the person moves between pages. */
export function ChildrenFilterProvider({ children }: { children: ReactNode }) {
  const [filter, setFilter] = useState<ChildrenFilter>(DEFAULT_FILTER);
  return <FilterContext.Provider value={{ filter, setFilter }}>{children}</FilterContext.Provider>;
}

export function useChildrenFilter(): Ctx {
  const ctx = useContext(FilterContext);
  if (!ctx) throw new Error('useChildrenFilter outside ChildrenFilterProvider');
  return ctx;
}

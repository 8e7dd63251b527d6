import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChildSummary } from '../../../shared/contract/children';
import { call } from '../../api/client';
import type { ChildrenFilter } from './children-filter';

const PAGE = 100;

/**
 * Loads the children list page by page as the visible range asks for rows. A new filter starts
 * afresh; answers to an old filter are dropped.
 */
export function useChildrenPages(filter: ChildrenFilter, reloadToken: number) {
  const [total, setTotal] = useState<number | null>(null);
  const [rows, setRows] = useState<Map<number, ChildSummary>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const loading = useRef(new Set<number>());

  const loadPage = useCallback(
    async (page: number, gen: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      try {
        const result = await call('children:list', { ...filter, offset: page * PAGE, limit: PAGE });
        if (gen !== generation.current) return;
        setTotal(result.total);
        setRows((prev) => {
          const next = new Map(prev);
          result.rows.forEach((row, i) => next.set(page * PAGE + i, row));
          return next;
        });
        setError(null);
      } catch (e) {
        if (gen === generation.current) setError((e as Error).message);
      } finally {
        loading.current.delete(page);
      }
    },
    [filter],
  );

  useEffect(() => {
    generation.current += 1;
    loading.current = new Set();
    setRows(new Map());
    void loadPage(0, generation.current);
  }, [loadPage, reloadToken]);

  const ensureRange = useCallback(
    (start: number, end: number) => {
      for (let page = Math.floor(start / PAGE); page <= Math.floor(end / PAGE); page += 1) {
        if (!rows.has(page * PAGE)) void loadPage(page, generation.current);
      }
    },
    [rows, loadPage],
  );

  return { total, rows, error, ensureRange };
}

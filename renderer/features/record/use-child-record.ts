import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChangeEvent } from '../../../shared/contract/events';
import { touchesChild, useChanges } from '../../api/changes';
import type { ChildRecord, EvaluateChildOutput } from '../../../shared/contract/record';
import { call } from '../../api/client';
import { useCan } from '../../app/permissions';

export type ChildRecordState = {
  record: ChildRecord | null;
  /** The rules' view of the record today (categories, conflicts, assumptions); null without eligibility.read. */
  evaluation: EvaluateChildOutput | null;
  error: string | null;
  /** Loads the record again (after a save), keeping the current one on screen meanwhile. */
  reload: () => void;
  /** How many times the record has been loaded after a change made here (a key for views that must follow it). */
  loads: number;
  /** The last change made to this child at another desk since the page opened (the page has read it again). */
  external: ChangeEvent | null;
};

/** The whole record of one child, loaded once and again after each change, with the rules' evaluation. */
export function useChildRecord(childId: number): ChildRecordState {
  const canEvaluate = useCan('eligibility.read');
  const [record, setRecord] = useState<ChildRecord | null>(null);
  const [evaluation, setEvaluation] = useState<EvaluateChildOutput | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [loads, setLoads] = useState(0);
  const [external, setExternal] = useState<ChangeEvent | null>(null);
  const silent = useRef(false);
  const shownId = useRef<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    if (shownId.current !== childId) {
      setRecord(null);
      setEvaluation(null);
      shownId.current = childId;
    }
    setError(null);
    call('record:get', { childId })
      .then((r) => {
        if (cancelled) return;
        setRecord(r);
        // A read after a change at another desk keeps the views keyed on `loads` (and the forms in them) mounted.
        if (!silent.current) setLoads((n) => n + 1);
        silent.current = false;
      })
      .catch((e: Error) => !cancelled && setError(e.message));
    if (canEvaluate) {
      call('rules:evaluateChild', { childId })
        .then((v) => !cancelled && setEvaluation(v))
        .catch(() => !cancelled && setEvaluation(null));
    }
    return () => {
      cancelled = true;
    };
  }, [childId, canEvaluate, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // Changes made at other desks (issue 19.4): read the record again without a reload of the page; open
  // forms keep what is typed (they say the record changed, and their save is checked against the version).
  useChanges((event) => {
    if (event.mine || !touchesChild(event, childId)) return;
    setExternal(event);
    silent.current = true;
    setVersion((v) => v + 1);
  });
  return { record, evaluation, error, reload, loads, external };
}

/** What every tab of the child page gets: the record, the rules' view of it, and a way to say it changed. */
export type RecordTabProps = { record: ChildRecord; evaluation: EvaluateChildOutput | null; onChanged: () => void };

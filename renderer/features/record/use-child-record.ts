import { useCallback, useEffect, useRef, useState } from 'react';
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
  /** How many times the record has been loaded (a key for views that must follow each change). */
  loads: number;
};

/** The whole record of one child, loaded once and again after each change, with the rules' evaluation. */
export function useChildRecord(childId: number): ChildRecordState {
  const canEvaluate = useCan('eligibility.read');
  const [record, setRecord] = useState<ChildRecord | null>(null);
  const [evaluation, setEvaluation] = useState<EvaluateChildOutput | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [loads, setLoads] = useState(0);
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
        setLoads((n) => n + 1);
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
  return { record, evaluation, error, reload, loads };
}

/** What every tab of the child page gets: the record, the rules' view of it, and a way to say it changed. */
export type RecordTabProps = { record: ChildRecord; evaluation: EvaluateChildOutput | null; onChanged: () => void };

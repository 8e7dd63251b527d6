import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import type { AppStatus } from '../../shared/contract/app';
import { call, onSessionError } from '../api/client';
import { draftStore } from '../components/drafts';

type AppState = {
  status: AppStatus | null;
  loadError: string | null;
  refresh: () => Promise<void>;
  /** Shown after set-up until the administrator confirms saving the recovery code. */
  recoveryCode: string | null;
  setRecoveryCode: (code: string | null) => void;
};

const AppStateContext = createContext<AppState | null>(null);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    try {
      setStatus(await call('app:status', null));
      setLoadError(null);
    } catch (error) {
      setLoadError((error as Error).message);
    }
  }, []);
  // Drafts belong to the person who typed them: they go when that person signs out or another signs in.
  const userId = status?.user?.id ?? null;
  useEffect(() => {
    if (status) draftStore.setOwner(userId);
  }, [status, userId]);
  useEffect(() => {
    void refresh();
    return onSessionError(() => void refresh());
  }, [refresh]);
  return (
    <AppStateContext.Provider value={{ status, loadError, refresh, recoveryCode, setRecoveryCode }}>{children}</AppStateContext.Provider>
  );
}

export function useAppState(): AppState {
  const ctx = useContext(AppStateContext);
  if (!ctx) throw new Error('useAppState outside AppStateProvider');
  return ctx;
}

/** The signed-in person's roles-based checks, from the shared matrix. */
export function useSessionUser() {
  return useAppState().status?.user ?? null;
}

import { Alert } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import type { DeskStatus } from '../../shared/contract/desks';
import { call } from '../api/client';
import { useT } from '../i18n';

type DeskState = { desk: DeskStatus | null; refreshDesk: () => Promise<void> };

const DeskContext = createContext<DeskState>({ desk: null, refreshDesk: async () => undefined });

/** How often a workstation asks its own main process whether the host answers (a local question, no network). */
const WORKSTATION_POLL_MS = 2_000;

/** This install's mode (单机 / 数据主机 / 工作站) and, on a workstation, whether the data host answers. */
export function DeskStateProvider({ children }: { children: ReactNode }) {
  const [desk, setDesk] = useState<DeskStatus | null>(null);
  const refreshDesk = useCallback(async () => {
    try {
      setDesk(await call('desks:status', null));
    } catch {
      // an older host without the channel: keep what we have
    }
  }, []);
  useEffect(() => {
    void refreshDesk();
  }, [refreshDesk]);
  useEffect(() => {
    if (desk?.mode !== 'workstation') return;
    const timer = setInterval(() => void refreshDesk(), WORKSTATION_POLL_MS);
    return () => clearInterval(timer);
  }, [desk?.mode, refreshDesk]);
  return <DeskContext.Provider value={{ desk, refreshDesk }}>{children}</DeskContext.Provider>;
}

export function useDeskState(): DeskState {
  return useContext(DeskContext);
}

/** The banner a workstation shows while its data host cannot be reached (requests are being retried). */
export function DeskBanner() {
  const t = useT();
  const { desk } = useDeskState();
  if (desk?.mode !== 'workstation' || !desk.enrolled) return null;
  if (desk.revoked) {
    return (
      <Alert color="red" variant="filled" radius={0} role="alert" className="no-print" style={{ position: 'fixed', bottom: 0, left: 0, right: 0, zIndex: 1000 }}>
        {t('desks.revoked')}
      </Alert>
    );
  }
  if (desk.hostReachable) return null;
  return (
    <Alert color="orange" variant="filled" radius={0} icon={<IconPlugConnectedX size={18} />} role="alert" className="no-print" style={{ position: 'fixed', bottom: 0, left: 0, right: 0, zIndex: 1000 }}>
      {t('desks.unreachable')}
    </Alert>
  );
}

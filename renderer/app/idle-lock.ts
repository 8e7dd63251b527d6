import { useEffect, useRef } from 'react';
import { call } from '../api/client';

const EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/** Locks the screen after `minutes` without keyboard or mouse activity. */
export function useIdleLock(minutes: number, active: boolean, onLocked: () => void): void {
  const last = useRef(Date.now());
  useEffect(() => {
    if (!active || minutes <= 0) return;
    const bump = () => {
      last.current = Date.now();
    };
    for (const e of EVENTS) window.addEventListener(e, bump, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current > minutes * 60_000) {
        last.current = Date.now();
        void call('auth:lock', null).finally(onLocked);
      }
    }, 5_000);
    return () => {
      for (const e of EVENTS) window.removeEventListener(e, bump);
      window.clearInterval(timer);
    };
  }, [minutes, active, onLocked]);
}

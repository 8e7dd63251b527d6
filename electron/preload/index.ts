import { contextBridge, ipcRenderer } from 'electron';
import type { TonghuApi } from '../../shared/contract';
import type { ChangeEvent } from '../../shared/contract/events';

/** Must match INVOKE_CHANNEL in electron/main/ipc.ts (the preload bundle stays free of main-process code). */
const INVOKE_CHANNEL = 'tonghu:invoke';
/** Must match CHANGE_CHANNEL in electron/main/ipc.ts. */
const CHANGE_CHANNEL = 'tonghu:change';

/** The renderer's only way out: one typed `invoke`, never the raw ipcRenderer. */
const api = {
  invoke: (channel, input) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, input),
  onChange: (listener) => {
    const handler = (_event: unknown, change: ChangeEvent) => listener(change);
    ipcRenderer.on(CHANGE_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(CHANGE_CHANNEL, handler);
  },
} satisfies TonghuApi;

contextBridge.exposeInMainWorld('api', api);

import { contextBridge, ipcRenderer } from 'electron';
import type { TonghuApi } from '../../shared/contract';

/** Must match INVOKE_CHANNEL in electron/main/ipc.ts (the preload bundle stays free of main-process code). */
const INVOKE_CHANNEL = 'tonghu:invoke';

/** The renderer's only way out: one typed `invoke`, never the raw ipcRenderer. */
const api = {
  invoke: (channel, input) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, input),
} satisfies TonghuApi;

contextBridge.exposeInMainWorld('api', api);

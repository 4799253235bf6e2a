/**
 * The preload exposes exactly two functions to the renderer — `invoke` and `subscribe` —
 * never `ipcRenderer` itself. It runs sandboxed with context isolation.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, type EventName, type PartnerbookBridge } from '../../src-shared/api';

const bridge: PartnerbookBridge = {
  invoke: (method, input, workspace) => ipcRenderer.invoke('pb:invoke', String(method), input, workspace ?? null),
  subscribe(event: EventName, listener) {
    if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event '${String(event)}'`);
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('pb:event', handler);
    return () => {
      ipcRenderer.removeListener('pb:event', handler);
    };
  },
};

contextBridge.exposeInMainWorld('partnerbook', bridge);

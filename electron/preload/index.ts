import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { AppEvent } from '../../shared/events';
import type { Result } from '../../shared/errors';
import { isMethodName } from '../../shared/methods';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/ipc-channels';

/**
 * The renderer's only door to the engine: calls for allow-listed methods and a subscription
 * to pushed events. ipcRenderer itself is never exposed (context-isolation guidance).
 */
contextBridge.exposeInMainWorld('sealdesk', {
  invoke(method: string, input: unknown): Promise<Result<unknown>> {
    if (!isMethodName(method)) {
      return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: `Unknown method ${String(method).slice(0, 100)}.` } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, method, input) as Promise<Result<unknown>>;
  },
  subscribe(listener: (event: AppEvent) => void): () => void {
    const handler = (_e: IpcRendererEvent, event: AppEvent): void => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.off(EVENT_CHANNEL, handler);
    };
  },
});

/**
 * The path of a file the user dropped on the window or picked in a file dialog, so it can be
 * imported. Takes only a File object the user handed over (webUtils checks that); it exposes
 * no file system access of any kind.
 */
contextBridge.exposeInMainWorld('sealdeskFiles', {
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
});

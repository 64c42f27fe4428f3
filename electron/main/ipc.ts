import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/ipc-channels';
import { dispatch } from '../engine/dispatch';
import type { Engine } from '../engine/engine';

/**
 * Binds the contract to IPC. Every call checks that it comes from our window's main frame
 * showing the app, then goes through the same dispatch as the CLI and the web bridge.
 */
export function bindIpc(engine: Engine, win: BrowserWindow, isAppUrl: (url: string) => boolean): () => void {
  const handler = async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<unknown> => {
    const frame = event.senderFrame;
    if (event.sender !== win.webContents || !frame || frame !== win.webContents.mainFrame || !isAppUrl(frame.url)) {
      return { ok: false, error: { code: 'unauthorized', message: 'Calls are accepted only from the Sealdesk window.' } };
    }
    return dispatch(engine, method, input);
  };
  ipcMain.handle(INVOKE_CHANNEL, handler);
  const off = engine.on((e) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, e);
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    off();
  };
}

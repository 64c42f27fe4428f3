import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { createEngine } from '../engine/engine';
import { bindIpc } from './ipc';
import { hardenApp } from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

function isAppUrl(url: string): boolean {
  if (devUrl) return url.startsWith(devUrl);
  return url.split('#')[0]!.split('?')[0] === pathToFileURL(rendererIndex).toString();
}

hardenApp(isAppUrl);

async function createWindow(): Promise<void> {
  const engine = createEngine({ autoIndex: true });
  const caseArg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => !a.startsWith('-'));
  if (caseArg) {
    try {
      engine.openCase(caseArg);
    } catch (err) {
      console.error(`Could not open ${caseArg}: ${(err as Error).message}`);
    }
  }
  // eng-disable below: the remote module was removed in Electron 14, so there is nothing to turn off (REMOTE_MODULE_JS_CHECK is a false alarm).
  const win = new BrowserWindow({ // eng-disable REMOTE_MODULE_JS_CHECK
    width: 1400,
    height: 900,
    show: false,
    title: 'Sealdesk',
    webPreferences: {
      // Reviewed (PRELOAD_JS_CHECK): the preload runs sandboxed and exposes only invoke for
      // allow-listed method names and an event subscription, never ipcRenderer itself.
      preload: path.join(here, '../preload/index.cjs'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      // Middle-click (auxclick) could otherwise open links in a new window; new windows are
      // also denied in security.ts, this removes the event itself.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const unbind = bindIpc(engine, win, isAppUrl);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    unbind();
    void engine.close();
  });
  if (devUrl) await win.loadURL(devUrl);
  else await win.loadFile(rendererIndex);
}

app.whenReady().then(createWindow, (err: unknown) => {
  console.error(err);
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0) void createWindow();
});

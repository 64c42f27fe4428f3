import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { ROOT } from './paths';
import { tmpDirPersistent } from './tmp';

const require = createRequire(import.meta.url);

/** Path of the installed Electron binary, or null (offline installs skip its download). */
export function electronBinary(): string | null {
  try {
    const p = require('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/** Warns once, in the test output, that a file of Electron tests is skipped and why. */
export function warnIfNoElectron(what: string): string | null {
  const binary = electronBinary();
  if (!binary) console.warn(`[e2e-electron] ${what} skipped: no Electron binary is installed (ELECTRON_SKIP_BINARY_DOWNLOAD or offline install).`);
  return binary;
}

/** Builds the app if needed and starts it on a fresh home folder; resolves with its first window. */
export async function launchBuiltApp(binary: string): Promise<{ app: ElectronApplication; page: Page }> {
  if (!existsSync(path.join(ROOT, 'out/main/index.js'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const app = await electron.launch({
    executablePath: binary,
    args: [path.join(ROOT, 'out/main/index.js')],
    env: { ...process.env, SEALDESK_HOME: tmpDirPersistent() },
  });
  return { app, page: await app.firstWindow() };
}

import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBuiltApp, warnIfNoElectron } from '../helpers/electron-binary';

const binary = warnIfNoElectron('security tests');

/** The desktop shell's hardening seen from the page: what hostile content could try. */
describe.skipIf(!binary)('desktop app security (Electron)', () => {
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    ({ app, page } = await launchBuiltApp(binary!));
    await page.getByTestId('empty-state').waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('renders the first screen from the packaged renderer under its CSP', async () => {
    expect(await page.getByTestId('empty-state').textContent()).toContain('No case is open');
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
    expect(csp).toContain("script-src 'self'");
    // Inline and eval'd script are refused by the policy.
    const evalBlocked = await page.evaluate(() => {
      try {
        return (0, eval)('1 + 1') !== 2;
      } catch {
        return true;
      }
    });
    expect(evalBlocked).toBe(true);
  });

  it('exposes only the two bridge functions and the dropped-file path helper, and nothing of Node or Electron', async () => {
    const surface = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        keys: Object.keys((w.sealdesk as object) ?? {}).sort(),
        files: Object.keys((w.sealdeskFiles as object) ?? {}).sort(),
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        ipcRenderer: typeof w.ipcRenderer,
        electron: typeof w.electron,
      };
    });
    expect(surface).toEqual({ keys: ['invoke', 'subscribe'], files: ['pathForFile'], require: 'undefined', process: 'undefined', module: 'undefined', ipcRenderer: 'undefined', electron: 'undefined' });
  });

  it('denies permission requests (geolocation, notifications, media)', async () => {
    const states = await page.evaluate(async () => {
      const q = async (name: string) => {
        try {
          return (await navigator.permissions.query({ name: name as PermissionName })).state;
        } catch {
          return 'unsupported';
        }
      };
      return [await q('geolocation'), await q('notifications'), await q('camera')];
    });
    for (const s of states) expect(['denied', 'unsupported']).toContain(s);
    const notif = await page.evaluate(() => Notification.requestPermission());
    expect(notif).toBe('denied');
  });

  it('opens no window for target=_blank links, and blocks navigation by form, meta refresh or location', async () => {
    const before = page.url();
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'https://example.com/';
      a.target = '_blank';
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
    await page.evaluate(() => window.open('file:///etc/passwd'));
    expect(app.windows()).toHaveLength(1);
    // Navigation attempts are refused by will-navigate: the page stays the app.
    await page.evaluate(() => {
      location.assign('file:///etc/passwd');
    });
    await expect.poll(() => page.evaluate(() => document.readyState)).toBe('complete');
    expect(page.url()).toBe(before);
    expect(await page.getByTestId('empty-state').count()).toBe(1);
  });
});

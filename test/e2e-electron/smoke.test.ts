import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBuiltApp, warnIfNoElectron } from '../helpers/electron-binary';

const binary = warnIfNoElectron('smoke tests');

describe.skipIf(!binary)('desktop app (Electron)', () => {
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    ({ app, page } = await launchBuiltApp(binary!));
    await page.waitForLoadState('domcontentloaded');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('boots the window with the API bridge and no Node in the page', async () => {
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
    expect(await page.evaluate(() => typeof (window as unknown as { sealdesk?: { invoke?: unknown } }).sealdesk?.invoke)).toBe('function');
    const info = await page.evaluate(() => (window as unknown as { sealdesk: { invoke(m: string, i: unknown): Promise<unknown> } }).sealdesk.invoke('app.info', {}));
    expect(info).toMatchObject({ ok: true });
  });

  it('denies new windows and navigation away from the app', async () => {
    await page.evaluate(() => window.open('https://example.com'));
    expect(app.windows()).toHaveLength(1);
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com';
    });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
  });

  it('refuses methods outside the allow-list', async () => {
    const res = await page.evaluate(() => (window as unknown as { sealdesk: { invoke(m: string, i: unknown): Promise<unknown> } }).sealdesk.invoke('fs.readFile', {}));
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

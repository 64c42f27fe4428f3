import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { collectPageErrors, hasChromium, launchBrowser } from '../helpers/browser';
import { data, ROOT } from '../helpers/paths';
import { listReadyFor } from './web-session';

const STATIC_DIR = path.join(ROOT, 'renderer/dist');
const SCREENS = path.join(ROOT, 'test-results/screens');
const SSH_LOG = data('loghub/OpenSSH/OpenSSH_2k.log');

/**
 * The first screen, driven like a user would in Chromium through the local web bridge:
 * create a case, import a real log by path, search it, open an event, mistype a query.
 * The steps share one page and run in order.
 */
describe.skipIf(!hasChromium())('first screen (web bridge, Chromium)', () => {
  let tmp: string;
  let engine: Engine;
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  // The window as a user sees it; long result lists would make full-page shots unreadable.
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENS, `${name}.png`) });

  beforeAll(async () => {
    if (!existsSync(path.join(STATIC_DIR, 'index.html'))) {
      throw new Error('renderer/dist is missing: run "npm run build:renderer" before the e2e tests.');
    }
    mkdirSync(SCREENS, { recursive: true });
    tmp = mkdtempSync(path.join(os.tmpdir(), 'sealdesk-e2e-'));
    engine = createEngine({ home: path.join(tmp, 'home') });
    bridge = await startBridge({ engine, port: 0, staticDir: STATIC_DIR });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(30_000);
    pageErrors = collectPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await engine?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('opens on an empty state that says what to do, and hides the token', async () => {
    await page.goto(bridge.url);
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('No case is open');
    await expect.poll(() => new URL(page.url()).searchParams.has('token')).toBe(false);
    await shot('01-empty-state');
  });

  it('creates a case from the form', async () => {
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Create case' }) });
    await form.getByLabel('New case folder').fill(path.join(tmp, 'case'));
    await form.getByLabel('Name').fill('E2E case');
    await form.getByRole('button', { name: 'Create' }).click();
    const summary = page.getByTestId('case-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('E2E case');
  });

  it('imports a real log file by path and shows its receipt', async () => {
    await page.getByLabel('Files or folders, one per line').fill(SSH_LOG);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const receipt = page.getByTestId('import-receipt');
    await receipt.waitFor({ timeout: 60_000 });
    const row = receipt.getByTestId('receipt-file').first();
    expect(await row.textContent()).toContain('OpenSSH_2k.log');
    expect(await receipt.textContent()).toMatch(/Import complete/);
    // The case bar follows the import (job.finished / case.changed events over SSE).
    await expect.poll(async () => Number((await page.getByTestId('case-events').textContent())?.replace(/,/g, ''))).toBeGreaterThan(0);
    await shot('02-import-receipt');
  });

  it('searches for a phrase and lists matching events', async () => {
    const input = page.getByTestId('search-input');
    await input.fill('"Failed password"');
    await input.press('Enter');
    await listReadyFor(page, '"Failed password"');
    await page.getByTestId('event-row').first().waitFor();
    const total = Number((await page.getByTestId('search-total').textContent())?.replace(/,/g, ''));
    expect(total).toBeGreaterThan(0);
    const rows = page.getByTestId('event-row');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.first().textContent()).toContain('Failed password');
    await shot('03-search-results');
  });

  it('opens an event and shows its original line from the evidence', async () => {
    await page.getByTestId('event-row').first().click();
    const detail = page.getByTestId('event-detail');
    const raw = detail.getByTestId('event-raw');
    await raw.waitFor();
    const text = (await raw.textContent()) ?? '';
    expect(text).toContain('Failed password');
    // The raw text is the event's exact bytes: one whole line of the file with its CRLF.
    const lines = readFileSync(SSH_LOG, 'utf8').split(/(?<=\n)/);
    expect(lines).toContain(text);
    expect(await detail.textContent()).toContain('OpenSSH_2k.log');
    await shot('04-event-detail');
  });

  it('marks the offending part of a broken query', async () => {
    const input = page.getByTestId('search-input');
    await input.fill('(foo');
    await input.press('Enter');
    const err = page.getByTestId('query-error');
    await err.waitFor();
    expect((await err.textContent())?.length).toBeGreaterThan(0);
    await err.getByTestId('query-error-mark').waitFor();
    await shot('05-query-syntax-error');
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { collectPageErrors, launchBrowser } from '../helpers/browser';
import { ROOT } from '../helpers/paths';

export const STATIC_DIR = path.join(ROOT, 'renderer/dist');
/** Screenshots of the main screens, kept as test artifacts (test-results/ is gitignored). */
export const SCREENS = path.join(ROOT, 'test-results/screens');

/**
 * One engine, its web bridge and a Chromium page, the way `sealdesk web` runs. `restart`
 * stops engine and bridge and starts fresh ones on the same port, so the page's origin
 * (and the UI preferences kept for it, like recent cases) survives, as after a relaunch.
 */
export class WebSession {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'sealdesk-e2e-'));
  engine!: Engine;
  bridge!: Bridge;
  browser!: Browser;
  context!: BrowserContext;
  page!: Page;
  errors: string[] = [];

  /** `autoIndex`: keep the semantic index current after imports, as the app does. */
  constructor(private readonly opts: { autoIndex?: boolean } = {}) {}

  async start(colorScheme: 'light' | 'dark' = 'light'): Promise<this> {
    if (!existsSync(path.join(STATIC_DIR, 'index.html'))) {
      throw new Error('renderer/dist is missing: run "npm run build:renderer" before the e2e tests.');
    }
    mkdirSync(SCREENS, { recursive: true });
    await this.startEngine();
    this.browser = await launchBrowser();
    this.context = await this.browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme });
    this.page = await this.context.newPage();
    this.page.setDefaultTimeout(30_000);
    this.errors = collectPageErrors(this.page);
    return this;
  }

  private async startEngine(port = 0): Promise<void> {
    this.engine = createEngine({ home: path.join(this.tmp, 'home'), autoIndex: this.opts.autoIndex ?? false });
    this.bridge = await startBridge({ engine: this.engine, port, staticDir: STATIC_DIR });
  }

  async restart(): Promise<void> {
    const port = this.bridge.port;
    await this.bridge.close();
    await this.engine.close();
    await this.startEngine(port);
  }

  shot(name: string): Promise<Buffer> {
    return this.page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.bridge?.close();
    await this.engine?.close();
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

/** The number a `data-testid` element shows ("1,234" -> 1234); NaN while it shows "…". */
export async function numberIn(page: Page, testId: string): Promise<number> {
  return Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/,/g, ''));
}

/** Waits until the event list answered for exactly this query (and optional range). */
export async function listReadyFor(page: Page, query: string): Promise<void> {
  const css = query.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  await page.locator(`[data-testid="search-summary"][data-ready="true"][data-query="${css}"]`).waitFor();
}

/**
 * On the first screen (already loaded): create a case (folder, optional name), import the given paths through
 * the import panel and wait for the receipt, as an analyst would.
 */
export async function createCaseAndImport(page: Page, caseDir: string, paths: string[], name?: string): Promise<void> {
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Create case' }) });
  await form.getByLabel('New case folder').fill(caseDir);
  if (name) await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Create' }).click();
  await page.getByLabel('Files or folders, one per line').fill(paths.join('\n'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('import-receipt').waitFor({ timeout: 60_000 });
}

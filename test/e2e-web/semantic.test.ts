import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/browser';
import { data } from '../helpers/paths';
import { createCaseAndImport, listReadyFor, numberIn, WebSession } from './web-session';

const GUESSING = /Failed password|authenticat|Invalid user|invalid user|check pass/i;

/**
 * Semantic search in the UI through the web bridge: the app indexes after the import by
 * itself, the mode selector ranks events by meaning with the reason shown on each row, and
 * "Find similar" lists the events nearest to the one selected.
 */
describe.skipIf(!hasChromium())('semantic search (web bridge, Chromium)', () => {
  const s = new WebSession({ autoIndex: true });
  let page: Page;

  beforeAll(async () => {
    await s.start('light');
    page = s.page;
  });
  afterAll(async () => {
    await s.stop();
  });

  const messages = async (n: number): Promise<string[]> => {
    const rows = page.locator('.event-row:not(.placeholder)');
    await rows.first().waitFor();
    return (await rows.evaluateAll((els) => els.map((e) => e.textContent ?? ''))).slice(0, n);
  };

  it('indexes the import by itself and ranks events by meaning, saying why each matched', async () => {
    await page.goto(s.bridge.url);
    await createCaseAndImport(page, path.join(s.tmp, 'ssh-case'), [data('loghub/OpenSSH/OpenSSH_2k.log')]);
    await page.locator('.import-panel').getByRole('button', { name: 'Close' }).click();

    await page.getByTestId('search-mode').selectOption('semantic');
    await page.locator('[data-testid="semantic-index"][data-complete="true"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('semantic-index').textContent()).toMatch(/2,000 of 2,000 events, model sealdesk-glove-100d/);

    await page.getByTestId('search-input').fill('someone guessing passwords');
    await page.getByTestId('search-input').press('Enter');
    await listReadyFor(page, 'someone guessing passwords');
    expect(await numberIn(page, 'search-total')).toBeGreaterThan(10);
    expect(await page.getByTestId('search-summary').textContent()).toContain('most relevant first');
    const top = await messages(10);
    expect(top.filter((m) => GUESSING.test(m)).length).toBeGreaterThanOrEqual(8);
    // The match column leads each row with the similarity.
    const firstMatch = await page.locator('.event-row:not(.placeholder) [role="gridcell"]').first().textContent();
    expect(Number(firstMatch)).toBeGreaterThan(0.3);
    await s.shot('semantic-search');
  });

  it('lists the events similar to a selected one, and goes back to the search', async () => {
    await page.locator('.event-row:not(.placeholder)').first().click();
    await page.getByTestId('find-similar').click();
    await page.getByTestId('similar-clear').waitFor();
    const summary = page.getByTestId('search-summary');
    await page.locator('[data-testid="search-summary"][data-ready="true"]').waitFor();
    expect(await summary.textContent()).toMatch(/similar to event #\d+/);
    const similar = await messages(10);
    expect(similar.filter((m) => GUESSING.test(m)).length).toBeGreaterThanOrEqual(8);
    await page.getByTestId('similar-clear').click();
    await listReadyFor(page, 'someone guessing passwords');
    expect(await summary.textContent()).not.toMatch(/similar to/);
    expect(s.errors).toEqual([]);
  });
});

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium } from '../helpers/browser';
import { data } from '../helpers/paths';
import { createCaseAndImport, listReadyFor, numberIn, WebSession } from './web-session';

const SSH_LOG = data('loghub/OpenSSH/OpenSSH_2k.log');

/**
 * Log templates in the workstation, in Chromium through the web bridge: the templates list
 * (most common and rarest first), a template's events in the list, "Same template" from an
 * event's details, and timeline lanes per template. Template text from hostile logs is text.
 */
describe.skipIf(!hasChromium())('log templates (web bridge, Chromium)', () => {
  const s = new WebSession();
  let page: Page;

  beforeAll(async () => {
    await s.start('light');
    page = s.page;
  });
  afterAll(async () => {
    await s.stop();
  });

  const rows = () => page.getByTestId('templates-panel').getByTestId('template-row');

  it('lists the templates of the imported logs, most common first, and shows a template’s events', async () => {
    const hostile = path.join(s.tmp, 'app.log');
    writeFileSync(hostile, 'Mar  1 10:00:00 web-01 app: <img src=x onerror="window.__pwned=1"> login denied for <b>mallory</b>\n');
    await page.goto(s.bridge.url);
    await createCaseAndImport(page, path.join(s.tmp, 'tpl-case'), [SSH_LOG, hostile], 'SSH server');
    await listReadyFor(page, '');
    await expect.poll(() => numberIn(page, 'search-total')).toBe(2001);
    await page.locator('.import-panel').getByRole('button', { name: 'Close' }).click();

    await page.getByTestId('side-templates').click();
    await rows().first().waitFor();
    expect(await page.getByTestId('templates-summary').textContent()).toMatch(/^\d+ templates over 2,001 events · click/);
    const counts = (await rows().locator('.stat-count').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
    expect(counts.length).toBeGreaterThan(5);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    await s.shot('60-templates-common');

    const top = rows().first();
    const id = (await top.getAttribute('data-template-id'))!;
    await top.click();
    await listReadyFor(page, `template:${id}`);
    expect(await numberIn(page, 'search-total')).toBe(counts[0]);
  });

  it('shows the rarest first, hostile text as text', async () => {
    await page.getByTestId('templates-rare').click();
    await page.locator('[data-testid="templates-panel"] ul[data-order="rare"]').waitFor();
    const counts = (await rows().locator('.stat-count').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
    expect(counts[0]).toBe(1);
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
    const hostile = rows().filter({ hasText: 'onerror' });
    expect(await hostile.locator('.stat-value').textContent()).toContain('<img src=x onerror=');
    expect(await page.locator('.templates img, .templates b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await s.shot('61-templates-rare');
  });

  it('goes from an event to the events of the same template', async () => {
    await page.getByTestId('search-input').fill('"Failed password for invalid user"');
    await page.getByTestId('search-input').press('Enter');
    await listReadyFor(page, '"Failed password for invalid user"');
    await page.getByTestId('event-row').first().click();
    const template = page.getByTestId('event-template');
    await template.waitFor();
    expect(await template.textContent()).toBe('Failed password for invalid user <*> from <*> port <*> <*>');
    const id = await template.getAttribute('data-template-id');
    const same = page.getByTestId('same-template');
    const n = Number(/\(([\d,]+)\)/.exec((await same.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
    await same.click();
    await listReadyFor(page, `template:${id}`);
    expect(await numberIn(page, 'search-total')).toBe(n);
    await s.shot('62-same-template');
  });

  it('shows the templates of the current search, counted among its events', async () => {
    await page.getByTestId('search-input').fill('"invalid user"');
    await page.getByTestId('search-input').press('Enter');
    await listReadyFor(page, '"invalid user"');
    const total = await numberIn(page, 'search-total');
    await page.getByTestId('side-templates').click();
    await page.getByTestId('templates-scoped').check();
    await page.locator('[data-testid="templates-summary"][data-scope="search"]').waitFor();
    const counts = (await rows().locator('.stat-count').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
    for (const t of await rows().locator('.stat-value').allTextContents()) expect(t.toLowerCase()).toContain('invalid user');
    // A template of the search narrows the search to it.
    const id = await rows().first().getAttribute('data-template-id');
    await rows().first().click();
    await listReadyFor(page, `"invalid user" AND template:${id}`);
    expect(await numberIn(page, 'search-total')).toBe(counts[0]);
    await s.shot('64-templates-of-search');
    await page.getByTestId('templates-scoped').uncheck();
  });

  it('draws one timeline lane per common template', async () => {
    await page.getByLabel('Swimlanes').selectOption('template');
    const lanes = page.locator('[data-testid="timeline"] g.lane');
    await expect.poll(() => lanes.count()).toBe(6);
    expect(await lanes.first().locator('text.lane-label').textContent()).toMatch(/^#\d+ /);
    await s.shot('63-template-lanes');
  });
});

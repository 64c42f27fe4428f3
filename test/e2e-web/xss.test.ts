import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/browser';
import { createCaseAndImport, listReadyFor, numberIn, WebSession } from './web-session';

/** Markup and script in every shape a log field could carry; each would set window.__pwned. */
const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '<svg onload="window.__pwned=3"><circle r=1 /></svg>',
  '"><iframe src="javascript:window.__pwned=4"></iframe>',
  'javascript:window.__pwned=5',
  '<a href="javascript:window.__pwned=6">click me</a>',
  '<style>body{display:none}</style><link rel=stylesheet href="http://198.51.100.7/x.css">',
  '[md link](javascript:window.__pwned=7) ![md img](http://198.51.100.7/p.png)',
  '{{constructor.constructor("window.__pwned=8")()}}',
  '\u202etxt.exe <b onmouseover="window.__pwned=9">bold</b>',
];

function corpus(): string {
  return PAYLOADS.map((p, i) =>
    JSON.stringify({
      '@timestamp': `2026-03-0${1 + (i % 3)}T10:0${i}:00Z`,
      message: p,
      host: { name: i === 0 ? 'evil"host\\<x>' : `h${i}<b>` },
      user: { name: p.slice(0, 40) },
      event: { action: `act<i>${i}</i>` },
      url: { path: p },
      [`k<img src=x onerror="window.__pwned=10">${i}`]: p,
      nested: { html: `<div onclick="window.__pwned=11">${i}</div>` },
    }),
  ).join('\n');
}

async function dangerousNodes(page: Page): Promise<number> {
  return page.evaluate(
    () => document.querySelectorAll('#root script, #root iframe, #root img, #root link, #root style, #root a[href^="javascript"], #root [onerror], #root [onload], #root [onclick], #root [onmouseover]').length,
  );
}

/**
 * Hostile event fields imported from a file are shown as inert text everywhere the UI puts
 * them (list, detail, stats, context), as are tags, notes and the notebook: no script runs,
 * no element is created from them, and no request leaves for another host.
 */
describe.skipIf(!hasChromium())('XSS corpus (web bridge, Chromium)', () => {
  const s = new WebSession();
  let page: Page;
  const foreign: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    await s.start('dark');
    page = s.page;
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(s.bridge.origin)) foreign.push(r.url());
    });
  });
  afterAll(async () => {
    await s.stop();
  });

  it('imports the corpus and lists the payloads as text', async () => {
    const file = path.join(s.tmp, 'hostile.jsonl');
    writeFileSync(file, corpus());
    await page.goto(s.bridge.url);
    await createCaseAndImport(page, path.join(s.tmp, 'xss-case'), [file]);
    await listReadyFor(page, '');
    await expect.poll(() => numberIn(page, 'search-total')).toBe(PAYLOADS.length);
    await page.getByTestId('event-row').nth(PAYLOADS.length - 1).waitFor();
    const text = (await page.getByTestId('event-row').allTextContents()).join('\n');
    expect(text).toContain('<script>window.__pwned=1</script>');
    expect(text).toContain('<img src=x onerror="window.__pwned=2">');
    await s.shot('20-xss-list');
  });

  it('shows every field of every hostile event inert in the detail, with its context', async () => {
    const rows = page.getByTestId('event-row');
    for (let i = 0; i < PAYLOADS.length; i++) {
      await rows.nth(i).click();
      const raw = page.getByTestId('event-raw');
      await raw.waitFor();
      const id = await rows.nth(i).getAttribute('data-event-id');
      await page.getByTestId('event-detail').locator('#detail-title', { hasText: `Event #${id}` }).waitFor();
      expect(await raw.textContent()).toContain('window.__pwned');
    }
    const detail = page.getByTestId('event-detail');
    expect(await detail.textContent()).toContain('onerror="window.__pwned=10"');
    await detail.getByTestId('show-context').click();
    await detail.getByTestId('event-context').locator('li.current').waitFor();
    expect(await dangerousNodes(page)).toBe(0);
    await s.shot('21-xss-detail');
  });

  it('filters on a value full of quotes and markup from the stats without breaking the query', async () => {
    await page.getByTestId('stats-host').getByRole('button', { name: /evil"host/ }).click();
    await listReadyFor(page, 'host:"evil\\"host\\\\<x>"');
    expect(await numberIn(page, 'search-total')).toBe(1);
    expect(await page.getByTestId('query-error').count()).toBe(0);
  });

  it('keeps hostile tags, notes and notebook text inert', async () => {
    await page.getByTestId('event-row').first().click();
    const detail = page.getByTestId('event-detail');
    await detail.getByTestId('tag-input').fill('<img src=x onerror=window.__pwned=12>');
    await detail.getByTestId('tag-input').press('Enter');
    await detail.getByTestId('tag-chip').first().waitFor();
    await detail.getByTestId('note-input').fill(PAYLOADS.join('\n'));
    await detail.getByRole('button', { name: 'Add note' }).click();
    await detail.getByTestId('notes').getByText('window.__pwned=1', { exact: false }).first().waitFor();
    await page.getByTestId('notebook-tab').click();
    const nb = page.getByTestId('notebook');
    await nb.getByTestId('notebook-input').fill(
      `${PAYLOADS.join('\n\n')}\n\n<https://198.51.100.7/auto>\n\n[data](data:text/html,<script>alert(1)</script>)\n\n[vb](vbscript:msgbox)`,
    );
    await nb.getByTestId('notebook-save').click();
    await nb.getByTestId('notebook-status').getByText(/Saved/).waitFor();
    await nb.getByTestId('notebook-rendered').waitFor();
    expect(await nb.locator('a, img, script, iframe, style, link, svg, b').count()).toBe(0);
    expect(await nb.textContent()).toContain('md link');
    expect(await dangerousNodes(page)).toBe(0);
    await s.shot('22-xss-notebook');
  });

  it('ran no script, opened no dialog and sent no request to another host', async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(foreign).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});

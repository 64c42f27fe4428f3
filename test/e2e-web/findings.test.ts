import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium } from '../helpers/browser';
import { data } from '../helpers/paths';
import { createCaseAndImport, listReadyFor, numberIn, WebSession } from './web-session';

const SSH_LOG = data('loghub/OpenSSH/OpenSSH_2k.log');
const GUESSING = 'SSH password guessing from one address';

/**
 * Detection and findings end to end in Chromium through the web bridge: import a real sshd
 * log, run the bundled Sigma rules from the Findings panel, filter by severity, record a
 * verdict with a note, find it again after a reload, and jump to the finding's events.
 */
describe.skipIf(!hasChromium())('findings (web bridge, Chromium)', () => {
  const s = new WebSession();
  let page: Page;
  let findingId = '';

  beforeAll(async () => {
    await s.start('light');
    page = s.page;
  });
  afterAll(async () => {
    await s.stop();
  });

  const finding = () => page.locator(`[data-testid="finding"][data-finding-id="${findingId}"]`);

  it('imports the OpenSSH log and runs detection: password guessing is found', async () => {
    await page.goto(s.bridge.url);
    await createCaseAndImport(page, path.join(s.tmp, 'ssh-case'), [SSH_LOG], 'SSH server');
    await listReadyFor(page, '');
    await expect.poll(() => numberIn(page, 'search-total')).toBe(2000);
    await page.locator('.import-panel').getByRole('button', { name: 'Close' }).click();

    await page.getByTestId('findings-tab').click();
    const panel = page.getByTestId('findings');
    await panel.getByTestId('findings-empty').waitFor();
    await panel.getByTestId('detect-run').click();
    const summary = panel.getByTestId('detect-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toMatch(/Detection finished: \d+ rules over 2,000 events/);
    const guessing = panel.getByTestId('finding').filter({ has: page.getByTestId('finding-title').getByText(GUESSING, { exact: true }) });
    await guessing.first().waitFor();
    expect(await guessing.count()).toBeGreaterThan(0);
    const first = guessing.first();
    findingId = (await first.getAttribute('data-finding-id'))!;
    expect(await first.getAttribute('data-severity')).toBe('high');
    expect(await first.getAttribute('data-status')).toBe('open');
    const text = (await first.textContent()) ?? '';
    expect(text).toContain('51889f4c-9d3a-46c9-b346-1ae9733661f9');
    expect(text).toMatch(/\d+ events · 2025-\d\d-\d\d \S+ → 2025-/);
    expect(text).toContain('Remediation:');
    await s.shot('50-findings');
  });

  it('filters by severity', async () => {
    const panel = page.getByTestId('findings');
    const all = await panel.getByTestId('finding').count();
    await panel.getByTestId('findings-severity').selectOption('high');
    await expect.poll(async () => (await panel.getByTestId('finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')))).every((x) => x === 'high')).toBe(true);
    await finding().waitFor();
    await panel.getByTestId('findings-severity').selectOption('low');
    await panel.getByTestId('findings-empty').getByText('No low findings.').waitFor();
    await panel.getByTestId('findings-severity').selectOption('');
    await expect.poll(() => panel.getByTestId('finding').count()).toBe(all);
  });

  it('marks a finding as a false positive with a note; the verdict survives a reload', async () => {
    await finding().getByTestId('finding-status-select').selectOption('false_positive');
    await finding().getByTestId('finding-note-input').fill('Known scanner of the lab, allowed by the client.');
    await finding().getByTestId('finding-save').click();
    await page.locator(`[data-testid="finding"][data-finding-id="${findingId}"][data-status="false_positive"]`).waitFor();
    expect(await finding().getByTestId('finding-note').textContent()).toContain('Known scanner of the lab');
    expect(await finding().getByTestId('finding-status').textContent()).toBe('False positive');
    await s.shot('51-finding-false-positive');

    await page.reload();
    await page.getByTestId('case-summary').getByText('SSH server').waitFor();
    await page.getByTestId('findings-tab').click();
    await page.locator(`[data-testid="finding"][data-finding-id="${findingId}"][data-status="false_positive"]`).waitFor();
    expect(await finding().getByTestId('finding-note').textContent()).toContain('Known scanner of the lab');
  });

  it('shows the finding’s events in the list', async () => {
    const events = Number(/^(\d+) events/.exec((await finding().locator('.finding-meta').textContent()) ?? '')?.[1]);
    expect(events).toBeGreaterThan(10);
    await finding().getByTestId('finding-show-events').click();
    await page.locator('[data-testid="search-summary"][data-ready="true"][data-query^="id:"]').waitFor();
    expect(await numberIn(page, 'search-total')).toBe(events);
    const rows = page.getByTestId('event-row');
    await rows.first().waitFor();
    for (const t of (await rows.allTextContents()).slice(0, 10)) expect(t).toContain('Failed password for');
    await s.shot('52-finding-events');
  });

  it('runs a rule from a folder the analyst names; its hostile text is shown as text', async () => {
    const rules = path.join(s.tmp, 'my-rules');
    mkdirSync(rules);
    writeFileSync(
      path.join(rules, 'hostile.yml'),
      [
        'title: <img src=x onerror="window.__pwned=1">Reverse DNS mismatch',
        'id: 0f7c1a52-7a51-4c77-9d3e-2b9d0e6f7a11',
        'description: <script>window.__pwned=2</script> sshd could not confirm the client name.',
        'logsource:',
        '  product: linux',
        '  service: sshd',
        'detection:',
        '  selection:',
        "    message|contains: 'reverse mapping checking'",
        '  condition: selection',
        'level: low',
        '',
      ].join('\n'),
    );
    const panel = page.getByTestId('findings');
    await panel.getByLabel(/^Extra rules folder/).fill(rules);
    await panel.getByTestId('detect-run').click();
    await panel.getByTestId('detect-summary').waitFor({ timeout: 60_000 });
    const hostile = panel.locator('[data-testid="finding"][data-severity="low"]');
    await hostile.first().waitFor();
    expect(await hostile.first().getByTestId('finding-title').textContent()).toBe('<img src=x onerror="window.__pwned=1">Reverse DNS mismatch');
    expect(await hostile.first().textContent()).toContain('<script>window.__pwned=2</script>');
    expect(await panel.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await hostile.first().scrollIntoViewIfNeeded();
    await s.shot('53-finding-hostile-rule');
  });

  it('ran without page errors or CSP violations', () => {
    expect(s.errors).toEqual([]);
  });
});

import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium } from '../helpers/browser';
import { makeIdentity, TEST_PASSPHRASE } from '../helpers/identity';
import { data } from '../helpers/paths';
import { readBundle, writeBundle } from '../integration/seal/bundle-files';
import { createCaseAndImport, listReadyFor, numberIn, WebSession } from './web-session';

const SSH_LOG = data('loghub/OpenSSH/OpenSSH_2k.log');

/**
 * Sealed export and verification end to end in Chromium through the web bridge: import a
 * real log, star an event, export it masked and signed from the Export dialog, verify the
 * case and the bundle (intact, signed by the analyst's own key), then a tampered copy.
 */
describe.skipIf(!hasChromium())('export and verification (web bridge, Chromium)', () => {
  const s = new WebSession();
  let page: Page;
  let caseDir: string;
  let bundle = '';
  let identityName = '';

  beforeAll(async () => {
    // The engine's SEALDESK_HOME is <tmp>/home: the analyst's identity lives there.
    identityName = makeIdentity(path.join(s.tmp, 'home'), 'Ana Auditor').name;
    await s.start('light');
    page = s.page;
    caseDir = path.join(s.tmp, 'acme');
  });
  afterAll(async () => {
    await s.stop();
  });

  it('imports a log and stars an event', async () => {
    await page.goto(s.bridge.url);
    await createCaseAndImport(page, caseDir, [SSH_LOG], 'ACME breach');
    await listReadyFor(page, '');
    await expect.poll(() => numberIn(page, 'search-total')).toBe(2000);
    const input = page.getByTestId('search-input');
    await input.fill('"Failed password"');
    await input.press('Enter');
    await listReadyFor(page, '"Failed password"');
    await page.getByTestId('event-row').first().click();
    await page.getByTestId('star-button').click();
    await page.locator('[data-testid="star-button"][aria-pressed="true"]').waitFor();
  });

  it('exports the starred event, masked and signed, and shows the files with their SHA-256', async () => {
    await page.getByTestId('export-open').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    // Prefilled with the current search, the suggested path under the case's exports folder, and the signer.
    expect(await dialog.getByLabel('Search query (empty: every event)').inputValue()).toBe('"Failed password"');
    const out = dialog.getByLabel(/^Save as/);
    expect(await out.inputValue()).toMatch(new RegExp(`^${caseDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/exports/acme-breach-\\d{4}-\\d{2}-\\d{2}\\.sdx\\.zip$`));
    bundle = await out.inputValue();
    await dialog.getByTestId('signer').getByText(identityName).waitFor();
    await dialog.getByLabel('Starred events only').check();
    await dialog.getByLabel('On', { exact: true }).check();
    await dialog.getByLabel('Mode for IPv4 addresses').selectOption('partial');
    await dialog.getByLabel('Mask field user').selectOption('redact');
    const pass = dialog.getByLabel('Passphrase of your signing key');
    await pass.fill(TEST_PASSPHRASE);
    await s.shot('40-export-dialog');
    await dialog.getByTestId('export-start').click();
    // The passphrase is not kept in the form once used.
    expect(await pass.inputValue()).toBe('');
    const result = dialog.getByTestId('export-result');
    await result.waitFor({ timeout: 60_000 });
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('1 event');
    expect(text).toContain('masked');
    expect(text).toContain(bundle);
    const files = await result.getByTestId('export-files').locator('tbody tr').allTextContents();
    expect(files.join('\n')).toMatch(/report\.pdf[0-9a-f]{64}/);
    expect(files.join('\n')).toMatch(/events\.jsonl[0-9a-f]{64}/);
    await s.shot('41-export-result');

    // The masking reached the bundle: no whole IPv4 address, the partial form instead, users redacted.
    expect(existsSync(bundle)).toBe(true);
    const members = await readBundle(bundle);
    const jsonl = members.get('events.jsonl')!.toString('utf8');
    expect(jsonl.trim().split('\n')).toHaveLength(1);
    expect(jsonl).not.toMatch(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/);
    expect(jsonl).toMatch(/\d+\.\d+\.x\.x/);
    expect(jsonl).toContain('[USER]');
  });

  it('shows the engine error as given when the bundle already exists', async () => {
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByLabel('Passphrase of your signing key').fill(TEST_PASSPHRASE);
    await dialog.getByTestId('export-start').click();
    const err = dialog.getByTestId('export-error');
    await err.waitFor();
    expect(await err.textContent()).toContain('already exists');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('verifies the case: INTACT, sealed by the analyst’s own key', async () => {
    await page.locator('.import-panel').getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('verify-open').click();
    await page.getByTestId('verify-button').click();
    const result = page.getByTestId('verify-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await result.getByTestId('verify-verdict').textContent()).toBe('INTACT');
    expect(await result.getByTestId('verify-trust').getAttribute('data-trust')).toBe('self');
    expect(await result.getByTestId('verify-signer').textContent()).toContain(identityName);
    expect(await result.getByTestId('verify-problems').count()).toBe(0);
    // The custody log lists the actions in order, the export and this verification included.
    const log = page.getByTestId('custody-log');
    await log.getByTestId('custody-entry').filter({ hasText: 'case.verify' }).first().waitFor();
    const actions = await log.locator('[data-testid="custody-entry"] td:nth-child(4)').allTextContents();
    expect(actions[0]).toBe('case.create');
    expect(actions).toEqual(expect.arrayContaining(['evidence.receive', 'import.finish', 'event.star', 'export', 'export.finish', 'case.verify']));
    expect(actions.indexOf('export')).toBeLessThan(actions.indexOf('case.verify'));
  });

  it('verifies the bundle by path: intact and signed by the analyst’s own key', async () => {
    const panel = page.getByTestId('verify-panel');
    await panel.getByLabel('Bundle file (.zip)').fill(bundle);
    await panel.getByTestId('bundle-verify-button').click();
    const result = panel.getByTestId('bundle-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await result.getAttribute('data-trust')).toBe('self');
    expect(await result.getByTestId('bundle-verdict').textContent()).toBe('INTACT');
    expect(await result.getByTestId('bundle-signer').textContent()).toContain(identityName);
    expect(await result.getByTestId('bundle-checked').textContent()).toMatch(/\d+ files, \d+ ledger entries, 1 event,/);
    await s.shot('42-verify-intact');
  });

  it('names the problem in a tampered copy of the bundle', async () => {
    const files = await readBundle(bundle);
    const csv = files.get('events.csv')!.toString('utf8');
    // A different events.csv under the same name: one row's text changed.
    files.set('events.csv', Buffer.from(csv.replace('Failed password', 'Accepted password')));
    const tampered = writeBundle(path.join(s.tmp, 'tampered.sdx.zip'), files);
    const panel = page.getByTestId('verify-panel');
    await panel.getByLabel('Bundle file (.zip)').fill(tampered);
    await panel.getByTestId('bundle-verify-button').click();
    const result = panel.locator('[data-testid="bundle-result"][data-ok="false"]');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getByTestId('bundle-verdict').textContent()).toBe('FAILED');
    const problems = await result.getByTestId('bundle-problems').locator('li').allTextContents();
    expect(problems.some((p) => p.includes('events.csv'))).toBe(true);
    await s.shot('43-verify-tampered');
  });

  it('says to type the path when a bundle is dropped in web mode', async () => {
    const dt = await page.evaluateHandle(() => {
      const d = new DataTransfer();
      d.items.add(new File(['PK'], 'from-bob.sdx.zip', { type: 'application/zip' }));
      return d;
    });
    const zone = page.getByTestId('bundle-drop');
    await zone.dispatchEvent('dragover', { dataTransfer: dt });
    await zone.dispatchEvent('drop', { dataTransfer: dt });
    const hint = page.getByTestId('bundle-path-hint');
    await hint.waitFor();
    expect(await hint.textContent()).toContain('from-bob.sdx.zip');
    // The workspace did not take the drop for an import.
    expect(await page.getByTestId('path-hint').count()).toBe(0);
    expect(await page.locator('.drop-overlay').count()).toBe(0);
  });

  it('ran without page errors or CSP violations', () => {
    expect(s.errors).toEqual([]);
  });
});

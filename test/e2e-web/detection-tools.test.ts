import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/browser';
import { data } from '../helpers/paths';
import { createCaseAndImport, WebSession } from './web-session';

/**
 * The Findings panel's tools besides Sigma: a CEL rule written and checked as it is typed
 * (the error at its line and column), saved and run; anomaly scoring; and an isolation policy
 * audit with its verdict and history.
 */
describe.skipIf(!hasChromium())('CEL rules, anomalies and policies in the UI (web bridge, Chromium)', () => {
  const s = new WebSession();
  let page: Page;

  beforeAll(async () => {
    await s.start('light');
    page = s.page;
    await page.goto(s.bridge.url);
    await createCaseAndImport(page, path.join(s.tmp, 'ssh-case'), [data('loghub/OpenSSH/OpenSSH_2k.log')]);
    await page.locator('.import-panel').getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('findings-tab').click();
  });
  afterAll(async () => {
    await s.stop();
  });

  it('checks a CEL rule as it is typed and saves it once it compiles', async () => {
    const panel = page.getByTestId('cel-rules');
    await panel.locator('summary').click();
    await panel.getByLabel('Rule name').fill('root failures');
    const expr = page.getByTestId('cel-expression');
    await expr.fill('user == "root" &&');
    await expect.poll(async () => (await page.getByTestId('cel-problem').textContent()) ?? '').toMatch(/^Line 1, column \d+: /);
    expect(await page.getByTestId('cel-save').isDisabled()).toBe(true);
    await expr.fill('user == "root" && outcome == "failure"');
    await page.getByTestId('cel-problem').waitFor({ state: 'detached' });
    await page.getByTestId('cel-save').click();
    await panel.getByTestId('cel-rule').filter({ hasText: 'root failures' }).waitFor();
  });

  it('runs the CEL rule, anomaly scoring and an isolation policy, and shows the verdict and its history', async () => {
    const policy = path.join(s.tmp, 'ssh.yml');
    writeFileSync(
      policy,
      [
        'version: 1',
        'name: ssh-isolation',
        'principals:',
        '  - name: sshd',
        '    match: { action: sshd }',
        '    datasets: []',
        'monitored: ["*"]',
        '',
      ].join('\n'),
    );
    await page.getByTestId('policy-path').fill(policy);
    await page.getByTestId('detect-anomaly').check();
    await page.getByTestId('detect-run').click();
    const verdict = page.getByTestId('policy-verdict');
    await verdict.waitFor({ timeout: 90_000 });
    expect(await verdict.getAttribute('data-verdict')).toMatch(/isolated|violations/);
    expect(await verdict.textContent()).toContain('ssh-isolation');
    await page.getByTestId('policy-run').first().waitFor();
    const cel = page.getByTestId('finding').filter({ has: page.getByTestId('finding-title').getByText('root failures', { exact: true }) });
    await cel.first().waitFor();
    await s.shot('detection-tools');
    expect(s.errors).toEqual([]);
  });
});

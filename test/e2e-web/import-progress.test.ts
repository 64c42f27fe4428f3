import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syslogLines } from '../../electron/engine/sample/syslog-gen';
import { hasChromium } from '../helpers/browser';
import { numberIn, WebSession } from './web-session';

/** Large enough that the import runs for several seconds on a busy two-core machine. */
const LINES = 400_000;

async function writeLog(file: string): Promise<void> {
  const out = createWriteStream(file);
  let buf = '';
  for (const line of syslogLines(LINES, { seed: 7 })) {
    buf += line + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/** A long import shows per-file progress, can be cancelled, and rolled back from the UI. */
describe.skipIf(!hasChromium())('import progress and cancel (web bridge, Chromium)', () => {
  const s = new WebSession();
  let page: Page;
  let log: string;

  beforeAll(async () => {
    await s.start('light');
    page = s.page;
    log = path.join(s.tmp, 'big-syslog.log');
    await writeLog(log);
  });
  afterAll(async () => {
    await s.stop();
  });

  it('shows progress per file, cancels, and rolls the partial import back', async () => {
    await page.goto(s.bridge.url);
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Create case' }) });
    await form.getByLabel('New case folder').fill(path.join(s.tmp, 'big-case'));
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByLabel('Files or folders, one per line').fill(log);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-progress').waitFor();
    await page.getByTestId('import-files').getByText('big-syslog.log').waitFor();
    await s.shot('30-import-progress');
    await page.getByRole('button', { name: 'Cancel' }).click();
    const stopped = page.getByTestId('import-stopped');
    await stopped.waitFor({ timeout: 60_000 });
    expect(await stopped.textContent()).toContain('cancelled');
    await stopped.getByRole('button', { name: 'Roll back' }).click();
    await stopped.getByText(/rolled back/).waitFor();
    await expect.poll(() => numberIn(page, 'case-events')).toBe(0);
    expect(s.errors).toEqual([]);
  });
});

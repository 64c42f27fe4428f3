import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A fresh temporary folder, removed after the current test. */
export function tmpDir(prefix = 'sealdesk-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(() => {
  while (made.length) {
    const d = made.pop()!;
    try {
      rmSync(d, { recursive: true, force: true });
    } catch {
      // read-only evidence copies: make writable and retry is handled by force; ignore leftovers
    }
  }
});

const persistent: string[] = [];

/** A temporary folder kept for the whole test file (for beforeAll set-ups), removed at exit. */
export function tmpDirPersistent(prefix = 'sealdesk-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  persistent.push(dir);
  return dir;
}

process.on('exit', () => {
  for (const d of persistent) {
    try {
      rmSync(d, { recursive: true, force: true });
    } catch {
      // best effort
    }
  }
});

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** Poppler's command-line tools (Debian poppler-utils) read the PDF back as a user's viewer would. */
export const POPPLER = ['pdftotext', 'pdfinfo', 'pdfimages'].every((t) => existsSync(`/usr/bin/${t}`));
export const POPPLER_MISSING = 'poppler-utils (pdftotext, pdfinfo, pdfimages) is not installed: apt-get install poppler-utils';

const dirs: string[] = [];
// Removed in afterAll: a forked test worker may be ended without running 'exit' handlers.
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Writes the PDF to a temp file for the tools (removed when the test file ends). */
export function pdfFile(bytes: Uint8Array): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sealdesk-report-'));
  dirs.push(dir);
  const file = path.join(dir, 'report.pdf');
  writeFileSync(file, bytes);
  return file;
}

/** The text of the whole file, or of page `page` (1-based), laid out as on the page. */
export function pdfText(file: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', ...range, file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

export function pdfPages(file: string): number {
  const m = /^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Number(m?.[1] ?? 0);
}

/** Rows of `pdfimages -list` after its two header lines: one per raster image in the file. */
export function pdfImageRows(file: string): string[] {
  return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '');
}

/** pdftotext pads columns with runs of spaces; collapse them so assertions read naturally. */
export const squash = (s: string): string => s.replace(/[ \t]+/g, ' ');

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';

interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
}

/** The CSV electronegativity writes: a header, then one quoted row per finding. */
function parseCsv(text: string): Finding[] {
  const rows: Finding[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')) ?? [];
    if (cells.length < 5 || !cells[0]) continue;
    rows.push({ issue: cells[0]!, severity: cells[1]!, confidence: cells[2]!, file: cells[3]!, location: cells[4]! });
  }
  return rows;
}

/**
 * Electronegativity (Doyensec's Electron security scanner) over electron/, offline. The
 * bar: no HIGH or MEDIUM finding at FIRM or CERTAIN confidence. Reviewed findings are
 * silenced only by an inline `eng-disable` comment with the reason next to it.
 */
describe('electronegativity', () => {
  it('finds no high or medium issue at firm or certain confidence in electron/', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'sealdesk-eneg-'));
    const scan = (): Finding[] => {
      const csv = path.join(out, 'findings.csv');
      const bin = path.join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js');
      const r = spawnSync(process.execPath, [bin, '-i', path.join(ROOT, 'electron'), '-x', 'AvailableSecurityFixesGlobalCheck', '-o', csv], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status, r.stderr).toBe(0);
      return parseCsv(readFileSync(csv, 'utf8'));
    };
    // The scan really ran over the app when the CSP the main process sets was found and parsed.
    const sawCsp = (fs: Finding[]) => fs.some((f) => f.issue === 'CSP_GLOBAL_CHECK' && f.file.endsWith('security.ts'));
    try {
      let findings = scan();
      // Seen once in a full-suite run on a loaded machine: the tool exited 0 with an incomplete
      // report. One more scan tells a glitch from a real change; a second miss fails the test.
      if (!sawCsp(findings)) findings = scan();
      const serious = findings.filter((f) => ['HIGH', 'MEDIUM'].includes(f.severity) && ['FIRM', 'CERTAIN'].includes(f.confidence));
      expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
      expect(sawCsp(findings)).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('keeps a written reason beside every finding silenced inline', () => {
    for (const file of ['electron/main/index.ts', 'electron/main/security.ts', 'electron/preload/index.ts']) {
      const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        const m = /eng-disable\s+([A-Z_]+)/.exec(line);
        if (!m) return;
        // The reason is a comment on the same line or the two lines above that names the check.
        const around = [lines[i - 2] ?? '', lines[i - 1] ?? '', line].join('\n');
        expect(around, `${file}:${i + 1}`).toMatch(new RegExp(`(Reviewed|false alarm)[^\\n]*${m[1]}|${m[1]}[^\\n]*(false alarm|Reviewed)`));
      });
    }
  });
});

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealdesk } from '../../helpers/cli';
import { data } from '../../helpers/paths';
import { tmpDirPersistent } from '../../helpers/tmp';

describe('sealdesk templates', () => {
  const root = tmpDirPersistent();
  const env = { SEALDESK_HOME: path.join(root, 'home') };
  const caseDir = path.join(root, 'case');
  const run = (...args: string[]) => sealdesk(args, env);

  beforeAll(() => {
    // A hostile line: terminal escape sequences (set the window title, colour the text); a
    // digit-free one (`\u001b[m` resets the colour) stays in its template.
    const hostile = path.join(root, 'evil.log');
    writeFileSync(hostile, 'Mar  1 10:00:00 web-01 app: \u001b]0;owned\u0007 login \u001b[31mdenied \u001b[m\n');
    expect(run('case', 'create', caseDir).code).toBe(0);
    const imported = run('import', caseDir, data('loghub/OpenSSH/OpenSSH_2k.log'), hostile);
    expect(imported.code, imported.stderr).toBe(0);
  });

  it('lists templates most common first, rarest first with --rare, and each one is searchable', () => {
    const common = run('templates', caseDir, '--json', '--limit', '5');
    expect(common.code, common.stderr).toBe(0);
    const top = common.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; template: string; events: number });
    expect(top).toHaveLength(5);
    expect(top.map((t) => t.events)).toEqual([...top.map((t) => t.events)].sort((a, b) => b - a));
    const n = run('search', caseDir, `template:${top[0]!.id}`, '--count');
    expect(Number(n.stdout.trim())).toBe(top[0]!.events);

    const rare = run('templates', caseDir, '--rare', '--limit', '3');
    expect(rare.code).toBe(0);
    expect(rare.stdout).toMatch(/^\d+ templates over 2001 events; rarest first:\n/);
    expect(rare.stdout.split('\n')[1]).toMatch(/^\s+1 {2}#\d+/);
  });

  it('never writes control characters from the evidence to the terminal', () => {
    const rare = run('templates', caseDir, '--rare');
    const search = run('search', caseDir, 'login');
    for (const out of [rare.stdout, search.stdout]) {
      expect(out).not.toContain('\u001b');
      expect(out).not.toContain('\u0007');
    }
    // Shown, as text, for the analyst to see what the line tried.
    expect(search.stdout).toContain('\\x1b]0;owned\\x07 login \\x1b[31mdenied');
    expect(rare.stdout).toContain('  login <*> \\x1b[m');
  });

  it('explains its usage', () => {
    const r = run('templates');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('templates needs exactly one case folder');
  });
});

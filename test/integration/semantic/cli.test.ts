import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealdesk } from '../../helpers/cli';
import { data } from '../../helpers/paths';
import { tmpDir } from '../../helpers/tmp';

describe('sealdesk index and search --mode', () => {
  it('builds the index, lists models, and ranks by meaning with the reason on each line', () => {
    const root = tmpDir();
    const env = { SEALDESK_HOME: path.join(root, 'home') };
    const caseDir = path.join(root, 'case');
    expect(sealdesk(['case', 'create', caseDir], env).code).toBe(0);
    expect(sealdesk(['import', caseDir, data('loghub', 'OpenSSH', 'OpenSSH_2k.log')], env).code).toBe(0);

    const before = sealdesk(['search', caseDir, 'someone guessing passwords', '--mode', 'semantic'], env);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/no semantic index yet.*sealdesk index/);

    const idx = sealdesk(['index', caseDir], env);
    expect(idx.code, idx.stderr).toBe(0);
    expect(idx.stdout).toMatch(/Indexed with sealdesk-glove-100d@[0-9a-f]{12} \(vectors made anew for this model\): 2000 of 2000 events/);
    const list = sealdesk(['index', caseDir, '--list'], env);
    expect(list.stdout).toMatch(/\* sealdesk-glove-100d\s+bundled/);
    expect(list.stdout).toMatch(/2000 of 2000 events/);

    const r = sealdesk(['search', caseDir, 'someone guessing passwords', '--mode', 'hybrid', '--limit', '5'], env);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(l).toMatch(/^(0\.\d{3}|1\.000) [K ] {2}\d{4}-/);
    const json = sealdesk(['search', caseDir, 'someone guessing passwords', '--mode', 'semantic', '--limit', '2', '--json'], env);
    const first = JSON.parse(json.stdout.split('\n')[0]!) as { id: number; match: { id: number; semantic: number; keyword: boolean } };
    expect(first.match.id).toBe(first.id);
    expect(first.match.semantic).toBeGreaterThan(0);

    const bad = sealdesk(['search', caseDir, 'x', '--mode', 'fuzzy'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--mode is text, semantic or hybrid/);
  }, 120_000);
});

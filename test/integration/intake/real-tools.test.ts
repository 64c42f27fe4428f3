import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { data } from '../../helpers/paths';
import { expectCleanStore, flatten, intakeOne, sandbox, sha256 } from './intake-harness';

const has = (tool: string): boolean => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
const LOGHUB = data('loghub');
const FILES = ['Linux/Linux_2k.log', 'Zookeeper/Zookeeper_2k.log'];

/** Archives written by the system's own tools, of real third-party logs, must come back byte for byte. */
describe('archives made by real tools', () => {
  it.skipIf(!has('tar'))('GNU tar + gzip', async () => {
    const s = sandbox();
    const file = s.input('loghub.tar.gz');
    execFileSync('tar', ['-czf', file, '-C', LOGHUB, ...FILES]);
    const item = await intakeOne(s, file);
    expect(item.refused).toBeNull();
    const leaves = flatten(item).filter((i) => i.container === null);
    expect(leaves.map((i) => i.displayPath.slice(file.length))).toEqual(FILES.map((f) => `!/loghub.tar!/${f}`));
    for (const [i, f] of FILES.entries()) expect(leaves[i]!.sha256).toBe(sha256(readFileSync(path.join(LOGHUB, f))));
    expectCleanStore(s);
  });

  it.skipIf(!has('zip'))('Info-ZIP zip', async () => {
    const s = sandbox();
    const file = s.input('loghub.zip');
    execFileSync('zip', ['-q', '-r', file, ...FILES.map((f) => path.dirname(f))], { cwd: LOGHUB });
    const item = await intakeOne(s, file);
    expect(item.refused).toBeNull();
    const byName = new Map(item.children.map((c) => [c.displayPath.slice(file.length + 2), c]));
    for (const f of FILES) expect(byName.get(f)?.sha256).toBe(sha256(readFileSync(path.join(LOGHUB, f))));
    expectCleanStore(s);
  });
});

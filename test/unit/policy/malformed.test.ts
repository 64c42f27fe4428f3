import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, parsePolicy } from '../../../electron/engine/detect/policy/index';
import { AppError } from '../../../shared/errors';
import { FIXTURES } from './helpers';

function refusal(text: string): AppError {
  try {
    parsePolicy(text, 'policies/p.yml');
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('the policy was accepted');
}

const GOOD = `name: ok
principals:
  - name: ingest
    match:
      attrs: { exe: /opt/ingest }
    datasets: [raw]
    cache: [/var/cache/ingest]
datasets:
  - name: raw
    paths: [/data/raw/**]
`;

// Each case: a policy text, the line (and column) the refusal must point at, and what it must say.
const CASES: [string, string, number, number, RegExp][] = [
  ['YAML syntax error (unclosed quote)', 'name: "ok\nprincipals: []\n', 1, 7, /YAML syntax error: the quoted text starting here is never closed \(missing closing "\)/],
  ['YAML syntax error (bad indentation)', GOOD.replace('    datasets: [raw]\n', '    datasets: [raw]\n   cache2: x\n'), 7, 1, /YAML syntax error: Sequence item without - indicator/],
  ['duplicate YAML key', GOOD.replace('    datasets: [raw]\n', '    datasets: [raw]\n    datasets: []\n'), 7, 5, /YAML syntax error: Map keys must be unique/],
  ['unknown top-level key', GOOD + 'monitor: [/data/**]\n', 11, 1, /unknown key 'monitor' in the policy \(allowed: .*monitored/],
  ['unknown principal key', GOOD.replace('    datasets: [raw]', '    dataset: [raw]'), 6, 5, /unknown key 'dataset' in principals\[0\] \(allowed: name, description, match, group, datasets, cache\)/],
  ['unknown match field', GOOD.replace('      attrs: { exe: /opt/ingest }', '      usr: svc'), 5, 7, /unknown key 'usr' in principals\[0\]\.match \(match on user, host, .*under attrs:\)/],
  ['wrong type: whitelist as a string', GOOD.replace('    datasets: [raw]', '    datasets: raw'), 6, 15, /principals\[0\]\.datasets: expected a list .*found a string/],
  ['wrong type: paths as a mapping', GOOD.replace('    paths: [/data/raw/**]', '    paths: { a: 1 }'), 10, 12, /datasets\[0\]\.paths: expected a list/],
  ['wrong version', 'version: 2\n' + GOOD, 1, 10, /version must be 1/],
  ['missing required key', GOOD.replace('    paths: [/data/raw/**]\n', ''), 9, 5, /datasets\[0\]: missing required key 'paths'/],
  ['empty match', GOOD.replace('      attrs: { exe: /opt/ingest }', '      attrs: {}'), 5, 7, /match needs at least one field/],
  ['whitelist naming an undeclared dataset', GOOD.replace('datasets: [raw]', 'datasets: [raw, holdout]'), 6, 21, /principal 'ingest' whitelists dataset 'holdout', which is not declared under datasets: \(declared: raw\)/],
  ['duplicate principal name', GOOD.replace('datasets:\n  - name: raw', '  - name: ingest\n    match: { user: x }\ndatasets:\n  - name: raw'), 8, 11, /duplicate principal name 'ingest' \(also principals\[0\]\)/],
  ['duplicate dataset name', GOOD + '  - name: raw\n    paths: [/data/raw2]\n', 11, 11, /duplicate dataset name 'raw'/],
  ['bad glob: ** inside a name', GOOD.replace('/data/raw/**', '/data/raw/**.csv'), 10, 13, /bad pattern '\/data\/raw\/\*\*\.csv' in datasets\[0\]\.paths\[0\]: '\*\*' must be a whole path segment/],
  ['bad glob: unclosed [', GOOD.replace('cache: [/var/cache/ingest]', 'cache: ["/var/cache/[ab"]'), 7, 13, /bad pattern .* in principals\[0\]\.cache\[0\]: unclosed '\['/],
  ['bad glob: unclosed {', GOOD + 'monitored: ["/data/{a,b"]\n', 11, 13, /bad pattern .* in monitored\[0\]: unclosed '\{'/],
  ['bad sha256', GOOD + '    sha256: 1234\n', 11, 13, /datasets\[0\]\.sha256: (sha256 must be 64 hexadecimal digits|expected a string)/],
  ['name with spaces', GOOD.replace('name: ok', 'name: my policy'), 1, 7, /name: a name cannot contain spaces/],
  ['bad resource_field', GOOD + 'resource_field: path\n', 11, 17, /resource_field must be one of .* or attrs\.<field>/],
  ['no principals', 'name: x\nprincipals: []\n', 2, 13, /a policy needs at least one principal/],
];

describe('malformed policies are refused with the line and a reason', () => {
  it('the base policy is valid', () => {
    expect(parsePolicy(GOOD, 'p.yml').principals[0]!.match).toEqual([{ field: 'attrs.exe', values: ['/opt/ingest'] }]);
  });

  it.each(CASES)('%s', (_name, text, line, column, reason) => {
    const e = refusal(text);
    expect(e.code).toBe('invalid_input');
    expect(e.details).toMatchObject({ file: 'policies/p.yml', line, column });
    expect(e.message.startsWith(`policies/p.yml:${line}:${column}: `)).toBe(true);
    expect(e.message).toMatch(reason);
  });

  it('an empty file is refused', () => {
    expect(refusal('# nothing\n').message).toBe('policies/p.yml:1:1: the policy is empty');
  });
});

describe('registry problems are refused at the registry: line', () => {
  it('a missing registry file', async () => {
    const e = await loadPolicy(join(FIXTURES, 'missing-registry.yml')).catch((x: unknown) => x as AppError);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).details).toMatchObject({ line: 6, column: 11 });
    expect((e as AppError).message).toMatch(/missing-registry\.yml:6:11: registry file 'no-such-registry\.sha256' not found .*relative to the policy file/);
  });

  it('a registry with a line the checksum parser cannot read', async () => {
    const e = (await loadPolicy(join(FIXTURES, 'bad-registry.yml')).catch((x: unknown) => x)) as AppError;
    expect(e.message).toMatch(/bad-registry\.yml:6:11: registry file 'bad-registry\.sha256' cannot be used: line 2: not a checksum line/);
  });

  it('a dataset naming a registry entry that is not there', async () => {
    const { mkdtemp, writeFile, copyFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'policy-'));
    await copyFile(join(FIXTURES, 'registry.sha256'), join(dir, 'registry.sha256'));
    await writeFile(join(dir, 'p.yml'), `name: x\nregistry: registry.sha256\nprincipals:\n  - name: p\n    match: { user: p }\ndatasets:\n  - name: d\n    paths: [/d]\n    registry_entries: [data/raw/orders/2024-01.csv, data/nope.csv]\n`);
    const e = (await loadPolicy(join(dir, 'p.yml')).catch((x: unknown) => x)) as AppError;
    expect(e.message).toMatch(/p\.yml:9:53: dataset 'd' lists registry entry 'data\/nope\.csv', but registry 'registry\.sha256' has no entry/);
  });

  it('a policy file that does not exist is not_found', async () => {
    const e = (await loadPolicy(join(FIXTURES, 'nope.yml')).catch((x: unknown) => x)) as AppError;
    expect(e.code).toBe('not_found');
  });
});

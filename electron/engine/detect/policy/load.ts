import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../../shared/errors';
import { checksumsParser } from '../../ingest/parsers/checksums';
import { parseFile, testParseContext } from '../../ingest/run-parser';
import { policyError } from './locate';
import { parsePolicy, registryEntryPosition } from './parse';
import type { LoadedPolicy, RegistryEntry } from './types';

/**
 * Read the registry with the project's checksum-manifest parser (sha256sum, BSD tag form,
 * JSON registries). Any line it cannot read refuses the policy: an entry silently dropped
 * would be a dataset whose integrity is never checked.
 */
async function readRegistry(path: string): Promise<{ entries: RegistryEntry[]; problem: string | null }> {
  const parsed = await parseFile(path, checksumsParser, testParseContext({ fileName: basename(path) }));
  const bad = parsed.skips.find((s) => s.reason !== 'comment line');
  if (bad) return { entries: [], problem: `${bad.where}: ${bad.reason}` };
  const entries = parsed.events.map((e) => {
    const a = e.attrs ?? {};
    return { path: typeof a.path === 'string' ? a.path : null, name: typeof a.name === 'string' ? a.name : null, sha256: String(a.sha256) };
  });
  return { entries, problem: entries.length === 0 ? 'no checksum entries' : null };
}

/** Read a policy file and its registry (a path relative to the policy). Throws AppError on any problem. */
export async function loadPolicy(file: string): Promise<LoadedPolicy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new AppError((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not_found' : 'io', `cannot read policy ${file}: ${(e as Error).message}`, { file });
  }
  text = text.replace(/^\uFEFF/, '');
  const policy = parsePolicy(text, file);
  let registryEntries: RegistryEntry[] = [];
  if (policy.registry) {
    const { written, path, at } = policy.registry;
    const st = await stat(path).catch(() => null);
    if (!st || !st.isFile()) throw policyError(file, at, `registry file '${written}' not found (looked for ${path}; the path is relative to the policy file)`);
    const r = await readRegistry(path);
    if (r.problem) throw policyError(file, at, `registry file '${written}' cannot be used: ${r.problem}`);
    registryEntries = r.entries;
  }
  policy.datasets.forEach((d, i) =>
    d.registryEntries.forEach((ref, j) => {
      if (!registryEntries.some((e) => e.path === ref || e.name === ref)) {
        const why = policy.registry ? `registry '${policy.registry.written}' has no entry with that path or name` : 'the policy names no registry: file';
        throw policyError(file, registryEntryPosition(text, i, j), `dataset '${d.name}' lists registry entry '${ref}', but ${why}`);
      }
    }),
  );
  return { ...policy, registryEntries };
}

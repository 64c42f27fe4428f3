import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { compilePathGlob, compileValueGlob, GlobError } from './glob';
import { locate, pathLabel, policyError, type DocPath } from './locate';
import { ALLOWED_KEYS, policySchema, type PolicyDoc } from './schema';
import { NORMALIZED_FIELDS, type AccessEvent, type CompiledPolicy, type DatasetDecl, type MatchCondition, type Policy, type PrincipalDecl } from './types';

/** Read `a.b.c` from flattened attrs (`{"a.b.c": v}`, as the parsers store them) or nested ones. */
export function attrGetter(dotted: string): (e: AccessEvent) => unknown {
  const segs = dotted.split('.');
  return (e) => {
    const a = e.attrs;
    const flat = a[dotted];
    if (flat !== undefined) return flat;
    let cur: unknown = a;
    for (const s of segs) {
      if (typeof cur !== 'object' || cur === null) return undefined;
      cur = (cur as Record<string, unknown>)[s];
    }
    return cur;
  };
}

function fieldGetter(field: string): (e: AccessEvent) => unknown {
  if (field.startsWith('attrs.')) return attrGetter(field.slice('attrs.'.length));
  const f = field as keyof AccessEvent;
  return (e) => e[f];
}

function objectKind(path: DocPath): keyof typeof ALLOWED_KEYS {
  const last = path[path.length - 1];
  if (last === 'match') return 'match';
  if (path[0] === 'principals' && path.length === 2) return 'principal';
  if (path[0] === 'datasets' && path.length === 2) return 'dataset';
  return 'policy';
}

/** Zod's wording made plainer for a policy author. */
function plain(message: string): string {
  return message
    .replace(/^Invalid input: expected array, received (\w+)$/, 'expected a list (YAML "- item" lines or [a, b]), found a $1')
    .replace(/^Invalid input: expected object, received (\w+)$/, 'expected a mapping of keys to values, found a $1')
    .replace(/^Invalid input: expected (\w+), received (\w+)$/, 'expected a $1, found a $2');
}

function zodRefusal(file: string, doc: Document, lc: LineCounter, issues: z.core.$ZodIssue[]): Error {
  const located = issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0]!;
      const kind = objectKind(issue.path);
      const hint = kind === 'match' ? ` (match on ${NORMALIZED_FIELDS.join(', ')}, or on original fields under attrs:)` : ` (allowed: ${ALLOWED_KEYS[kind]!.join(', ')})`;
      return { ...locate(doc, lc, [...issue.path, key], true), reason: `unknown key '${key}' in ${kind === 'policy' ? 'the policy' : pathLabel(issue.path)}${hint}` };
    }
    const where = locate(doc, lc, issue.path);
    const key = issue.path[issue.path.length - 1];
    if (!where.found && typeof key === 'string') {
      return { ...where, reason: `${pathLabel(issue.path.slice(0, -1))}: missing required key '${key}'` };
    }
    return { ...where, reason: `${pathLabel(issue.path)}: ${plain(issue.message)}` };
  });
  // The first problem in reading order is the one the author meets first.
  located.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
  const first = located[0]!;
  return policyError(file, first.at, first.reason);
}

/** Parse the YAML and validate its shape; throws the refusal with a line number. */
function readDoc(text: string, file: string): { doc: Document; lc: LineCounter; value: PolicyDoc } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    let offset = err.pos[0];
    let reason = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const quote = /^Missing closing (["'])quote/.exec(reason)?.[1];
    if (quote) {
      // The parser notices at the end of the input; the author needs the opening quote.
      let open = text.lastIndexOf(quote, offset - 1);
      while (quote === '"' && open > 0 && text[open - 1] === '\\') open = text.lastIndexOf(quote, open - 2);
      if (open >= 0) {
        offset = open;
        reason = `the quoted text starting here is never closed (missing closing ${quote})`;
      }
    }
    const { line, col } = lc.linePos(offset);
    throw policyError(file, { line, column: col }, `YAML syntax error: ${reason}`);
  }
  let js: unknown;
  try {
    // The alias limit stops "billion laughs" documents from expanding without bound.
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw policyError(file, { line: 1, column: 1 }, `YAML: ${(e as Error).message}`);
  }
  if (js === null || js === undefined) throw policyError(file, { line: 1, column: 1 }, 'the policy is empty');
  const parsed = policySchema.safeParse(js);
  if (!parsed.success) throw zodRefusal(file, doc, lc, parsed.error.issues);
  return { doc, lc, value: parsed.data };
}

/**
 * Parse and validate an isolation policy (the schema is described in index.ts). Throws
 * AppError('invalid_input') naming `file:line:col` and the reason for any malformed policy.
 * The registry file is not read here (see loadPolicy).
 */
export function parsePolicy(text: string, file: string): Policy {
  const { doc, lc, value } = readDoc(text, file);
  const fail = (path: DocPath, reason: string, keyOf = false): never => {
    throw policyError(file, locate(doc, lc, path, keyOf).at, reason);
  };
  const glob = (g: string, path: DocPath): RegExp => {
    try {
      return compilePathGlob(g);
    } catch (e) {
      if (e instanceof GlobError) return fail(path, `bad pattern '${g}' in ${pathLabel(path)}: ${e.message}`);
      throw e;
    }
  };

  const datasetIndex = new Map<string, number>();
  value.datasets.forEach((d, i) => {
    if (datasetIndex.has(d.name)) fail(['datasets', i, 'name'], `duplicate dataset name '${d.name}' (also datasets[${datasetIndex.get(d.name)}])`);
    datasetIndex.set(d.name, i);
  });
  const principalIndex = new Map<string, number>();
  value.principals.forEach((p, i) => {
    if (principalIndex.has(p.name)) fail(['principals', i, 'name'], `duplicate principal name '${p.name}' (also principals[${principalIndex.get(p.name)}])`);
    principalIndex.set(p.name, i);
  });

  const compiled: CompiledPolicy = {
    datasets: value.datasets.map((d, i) => ({ paths: d.paths.map((g, j) => glob(g, ['datasets', i, 'paths', j])) })),
    monitored: value.monitored.map((g, j) => glob(g, ['monitored', j])),
    principals: [],
    resourceOf: fieldGetter(value.resource_field),
  };

  const principals: PrincipalDecl[] = value.principals.map((p, i) => {
    const whitelist = new Set<number>();
    p.datasets.forEach((d, j) => {
      const di = datasetIndex.get(d);
      if (di === undefined) {
        const known = [...datasetIndex.keys()];
        fail(['principals', i, 'datasets', j], `principal '${p.name}' whitelists dataset '${d}', which is not declared under datasets:${known.length > 0 ? ` (declared: ${known.join(', ')})` : ''}`);
      }
      whitelist.add(di!);
    });
    const match: MatchCondition[] = [];
    const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);
    for (const f of NORMALIZED_FIELDS) {
      const v = p.match[f];
      if (v !== undefined) match.push({ field: f, values: list(v) });
    }
    for (const [k, v] of Object.entries(p.match.attrs ?? {})) match.push({ field: `attrs.${k}`, values: list(v) });
    compiled.principals.push({
      conditions: match.map((c) => {
        const exact = new Set<string>();
        const globs: RegExp[] = [];
        for (const v of c.values) {
          const g = compileValueGlob(v);
          if (typeof g === 'string') exact.add(g);
          else globs.push(g);
        }
        return { get: fieldGetter(c.field), exact, globs };
      }),
      whitelist,
      cache: p.cache.map((g, j) => glob(g, ['principals', i, 'cache', j])),
    });
    return { name: p.name, description: p.description ?? null, match, group: p.group ?? null, datasets: p.datasets, cache: p.cache };
  });

  const datasets: DatasetDecl[] = value.datasets.map((d) => ({
    name: d.name,
    description: d.description ?? null,
    paths: d.paths,
    provenance: d.provenance ?? null,
    sha256: d.sha256 ?? null,
    registryEntries: d.registry_entries,
  }));

  return {
    file,
    name: value.name,
    description: value.description ?? null,
    sha256: createHash('sha256').update(text).digest('hex'),
    registry: value.registry === undefined ? null : { written: value.registry, path: resolve(dirname(file), value.registry), at: locate(doc, lc, ['registry']).at },
    resourceField: value.resource_field,
    monitored: value.monitored,
    principals,
    datasets,
    compiled,
  };
}

/** Where a dataset's `registry_entries` item is written (for loadPolicy's refusals). */
export function registryEntryPosition(text: string, datasetIdx: number, entryIdx: number): { line: number; column: number } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  return locate(doc, lc, ['datasets', datasetIdx, 'registry_entries', entryIdx]).at;
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseAllDocuments, type Tags } from 'yaml';
import { RuleError } from './errors';
import { compileRuleObject } from './rule';
import type { CompiledRule, RuleLoadError } from './types';

/**
 * YAML 1.2 would read unquoted `0x1410` as the number 5136 and `1.0` as 1, which can never
 * equal the event's text; keep such scalars as written (decimal integers stay numbers).
 */
const keepHexAndFloats = (tags: Tags): Tags =>
  tags.filter((t) => {
    const tag = typeof t === 'object' && t !== null && 'tag' in t ? (t as { tag: string; format?: string }) : null;
    if (tag === null) return true;
    if (tag.tag === 'tag:yaml.org,2002:float') return false;
    return !(tag.tag === 'tag:yaml.org,2002:int' && tag.format !== undefined);
  });

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function deepMerge(base: unknown, over: unknown): unknown {
  if (!isMap(base) || !isMap(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out;
}

export interface LoadResult {
  rules: CompiledRule[];
  errors: RuleLoadError[];
}

/**
 * Compile every rule in a YAML text: one document, or a Sigma 1.0 rule collection where
 * `action: global` documents are merged into the ones after them, `reset` clears that and
 * `repeat` reuses the previous document with changes.
 */
export function compileRules(yamlText: string, path: string): LoadResult {
  const rules: CompiledRule[] = [];
  const errors: RuleLoadError[] = [];
  let docs;
  try {
    docs = parseAllDocuments(yamlText, { customTags: keepHexAndFloats, prettyErrors: false });
  } catch (e) {
    return { rules, errors: [{ path, reason: `YAML: ${(e as Error).message}` }] };
  }
  if (!Array.isArray(docs)) docs = [docs];
  const multi = docs.length > 1;
  let global: unknown = null;
  let previous: unknown = null;
  docs.forEach((doc, i) => {
    const where = multi ? `${path}#${i + 1}` : path;
    if (doc.errors.length > 0) {
      errors.push({ path: where, reason: `YAML: ${doc.errors[0]!.message.split('\n')[0]}` });
      return;
    }
    let obj: unknown;
    try {
      // The alias limit stops "billion laughs" documents from expanding without bound.
      obj = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      errors.push({ path: where, reason: `YAML: ${(e as Error).message}` });
      return;
    }
    if (obj === null || obj === undefined) return;
    if (isMap(obj) && 'action' in obj) {
      const action = String(obj.action);
      const rest = { ...obj };
      delete rest.action;
      if (action === 'global') {
        global = deepMerge(global ?? {}, rest);
        return;
      }
      if (action === 'reset') {
        global = null;
        return;
      }
      if (action === 'repeat') {
        if (previous === null) {
          errors.push({ path: where, reason: "'action: repeat' with no previous rule" });
          return;
        }
        obj = deepMerge(previous, rest);
      } else {
        errors.push({ path: where, reason: `unknown collection action '${action}'` });
        return;
      }
    }
    const merged = global === null ? obj : deepMerge(global, obj);
    previous = obj;
    try {
      rules.push(compileRuleObject(merged, where));
    } catch (e) {
      // A rule the compiler chokes on is still just one bad rule: report it, keep loading.
      errors.push({ path: where, reason: e instanceof RuleError ? e.message : `cannot compile: ${(e as Error).message}` });
    }
  });
  return { rules, errors };
}

/** Compile a single rule; throws RuleError with the reason when it cannot be used. */
export function compileRule(yamlText: string, path: string): CompiledRule {
  const { rules, errors } = compileRules(yamlText, path);
  if (errors.length > 0) throw new RuleError(errors[0]!.reason);
  if (rules.length !== 1) throw new RuleError(rules.length === 0 ? 'no rule in the text' : `${rules.length} rules in the text; use compileRules`);
  return rules[0]!;
}

const RULE_EXT = new Set(['.yml', '.yaml']);

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && RULE_EXT.has(extname(e.name).toLowerCase())) out.push(p);
  }
}

/**
 * Load rules from files and folders (recursively, .yml/.yaml). A file that cannot be read
 * or a rule that cannot be compiled is reported with its path and reason; the rest load.
 */
export function loadRules(paths: string[]): LoadResult {
  const rules: CompiledRule[] = [];
  const errors: RuleLoadError[] = [];
  for (const p of paths) {
    const files: string[] = [];
    try {
      if (statSync(p).isDirectory()) walk(p, files);
      else files.push(p);
    } catch (e) {
      errors.push({ path: p, reason: `cannot read: ${(e as Error).message}` });
      continue;
    }
    for (const f of files) {
      let textContent: string;
      try {
        textContent = readFileSync(f, 'utf8');
      } catch (e) {
        errors.push({ path: f, reason: `cannot read: ${(e as Error).message}` });
        continue;
      }
      const r = compileRules(textContent, f);
      rules.push(...r.rules);
      errors.push(...r.errors);
    }
  }
  return { rules, errors };
}

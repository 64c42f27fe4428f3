import type { Pred } from './context';
import { RuleError } from './errors';
import { compileItem, type CompiledItem } from './field-item';
import { guardAnd, guardOr } from './guard';

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function and(items: CompiledItem[]): CompiledItem {
  // Cheapest tests first: the result is the same, and most events fail the cheap ones.
  const sorted = [...items].sort((a, b) => a.cost - b.cost);
  const preds = sorted.map((i) => i.pred);
  const fields = items.flatMap((i) => i.fields);
  const cost = items.reduce((n, i) => n + i.cost, 0);
  const guard = guardAnd(items.map((i) => i.guard ?? null));
  if (preds.length === 1) return { pred: preds[0]!, fields, cost, guard };
  if (preds.length === 2) {
    const [a, b] = preds as [Pred, Pred];
    return { pred: (c) => a(c) && b(c), fields, cost, guard };
  }
  return {
    pred: (c) => {
      for (const p of preds) if (!p(c)) return false;
      return true;
    },
    fields,
    cost,
    guard,
  };
}

function or(items: CompiledItem[]): CompiledItem {
  const preds = items.map((i) => i.pred);
  const fields = items.flatMap((i) => i.fields);
  const cost = items.reduce((n, i) => n + i.cost, 0);
  const guard = guardOr(items.map((i) => i.guard ?? null));
  if (preds.length === 1) return { pred: preds[0]!, fields, cost, guard };
  return {
    pred: (c) => {
      for (const p of preds) if (p(c)) return true;
      return false;
    },
    fields,
    cost,
    guard,
  };
}

/** A map: every entry must hold. Keys starting with `|` are keyword items with modifiers. */
function compileMap(name: string, m: Record<string, unknown>): CompiledItem {
  const keys = Object.keys(m);
  if (keys.length === 0) throw new RuleError(`search identifier '${name}' is an empty map`);
  return and(keys.map((k) => compileItem(k, m[k])));
}

/**
 * Compile one search identifier: a map (AND of fields), a list of maps (OR), a list of
 * plain values (keywords, OR), or a single plain value (one keyword).
 */
export function compileSearch(name: string, def: unknown): CompiledItem {
  if (isMap(def)) return compileMap(name, def);
  if (isScalar(def)) return compileItem('', [def]);
  if (Array.isArray(def)) {
    if (def.length === 0) throw new RuleError(`search identifier '${name}' is an empty list`);
    const parts: CompiledItem[] = [];
    const words = def.filter(isScalar);
    if (words.length > 0) parts.push(compileItem('', words));
    for (const item of def) {
      if (isMap(item)) parts.push(compileMap(name, item));
      else if (!isScalar(item)) throw new RuleError(`search identifier '${name}' has a list item that is neither a map nor a plain value`);
    }
    return or(parts);
  }
  throw new RuleError(`search identifier '${name}' must be a map or a list (got ${def === null ? 'null' : typeof def})`);
}

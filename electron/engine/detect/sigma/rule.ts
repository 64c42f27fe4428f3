import { contextFor, type Pred } from './context';
import { compileCondition, splitAggregation } from './condition';
import { compileSearch } from './detection';
import { RuleError } from './errors';
import { guardOr, type Guard } from './guard';
import { compileLogsource, type CompiledLogsource } from './logsource';
import type { Aggregation, CompiledRule, Logsource } from './types';

/** What `runRules` needs beyond the public rule: the compiled predicates. */
export interface RuleInternals {
  test: Pred;
  logsource: CompiledLogsource;
  /** A necessary condition for pruning (see guard.ts), or null. */
  guard: Guard;
}

const internals = new WeakMap<CompiledRule, RuleInternals>();

export function internalsOf(rule: CompiledRule): RuleInternals {
  const i = internals.get(rule);
  if (i === undefined) throw new Error(`rule '${rule.title}' was not compiled by this engine`);
  return i;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map(String).join(', ');
  return String(v);
};

const list = (v: unknown): string[] => (v === null || v === undefined ? [] : Array.isArray(v) ? v.map((x) => String(x)) : [String(v)]);

const lower = (v: unknown): string | null => {
  const t = text(v);
  return t === null ? null : t.trim().toLowerCase();
};

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 7 * 86400, M: 30 * 86400, y: 365 * 86400 };

/** `timeframe: 5m` → microseconds. */
export function parseTimeframe(v: unknown): number {
  const m = /^\s*(\d+)\s*([smhdwMy])\s*$/.exec(String(v));
  if (m === null) throw new RuleError(`cannot read timeframe '${String(v)}' (use e.g. 30s, 5m, 1h, 7d)`);
  return Number(m[1]) * UNITS[m[2]!]! * 1_000_000;
}

/** Compile one parsed rule document. Throws RuleError with the reason when it cannot be used. */
export function compileRuleObject(doc: unknown, path: string): CompiledRule {
  if (!isMap(doc)) throw new RuleError('the document is not a map');
  if ('correlation' in doc) throw new RuleError('correlation rules are not supported');
  if ('filter' in doc && !('detection' in doc)) throw new RuleError('Sigma filter (meta) rules are not supported');
  const title = text(doc.title);
  if (title === null || title.trim() === '') throw new RuleError('the rule has no title');
  const det = doc.detection;
  if (!isMap(det)) throw new RuleError('the rule has no detection map');
  const ls = isMap(doc.logsource) ? doc.logsource : {};
  const logsource: Logsource = { product: lower(ls.product), category: lower(ls.category), service: lower(ls.service), definition: text(ls.definition) };

  const names = Object.keys(det).filter((k) => k !== 'condition' && k !== 'timeframe');
  const searches = new Map<string, { pred: Pred; fields: string[]; cost: number; guard?: Guard }>();
  for (const n of names) searches.set(n, compileSearch(n, det[n]));
  const table = { names, get: (n: string) => searches.get(n)! };

  const raw = det.condition;
  const conds = Array.isArray(raw) ? raw : [raw];
  if (raw === undefined || raw === null || conds.length === 0) throw new RuleError('the detection has no condition');
  let aggregation: Aggregation | null = null;
  const compiled: { pred: Pred; guard?: Guard }[] = [];
  for (const c of conds) {
    if (typeof c !== 'string') throw new RuleError('the condition must be a string or a list of strings');
    const { expr, agg } = splitAggregation(c);
    if (agg !== null) {
      if (conds.length > 1) throw new RuleError('an aggregation inside a list of conditions is not supported');
      // The spec puts timeframe in detection; some rules write it at the top level.
      const tf = det.timeframe ?? doc.timeframe;
      const timeframeUs = tf === undefined || tf === null ? null : parseTimeframe(tf);
      aggregation = { fn: 'count', ...agg, timeframeUs };
    }
    compiled.push(compileCondition(expr, table));
  }
  const preds = compiled.map((x) => x.pred);
  const test: Pred = preds.length === 1 ? preds[0]! : (c) => preds.some((p) => p(c));
  const guard = guardOr(compiled.map((x) => x.guard ?? null));
  const fields = [...new Set([...searches.values()].flatMap((s) => s.fields))];
  const cl = compileLogsource(logsource);

  const rule: CompiledRule = {
    id: text(doc.id),
    title,
    level: lower(doc.level),
    status: lower(doc.status),
    author: text(doc.author),
    description: text(doc.description),
    date: text(doc.date),
    modified: text(doc.modified),
    tags: list(doc.tags),
    references: list(doc.references),
    falsepositives: list(doc.falsepositives),
    logsource,
    logsourceMapped: cl.mapped,
    path,
    fields,
    aggregation,
    matches: (ev) => test(contextFor(ev)),
  };
  internals.set(rule, { test, logsource: cl, guard });
  return rule;
}

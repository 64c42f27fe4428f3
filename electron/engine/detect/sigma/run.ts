import { AhoCorasick } from './aho-corasick';
import { EvalContext, fieldSlot, type Pred } from './context';
import { evaluateAggregation, type AggItem } from './aggregate';
import { indexable, KEY, type Guard } from './guard';
import { internalsOf } from './rule';
import type { CompiledRule, IdentifiedSigmaEvent, RuleMatches } from './types';

interface RuleSlot {
  rule: CompiledRule;
  test: Pred;
  out: RuleMatches;
  /** Run on every event of the group (no usable guard). */
  always: boolean;
  /** The last event number the guard index marked this rule for. */
  mark: number;
  agg: { groupSlots: number[]; valueSlot: number | null; items: AggItem[] } | null;
}

/**
 * Guard literals of one field, keyed by the whole value (eq) or its first/last KEY
 * characters; `contains` literals go into one Aho-Corasick automaton per field.
 */
interface SlotIndex {
  slot: number;
  eq: Map<string, RuleSlot[]>;
  starts: Map<string, RuleSlot[]>;
  ends: Map<string, RuleSlot[]>;
  containsIds: Map<string, number>;
  containsRules: RuleSlot[][];
  ac: AhoCorasick | null;
}

interface Group {
  pred: Pred;
  rules: RuleSlot[];
  index: SlotIndex[];
}

const push = (m: Map<string, RuleSlot[]>, k: string, r: RuleSlot): void => {
  const l = m.get(k);
  if (l === undefined) m.set(k, [r]);
  else if (l[l.length - 1] !== r) l.push(r);
};

/** Index a rule under its guard's literals; rules without a usable guard always run. */
function indexRule(g: Group, r: RuleSlot, guard: Guard): void {
  if (!indexable(guard)) {
    r.always = true;
    return;
  }
  for (const t of guard) {
    let si = g.index.find((x) => x.slot === t.slot);
    if (si === undefined) {
      si = { slot: t.slot, eq: new Map(), starts: new Map(), ends: new Map(), containsIds: new Map(), containsRules: [], ac: null };
      g.index.push(si);
    }
    if (t.kind === 'eq') push(si.eq, t.text, r);
    else if (t.kind === 'starts') push(si.starts, t.text.slice(0, KEY), r);
    else if (t.kind === 'ends') push(si.ends, t.text.slice(-KEY), r);
    else {
      let id = si.containsIds.get(t.text);
      if (id === undefined) {
        id = si.containsRules.length;
        si.containsIds.set(t.text, id);
        si.containsRules.push([]);
        (si.ac ??= new AhoCorasick()).add(t.text, id);
      }
      const list = si.containsRules[id]!;
      if (list[list.length - 1] !== r) list.push(r);
    }
  }
}

const mark = (list: RuleSlot[] | undefined, n: number): void => {
  if (list !== undefined) for (const r of list) r.mark = n;
};

/** Mark the rules whose guard literals the event shows. */
function markCandidates(c: EvalContext, g: Group, n: number): void {
  for (const si of g.index) {
    const fv = c.field(si.slot);
    if (!fv.present || fv.isNull) continue;
    for (const s of fv.lower()) {
      if (si.eq.size > 0) mark(si.eq.get(s), n);
      if (s.length >= KEY) {
        if (si.starts.size > 0) mark(si.starts.get(s.slice(0, KEY)), n);
        if (si.ends.size > 0) mark(si.ends.get(s.slice(-KEY)), n);
      }
      if (si.ac !== null) {
        const rules = si.containsRules;
        si.ac.scan(s, (id) => mark(rules[id], n));
      }
    }
  }
}

const joined = (c: EvalContext, slot: number): string | null => {
  const fv = c.field(slot);
  return fv.strs.length > 0 ? fv.strs.join(',') : null;
};

/**
 * Run rules over events once. Rules sharing a logsource share one logsource check per
 * event, all rules share one field cache per event, and a rule whose guard literals
 * (e.g. `Image|endswith: '\certutil.exe'`) the event does not show is skipped without
 * running. Aggregation rules collect their matching events and are evaluated at the end
 * (events need not arrive in time order).
 */
export function runRules(rules: CompiledRule[], events: Iterable<IdentifiedSigmaEvent>): RuleMatches[] {
  const byKey = new Map<string, Group>();
  const results: RuleMatches[] = [];
  for (const rule of rules) {
    const inner = internalsOf(rule);
    const out: RuleMatches = { rule, eventIds: [], hits: [], skippedNoTime: 0 };
    results.push(out);
    const a = rule.aggregation;
    const slot: RuleSlot = {
      rule,
      test: inner.test,
      out,
      always: false,
      mark: -1,
      agg: a === null ? null : { groupSlots: a.groupBy.map(fieldSlot), valueSlot: a.field === null ? null : fieldSlot(a.field), items: [] },
    };
    let g = byKey.get(inner.logsource.key);
    if (g === undefined) byKey.set(inner.logsource.key, (g = { pred: inner.logsource.pred, rules: [], index: [] }));
    g.rules.push(slot);
    indexRule(g, slot, inner.guard);
  }
  const groups = [...byKey.values()];
  const c = new EvalContext();
  let n = 0;
  for (const ev of events) {
    c.reset(ev);
    n++;
    for (const g of groups) {
      if (!g.pred(c)) continue;
      if (g.index.length > 0) markCandidates(c, g, n);
      for (const r of g.rules) {
        if (!r.always && r.mark !== n) continue;
        if (!r.test(c)) continue;
        if (r.agg === null) {
          r.out.eventIds.push(ev.id);
          continue;
        }
        if (ev.ts === null && r.rule.aggregation!.timeframeUs !== null) {
          r.out.skippedNoTime++;
          continue;
        }
        const groupValues = r.agg.groupSlots.map((s) => joined(c, s));
        r.agg.items.push({
          id: ev.id,
          ts: ev.ts ?? 0,
          group: JSON.stringify(groupValues.map((v) => (v === null ? null : v.toLowerCase()))),
          groupValues,
          value: r.agg.valueSlot === null ? null : (joined(c, r.agg.valueSlot)?.toLowerCase() ?? null),
        });
      }
    }
  }
  for (const g of groups) {
    for (const r of g.rules) {
      if (r.agg === null) continue;
      r.out.hits = evaluateAggregation(r.rule.aggregation!, r.agg.items);
      const ids = new Set(r.out.hits.flatMap((h) => h.eventIds));
      // Input order, like plain rules.
      r.out.eventIds = r.agg.items.filter((it) => ids.has(it.id)).map((it) => it.id);
    }
  }
  return results;
}

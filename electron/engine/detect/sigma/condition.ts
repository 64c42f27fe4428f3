import type { Pred } from './context';
import { RuleError } from './errors';
import type { CompareOp } from './types';
import { guardAnd, guardOr, type Guard } from './guard';

/**
 * The condition language: `and`, `or`, `not`, parentheses, `1 of`/`all of`/`N of` a
 * pattern (`*` wildcards) or `them`, with the spec's precedence (or < and < not < x of <
 * parentheses). A trailing `| count(...) by ... op N` is split off as an aggregation.
 */

type Tok = { t: '(' } | { t: ')' } | { t: 'word'; v: string };

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s*(\(|\)|[^\s()]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(s)) !== null) {
    pos = re.lastIndex;
    const v = m[1]!;
    out.push(v === '(' || v === ')' ? { t: v } : { t: 'word', v });
  }
  if (s.slice(pos).trim() !== '') throw new RuleError(`cannot read condition near '${s.slice(pos)}'`);
  return out;
}

export interface SearchTable {
  /** Search identifiers in definition order. */
  names: string[];
  get(name: string): Costed;
}

/** A predicate with a rough cost, so AND/OR can try cheap operands first (the result is the same). */
export interface Costed {
  pred: Pred;
  cost: number;
  guard?: Guard;
}

const guards = (items: Costed[]): Guard[] => items.map((i) => i.guard ?? null);

const byCost = (items: Costed[]): Costed[] => [...items].sort((a, b) => a.cost - b.cost);
const total = (items: Costed[]): number => items.reduce((n, i) => n + i.cost, 0);

const globRe = (pattern: string): RegExp =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

function anyOf(items: Costed[]): Costed {
  if (items.length === 1) return items[0]!;
  const preds = byCost(items).map((i) => i.pred);
  return {
    pred: (c) => {
      for (const p of preds) if (p(c)) return true;
      return false;
    },
    cost: total(items),
    guard: guardOr(guards(items)),
  };
}

function allOf(items: Costed[]): Costed {
  if (items.length === 1) return items[0]!;
  const preds = byCost(items).map((i) => i.pred);
  return {
    pred: (c) => {
      for (const p of preds) if (!p(c)) return false;
      return true;
    },
    cost: total(items),
    guard: guardAnd(guards(items)),
  };
}

function atLeast(n: number, items: Costed[]): Costed {
  const preds = items.map((i) => i.pred);
  return {
    pred: (c) => {
      let k = 0;
      for (const p of preds) if (p(c) && ++k >= n) return true;
      return false;
    },
    cost: total(items),
    // At least one operand must hold.
    guard: guardOr(guards(items)),
  };
}

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly table: SearchTable,
    private readonly text: string,
  ) {}

  parse(): Costed {
    if (this.toks.length === 0) throw new RuleError('the condition is empty');
    const p = this.or();
    if (this.i < this.toks.length) throw new RuleError(`unexpected '${this.show(this.toks[this.i]!)}' in condition '${this.text}'`);
    return p;
  }

  private show(t: Tok): string {
    return t.t === 'word' ? t.v : t.t;
  }

  private word(): string | null {
    const t = this.toks[this.i];
    return t !== undefined && t.t === 'word' ? t.v.toLowerCase() : null;
  }

  private or(): Costed {
    const parts = [this.and()];
    while (this.word() === 'or') {
      this.i++;
      parts.push(this.and());
    }
    return anyOf(parts);
  }

  private and(): Costed {
    const parts = [this.not()];
    while (this.word() === 'and') {
      this.i++;
      parts.push(this.not());
    }
    return allOf(parts);
  }

  private not(): Costed {
    if (this.word() === 'not') {
      this.i++;
      const inner = this.not();
      const p = inner.pred;
      return { pred: (c) => !p(c), cost: inner.cost, guard: null };
    }
    return this.primary();
  }

  private primary(): Costed {
    const t = this.toks[this.i];
    if (t === undefined) throw new RuleError(`condition '${this.text}' ends early`);
    if (t.t === '(') {
      this.i++;
      const p = this.or();
      if (this.toks[this.i]?.t !== ')') throw new RuleError(`missing ')' in condition '${this.text}'`);
      this.i++;
      return p;
    }
    if (t.t === ')') throw new RuleError(`unexpected ')' in condition '${this.text}'`);
    const w = t.v.toLowerCase();
    if (['and', 'or', 'of', 'them'].includes(w)) throw new RuleError(`unexpected '${t.v}' in condition '${this.text}'`);
    const next = this.toks[this.i + 1];
    if (next?.t === 'word' && next.v.toLowerCase() === 'of') return this.quantified(w);
    this.i++;
    if (!this.table.names.includes(t.v)) throw new RuleError(`condition refers to unknown search identifier '${t.v}'`);
    return this.table.get(t.v);
  }

  private quantified(q: string): Costed {
    const n = q === 'all' ? -1 : q === 'any' ? 1 : /^\d+$/.test(q) ? Number(q) : NaN;
    if (Number.isNaN(n) || n === 0) throw new RuleError(`'${q} of' is not a valid quantifier (use 1 of, all of or N of)`);
    this.i += 2;
    const target = this.toks[this.i];
    if (target === undefined || target.t !== 'word') throw new RuleError(`'${q} of' needs a search identifier pattern or 'them'`);
    const pattern = target.v;
    this.i++;
    const names =
      pattern.toLowerCase() === 'them'
        ? this.table.names.filter((x) => !x.startsWith('_'))
        : this.table.names.filter((x) => globRe(pattern).test(x));
    if (names.length === 0) throw new RuleError(`'${q} of ${pattern}' matches no search identifier`);
    const items = names.map((x) => this.table.get(x));
    if (n === -1) return allOf(items);
    if (n === 1) return anyOf(items);
    return atLeast(n, items);
  }
}

export function compileCondition(text: string, table: SearchTable): Costed {
  return new Parser(tokenize(text), table, text).parse();
}

export interface AggregationSpec {
  field: string | null;
  groupBy: string[];
  op: CompareOp;
  value: number;
}

const AGG = /^count\(\s*([^()\s]*)\s*\)\s*(?:by\s+([^<>=!]+?))?\s*(>=|<=|==|!=|=|>|<)\s*(\d+(?:\.\d+)?)\s*$/i;

/** Split `expr | aggregation`; the aggregation part is parsed, `near` and other functions refused. */
export function splitAggregation(text: string): { expr: string; agg: AggregationSpec | null } {
  const bar = text.indexOf('|');
  if (bar < 0) return { expr: text, agg: null };
  const expr = text.slice(0, bar).trim();
  const rest = text.slice(bar + 1).trim();
  const m = AGG.exec(rest);
  if (m === null) {
    const fn = /^(\w+)/.exec(rest)?.[1] ?? rest;
    throw new RuleError(
      /^(min|max|avg|sum|near)$/i.test(fn)
        ? `aggregation '${rest}' is not supported (only count)`
        : `cannot read aggregation '${rest}'`,
    );
  }
  const op = (m[3] === '=' ? '==' : m[3]) as CompareOp;
  return {
    expr,
    agg: {
      field: m[1] === '' ? null : m[1]!,
      groupBy: m[2] === undefined ? [] : m[2].split(',').map((s) => s.trim()).filter((s) => s !== ''),
      op,
      value: Number(m[4]),
    },
  };
}

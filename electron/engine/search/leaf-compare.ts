import type { SqlCond } from './compiled';
import { attrText, type FieldRef } from './field-ref';
import type { CompareNode, Span } from './query-ast';
import { syntaxError } from './query-lex';
import { parseTime } from './time-parse';
import { numericExpr, numericValue } from './value-match';
import type { LeafContext } from './leaf-sql';

interface Bounds {
  lower: string | null;
  upper: string | null;
  includeLower: boolean;
  includeUpper: boolean;
}

const TIME_HELP = 'use ISO 8601 (2024-03-01 or 2024-03-01T10:00:00Z), epoch seconds or milliseconds, or now-24h';

function timeOf(ctx: LeafContext, text: string, at: Span) {
  const t = parseTime(text, ctx.nowUs);
  if (!t) throw syntaxError(`"${text}" is not a time: ${TIME_HELP}`, at.pos, at.len);
  return t;
}

function intOf(text: string, field: string, at: Span): number {
  if (!/^[+-]?\d{1,15}$/.test(text.trim())) throw syntaxError(`${field} takes a whole number, not "${text}"`, at.pos, at.len);
  return Number(text);
}

/**
 * A time bound as a condition on `e.ts`. A written time is an interval (a day, a minute...),
 * so an inclusive upper bound reaches its end and an exclusive lower bound starts after it.
 */
function tsCond(ctx: LeafContext, b: Bounds, at: Span): SqlCond {
  const parts: string[] = [];
  const params: number[] = [];
  if (b.lower !== null) {
    const t = timeOf(ctx, b.lower, at);
    parts.push('e.ts >= ?');
    params.push(b.includeLower ? t.start : t.end);
  }
  if (b.upper !== null) {
    const t = timeOf(ctx, b.upper, at);
    parts.push('e.ts < ?');
    params.push(b.includeUpper ? t.end : t.start);
  }
  if (parts.length === 0) parts.push('e.ts IS NOT NULL');
  return { sql: parts.join(' AND '), params, driver: true, time: true };
}

function intCond(expr: string, name: string, b: Bounds, at: Span): SqlCond {
  const parts: string[] = [];
  const params: number[] = [];
  if (b.lower !== null) {
    parts.push(`${expr} ${b.includeLower ? '>=' : '>'} ?`);
    params.push(intOf(b.lower, name, at));
  }
  if (b.upper !== null) {
    parts.push(`${expr} ${b.includeUpper ? '<=' : '<'} ?`);
    params.push(intOf(b.upper, name, at));
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params, driver: parts.length > 0 };
}

/**
 * Numbers compare as numbers when every given bound is one (text that spells a number
 * counts), otherwise as text (BINARY, which orders ISO times correctly).
 */
function valueCond(f: Extract<FieldRef, { kind: 'column' | 'attr' }>, b: Bounds): SqlCond {
  const given = [b.lower, b.upper].filter((x): x is string => x !== null);
  const numeric = given.every((x) => numericValue(x) !== null);
  const raw = f.kind === 'column' ? f.expr : `json_extract(e.attrs, ${f.path})`;
  const expr = numeric ? numericExpr(raw) : f.kind === 'column' ? f.expr : attrText(f.path);
  const parts: string[] = [];
  const params: unknown[] = [];
  if (b.lower !== null) {
    parts.push(`${expr} ${b.includeLower ? '>=' : '>'} ?`);
    params.push(numeric ? numericValue(b.lower) : b.lower);
  }
  if (b.upper !== null) {
    parts.push(`${expr} ${b.includeUpper ? '<=' : '<'} ?`);
    params.push(numeric ? numericValue(b.upper) : b.upper);
  }
  if (parts.length === 0) parts.push(`${expr} IS NOT NULL`);
  return { sql: parts.join(' AND '), params };
}

/** `field:[a TO b]` and equality on ts / id (an interval of its own). */
export function rangeCond(ctx: LeafContext, f: FieldRef, at: Span, b: Bounds): SqlCond {
  switch (f.kind) {
    case 'ts':
      return tsCond(ctx, b, at);
    case 'int':
      return intCond(f.expr, f.name, b, at);
    case 'column':
    case 'attr':
      return valueCond(f, b);
    default:
      throw syntaxError('Ranges and comparisons work on ts, id, source_id and fields holding numbers or text', at.pos, at.len);
  }
}

/** `field:>=x` and friends, as a one-sided range. */
export function compareCond(ctx: LeafContext, f: FieldRef, node: CompareNode): SqlCond {
  const v = node.value;
  const at: Span = { pos: node.valuePos, len: node.pos + node.len - node.valuePos };
  if (f.kind !== 'ts' && f.kind !== 'int' && f.kind !== 'column' && f.kind !== 'attr') {
    throw syntaxError(`Cannot compare "${node.field}": comparisons work on ts, id, source_id and fields holding numbers or text`, node.pos, node.len);
  }
  const b: Bounds =
    node.op === '>' || node.op === '>='
      ? { lower: v, upper: null, includeLower: node.op === '>=', includeUpper: false }
      : { lower: null, upper: v, includeLower: false, includeUpper: node.op === '<=' };
  return rangeCond(ctx, f, at, b);
}

import type { SqlCond } from './compiled';

/**
 * Case-insensitive matching of field values, with one meaning whichever way it runs:
 * ASCII letters fold as SQLite's NOCASE and LIKE fold them; a value with other characters
 * is matched by the registered `regexp` function with the `iu` flags (Unicode case folding).
 * The JavaScript matchers below give exactly the same answers, so filtering distinct index
 * values in JavaScript and filtering rows in SQL cannot disagree.
 */

const ASCII = /^[\x00-\x7f]*$/;

export function isAscii(s: string): boolean {
  return ASCII.test(s);
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, '\\$&');
}

/** `seg1*seg2` as an anchored regex source. */
function wildcardSource(segments: string[]): string {
  return `^${segments.map(escapeRegex).join('.*')}$`;
}

/** SQL: `expr` equals `value` ignoring case. */
export function ciEquals(expr: string, value: string): SqlCond {
  if (isAscii(value)) return { sql: `${expr} = ? COLLATE NOCASE`, params: [value] };
  return { sql: `regexp(?, ${expr}, 'iu')`, params: [`^${escapeRegex(value)}$`] };
}

/** SQL: `expr` matches the wildcard pattern (segments between `*`) ignoring case. */
export function ciWildcard(expr: string, segments: string[]): SqlCond {
  if (segments.every(isAscii)) return { sql: `${expr} LIKE ? ESCAPE '\\'`, params: [segments.map(escapeLike).join('%')] };
  return { sql: `regexp(?, ${expr}, 'isu')`, params: [wildcardSource(segments)] };
}

/** SQL: `expr` contains `text` ignoring case. */
export function ciContains(expr: string, text: string): SqlCond {
  return ciWildcard(expr, ['', text, '']);
}

/** SQL: the JavaScript regex finds a match in `expr`. */
export function regexCond(expr: string, pattern: string, flags: string): SqlCond {
  return { sql: `regexp(?, ${expr}, ?)`, params: [pattern, flags] };
}

/** JavaScript twin of ciWildcard, for values read from an index. */
export function wildcardMatcher(segments: string[]): (v: string) => boolean {
  // Without `u`, JavaScript's `i` never folds a non-ASCII character to an ASCII one: like LIKE.
  const re = new RegExp(wildcardSource(segments), segments.every(isAscii) ? 'is' : 'isu');
  return (v) => re.test(v);
}

/** SQL `expr IN (...)`, or a condition that is never true for an empty list. */
export function inList(expr: string, values: string[]): SqlCond {
  if (values.length === 0) return { sql: '0', params: [] };
  return { sql: `${expr} IN (${values.map(() => '?').join(', ')})`, params: values, driver: true };
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function numericValue(s: string): number | null {
  return NUMBER.test(s.trim()) ? Number(s) : null;
}

/**
 * `expr` as a number when it is one or is text that spells one ("404"), else NULL, so
 * `status:>=400` works whether a parser stored the status as a number or as text and text
 * never compares above every number (SQLite orders all text after all numbers).
 */
export function numericExpr(expr: string): string {
  return `(CASE WHEN typeof(${expr}) IN ('integer', 'real') THEN ${expr}
    WHEN typeof(${expr}) = 'text' AND ${expr} GLOB '*[0-9]*' AND ${expr} NOT GLOB '*[^0-9.eE+-]*' AND ${expr} NOT GLOB '*.*.*'
    THEN CAST(${expr} AS REAL) END)`;
}

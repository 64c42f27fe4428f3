import { AppError } from '../../../shared/errors';

/** A query_syntax error underlining `length` characters at `position` of the query. */
export function syntaxError(message: string, position: number, length: number): AppError {
  return new AppError('query_syntax', message, { position, length: Math.max(1, length) });
}

/** Characters a backslash makes literal in an unquoted word (`\*`, `\(`, `\:`, `\ `...). */
const ESCAPABLE = new Set([...'\\()":*/<>[]{}!-&|~^+= ']);

/** Regex flags a query may use; `g` and `y` are stateful and make no sense for matching. */
const REGEX_FLAGS = /^[imsu]*$/;

/** True where a word or quoted value must end: end, whitespace, a parenthesis, `&&` or `||`. */
export function isDelimiter(s: string, i: number): boolean {
  if (i >= s.length) return true;
  const c = s[i]!;
  return /\s/.test(c) || c === '(' || c === ')' || s.startsWith('&&', i) || s.startsWith('||', i);
}

/** An unquoted word: literal pieces between unescaped `*` (one piece when there is no star). */
export interface Word {
  segments: string[];
  end: number;
}

/**
 * Reads an unquoted word. A `(` inside a word stays part of it when it is closed in the same
 * word, so syslog text like `pam_unix(sshd:session)` can be pasted as is.
 */
export function readWord(s: string, start: number): Word {
  const segments: string[] = [];
  const open: number[] = [];
  let cur = '';
  let i = start;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length && ESCAPABLE.has(s[i + 1]!)) {
      cur += s[i + 1];
      i += 2;
      continue;
    }
    if (/\s/.test(c) || s.startsWith('&&', i) || s.startsWith('||', i)) break;
    if (c === ')') {
      if (open.length === 0) break;
      open.pop();
    } else if (c === '(') {
      open.push(i);
    } else if (c === '"') {
      throw syntaxError('A quote inside a word: put the whole value in quotes, or escape the quote as \\"', i, 1);
    } else if (c === '*') {
      segments.push(cur);
      cur = '';
      i++;
      continue;
    }
    cur += c;
    i++;
  }
  if (open.length > 0) {
    throw syntaxError('Unbalanced "(" inside a word: put a space before "(" to group terms, or quote the text', open[0]!, 1);
  }
  if (i === start) throw syntaxError('A value was expected here', start, 1);
  segments.push(cur);
  return { segments, end: i };
}

/** A double-quoted value (`\"` and `\\` are escapes); a `*` right after it makes a prefix phrase. */
export function readQuoted(s: string, start: number): { value: string; prefix: boolean; end: number } {
  let value = '';
  let i = start + 1;
  for (;;) {
    if (i >= s.length) throw syntaxError('Missing closing quote for this "', start, 1);
    const c = s[i]!;
    if (c === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\')) {
      value += s[i + 1];
      i += 2;
      continue;
    }
    i++;
    if (c === '"') break;
    value += c;
  }
  const prefix = s[i] === '*';
  if (prefix) i++;
  if (!isDelimiter(s, i)) throw syntaxError('Expected a space or an operator after the closing quote', i, 1);
  return { value, prefix, end: i };
}

/**
 * `/pattern/flags` at `start`, or null when the text is not a regex but a path-like word
 * (`/var/log/auth.log`): it needs a closing slash followed by valid flags and a delimiter.
 * A regex that does not compile is a syntax error.
 */
export function tryRegex(s: string, start: number): { pattern: string; flags: string; end: number } | null {
  let i = start + 1;
  while (i < s.length && s[i] !== '/') i += s[i] === '\\' ? 2 : 1;
  if (i >= s.length || i === start + 1) return null;
  let j = i + 1;
  while (j < s.length && /[A-Za-z]/.test(s[j]!)) j++;
  const flags = s.slice(i + 1, j);
  if (!isDelimiter(s, j) || !REGEX_FLAGS.test(flags) || new Set(flags).size !== flags.length) return null;
  const pattern = s.slice(start + 1, i);
  try {
    new RegExp(pattern, flags || 'i');
  } catch (err) {
    throw syntaxError((err as Error).message, start, j - start);
  }
  return { pattern, flags, end: j };
}

export interface RangeBounds {
  lower: string | null;
  upper: string | null;
  includeLower: boolean;
  includeUpper: boolean;
}

function bound(raw: string, pos: number, len: number): string | null {
  const t = raw.trim();
  if (t === '') throw syntaxError('A range bound is missing (use * for an open end)', pos, len);
  if (t === '*') return null;
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/\\(["\\])/g, '$1');
  return t;
}

/** `[a TO b]`, `{a TO b}` or a mix: square brackets include the bound, braces exclude it. */
export function readRange(s: string, start: number): { range: RangeBounds; end: number } {
  let j = start + 1;
  let quoted = false;
  while (j < s.length && (quoted || (s[j] !== ']' && s[j] !== '}'))) {
    if (s[j] === '\\') j++;
    else if (s[j] === '"') quoted = !quoted;
    j++;
  }
  if (j >= s.length) throw syntaxError(`Missing "${s[start] === '[' ? ']' : '}'}" to close this range`, start, 1);
  const inner = s.slice(start + 1, j);
  const to = /\s+TO\s+/.exec(inner);
  const len = j - start + 1;
  if (!to) throw syntaxError('A range needs "TO" between its bounds, as in ts:[2024-01-01 TO 2024-02-01]', start, len);
  const range: RangeBounds = {
    lower: bound(inner.slice(0, to.index), start, len),
    upper: bound(inner.slice(to.index + to[0].length), start, len),
    includeLower: s[start] === '[',
    includeUpper: s[j] === ']',
  };
  if (!isDelimiter(s, j + 1)) throw syntaxError('Expected a space or an operator after the range', j + 1, 1);
  return { range, end: j + 1 };
}

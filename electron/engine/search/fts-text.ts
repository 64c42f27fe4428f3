/**
 * Building FTS5 query text from user values. Every value goes into FTS5 as a quoted
 * string, which FTS5 splits with the table's own tokenizer (unicode61, `_` a token
 * character): `10.0.0.1` becomes the phrase "10 0 0 1" and no character of user input is
 * ever read as FTS5 syntax (`NEAR(`, `*`, `^`, column filters).
 */

/** Approximates unicode61's token characters (letters, numbers, marks, private use, `_`). */
const TOKEN_CHAR = /[\p{L}\p{N}\p{M}\p{Co}_]/u;

/** FTS5 matches nothing for a string without tokens, so callers need another way to match it. */
export function hasTokens(text: string): boolean {
  return TOKEN_CHAR.test(text);
}

/** The value as one FTS5 string (a phrase of its tokens). */
export function ftsPhrase(text: string): string {
  // NUL ends the expression early inside SQLite; it is a separator for the tokenizer anyway.
  return `"${text.replace(/\0/g, ' ').replace(/"/g, '""')}"`;
}

/**
 * A phrase whose last token may be a prefix of a longer token, for values that start with
 * `text`: `web` finds web01, `web-` only the token web (the dash already ended it).
 */
export function ftsPrefixPhrase(text: string): string {
  const last = text[text.length - 1];
  return last !== undefined && TOKEN_CHAR.test(last) ? `${ftsPhrase(text)} *` : ftsPhrase(text);
}

/** Restricts an FTS5 phrase to one column of events_fts. */
export function ftsColumn(column: 'message' | 'fields', phrase: string): string {
  return `${column} : ${phrase}`;
}

export function ftsAnd(parts: string[]): string {
  return parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' AND ');
}

export function ftsOr(parts: string[]): string {
  return parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' OR ');
}

/** `pos NOT (neg1 OR neg2)`: FTS5's NOT is binary, so negations need a positive side. */
export function ftsAndNot(pos: string[], neg: string[]): string {
  const p = ftsAnd(pos);
  return neg.length === 0 ? p : `(${p}) NOT (${ftsOr(neg)})`;
}

/**
 * The literal text every match of an anchored regex starts with (`^10\.1\.` gives "10.1."),
 * used as an FTS hint; null when there is no such guarantee (no `^`, alternation, `m` flag).
 */
export function regexLiteralPrefix(pattern: string, flags: string): string | null {
  if (!pattern.startsWith('^') || flags.includes('m') || /(^|[^\\])\|/.test(pattern)) return null;
  let out = '';
  let i = 1;
  while (i < pattern.length) {
    let ch: string;
    let next: number;
    const c = pattern[i]!;
    if (c === '\\') {
      const e = pattern[i + 1];
      // Only escaped punctuation is a literal; \d, \w, \b and friends are classes or assertions.
      if (e === undefined || /[A-Za-z0-9]/.test(e)) break;
      ch = e;
      next = i + 2;
    } else if (/[.^$*+?()[\]{}|]/.test(c)) {
      break;
    } else {
      ch = c;
      next = i + 1;
    }
    // A quantifier after this character makes it optional or repeated: stop before it.
    if (/[*+?{]/.test(pattern[next] ?? '')) break;
    out += ch;
    i = next;
  }
  return out.length > 0 ? out : null;
}

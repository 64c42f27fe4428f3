/**
 * Sigma string values: `*` and `?` wildcards with `\` escaping (spec "Escaping": `\*`, `\?`
 * and `\\` are escapes; a backslash before any other character is a plain backslash).
 */

export const STAR = 0;
export const ONE = 1;
/** A literal run of text, or a wildcard: STAR (any run) or ONE (one character). */
export type Part = string | typeof STAR | typeof ONE;

/** Split a Sigma string into literal runs and wildcards. */
export function parseSigmaString(s: string): Part[] {
  const parts: Part[] = [];
  let lit = '';
  let escaped = false;
  const flush = (): void => {
    if (lit !== '') parts.push(lit);
    lit = '';
  };
  for (const c of s) {
    if (escaped) {
      lit += c === '*' || c === '?' || c === '\\' ? c : `\\${c}`;
      escaped = false;
    } else if (c === '\\') escaped = true;
    else if (c === '*') {
      flush();
      if (parts[parts.length - 1] !== STAR) parts.push(STAR);
    } else if (c === '?') {
      flush();
      parts.push(ONE);
    } else lit += c;
  }
  if (escaped) lit += '\\';
  flush();
  return parts;
}

/** Parts of a plain text (no wildcard meaning). */
export const literalParts = (s: string): Part[] => (s === '' ? [] : [s]);

export const hasWildcards = (parts: Part[]): boolean => parts.some((p) => typeof p !== 'string');

/** The text of wildcard-free parts. */
export const partsText = (parts: Part[]): string => parts.map((p) => (p === STAR ? '*' : p === ONE ? '?' : p)).join('');

/** Join parts, merging adjacent literals and repeated stars. */
export function joinParts(...lists: Part[][]): Part[] {
  const out: Part[] = [];
  for (const list of lists) {
    for (const p of list) {
      const last = out[out.length - 1];
      if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
      else if (p === STAR && last === STAR) continue;
      else out.push(p);
    }
  }
  return out;
}

/** How a pattern tests a string, for grouping cheap tests. */
export type SimpleKind = 'eq' | 'starts' | 'ends' | 'contains' | 'any';

/** The simple form of a pattern (a literal with stars only at its ends), or null. */
export function simpleForm(parts: Part[]): { kind: SimpleKind; text: string } | null {
  const n = parts.length;
  if (n === 0) return { kind: 'eq', text: '' };
  if (n === 1) return parts[0] === STAR ? { kind: 'any', text: '' } : typeof parts[0] === 'string' ? { kind: 'eq', text: parts[0] } : null;
  const a = parts[0];
  const b = parts[1];
  if (n === 2) {
    if (a === STAR && typeof b === 'string') return { kind: 'ends', text: b };
    if (typeof a === 'string' && b === STAR) return { kind: 'starts', text: a };
    return null;
  }
  if (n === 3 && a === STAR && typeof b === 'string' && parts[2] === STAR) return { kind: 'contains', text: b };
  return null;
}

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** An anchored RegExp equivalent to the pattern (literal parts lower-cased unless cased). */
export function patternRegExp(parts: Part[], cased: boolean): RegExp {
  let src = '^';
  for (const p of parts) {
    if (p === STAR) src += '[\\s\\S]*';
    else if (p === ONE) src += '[\\s\\S]';
    else src += escapeRegExp(cased ? p : p.toLowerCase());
  }
  return new RegExp(`${src}$`);
}

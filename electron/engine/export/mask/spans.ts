import type { Span } from './types';

/** Runs a global regex and keeps the matches that pass `accept` as spans of `kind`. */
export function scan(text: string, re: RegExp, kind: Span['kind'], accept: (m: string) => boolean = () => true): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(re)) {
    if (accept(m[0])) out.push({ start: m.index, end: m.index + m[0].length, kind });
  }
  return out;
}

/**
 * Keeps non-overlapping spans: earliest start first, the longer span on a tie (so an
 * IPv4-mapped IPv6 address wins over the dotted quad inside it), then the lower rank.
 */
export function resolveOverlaps<T extends { start: number; end: number; rank?: number }>(spans: readonly T[]): T[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end || (a.rank ?? 0) - (b.rank ?? 0));
  const out: T[] = [];
  let end = -1;
  for (const s of sorted) {
    if (s.start >= end) {
      out.push(s);
      end = s.end;
    }
  }
  return out;
}

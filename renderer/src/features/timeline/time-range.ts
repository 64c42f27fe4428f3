/** A time window of the case: from inclusive, to exclusive, ISO 8601 UTC. */
export interface TimeRange {
  from: string;
  to: string;
}

export function rangeOf(from: Date, to: Date): TimeRange {
  return { from: from.toISOString(), to: to.toISOString() };
}

/** The window moved by a fraction of its width (negative: earlier). */
export function panRange(r: TimeRange, fraction: number): TimeRange {
  const a = Date.parse(r.from);
  const b = Date.parse(r.to);
  const d = (b - a) * fraction;
  return rangeOf(new Date(a + d), new Date(b + d));
}

/** The window grown around its middle (factor 2: twice as wide). */
export function zoomRange(r: TimeRange, factor: number): TimeRange {
  const a = Date.parse(r.from);
  const b = Date.parse(r.to);
  const mid = (a + b) / 2;
  const half = ((b - a) * factor) / 2;
  return rangeOf(new Date(mid - half), new Date(mid + half));
}

/** "2026-03-01 12:00:00" style, UTC, down to the second; ms when the window is short. */
export function shortTime(iso: string, ms = false): string {
  const s = iso.replace('T', ' ').replace(/Z$/, '');
  return ms ? s.slice(0, 23) : s.slice(0, 19);
}

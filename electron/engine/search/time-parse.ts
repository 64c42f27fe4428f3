/**
 * Time values in queries and in the from/to bounds. A written time denotes an interval
 * [start, end) in UTC microseconds whose width is the precision it was written with:
 * `2024-03-01` is that whole day, `2024-03-01T10:15` that minute. Comparisons use this
 * (as Elasticsearch does for missing date components): `ts:<=2024-03-01` includes the
 * whole day, `ts:>2024-03-01` starts the day after.
 */
export interface TimeInterval {
  start: number;
  end: number;
}

const US_PER_S = 1_000_000;
const UNIT_US: Record<string, number> = { s: US_PER_S, m: 60 * US_PER_S, h: 3600 * US_PER_S, d: 86400 * US_PER_S, w: 7 * 86400 * US_PER_S };

const ISO =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const RELATIVE = /^(?:now)?\s*(?:([+-])\s*(\d{1,9})\s*([smhdwMy]))?$/;
const EPOCH = /^(\d{5,16})(?:\.(\d{1,6}))?$/;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Adds calendar months in UTC, clamping the day (Jan 31 + 1 month = Feb 29 in a leap year). */
function addMonthsUs(us: number, months: number): number {
  const ms = Math.floor(us / 1000);
  const d = new Date(ms);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  target.setUTCDate(Math.min(day, daysInMonth(target.getUTCFullYear(), target.getUTCMonth() + 1)));
  return target.getTime() * 1000 + (us - ms * 1000);
}

function parseRelative(text: string, nowUs: number): TimeInterval | null {
  const m = RELATIVE.exec(text);
  if (!m || (!text.startsWith('now') && !m[1])) return null;
  let us = nowUs;
  if (m[1]) {
    const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
    const unit = m[3]!;
    if (unit === 'M') us = addMonthsUs(us, n);
    else if (unit === 'y') us = addMonthsUs(us, 12 * n);
    else us += n * UNIT_US[unit]!;
  }
  return { start: us, end: us + 1 };
}

function parseEpoch(text: string): TimeInterval | null {
  const m = EPOCH.exec(text);
  if (!m) return null;
  const int = Number(m[1]);
  const frac = m[2] ?? '';
  // Magnitude tells the unit: seconds until the year 5138, then milliseconds, then microseconds.
  const unitUs = int < 1e11 ? US_PER_S : int < 1e14 ? 1000 : 1;
  const fracUs = frac ? Math.round(Number(`0.${frac}`) * unitUs) : 0;
  const start = int * unitUs + fracUs;
  const width = frac ? Math.max(1, Math.round(unitUs / 10 ** frac.length)) : unitUs;
  return { start, end: start + width };
}

function offsetMinutes(tz: string | undefined): number | null {
  if (!tz || /^z$/i.test(tz)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(tz);
  if (!m) return null;
  const h = Number(m[2]);
  const min = Number(m[3] ?? '0');
  if (h > 23 || min > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + min);
}

function parseIso(text: string): TimeInterval | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, ys, mos, ds, hs, mis, ss, fs, tz] = m;
  const y = Number(ys);
  const mo = mos ? Number(mos) : 1;
  const d = ds ? Number(ds) : 1;
  const h = hs ? Number(hs) : 0;
  const mi = mis ? Number(mis) : 0;
  const s = ss ? Number(ss) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  // A bare year is only a year when nothing else is written; "2024Z" is meaningless.
  if (!mos && tz) return null;
  const off = offsetMinutes(tz);
  if (off === null) return null;
  const fracUs = fs ? Math.floor(Number(`0.${fs}`) * US_PER_S + 1e-6) : 0;
  const start = (Date.UTC(y, mo - 1, d, h, mi, s) - off * 60_000) * 1000 + fracUs;
  let end: number;
  if (!mos) end = addMonthsUs(start, 12);
  else if (!ds) end = addMonthsUs(start, 1);
  else if (!hs) end = start + UNIT_US.d!;
  else if (!mis) end = start + UNIT_US.h!;
  else if (!ss) end = start + UNIT_US.m!;
  else if (!fs) end = start + US_PER_S;
  else end = start + Math.max(1, 10 ** Math.max(0, 6 - fs.length));
  return { start, end };
}

/**
 * Parses an ISO 8601 date or date-time (no offset = UTC; date-only = UTC midnight), epoch
 * seconds/milliseconds/microseconds (told apart by magnitude), or a time relative to
 * `nowUs` (`now`, `now-24h`, `-7d`; units s m h d w, M = month, y = year).
 * Returns null when the text is none of these.
 */
export function parseTime(text: string, nowUs: number): TimeInterval | null {
  const t = text.trim();
  if (t === '') return null;
  return parseRelative(t, nowUs) ?? (/^\d{4}$/.test(t) ? parseIso(t) : parseEpoch(t) ?? parseIso(t));
}

/** ISO 8601 with six fraction digits and Z, the form events carry their time in. */
export function formatTs(us: number): string | null {
  const ms = Math.floor(us / 1000);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return null;
  const micro = String(us - ms * 1000).padStart(3, '0');
  const iso = d.toISOString();
  // toISOString gives ±YYYYYY for years outside 0..9999; keep it, the fraction is what we extend.
  return `${iso.slice(0, -1)}${micro}Z`;
}

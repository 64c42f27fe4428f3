/**
 * Time helpers shared by the parsers. Every normalized time is a number of microseconds
 * since 1970-01-01T00:00:00Z (negative before it). Parsing never throws: a value that is
 * not a valid date gives null.
 */

const MS_PER_DAY = 86_400_000;
/** Year 1 and year 9999: outside this range a "time" is almost surely not one. */
const MIN_US = -62_135_596_800_000_000;
const MAX_US = 253_402_300_799_999_999;

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** ISO 8601 UTC with six fraction digits, e.g. 2024-01-02T03:04:05.000006Z. */
export function usToIso(us: number): string {
  const sec = Math.floor(us / 1e6);
  const frac = us - sec * 1e6;
  const iso = new Date(sec * 1000).toISOString();
  return `${iso.slice(0, -5)}.${pad(Math.round(frac), 6)}Z`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Milliseconds for a UTC wall-clock time, or null when a field is out of range. */
export function civilToMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (!(y >= 1 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60)) {
    return null;
  }
  const dim = mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1]!;
  if (d > dim) return null;
  // A leap second (:60) is folded into the next second rather than refused.
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC maps years 0..99 to 1900..1999; correct that explicitly.
  return y < 100 ? new Date(ms).setUTCFullYear(y) : ms;
}

/** Microseconds for a UTC wall-clock time plus a microsecond fraction. */
export function civilToUs(y: number, mo: number, d: number, h: number, mi: number, s: number, us = 0): number | null {
  const ms = civilToMs(y, mo, d, h, mi, s);
  return ms === null ? null : ms * 1000 + us;
}

/** Keep only times in years 1..9999; anything else is a misread number. */
export function clampUs(us: number | null): number | null {
  return us !== null && Number.isFinite(us) && us >= MIN_US && us <= MAX_US ? us : null;
}

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Z', 'utc', 'Universal', 'Zulu']);
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();
/** Offsets are cached per 15-minute UTC bucket: zone transitions fall on quarter hours. */
const BUCKET_MS = 15 * 60_000;
const MAX_CACHED = 200_000;

/** Whether Intl knows the IANA zone name (callers fall back to UTC when it does not). */
export function isValidTimeZone(zone: string): boolean {
  if (UTC_NAMES.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

function computeOffset(utcMs: number, zone: string): number {
  let y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0, bc = false;
  for (const p of formatter(zone).formatToParts(new Date(utcMs))) {
    const v = Number(p.value);
    switch (p.type) {
      case 'year': y = v; break;
      case 'month': mo = v; break;
      case 'day': d = v; break;
      case 'hour': h = v === 24 ? 0 : v; break;
      case 'minute': mi = v; break;
      case 'second': s = v; break;
      case 'era': bc = p.value.startsWith('B'); break;
    }
  }
  const d0 = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  d0.setUTCFullYear(bc ? 1 - y : y);
  return d0.getTime() - Math.floor(utcMs / 1000) * 1000;
}

/** Offset of `zone` from UTC (ms, east positive) at a UTC instant; unknown zones count as UTC. */
export function zoneOffsetMs(utcMs: number, zone: string): number {
  if (UTC_NAMES.has(zone)) return 0;
  let cache = offsets.get(zone);
  if (!cache) {
    if (!isValidTimeZone(zone)) return 0;
    cache = new Map();
    offsets.set(zone, cache);
  }
  const key = Math.floor(utcMs / BUCKET_MS);
  let off = cache.get(key);
  if (off === undefined) {
    off = computeOffset(key * BUCKET_MS, zone);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, off);
  }
  return off;
}

/**
 * UTC microseconds for a wall-clock time in an IANA zone. In a DST gap the time is read
 * with the offset before the change (it lands after the gap); in a DST overlap the earlier
 * of the two instants is chosen.
 */
export function localToUs(
  y: number, mo: number, d: number, h: number, mi: number, s: number, us: number, zone: string,
): number | null {
  const local = civilToMs(y, mo, d, h, mi, s);
  if (local === null) return null;
  if (UTC_NAMES.has(zone)) return local * 1000 + us;
  // The offset an hour earlier than the naive guess picks the earlier instant in overlaps.
  const before = zoneOffsetMs(local - 3_600_000 - zoneOffsetMs(local, zone), zone);
  let t = local - before;
  const after = zoneOffsetMs(t, zone);
  if (after !== before && zoneOffsetMs(local - after, zone) === after) t = local - after;
  return t * 1000 + us;
}

/** A timestamp found inside a string: its instant and where it ends. */
export interface IsoMatch {
  us: number;
  end: number;
  /** The text carried its own offset (Z or ±hh:mm); otherwise `zone` was applied. */
  hasOffset: boolean;
}

/** The unsigned decimal number in s[i, i+n), or -1 if any of those characters is not a digit. */
export const dig = (s: string, i: number, n: number): number => {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
};

/**
 * ISO 8601 / RFC 3339 at `i`: `YYYY-MM-DD[T ]hh:mm[:ss[.,fraction]][Z|±hh[:]mm]`, or a bare
 * date. Times without an offset are wall-clock times in `zone`. With `rfc3339` only the
 * strict form (T, seconds, offset) is accepted. Fractions beyond microseconds are cut.
 */
export function parseIsoAt(s: string, i: number, zone: string, rfc3339 = false): IsoMatch | null {
  const y = dig(s, i, 4), mo = dig(s, i + 5, 2), d = dig(s, i + 8, 2);
  if (y < 0 || mo < 0 || d < 0 || s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45) return null;
  let p = i + 10;
  let h = 0, mi = 0, sec = 0, us = 0;
  const sep = s.charCodeAt(p);
  const timed = (sep === 84 || sep === 116 || sep === 32) && dig(s, p + 1, 2) >= 0 && s.charCodeAt(p + 3) === 58;
  if (rfc3339 && !(timed && sep !== 32)) return null;
  if (timed) {
    h = dig(s, p + 1, 2);
    mi = dig(s, p + 4, 2);
    if (mi < 0) return null;
    p += 6;
    if (s.charCodeAt(p) === 58) {
      sec = dig(s, p + 1, 2);
      if (sec < 0) return null;
      p += 3;
      const c = s.charCodeAt(p);
      if ((c === 46 || c === 44) && dig(s, p + 1, 1) >= 0) {
        let scale = 100000;
        p++;
        for (let c2 = s.charCodeAt(p) - 48; c2 >= 0 && c2 <= 9; c2 = s.charCodeAt(++p) - 48) {
          us += c2 * scale;
          scale /= 10;
        }
        us = Math.floor(us);
      }
    } else if (rfc3339) {
      return null;
    }
  }
  let off: number | null = null;
  const c = s.charCodeAt(p);
  if (timed && (c === 90 || c === 122)) {
    off = 0;
    p++;
  } else if (timed) {
    // "+01:00", "+0100", "+01"; a space before the sign is allowed ("10:00:00 +0100").
    const q = c === 32 ? p + 1 : p;
    const sign = s.charCodeAt(q);
    const oh = dig(s, q + 1, 2);
    if ((sign === 43 || sign === 45) && oh >= 0 && oh <= 18) {
      let r = q + 3;
      let om = 0;
      if (s.charCodeAt(r) === 58 && dig(s, r + 1, 2) >= 0) { om = dig(s, r + 1, 2); r += 3; }
      else if (dig(s, r, 2) >= 0 && dig(s, r + 2, 1) < 0) { om = dig(s, r, 2); r += 2; }
      else if (c === 32 || dig(s, r, 1) >= 0) r = -1;
      if (r > 0) {
        off = (sign === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
        p = r;
      }
    }
  }
  if (rfc3339 && off === null) return null;
  let t: number | null;
  if (off === null) {
    t = localToUs(y, mo, d, h, mi, sec, us, zone);
  } else {
    const ms = civilToMs(y, mo, d, h, mi, sec);
    t = ms === null ? null : (ms - off) * 1000 + us;
  }
  return t === null ? null : { us: t, end: p, hasOffset: off !== null };
}

/** A whole string (surrounding spaces allowed) that is an ISO 8601 / RFC 3339 time, else null. */
export function parseIso(s: string, zone = 'UTC'): number | null {
  const t = s.trim();
  const m = parseIsoAt(t, 0, zone);
  return m !== null && m.end === t.length ? m.us : null;
}

/** Month by its three lower-case letters packed into one number (no string per lookup). */
const MONTH_INDEX = new Map<number, number>();
['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].forEach((m, i) =>
  MONTH_INDEX.set((m.charCodeAt(0) << 16) | (m.charCodeAt(1) << 8) | m.charCodeAt(2), i + 1));
const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Month 1..12 for the three-letter abbreviation at `i` (any case), else 0. */
export function monthAbbrevAt(s: string, i = 0): number {
  if (i + 3 > s.length) return 0;
  const a = s.charCodeAt(i) | 0x20, b = s.charCodeAt(i + 1) | 0x20, c = s.charCodeAt(i + 2) | 0x20;
  return MONTH_INDEX.get((a << 16) | (b << 8) | c) ?? 0;
}

/** Month 1..12 for an English month name, full ("September") or abbreviated ("Sep", "Sept"). */
export function parseMonthName(name: string): number {
  const n = name.trim().toLowerCase().replace(/\.$/, '');
  if (n.length < 3) return 0;
  const full = FULL_MONTHS.findIndex((m) => m.startsWith(n));
  return full >= 0 ? full + 1 : 0;
}

/**
 * Microseconds for an epoch number whose unit is guessed from its size: seconds up to
 * 1e11 (year 5138), then milliseconds, microseconds, nanoseconds.
 */
export function epochToUs(n: number): number | null {
  if (!Number.isFinite(n)) return null;
  const a = Math.abs(n);
  const us = a < 1e11 ? n * 1e6 : a < 1e14 ? n * 1e3 : a < 1e17 ? n : n / 1e3;
  return clampUs(Math.round(us));
}

const EPOCH_RE = /^-?\d{1,19}(\.\d{1,9})?$/;

/** An epoch written as a decimal string ("1117838570", "1481076992.414"), unit guessed by size. */
export function parseEpochString(s: string): number | null {
  const t = s.trim();
  if (!EPOCH_RE.test(t)) return null;
  const dot = t.indexOf('.');
  if (dot < 0) return epochToUs(Number(t));
  // Keep microsecond precision for fractional seconds (floating point loses it otherwise).
  const whole = Number(t.slice(0, dot));
  if (Math.abs(whole) >= 1e11) return epochToUs(Number(t));
  const frac = Math.round(Number(`0${t.slice(dot)}`) * 1e6);
  return clampUs(whole * 1e6 + (t.startsWith('-') ? -frac : frac));
}

/** Year, month and day of a UTC instant as seen in `zone`. */
export function zonedDate(utcMs: number, zone: string): { y: number; mo: number; d: number } {
  const dt = new Date(utcMs + zoneOffsetMs(utcMs, zone));
  return { y: dt.getUTCFullYear(), mo: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/**
 * Year inference for timestamps without a year (RFC 3164 `Mmm dd hh:mm:ss`). The first
 * line takes the reference year (file mtime, else import time), or the year before when
 * that would put it more than a day after the reference. Logs are appended in time order,
 * so afterwards a month that goes back by more than one (Dec -> Jan) starts a new year;
 * a step back of one month is treated as lines slightly out of order.
 */
export class YearInferrer {
  private year = 0;
  private lastMonth = 0;
  private readonly refYear: number;

  constructor(private readonly refMs: number, private readonly zone: string) {
    this.refYear = zonedDate(refMs, zone).y;
  }

  /** The year to use for this month/day (call once per line, in file order). */
  yearFor(mo: number, d: number, h = 0, mi = 0, s = 0): number {
    if (this.lastMonth === 0) {
      this.year = this.refYear;
      const us = localToUs(this.year, mo, d, h, mi, s, 0, this.zone);
      if (us !== null && us / 1000 > this.refMs + MS_PER_DAY) this.year--;
    } else if (mo < this.lastMonth - 1) {
      this.year++;
    }
    this.lastMonth = mo;
    return this.year;
  }
}

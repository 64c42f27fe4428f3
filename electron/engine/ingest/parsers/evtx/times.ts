/**
 * EVTX times: FILETIME and SYSTEMTIME values rendered as ISO 8601 UTC text (as Windows
 * renders event XML), and such text read back as UTC microseconds for an event's time.
 */

/** 100 ns intervals between 1601-01-01 and 1970-01-01. */
const FILETIME_EPOCH = 116444736000000000n;

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Seconds between 1601-01-01 and 1970-01-01. */
const EPOCH_SECONDS = 11644473600;

/**
 * A FILETIME given as its two 32-bit halves, split into seconds since 1970 and 100 ns
 * ticks, in exact double arithmetic: 2^32 = 429 * 10^7 + 4967296, so the division by 10^7
 * only ever sees numbers below 2^53 (for `hi` below 2^30, i.e. until the year 25000).
 */
function filetimeSplit(hi: number, lo: number): [number, number] | null {
  if (hi >= 0x40000000) return null;
  const x = hi * 4967296 + lo;
  const frac = x % 10_000_000;
  return [hi * 429 + (x - frac) / 10_000_000 - EPOCH_SECONDS, frac];
}

/** The `YYYY-MM-DD` part of the last day rendered: records of a chunk mostly share a day. */
let isoDay = NaN;
let isoDayText = '';

/**
 * Whole seconds since 1970 as `YYYY-MM-DDTHH:MM:SS`. Only a new day goes through Date
 * (which is slow and dominated rendering times); the time of day is plain arithmetic.
 */
const isoSeconds = (secs: number): string => {
  const day = Math.floor(secs / 86400);
  if (day !== isoDay) {
    const iso = new Date(day * 86400_000).toISOString();
    isoDayText = iso.slice(0, iso.length - 14);
    isoDay = day;
  }
  const t = secs - day * 86400;
  const h = Math.floor(t / 3600);
  const m = Math.floor(t / 60) % 60;
  const s = t % 60;
  return `${isoDayText}T${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${s < 10 ? '0' : ''}${s}`;
};

/** A FILETIME (100 ns since 1601, UTC) as `YYYY-MM-DDTHH:MM:SS.fffffffZ`, full precision. */
export function filetimeToIso(ft: bigint): string {
  const fast = filetimeSplit(Number(ft >> 32n), Number(ft & 0xffffffffn));
  if (fast) return `${isoSeconds(fast[0])}.${String(fast[1]).padStart(7, '0')}Z`;
  const rel = ft - FILETIME_EPOCH;
  let secs = rel / 10_000_000n;
  let frac = rel % 10_000_000n;
  if (frac < 0n) {
    frac += 10_000_000n;
    secs -= 1n;
  }
  return `${isoSeconds(Number(secs))}.${frac.toString().padStart(7, '0')}Z`;
}

/**
 * FILETIME texts rendered lately, with the microseconds isoToMicros reads back from them: an
 * event's time is such a text, and reading it back costs more than remembering it. A chunk's
 * records are all decoded before their events are made, in the same order, so the texts are
 * kept in a ring and looked up from where the last one was found.
 */
const RECENT_TIMES = 256;
const recentTimes: string[] = new Array<string>(RECENT_TIMES).fill('');
const recentMicros = new Float64Array(RECENT_TIMES);
let recentWrite = 0;
let recentRead = 0;
/** Texts looked at past the last one found (other FILETIME values of a record come between). */
const RECENT_LOOKAHEAD = 8;

/** The FILETIME stored at `at`, rendered (see filetimeToIso). */
export function filetimeAt(buf: Buffer, at: number): string {
  const fast = filetimeSplit(buf.readUInt32LE(at + 4), buf.readUInt32LE(at));
  if (!fast) return filetimeToIso(buf.readBigUInt64LE(at));
  const [secs, frac] = fast;
  const text = `${isoSeconds(secs)}.${String(frac).padStart(7, '0')}Z`;
  // A four-digit year: the form isoToMicros reads on its fast path, whose sums these repeat
  // term by term (the day's milliseconds as Date.parse gives them, so the same doubles).
  if (isoDayText.length === 10) {
    recentTimes[recentWrite] = text;
    recentMicros[recentWrite] = isoDay * 86400_000 * 1000 + (secs - isoDay * 86400) * 1_000_000 + Math.floor(frac / 10);
    recentWrite = (recentWrite + 1) % RECENT_TIMES;
  }
  return text;
}

/** UTC microseconds of an ISO time text: remembered for a FILETIME rendered just now, else isoToMicros. */
export function timeMicros(s: string): number | null {
  for (let n = 0, i = recentRead; n < RECENT_LOOKAHEAD; n++, i = (i + 1) % RECENT_TIMES) {
    if (recentTimes[i] === s) {
      recentRead = (i + 1) % RECENT_TIMES;
      return recentMicros[i]!;
    }
  }
  return isoToMicros(s);
}

/** A FILETIME as UTC microseconds since 1970 (truncated from 100 ns), or null for 0. */
export function filetimeToMicros(ft: bigint): number | null {
  if (ft === 0n) return null;
  const rel = ft - FILETIME_EPOCH;
  // Floor division so times before 1970 keep their order.
  const us = rel >= 0n ? rel / 10n : (rel - 9n) / 10n;
  return Number(us);
}

/** A SYSTEMTIME (8 little-endian u16: year, month, weekday, day, h, m, s, ms) as ISO 8601. */
export function systemtimeToIso(buf: Buffer, at: number): string {
  const f = (i: number): number => buf.readUInt16LE(at + i * 2);
  return `${pad(f(0), 4)}-${pad(f(1), 2)}-${pad(f(3), 2)}T${pad(f(4), 2)}:${pad(f(5), 2)}:${pad(f(6), 2)}.${pad(f(7), 3)}Z`;
}

/** Two decimal digits at `i` (non-digits give out-of-range values the caller rejects). */
const digits2 = (s: string, i: number): number => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;
/** Six decimal digits at `i`; anything else goes the general way, as Number() reads it. */
function digits6(s: string, i: number): number {
  let n = 0;
  for (let k = i; k < i + 6; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return Number(s.slice(i, i + 6));
    n = n * 10 + d;
  }
  return n;
}
let lastDay = '';
let lastDayMs = NaN;
const ISO_TIME = /^(\d{4,})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z?$/;

/** UTC microseconds from the ISO text this module renders (FILETIME or SYSTEMTIME), or null. */
export function isoToMicros(s: string): number | null {
  // Fast path for this module's own FILETIME form, YYYY-MM-DDTHH:MM:SS.fffffffZ.
  if (s.length === 28 && s.charCodeAt(10) === 84 && s.charCodeAt(19) === 46 && s.charCodeAt(27) === 90) {
    if (lastDay === '' || !s.startsWith(lastDay)) {
      lastDay = s.slice(0, 10);
      lastDayMs = Date.parse(`${lastDay}T00:00:00Z`);
    }
    const secs = digits2(s, 11) * 3600 + digits2(s, 14) * 60 + digits2(s, 17);
    const us = digits6(s, 20);
    if (Number.isFinite(lastDayMs) && secs < 86400 && Number.isInteger(us) && us >= 0) return lastDayMs * 1000 + secs * 1_000_000 + us;
  }
  const m = ISO_TIME.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, se, frac] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(se) > 60) return null;
  const ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(se));
  if (!Number.isFinite(ms)) return null;
  const us = Number(((frac ?? '') + '000000').slice(0, 6));
  return ms * 1000 + us;
}

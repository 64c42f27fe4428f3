import { civilToMs, dig, localToUs, monthAbbrevAt, parseIsoAt, YearInferrer } from '../time';

/**
 * Best-effort timestamp search for free-form log lines. Looks at token starts in the first
 * ~64 characters and tries the shapes common in application and system logs. Returns UTC
 * microseconds or null. Only digit/letter checks by char code: this runs on every line.
 */

const WINDOW = 64;
/** Epoch numbers are only believed near the line start (they are ids elsewhere). */
const EPOCH_MAX_TOKEN = 5;
const EPOCH_MIN_S = 946_684_800; // 2000-01-01
const EPOCH_MAX_S = 4_102_444_800; // 2100-01-01

const cc = (s: string, i: number): number => s.charCodeAt(i);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Characters after which a token starts. */
function isBoundary(c: number): boolean {
  return c === 32 || c === 9 || c === 91 || c === 40 || c === 60 || c === 124 || c === 44 || c === 59 || c === 61 || c === 34 || c === 39;
}
/** Whether the character at i ends a token (or the line). */
function endsToken(s: string, i: number): boolean {
  if (i >= s.length) return true;
  const c = cc(s, i);
  return !isDigit(c) && !(c >= 65 && c <= 90) && !(c >= 97 && c <= 122);
}

/** [h]h:mm:ss[.,fraction] (or :SSS) at i; fills `hms` and returns the end index, or -1. */
const hms = { h: 0, mi: 0, s: 0, us: 0 };
function readTime(t: string, i: number, sep = 58): number {
  // One-digit hours ("1:02:03 PM") shift the rest by one.
  const k = cc(t, i + 1) === sep && isDigit(cc(t, i)) ? -1 : 0;
  const h = k < 0 ? dig(t, i, 1) : dig(t, i, 2);
  const mi = dig(t, i + 3 + k, 2), s = dig(t, i + 6 + k, 2);
  if (h < 0 || mi < 0 || s < 0 || cc(t, i + 2 + k) !== sep || cc(t, i + 5 + k) !== sep) return -1;
  let p = i + 8 + k;
  let us = 0;
  const c = cc(t, p);
  if ((c === 46 || c === 44 || (c === 58 && dig(t, p + 1, 3) >= 0 && !isDigit(cc(t, p + 4)))) && isDigit(cc(t, p + 1))) {
    let scale = 100000;
    for (p++; isDigit(cc(t, p)); p++) {
      us += (cc(t, p) - 48) * scale;
      scale /= 10;
    }
  }
  hms.h = h; hms.mi = mi; hms.s = s; hms.us = Math.floor(us);
  return p;
}

/** A signed ±hhmm / ±hh:mm offset at i (after optional space): minutes, or NaN. */
function readOffset(t: string, i: number): number {
  const p = cc(t, i) === 32 ? i + 1 : i;
  const sign = cc(t, p);
  if (sign !== 43 && sign !== 45) return NaN;
  const h = dig(t, p + 1, 2);
  const m = cc(t, p + 3) === 58 ? dig(t, p + 4, 2) : dig(t, p + 3, 2);
  if (h < 0 || m < 0) return NaN;
  return (sign === 45 ? -1 : 1) * (h * 60 + m);
}

export class TimeSniffer {
  /** Whether the last time found lacked a year (it came from the YearInferrer). */
  inferred = false;

  constructor(private readonly zone: string, private readonly years: YearInferrer | null) {}

  private at(y: number, mo: number, d: number): number | null {
    return localToUs(y, mo, d, hms.h, hms.mi, hms.s, hms.us, this.zone);
  }

  private yearless(mo: number, d: number): number | null {
    if (this.years === null || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
    this.inferred = true;
    return this.at(this.years.yearFor(mo, d, hms.h, hms.mi, hms.s), mo, d);
  }

  /** Shapes starting with a digit at p. */
  private digitShapes(t: string, p: number, token: number): number | null {
    const c4 = cc(t, p + 4), c2 = cc(t, p + 2);
    if (dig(t, p, 4) >= 0) {
      if (c4 === 45) {
        const iso = parseIsoAt(t, p, this.zone);
        if (iso !== null && iso.end > p + 10 && endsToken(t, iso.end)) return iso.us;
        // "2005-06-03-15.42.50.675872" (IBM/BGL style)
        if (cc(t, p + 10) === 45 && readTime(t, p + 11, 46) > 0) return this.at(dig(t, p, 4), dig(t, p + 5, 2), dig(t, p + 8, 2));
        return null;
      }
      if (c4 === 47 && cc(t, p + 7) === 47 && (cc(t, p + 10) === 32 || cc(t, p + 10) === 84) && readTime(t, p + 11) > 0) {
        return this.at(dig(t, p, 4), dig(t, p + 5, 2), dig(t, p + 8, 2));
      }
      // "20171223-22:15:29:606", "20171223 22:15:29"
      const c8 = cc(t, p + 8);
      if (dig(t, p + 4, 4) >= 0 && (c8 === 45 || c8 === 32 || c8 === 84) && readTime(t, p + 9) > 0) {
        return this.at(dig(t, p, 4), dig(t, p + 4, 2), dig(t, p + 6, 2));
      }
    }
    const a = dig(t, p, 2);
    if (a >= 0 && !isDigit(c2)) {
      const b = dig(t, p + 3, 2);
      const mon = monthAbbrevAt(t, p + 3);
      const end = c2 === 47 && mon > 0 && cc(t, p + 6) === 47 && cc(t, p + 11) === 58 ? readTime(t, p + 12) : -1;
      if (end > 0 && dig(t, p + 7, 4) >= 0) {
        // "10/Oct/2000:13:55:36 -0700" (access-log style)
        const off = readOffset(t, end);
        const ms = civilToMs(dig(t, p + 7, 4), mon, a, hms.h, hms.mi, hms.s);
        if (ms !== null && !Number.isNaN(off)) return (ms - off * 60_000) * 1000 + hms.us;
        return this.at(dig(t, p + 7, 4), mon, a);
      }
      if ((c2 === 45 || c2 === 32) && mon > 0 && cc(t, p + 6) === c2 && dig(t, p + 7, 4) >= 0 && cc(t, p + 11) === 32 && readTime(t, p + 12) > 0) {
        // "04-Jul-2018 10:20:30.123", "04 Dec 2005 04:47:44"
        return this.at(dig(t, p + 7, 4), mon, a);
      }
      if (c2 === 47 && b >= 0 && cc(t, p + 5) === 47 && dig(t, p + 6, 2) >= 0 && cc(t, p + 8) === 32 && readTime(t, p + 9) > 0) {
        // "17/06/09 20:10:40": yy/MM/dd, as log4j's default pattern writes it
        return this.at(2000 + a, b, dig(t, p + 6, 2));
      }
      if ((c2 === 45 || c2 === 46) && b >= 0 && cc(t, p + 5) === 32 && readTime(t, p + 6) > 0) {
        // "03-17 16:13:38.811" (logcat), "10.30 16:49:06": month first, no year
        return this.yearless(a, b);
      }
    }
    // "081109 203615": yyMMdd HHmmss
    if (dig(t, p, 6) >= 0 && cc(t, p + 6) === 32 && dig(t, p + 7, 6) >= 0 && endsToken(t, p + 13)) {
      hms.h = dig(t, p + 7, 2); hms.mi = dig(t, p + 9, 2); hms.s = dig(t, p + 11, 2); hms.us = 0;
      return hms.h < 24 && hms.mi < 60 && hms.s < 61 ? this.at(2000 + dig(t, p, 2), dig(t, p + 2, 2), dig(t, p + 4, 2)) : null;
    }
    if (token <= EPOCH_MAX_TOKEN) return epochAt(t, p);
    return null;
  }

  /** Shapes starting with a month or day name at p. */
  private nameShapes(t: string, p: number): number | null {
    let q = p;
    let mo = monthAbbrevAt(t, q);
    // "Sun Dec 04 04:47:44 2005", "Wed, 11 Oct 2000 13:55:36 +0000"
    if (mo === 0 && cc(t, p + 3) === 32) { q = p + 4; mo = monthAbbrevAt(t, q); }
    if (mo === 0 && cc(t, p + 3) === 44 && cc(t, p + 4) === 32) {
      const d = dig(t, p + 5, 2);
      const m2 = monthAbbrevAt(t, p + 8);
      const end = d > 0 && m2 > 0 && dig(t, p + 12, 4) >= 0 ? readTime(t, p + 17) : -1;
      if (end > 0) {
        const off = readOffset(t, end);
        const ms = civilToMs(dig(t, p + 12, 4), m2, d, hms.h, hms.mi, hms.s);
        if (ms !== null && !Number.isNaN(off)) return (ms - off * 60_000) * 1000 + hms.us;
        return this.at(dig(t, p + 12, 4), m2, d);
      }
      return null;
    }
    if (mo === 0) return null;
    let i = q + 3;
    // Skip a full month name ("December") or a period ("Dec.").
    while (i < q + 9 && ((cc(t, i) | 0x20) >= 97 && (cc(t, i) | 0x20) <= 122 || cc(t, i) === 46)) i++;
    if (cc(t, i) !== 32) return null;
    i++;
    if (cc(t, i) === 32) i++;
    let d = dig(t, i, 2);
    if (d < 0) { d = dig(t, i, 1); i += 1; } else { i += 2; }
    if (d < 1) return null;
    if (cc(t, i) === 44) i++; // "Jul 4, 2018"
    if (cc(t, i) !== 32) return null;
    i++;
    const y = dig(t, i, 4);
    if (y >= 0 && cc(t, i + 4) === 32) {
      const end = readTime(t, i + 5);
      if (end < 0) return null;
      const pm = t.startsWith(' PM', end) || t.startsWith(' pm', end);
      const am = t.startsWith(' AM', end) || t.startsWith(' am', end);
      if (pm && hms.h < 12) hms.h += 12;
      if (am && hms.h === 12) hms.h = 0;
      return this.at(y, mo, d);
    }
    const end = readTime(t, i);
    if (end < 0) return null;
    // ctime order: time, an optional zone name (read as local time), then the year.
    if (cc(t, end) === 32) {
      let j = end + 1;
      if (!isDigit(cc(t, j))) {
        const sp = t.indexOf(' ', j);
        if (sp > j && sp - j <= 5) j = sp + 1;
      }
      const y2 = dig(t, j, 4);
      if (y2 >= 1970 && y2 < 2100 && endsToken(t, j + 4)) return this.at(y2, mo, d);
    }
    return this.yearless(mo, d);
  }

  /** The first timestamp near the start of the line, or null. */
  find(t: string): number | null {
    this.inferred = false;
    const lim = Math.min(t.length, WINDOW);
    let token = 1;
    for (let p = 0; p < lim; p++) {
      if (p > 0) {
        if (!isBoundary(cc(t, p - 1))) continue;
        if (isBoundary(cc(t, p))) continue;
        token++;
      }
      const c = cc(t, p);
      let us: number | null = null;
      if (isDigit(c)) us = this.digitShapes(t, p, token);
      else if (c >= 65 && c <= 90) us = this.nameShapes(t, p);
      if (us !== null) return us;
      this.inferred = false;
    }
    return null;
  }
}

/** A 10-digit epoch in seconds (optionally .fraction) or a 13-digit one in ms, between 2000 and 2100. */
function epochAt(t: string, p: number): number | null {
  let e = p;
  while (isDigit(cc(t, e))) e++;
  const n = e - p;
  if (n !== 10 && n !== 13) return null;
  let frac = 0;
  if (n === 10 && cc(t, e) === 46 && isDigit(cc(t, e + 1))) {
    let scale = 100000;
    for (e++; isDigit(cc(t, e)); e++) { frac += (cc(t, e) - 48) * scale; scale /= 10; }
  }
  if (!endsToken(t, e) || cc(t, e) === 46 || cc(t, e) === 45 || cc(t, e) === 58) return null;
  const v = Number(t.slice(p, p + n));
  const sec = n === 13 ? v / 1000 : v;
  if (sec < EPOCH_MIN_S || sec >= EPOCH_MAX_S) return null;
  return n === 13 ? v * 1000 : v * 1e6 + Math.floor(frac);
}

const plain = new Map<string, TimeSniffer>();

/** One-off search without year inference (year-less shapes give null). */
export function sniffTime(s: string, zone: string): number | null {
  let sn = plain.get(zone);
  if (!sn) {
    sn = new TimeSniffer(zone, null);
    if (plain.size < 64) plain.set(zone, sn);
  }
  return sn.find(s);
}

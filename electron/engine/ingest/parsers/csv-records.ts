import { parse as parseCsv } from 'csv-parse/sync';

/**
 * CSV record assembly on top of the line reader. RFC 4180 lets a quoted field hold line
 * breaks, so a record can span lines; this tracks the quote state across lines to find
 * where each record ends. Quotes inside an unquoted field are literal (as csv-parse's
 * relax_quotes reads them). The fields of a finished record come from csv-parse.
 */

export const DELIMITERS = [',', '\t', ';', '|'];

/** Quote state carried from one line of a record to the next. */
export interface QuoteState {
  inQuotes: boolean;
}

/** Scan one line of a record; returns true when the record ends with this line. */
export function scanLine(text: string, delim: string, st: QuoteState): boolean {
  if (!st.inQuotes && text.indexOf('"') < 0) return true;
  const d = delim.charCodeAt(0);
  let fieldStart = !st.inQuotes;
  let inQ = st.inQuotes;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inQ) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else { inQ = false; fieldStart = false; }
      }
    } else if (c === d) {
      fieldStart = true;
    } else if (c === 34 && fieldStart) {
      inQ = true;
      fieldStart = false;
    } else {
      fieldStart = false;
    }
  }
  st.inQuotes = inQ;
  return !inQ;
}

/** The delimiter used most often outside quotes in a header line (comma when none is). */
export function sniffDelimiter(header: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let n = 0;
    let inQ = false;
    for (let i = 0; i < header.length; i++) {
      const c = header[i];
      if (c === '"') inQ = !inQ;
      else if (c === d && !inQ) n++;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** Fields of one complete record, or the reason it cannot be read. */
export function splitRecord(text: string, delim: string): string[] | string {
  if (text.indexOf('"') < 0) return text.split(delim);
  try {
    const rows = parseCsv(text, { delimiter: delim, relax_quotes: true, relax_column_count: true, record_delimiter: ['\n'] }) as string[][];
    if (rows.length !== 1) return `expected one record, found ${rows.length}`;
    return rows[0]!;
  } catch (e) {
    return `CSV syntax: ${(e as Error).message}`;
  }
}

/**
 * Fields of many complete records at once: one csv-parse call for the batch is much
 * cheaper than one per record. When the batch does not split into exactly one row per
 * record (a record csv-parse reads differently), each record is read on its own.
 */
export function splitRecords(texts: string[], delim: string): (string[] | string)[] {
  if (texts.every((t) => t.indexOf('"') < 0)) return texts.map((t) => t.split(delim));
  try {
    const rows = parseCsv(texts.join('\n'), { delimiter: delim, relax_quotes: true, relax_column_count: true, record_delimiter: ['\n'] }) as string[][];
    if (rows.length === texts.length) return rows;
  } catch {
    // Fall through: find out which record is at fault.
  }
  return texts.map((t) => splitRecord(t, delim));
}

const HEADER_CELL = /^[\p{L}_@#$][\p{L}\p{N} _.@#$()/:[\]-]{0,79}$/u;

/** Header names made usable as attribute keys: trimmed, unquoted, unique, never empty. */
export function headerNames(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, i) => {
    let name = c.trim();
    if (name === '') name = `column_${i + 1}`;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return n === 0 ? name : `${name}_${n + 1}`;
  });
}

/**
 * Confidence that sample lines are a CSV with a header: the first line's cells look like
 * names, there are at least two columns, and most records have the header's column count.
 */
export function csvConfidence(lines: string[], name: string): number {
  const rows = lines.filter((l) => l.trim() !== '');
  if (rows.length < 2) return 0;
  const delim = sniffDelimiter(rows[0]!);
  const header = splitRecord(rows[0]!, delim);
  if (typeof header === 'string' || header.length < 2) return 0;
  if (!header.every((h) => HEADER_CELL.test(h.trim()) || h.trim() === '')) return 0;
  if (header.filter((h) => h.trim() !== '').length < 2) return 0;
  let records = 0;
  let matching = 0;
  let pending: string[] = [];
  const st: QuoteState = { inQuotes: false };
  for (const line of rows.slice(1)) {
    pending.push(line);
    if (!scanLine(line, delim, st)) continue;
    const fields = splitRecord(pending.join('\n'), delim);
    pending = [];
    records++;
    if (typeof fields !== 'string' && fields.length === header.length) matching++;
  }
  if (records === 0 || matching / records < 0.8) return 0;
  const named = /\.(csv|tsv)$/i.test(name) ? 0.1 : 0;
  return (records >= 2 ? 0.75 : 0.55) + named;
}

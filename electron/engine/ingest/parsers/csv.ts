import type { DetectSample, Line, LineParser, LineParseState, ParseContext, ParsedEvent, ParseSink } from '../types';
import { isBlank, lineFlags, looksLikeIp, setAttr } from './common';
import { csvConfidence, headerNames, type QuoteState, scanLine, sniffDelimiter, splitRecord, splitRecords } from './csv-records';
import { timeFromValue } from './json-map';
import { renderFields } from './render';

/**
 * CSV with a header row (Timesketch `datetime,timestamp_desc,message,...` and exports with
 * common column names). Records may span lines inside quoted fields. A row whose column
 * count differs from the header is skipped with its line and record number.
 */

/** A quoted field left open this long is treated as a stray quote, and reading resumes. */
const MAX_RECORD_LINES = 1000;
const MAX_RECORD_BYTES = 1 << 20;
/** Records read per csv-parse call. */
const BATCH = 256;

/** Column names (lower case) per normalized field, in order of preference. */
const COLUMNS = {
  time: ['datetime', '@timestamp', 'timestamp', 'time', 'date', 'eventtime', 'event_time', 'created_at', 'timecreated', 'date_time', 'ts'],
  host: ['host', 'hostname', 'host_name', 'computer', 'computer_name', 'computername', 'device', 'node', 'machine'],
  user: ['user', 'username', 'user_name', 'account', 'account_name', 'accountname', 'principal', 'userid', 'user_id'],
  action: ['action', 'event', 'event_type', 'eventtype', 'eventname', 'event_name', 'activity', 'operation', 'method'],
  outcome: ['outcome', 'result'],
  message: ['message', 'msg', 'description', 'content', 'text', 'details'],
  src_ip: ['src_ip', 'source_ip', 'srcip', 'src', 'source_address', 'client_ip', 'clientip', 'c-ip', 'ip', 'ipaddress', 'ip_address', 'remote_addr'],
  dst_ip: ['dst_ip', 'dest_ip', 'destination_ip', 'dstip', 'dst', 'destination_address', 's-ip'],
  severity: ['severity', 'level', 'priority', 'loglevel', 'log_level'],
  resource: ['resource', 'path', 'object', 'file', 'filename', 'url', 'uri', 'target'],
} as const;
type Field = keyof typeof COLUMNS;

function columnMap(names: string[]): Partial<Record<Field | 'tsDesc' | 'date' | 'clock', number>> {
  const lower = names.map((n) => n.toLowerCase());
  const out: Partial<Record<Field | 'tsDesc' | 'date' | 'clock', number>> = {};
  for (const f of Object.keys(COLUMNS) as Field[]) {
    for (const c of COLUMNS[f]) {
      const i = lower.indexOf(c);
      if (i >= 0) { out[f] = i; break; }
    }
  }
  const desc = lower.indexOf('timestamp_desc');
  if (desc >= 0) out.tsDesc = desc;
  // Separate "date" and "time" columns are read together.
  const d = lower.indexOf('date'), t = lower.indexOf('time');
  if (d >= 0 && t >= 0) { out.date = d; out.clock = t; }
  return out;
}

function create(ctx: ParseContext): LineParseState {
  let delim = '';
  let names: string[] | null = null;
  let cols: ReturnType<typeof columnMap> = {};
  let pending: Line[] = [];
  let pendingBytes = 0;
  let recordNo = 0;
  const st: QuoteState = { inQuotes: false };

  let queue: { lines: Line[]; text: string }[] = [];

  const whereOf = (lines: Line[]): string => {
    const first = lines[0]!;
    const last = lines[lines.length - 1]!;
    return lines.length === 1 ? `line ${first.lineNo}` : `lines ${first.lineNo}-${last.lineNo}`;
  };

  const emit = (lines: Line[], sink: ParseSink): void => {
    const text = lines.length === 1 ? lines[0]!.text : lines.map((l) => l.text).join('\n');
    if (names === null) {
      const fields = splitRecord(text, delim);
      if (typeof fields === 'string') { sink.skip(whereOf(lines), `header: ${fields}`); return; }
      names = headerNames(fields);
      cols = columnMap(names);
      return;
    }
    queue.push({ lines, text });
    if (queue.length >= BATCH) flush(sink);
  };

  const flush = (sink: ParseSink): void => {
    const batch = queue;
    queue = [];
    const all = splitRecords(batch.map((r) => r.text), delim);
    batch.forEach((r, i) => toEvent(r.lines, all[i]!, sink));
  };

  const toEvent = (lines: Line[], fields: string[] | string, sink: ParseSink): void => {
    const hdr = names ?? [];
    const first = lines[0]!;
    const last = lines[lines.length - 1]!;
    const where = whereOf(lines);
    const record = recordNo++;
    if (typeof fields === 'string') { sink.skip(where, `record ${record}: ${fields}`); return; }
    if (fields.length !== hdr.length) {
      sink.skip(where, `record ${record} has ${fields.length} columns, the header has ${hdr.length}`);
      return;
    }
    const get = (f: keyof typeof cols): string | null => {
      const i = cols[f];
      const v = i === undefined ? undefined : fields[i];
      return v === undefined || v === '' ? null : v;
    };
    const attrs: Record<string, unknown> = {};
    for (let i = 0; i < hdr.length; i++) if (fields[i] !== '' && i !== cols.message) setAttr(attrs, hdr[i]!, fields[i]);
    let ts: number | null = null;
    let tsDesc: string | null = null;
    if (cols.date !== undefined && get('date') !== null && get('clock') !== null) {
      ts = timeFromValue(`${get('date')} ${get('clock')}`, ctx.timezone);
      if (ts !== null) tsDesc = `${hdr[cols.date]} ${hdr[cols.clock!]}`;
    }
    if (ts === null && cols.time !== undefined) {
      ts = timeFromValue(get('time'), ctx.timezone);
      if (ts !== null) tsDesc = hdr[cols.time]!;
    }
    if (ts === null && cols.time !== undefined && hdr[cols.time]!.toLowerCase() === 'datetime') {
      // Timesketch files carry both; fall back to the microsecond epoch column.
      const alt = hdr.findIndex((n) => n.toLowerCase() === 'timestamp');
      if (alt >= 0) ts = timeFromValue(fields[alt], ctx.timezone);
      if (ts !== null) tsDesc = hdr[alt]!;
    }
    if (ts !== null && get('tsDesc') !== null) tsDesc = get('tsDesc');
    const src = get('src_ip'), dst = get('dst_ip');
    const ev: ParsedEvent = {
      ts,
      ts_desc: tsDesc,
      host: get('host'),
      user: get('user'),
      action: get('action'),
      outcome: get('outcome'),
      src_ip: src !== null && looksLikeIp(src) ? src : null,
      dst_ip: dst !== null && looksLikeIp(dst) ? dst : null,
      resource: get('resource'),
      severity: get('severity'),
      message: get('message') ?? renderFields(attrs),
      attrs,
      offset: first.offset,
      length: last.offset + last.length - first.offset,
      record,
      flags: lines.reduce((f, l) => f | lineFlags(l, sink), 0),
    };
    sink.event(ev);
  };

  const feed = (l: Line, sink: ParseSink): void => {
    if (pending.length === 0) {
      if (isBlank(l.text)) return;
      if (delim === '') delim = sniffDelimiter(l.text);
    }
    pending.push(l);
    pendingBytes += l.length;
    if (scanLine(l.text, delim, st)) {
      const lines = pending;
      pending = [];
      pendingBytes = 0;
      emit(lines, sink);
    } else if (pending.length > MAX_RECORD_LINES || pendingBytes > MAX_RECORD_BYTES) {
      recover(sink, 'quoted field not closed within the record size limit');
    }
  };

  /** Skip the first line of an unterminated record and read the rest again as new records. */
  const recover = (sink: ParseSink, reason: string): void => {
    const [bad, ...rest] = pending;
    pending = [];
    pendingBytes = 0;
    st.inQuotes = false;
    if (bad === undefined) return;
    flush(sink);
    sink.skip(`line ${bad.lineNo}`, names === null ? `header: ${reason}` : `record ${recordNo++}: ${reason}`);
    for (const l of rest) feed(l, sink);
  };

  return {
    line: feed,
    end(sink: ParseSink): void {
      while (pending.length > 0) recover(sink, 'quoted field not closed at end of file');
      flush(sink);
    },
  };
}

export const csvParser: LineParser = {
  kind: 'lines',
  id: 'csv',
  label: 'CSV with header',
  detect(sample: DetectSample): number {
    return csvConfidence(sample.lines, sample.name);
  },
  create,
};

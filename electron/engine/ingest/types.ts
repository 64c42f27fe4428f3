import type { FormatId } from '../../../shared/model';

/** One line of a text file, as the line reader hands it to a parser. */
export interface Line {
  /** Decoded text without the line terminator (\n or \r\n); invalid UTF-8 becomes U+FFFD. */
  text: string;
  /** Byte offset of the line's first byte in the file. */
  offset: number;
  /** Bytes of the line including its terminator (so offset+length is the next line's offset). */
  length: number;
  /** 1-based line number. */
  lineNo: number;
  /** The line was longer than the limit; `text` holds only its head. */
  truncated: boolean;
  /** The line's bytes were not valid UTF-8. */
  invalidUtf8: boolean;
}

/** Event fields a parser produces; the pipeline adds ids and origin. */
export interface ParsedEvent {
  /** UTC microseconds since the epoch, or null when the record has no usable time. */
  ts: number | null;
  ts_desc?: string | null;
  host?: string | null;
  user?: string | null;
  action?: string | null;
  outcome?: string | null;
  src_ip?: string | null;
  dst_ip?: string | null;
  resource?: string | null;
  severity?: string | null;
  message: string;
  /** Remaining fields, flattened with dotted keys ("requestParameters.bucketName"). */
  attrs?: Record<string, unknown>;
  /** Byte offset and length of the event's bytes in the evidence file (line formats). */
  offset?: number | null;
  length?: number | null;
  /** 0-based record index (record formats); may be given together with offset/length. */
  record?: number | null;
  /** Bit flags: EVENT_FLAG_TRUNCATED, EVENT_FLAG_INVALID_UTF8, EVENT_FLAG_TIME_GUESSED. */
  flags?: number;
}

export const EVENT_FLAG_TRUNCATED = 1;
export const EVENT_FLAG_INVALID_UTF8 = 2;
export const EVENT_FLAG_TIME_GUESSED = 4;

/** Where parsers deliver results. Both calls are synchronous and cheap. */
export interface ParseSink {
  event(e: ParsedEvent): void;
  /** A line or record that was not imported: `where` like "line 12" or "record 3". */
  skip(where: string, reason: string): void;
  /** An event was imported but something about it is worth flagging (e.g. truncated). */
  note?(where: string, reason: string): void;
}

export interface ParseContext {
  /** IANA time zone for times without an offset (default "UTC"). */
  timezone: string;
  /** The file's name as received (for year inference hints and messages). */
  fileName: string;
  /** Modification time of the original file in ms, when known (year inference). */
  fileMtimeMs: number | null;
  /** Import time in ms (year inference fallback). */
  now: number;
}

/** What detection looks at: the file name, its first bytes, and its first complete lines. */
export interface DetectSample {
  name: string;
  head: Buffer;
  lines: string[];
}

/** A parser fed line by line (syslog, access logs, JSON lines, CSV, auditd, text). */
export interface LineParser {
  readonly kind: 'lines';
  readonly id: FormatId;
  readonly label: string;
  /** Confidence 0..1 that the sample is this format. */
  detect(sample: DetectSample): number;
  create(ctx: ParseContext): LineParseState;
}

export interface LineParseState {
  line(l: Line, sink: ParseSink): void;
  /** End of file: flush any grouped records (auditd). */
  end(sink: ParseSink): void;
}

/** A parser that reads the whole file itself, streaming (JSON documents such as CloudTrail). */
export interface StreamParser {
  readonly kind: 'stream';
  readonly id: FormatId;
  readonly label: string;
  detect(sample: DetectSample): number;
  parse(file: string, ctx: ParseContext, sink: ParseSink, signal: AbortSignal): Promise<void>;
}

export type Parser = LineParser | StreamParser;

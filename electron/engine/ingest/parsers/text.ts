import type { DetectSample, Line, LineParser, LineParseState, ParseContext, ParseSink } from '../types';
import { EVENT_FLAG_TIME_GUESSED } from '../types';
import { YearInferrer } from '../time';
import { isBlank, lineFlags, TS_LINE, TS_LINE_YEAR_INFERRED } from './common';
import { TimeSniffer } from './text-time';

/** Share of NUL and other control bytes above which a sample is not text at all. */
const BINARY_CONTROL_SHARE = 0.1;

function looksBinary(head: Buffer): boolean {
  if (head.length === 0) return false;
  let ctl = 0;
  const n = Math.min(head.length, 4096);
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) ctl++;
  }
  return ctl / n > BINARY_CONTROL_SHARE;
}

/**
 * The fallback: one event per non-blank line, the line as the message, and a timestamp
 * when one of the common shapes appears near the line start (none is fine, not a skip).
 */
function create(ctx: ParseContext): LineParseState {
  const sniffer = new TimeSniffer(ctx.timezone, new YearInferrer(ctx.fileMtimeMs ?? ctx.now, ctx.timezone));
  return {
    line(l: Line, sink: ParseSink): void {
      const t = l.text;
      if (isBlank(t)) return;
      let flags = lineFlags(l, sink);
      const ts = sniffer.find(t);
      if (sniffer.inferred && ts !== null) flags |= EVENT_FLAG_TIME_GUESSED;
      sink.event({
        ts,
        ts_desc: ts === null ? null : sniffer.inferred ? TS_LINE_YEAR_INFERRED : TS_LINE,
        message: t,
        offset: l.offset,
        length: l.length,
        flags,
      });
    },
    end(): void {},
  };
}

export const textParser: LineParser = {
  kind: 'lines',
  id: 'text',
  label: 'Plain text lines',
  /** Always accepts, with low confidence, so any more specific format wins. */
  detect(sample: DetectSample): number {
    return looksBinary(sample.head) ? 0.01 : 0.1;
  },
  create,
};

import type { DetectSample, Line, LineParser, LineParseState, ParseContext, ParseSink } from '../types';
import { fractionOf, isBlank, lineFlags, lineWhere, truncatedLineEvent } from './common';
import { isPlainObject } from './flatten';
import { mapJsonObject } from './json-map';

/** One JSON object per line (ECS, application logs, CloudTrail records one per line). */

function looksLikeJsonObjectLine(l: string): boolean {
  const t = l.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return false;
  try {
    return isPlainObject(JSON.parse(t));
  } catch {
    return false;
  }
}

function create(ctx: ParseContext): LineParseState {
  return {
    line(l: Line, sink: ParseSink): void {
      if (isBlank(l.text)) return;
      let value: unknown;
      try {
        value = JSON.parse(l.text);
      } catch (e) {
        if (l.truncated) sink.event(truncatedLineEvent(l, sink));
        else sink.skip(lineWhere(l), `not valid JSON: ${(e as Error).message}`);
        return;
      }
      if (!isPlainObject(value)) {
        sink.skip(lineWhere(l), `not a JSON object (${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value})`);
        return;
      }
      const ev = mapJsonObject(value, ctx.timezone);
      ev.offset = l.offset;
      ev.length = l.length;
      ev.flags = lineFlags(l, sink);
      sink.event(ev);
    },
    end(): void {},
  };
}

export const jsonlParser: LineParser = {
  kind: 'lines',
  id: 'jsonl',
  label: 'JSON lines',
  detect(sample: DetectSample): number {
    const f = fractionOf(sample.lines, looksLikeJsonObjectLine);
    return f >= 0.5 ? 0.6 + 0.3 * f : f * 0.5;
  },
  create,
};

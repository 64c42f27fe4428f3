import { CONTENT_W, INK, MARGIN_X, MUTED, type Pager, type Rgb } from './layout';
import { fmtInt, fmtTime, safeText } from './sanitize';
import { Table, type CellPart, type Column } from './table';
import type { ReportEvent, ReportInput } from './types';

export const DEFAULT_TABLE_LIMIT = 5000;
const PROGRESS_EVERY = 1000;
const SIZE = 7;
const STAR: Rgb = [0.78, 0.47, 0.0];

const SEVERITY_COLORS: [RegExp, Rgb, boolean][] = [
  [/^(crit|emerg|alert|fatal|high|err)/i, [0.72, 0.1, 0.1], true],
  [/^(med|warn)/i, [0.75, 0.42, 0.0], true],
  [/^(low|notice)/i, INK, false],
];

export interface EventsOutcome {
  listed: number;
  total: number;
}

/**
 * Streams the selected events: the first `eventTableLimit` become table rows, the rest are only
 * counted, so a 100,000-event selection costs the layout of the listed rows and nothing more.
 * The sentence saying how many are listed goes into space reserved above the table, written
 * once the stream has ended and the count is known.
 */
export async function drawEvents(p: Pager, input: ReportInput, onProgress?: (done: number, total: number) => void): Promise<EventsOutcome> {
  const limit = Number.isFinite(input.eventTableLimit) && input.eventTableLimit! >= 0 ? Math.floor(input.eventTableLimit!) : DEFAULT_TABLE_LIMIT;
  const expected = Number.isFinite(input.stats.selectedEvents) ? Math.max(0, input.stats.selectedEvents) : 0;
  p.newPage();
  p.heading('Selected events', 80);
  const notePage = p.pages.length - 1;
  const noteY = p.y - 9;
  p.y -= 28;

  // Millisecond times fit one line; a microsecond time wraps after its date.
  const timeW = p.width('0000-00-00 00:00:00.000', { size: SIZE }) + 6;
  const fixed: Column[] = [
    { title: '', width: 9, face: 'bold' },
    { title: 'Time (UTC)', width: timeW, maxLines: 2 },
    { title: 'Severity', width: 34 },
    { title: 'Host', width: 70, maxLines: 2 },
    { title: 'User', width: 54, maxLines: 2 },
    { title: 'Action', width: 58, maxLines: 2 },
  ];
  const used = fixed.reduce((s, c) => s + c.width, 0);
  const table = new Table(p, [...fixed, { title: 'Message', width: CONTENT_W - used, maxLines: 2 }], { size: SIZE, padX: 2.5, padY: 1.8 });

  let seen = 0;
  let listed = 0;
  onProgress?.(0, expected);
  for await (const ev of input.events) {
    if (seen < limit) {
      if (listed === 0) table.begin();
      table.row(cells(ev));
      listed++;
    }
    seen++;
    if (seen % PROGRESS_EVERY === 0) onProgress?.(seen, Math.max(expected, seen));
  }
  if (listed > 0) table.end();
  const total = Math.max(expected, seen);
  onProgress?.(seen, total);

  const sentence = listedSentence(listed, total);
  p.text(sentence, MARGIN_X, noteY, { face: 'bold', size: 8.5 }, notePage);
  if (listed > 0) {
    p.text('* = starred     #name = tag     severity in colour when high or medium     times in UTC     long values are cut with \u2026', MARGIN_X, noteY - 12, { size: 7.5, color: MUTED }, notePage);
  }
  if (listed < total && listed > 0) p.paragraph(sentence, { face: 'bold', size: 8.5 });
  return { listed, total };
}

/** Says plainly how much of the selection the table shows and where the rest is. */
export function listedSentence(listed: number, total: number): string {
  if (total === 0) return 'No events are selected.';
  if (listed >= total) return `All ${fmtInt(total)} selected events are listed; they are also in events.csv and events.jsonl.`;
  if (listed === 0) return `No events are listed (the table limit is 0) out of ${fmtInt(total)}; every event is in events.csv and events.jsonl.`;
  return `The first ${fmtInt(listed)} of ${fmtInt(total)} events are listed; every event is in events.csv and events.jsonl.`;
}

function cells(raw: ReportEvent): (string | CellPart | CellPart[] | null)[] {
  // Rows come from outside the type system at run time; a malformed one is shown, not thrown on.
  const ev: Partial<ReportEvent> = raw && typeof raw === 'object' ? raw : { message: `(malformed row: ${safeText(String(raw))})` };
  const sev = ev.severity ? String(ev.severity) : '';
  const rule = SEVERITY_COLORS.find(([re]) => re.test(sev));
  const tags = Array.isArray(ev.tags) && ev.tags.length ? ev.tags.map((t) => `#${safeText(t)}`).join(' ') + ' ' : '';
  const note = ev.note ? ` (note: ${safeText(ev.note)})` : '';
  return [
    ev.starred ? { text: '*', color: STAR } : null,
    ev.ts ? fmtTime(ev.ts) : { text: '(no time)', color: MUTED },
    sev ? { text: sev, color: rule ? rule[1] : MUTED, face: rule?.[2] ? 'bold' : 'regular' } : null,
    opt(ev.host),
    opt(ev.user),
    opt(ev.action),
    tags + safeText(ev.message) + note,
  ];
}

function opt(v: unknown): string | null {
  return v === null || v === undefined ? null : safeText(v);
}

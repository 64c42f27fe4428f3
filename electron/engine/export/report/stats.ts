import { ACCENT, CONTENT_W, HEADER_FILL, MARGIN_X, MUTED, RULE, type Pager } from './layout';
import { fmtInt, safeText } from './sanitize';
import { fitLine } from './text';
import type { ReportInput } from './types';

type Top = { value: string; count: number }[];

const TOP_ROWS = 10;
const ROW_H = 12.5;
const BAR: readonly [number, number, number] = [0.84, 0.89, 0.95];

/** Totals as cards, then the four top-N tables two by two. */
export function drawStats(p: Pager, input: ReportInput): void {
  p.heading('Summary', 180);
  const s = input.stats;
  const cards: [string, number][] = [
    ['Events in the case', s.totalEvents],
    ['Selected events', s.selectedEvents],
    ['Evidence files', s.evidenceFiles],
    ['Imports', s.imports],
  ];
  const gap = 10;
  const w = (CONTENT_W - gap * (cards.length - 1)) / cards.length;
  const h = 44;
  cards.forEach(([label, n], i) => {
    const x = MARGIN_X + i * (w + gap);
    p.rect(x, p.y - h, w, h, [0.94, 0.95, 0.97]);
    p.rect(x, p.y - h, 2.5, h, ACCENT);
    p.text(fitLine(fmtInt(n), p.faces.bold, 17, w - 18), x + 10, p.y - 22, { face: 'bold', size: 17 });
    p.text(label, x + 10, p.y - 36, { size: 7.5, color: MUTED });
  });
  p.y -= h + 16;

  const half = (CONTENT_W - 16) / 2;
  const pairs: [string, Top, string, Top][] = [
    ['Top sources', s.bySource, 'Top hosts', s.byHost],
    ['Top users', s.byUser, 'Top actions', s.byAction],
  ];
  for (const [ta, a, tb, b] of pairs) {
    const rows = Math.max(shownRows(a), shownRows(b));
    p.ensure(24 + rows * ROW_H);
    const top = p.y;
    const endA = drawTop(p, ta, a, MARGIN_X, top, half);
    const endB = drawTop(p, tb, b, MARGIN_X + half + 16, top, half);
    p.y = Math.min(endA, endB) - 12;
  }
}

function shownRows(list: Top): number {
  if (!Array.isArray(list)) return 1;
  return Math.max(1, Math.min(list.length, TOP_ROWS)) + (list.length > TOP_ROWS ? 1 : 0);
}

/** One top-N table with a bar per row scaled to the largest count; returns the y below it. */
function drawTop(p: Pager, title: string, list: Top, x: number, top: number, w: number): number {
  let y = top;
  p.text(title, x, y - 9, { face: 'bold', size: 9 });
  p.textRight('events', x + w, y - 9, { size: 7.5, color: MUTED });
  y -= 13;
  p.hline(x, x + w, y, 0.6, HEADER_FILL);
  if (!Array.isArray(list) || list.length === 0) {
    p.text('(none)', x + 3, y - 9.5, { size: 8, color: MUTED });
    return y - ROW_H;
  }
  const max = Math.max(1, ...list.slice(0, TOP_ROWS).map((r) => (Number.isFinite(r.count) ? r.count : 0)));
  const countW = 46;
  for (const r of list.slice(0, TOP_ROWS)) {
    const frac = Number.isFinite(r.count) ? Math.max(0, Math.min(1, r.count / max)) : 0;
    p.rect(x, y - ROW_H + 2, (w - countW) * frac, ROW_H - 3, BAR);
    const value = r.value === '' ? '(empty)' : safeText(r.value);
    p.text(fitLine(value, p.faces.regular, 8, w - countW - 6), x + 3, y - 9, { size: 8 });
    p.textRight(fmtInt(r.count), x + w - 2, y - 9, { size: 8 });
    y -= ROW_H;
  }
  if (list.length > TOP_ROWS) {
    p.text(`and ${fmtInt(list.length - TOP_ROWS)} more values (all are in events.csv)`, x + 3, y - 9, { size: 7.5, color: MUTED });
    y -= ROW_H;
  }
  p.hline(x, x + w, y, 0.4, RULE);
  return y;
}

import { rgb } from 'pdf-lib';
import { CONTENT_W, INK, MARGIN_X, MUTED, RULE, type Pager, type Rgb } from './layout';
import { fmtInt, safeText } from './sanitize';
import type { ReportInput } from './types';

const PLOT_H = 150;
const AXIS_W = 40;
const MAX_BARS = 240;
const BAR_FILL: Rgb = [0.23, 0.42, 0.66];
const DAY = 86_400_000;

/**
 * The timeline of selected events as vector graphics: one filled rectangle per bin, axis lines,
 * grid lines and text labels. No raster image, so it prints sharp and its text is searchable.
 * Bins beyond what the width can show are summed in groups so every bar stays visible.
 */
export function drawHistogram(p: Pager, h: ReportInput['histogram']): void {
  p.heading('Timeline', PLOT_H + 60);
  const raw = (Array.isArray(h.counts) ? h.counts : []).map((c) => (Number.isFinite(c) && c > 0 ? c : 0));
  const interval = Number.isFinite(h.intervalMs) && h.intervalMs > 0 ? h.intervalMs : 0;
  const start = Date.parse(h.start);
  if (raw.length === 0 || raw.every((c) => c === 0)) {
    p.paragraph('No timed events in the selection, so there is no timeline to draw.', { color: MUTED });
    return;
  }
  const group = Math.ceil(raw.length / MAX_BARS);
  const bins: number[] = [];
  for (let i = 0; i < raw.length; i += group) bins.push(raw.slice(i, i + group).reduce((a, b) => a + b, 0));
  const step = interval * group;
  const total = raw.reduce((a, b) => a + b, 0);

  const caption = interval
    ? `Selected events per ${duration(step)} (UTC), ${fmtInt(bins.length)} bars, ${fmtInt(total)} events.`
    : `Selected events in ${fmtInt(bins.length)} bins, ${fmtInt(total)} events (bin width unknown).`;
  p.paragraph(caption, { size: 8, color: MUTED, gap: 8 });

  const x0 = MARGIN_X + AXIS_W;
  const w = CONTENT_W - AXIS_W;
  const yTop = p.y - 6;
  const yBase = yTop - PLOT_H;
  const max = Math.max(...bins);
  const tick = niceStep(max / 4);
  const yMax = Math.ceil(max / tick) * tick;

  // The chart itself goes through pdf-lib's drawing API (its own content stream, painted
  // before the page's text), so the figure is plainly vector paths.
  const page = p.page;
  const line = (x1: number, y1: number, x2: number, y2: number, thickness: number, c: Rgb) =>
    page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness, color: rgb(...c) });
  for (let v = 0; v <= yMax; v += tick) {
    const y = yBase + (v / yMax) * PLOT_H;
    if (v > 0) line(x0, y, x0 + w, y, 0.3, RULE);
    p.textRight(fmtInt(v), x0 - 4, y - 2.5, { size: 7, color: MUTED });
  }
  const barW = w / bins.length;
  const gap = barW >= 4 ? barW * 0.18 : 0;
  bins.forEach((c, i) => {
    if (c > 0) page.drawRectangle({ x: x0 + i * barW + gap / 2, y: yBase, width: Math.max(0.4, barW - gap), height: (c / yMax) * PLOT_H, color: rgb(...BAR_FILL) });
  });
  line(x0, yBase, x0, yTop, 0.7, INK);
  line(x0, yBase, x0 + w, yBase, 0.7, INK);

  const ticks = Math.min(6, bins.length);
  const spanMs = step * bins.length;
  for (let j = 0; j <= ticks; j++) {
    const i = Math.round((j * bins.length) / ticks);
    const x = x0 + i * barW;
    line(x, yBase - 3, x, yBase, 0.7, INK);
    const label = Number.isFinite(start) && interval ? timeLabel(start + i * step, spanMs, step) : [`bin ${fmtInt(i * group)}`];
    label.forEach((s, k) => {
      const tw = p.width(s, { size: 7 });
      const lx = j === 0 ? x : j === ticks ? x - tw : x - tw / 2;
      p.text(s, lx, yBase - 11 - k * 8.5, { size: 7, color: k === 0 ? INK : MUTED });
    });
  }
  p.y = yBase - 32;
}

/** Date on the first line; the time of day on a second when bins are shorter than a day. */
function timeLabel(ms: number, spanMs: number, stepMs: number): string[] {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return ['?'];
  const iso = d.toISOString();
  const tIdx = iso.indexOf('T');
  const date = safeText(iso.slice(0, tIdx));
  if (stepMs % DAY === 0 && spanMs >= 2 * DAY) return [date];
  const time = iso.slice(tIdx + 1, stepMs < 1000 ? -1 : stepMs < 60_000 ? tIdx + 9 : tIdx + 6);
  return [date, time];
}

/** A readable bin width: `5 min`, `1 h`, `about 20.6 min`. */
export function duration(ms: number): string {
  const units: [number, string][] = [
    [DAY, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
    [1, 'ms'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) return `${fmtInt(ms / size)} ${name}`;
  }
  for (const [size, name] of units) {
    if (ms >= size) return `about ${(ms / size).toFixed(1)} ${name}`;
  }
  return `${ms} ms`;
}

/** 1, 2 or 5 times a power of ten, at least 1, so axis labels are whole counts. */
function niceStep(raw: number): number {
  if (!(raw > 1)) return 1;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const m = raw / pow;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * pow;
}

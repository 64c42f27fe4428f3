/**
 * Browsers cap how tall an element can be (Chromium about 33.5 million px, Firefox about
 * 17.9 million): at 24 px a row, a list of 1.4 million rows would end there. Past this
 * height the scroll bar stands for the list by proportion instead of by pixel.
 */
export const MAX_SCROLL_PX = 15_000_000;

export interface RowWindow {
  /** Height of the scrolled content. */
  height: number;
  /** Rows to draw, overscan included (last < first when there are none). */
  first: number;
  last: number;
  /** Where row `i` is drawn: offset + i * rowHeight (px from the top of the content). */
  offset: number;
  /**
   * Rows any window at this viewport can hold (first to last never spans more): row `i`'s
   * slot `i % slots` is unique within a window, so rows can be keyed by slot.
   */
  slots: number;
}

interface Geometry {
  count: number;
  rowHeight: number;
  /** Visible height of the scroller. */
  viewport: number;
}

function span({ count, rowHeight, viewport }: Geometry): { height: number; fits: boolean; maxScroll: number; maxTopRow: number } {
  const full = count * rowHeight;
  const height = Math.min(full, MAX_SCROLL_PX);
  return { height, fits: height === full, maxScroll: Math.max(0, height - viewport), maxTopRow: Math.max(0, count - viewport / rowHeight) };
}

/** The (fractional) row at the top of the view for a scroll position. */
function topRowAt(g: Geometry, scrollTop: number): number {
  const { fits, maxScroll, maxTopRow } = span(g);
  if (maxScroll <= 0) return 0;
  const s = Math.min(scrollTop, maxScroll);
  return fits ? s / g.rowHeight : (s / maxScroll) * maxTopRow;
}

/** The rows in view at a scroll position, and where to draw them so they sit in the view. */
export function rowWindow(g: Geometry, scrollTop: number, overscan: number): RowWindow {
  const { height, fits, maxScroll } = span(g);
  const top = topRowAt(g, scrollTop);
  const visible = Math.ceil(g.viewport / g.rowHeight);
  const first = Math.max(0, Math.floor(top) - overscan);
  const last = Math.min(g.count - 1, Math.floor(top) + visible + overscan);
  // A list that fits scrolls by pixel: rows keep their places (and need no redraw).
  return { height, first, last, offset: fits ? 0 : Math.min(scrollTop, maxScroll) - top * g.rowHeight, slots: visible + 2 * overscan + 1 };
}

/** The scroll position that brings row `index` fully into view, or null when it is in view already. */
export function scrollTopFor(g: Geometry, scrollTop: number, index: number): number | null {
  const { fits, maxScroll, maxTopRow } = span(g);
  const top = topRowAt(g, scrollTop);
  const rowsInView = g.viewport / g.rowHeight;
  let target: number;
  if (index < top) target = index;
  else if (index + 1 > top + rowsInView) target = index + 1 - rowsInView;
  else return null;
  if (maxTopRow <= 0) return 0;
  const row = Math.max(0, Math.min(target, maxTopRow));
  return fits ? row * g.rowHeight : (row / maxTopRow) * maxScroll;
}

import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, rowWindow, scrollTopFor } from '../../../renderer/src/features/events/row-window';

const RH = 24;
const VIEW = 600;

/** Where row i is drawn, relative to the top of the visible area. */
function drawnAt(count: number, scrollTop: number, i: number): number | null {
  const w = rowWindow({ count, rowHeight: RH, viewport: VIEW }, scrollTop, 12);
  if (i < w.first || i > w.last) return null;
  return w.offset + i * RH - scrollTop;
}

describe('event list rows in view', () => {
  it('scrolls a list that fits by pixel: a row keeps its place', () => {
    const w = rowWindow({ count: 1000, rowHeight: RH, viewport: VIEW }, 2400, 12);
    expect(w.height).toBe(24_000);
    expect(w.offset).toBe(0);
    expect([w.first, w.last]).toEqual([100 - 12, 100 + 25 + 12]);
    expect(drawnAt(1000, 2400, 100)).toBe(0);
    const end = rowWindow({ count: 1000, rowHeight: RH, viewport: VIEW }, 24_000 - VIEW, 12);
    expect(end.last).toBe(999);
  });

  it('reaches every row of a list taller than a browser allows, from the first to the last', () => {
    const count = 5_000_000;
    const w = rowWindow({ count, rowHeight: RH, viewport: VIEW }, 0, 12);
    expect(w.height).toBe(MAX_SCROLL_PX);
    expect(drawnAt(count, 0, 0)).toBe(0);
    const bottom = MAX_SCROLL_PX - VIEW;
    const last = drawnAt(count, bottom, count - 1);
    expect(last).not.toBeNull();
    // The last row ends at the bottom of the view.
    expect(last! + RH).toBeCloseTo(VIEW, 6);
    // Half-way down the scroll bar is half-way through the list, and the top row sits at the top.
    const mid = rowWindow({ count, rowHeight: RH, viewport: VIEW }, bottom / 2, 0);
    expect(Math.abs(mid.first - (count - VIEW / RH) / 2)).toBeLessThan(1);
    const top = drawnAt(count, bottom / 2, mid.first)!;
    expect(top).toBeLessThanOrEqual(0);
    expect(top).toBeGreaterThan(-RH);
  });

  it('scrolls to bring a chosen row fully into view, and leaves a visible one alone', () => {
    for (const count of [1000, 5_000_000]) {
      for (const index of [0, 1, Math.floor(count / 3), count - 2, count - 1]) {
        const to = scrollTopFor({ count, rowHeight: RH, viewport: VIEW }, 0, index) ?? 0;
        const at = drawnAt(count, to, index);
        expect(at, `${count}/${index}`).not.toBeNull();
        expect(at!).toBeGreaterThanOrEqual(-1e-6);
        expect(at! + RH).toBeLessThanOrEqual(VIEW + 1e-6);
      }
    }
    expect(scrollTopFor({ count: 5_000_000, rowHeight: RH, viewport: VIEW }, 0, 3)).toBeNull();
  });

  it('draws nothing for an empty list', () => {
    const w = rowWindow({ count: 0, rowHeight: RH, viewport: VIEW }, 0, 12);
    expect(w.height).toBe(0);
    expect(w.last).toBeLessThan(w.first);
  });
});

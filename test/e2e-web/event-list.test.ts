import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dispatch } from '../../electron/engine/dispatch';
import { hasChromium } from '../helpers/browser';
import { data } from '../helpers/paths';
import { createCaseAndImport, listReadyFor, numberIn, WebSession } from './web-session';

const LOGS = [data('loghub/OpenSSH/OpenSSH_2k.log'), data('loghub/Linux/Linux_2k.log')];

interface Shown {
  rowIndex: number;
  eventId: number;
  selected: boolean;
}

/**
 * The virtualized event list, in Chromium through the web bridge: wherever the analyst
 * scrolls to, slowly or in a fling, the rows shown are exactly the events at those places
 * in the search's order, and the selection and stars stay with their events. Rows reuse
 * each other's elements as they scroll, so a row showing another row's event is the fault
 * this looks for.
 */
describe.skipIf(!hasChromium())('event list scrolling (web bridge, Chromium)', () => {
  const s = new WebSession();
  let page: Page;
  let total = 0;

  beforeAll(async () => {
    await s.start('light');
    page = s.page;
    await page.goto(s.bridge.url);
    await createCaseAndImport(page, path.join(s.tmp, 'list-case'), LOGS, 'Scrolling');
    await page.locator('.import-panel').getByRole('button', { name: 'Close' }).click();
    await listReadyFor(page, '');
    total = await numberIn(page, 'search-total');
  });
  afterAll(async () => {
    await s.stop();
  });

  /** The ids of the events at list positions [offset, offset + n), from the engine. */
  async function idsAt(offset: number, n: number): Promise<number[]> {
    const r = await dispatch(s.engine, 'search.query', { query: '', order: 'asc', offset, limit: n });
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { events: { id: number }[] }).events.map((e) => e.id);
  }

  /**
   * Rows rendered once the list has caught up with its scroll position: the rows cover the
   * scroller from top to bottom (or end at the list's last event), none is a placeholder,
   * and the same rows were there on the previous animation frame.
   */
  async function shownRows(): Promise<Shown[]> {
    const handle = await page.waitForFunction(
      (count) => {
        const w = window as unknown as { __lastRows?: string };
        const box = document.querySelector('[data-testid="event-scroll"]')!.getBoundingClientRect();
        const rows = [...document.querySelectorAll('.event-block > [role="row"]')];
        const boxes = rows.map((r) => r.getBoundingClientRect());
        const covered =
          boxes.some((b) => b.top <= box.top + 1 && b.bottom > box.top) &&
          boxes.some((b, k) => (b.top < box.bottom && b.bottom >= box.bottom - 1) || Number(rows[k]!.getAttribute('aria-rowindex')) === count + 1);
        if (!covered || rows.some((r) => r.classList.contains('placeholder'))) {
          w.__lastRows = undefined;
          return false;
        }
        const shown = rows.map((r) => ({
          rowIndex: Number(r.getAttribute('aria-rowindex')),
          eventId: Number(r.getAttribute('data-event-id')),
          selected: r.getAttribute('aria-selected') === 'true',
        }));
        const key = JSON.stringify(shown);
        const settled = w.__lastRows === key;
        w.__lastRows = key;
        return settled ? shown : false;
      },
      total,
      { polling: 'raf' },
    );
    return (await handle.jsonValue()) as Shown[];
  }

  /** Every row shown is the event at its place: row index i + 2 holds the i-th event. */
  async function expectRowsMatchEngine(): Promise<Shown[]> {
    const rows = (await shownRows()).sort((a, b) => a.rowIndex - b.rowIndex);
    expect(rows.length).toBeGreaterThan(10);
    const first = rows[0]!.rowIndex;
    expect(rows.map((r) => r.rowIndex)).toEqual(rows.map((_, k) => first + k));
    expect(rows.map((r) => r.eventId)).toEqual(await idsAt(first - 2, rows.length));
    return rows;
  }

  /** Scrolls by `step` px per animation frame for `frames` frames, as a drag or fling does. */
  async function fling(step: number, frames: number): Promise<void> {
    await page.evaluate(
      ([step, frames]) =>
        new Promise<void>((resolve) => {
          const el = document.querySelector('[data-testid="event-scroll"]')!;
          let n = 0;
          const tick = (): void => {
            el.scrollTop += step;
            if (++n < frames) requestAnimationFrame(tick);
            else resolve();
          };
          requestAnimationFrame(tick);
        }),
      [step, frames] as const,
    );
  }

  it('shows the events at each place after slow scrolling, fast drags and flings both ways', async () => {
    expect(total).toBe(4000);
    await expectRowsMatchEngine();
    await fling(120, 20);
    await expectRowsMatchEngine();
    await fling(4000, 8);
    await expectRowsMatchEngine();
    await fling(-2500, 6);
    await expectRowsMatchEngine();
    // To the end: the last row is the last event.
    await fling(1_000_000, 2);
    const end = await expectRowsMatchEngine();
    expect(end[end.length - 1]!.rowIndex).toBe(total + 1);
    await fling(-1_000_000, 2);
    const top = await expectRowsMatchEngine();
    expect(top[0]!.rowIndex).toBe(2);
  });

  it('keeps the selection and the star with their event when its row scrolls away and back', async () => {
    await fling(3000, 1);
    await expectRowsMatchEngine();
    // A click where the analyst sees the row: a locator click would first scroll the list
    // to it, and the element it found may show another event by then.
    const pick = await page.evaluate(() => {
      const box = document.querySelector('[data-testid="event-scroll"]')!.getBoundingClientRect();
      const mid = (box.top + box.bottom) / 2;
      const row = [...document.querySelectorAll('[data-testid="event-row"]')].find((r) => {
        const b = r.getBoundingClientRect();
        return b.top <= mid && b.bottom > mid;
      })!;
      const b = row.getBoundingClientRect();
      return { eventId: Number(row.getAttribute('data-event-id')), x: b.left + 200, y: (b.top + b.bottom) / 2 };
    });
    await page.mouse.click(pick.x, pick.y);
    await page.getByTestId('event-detail').locator('#detail-title', { hasText: `Event #${pick.eventId}` }).waitFor();
    await page.getByTestId('star-button').click();
    await page.locator('[data-testid="star-button"][aria-pressed="true"]').waitFor();

    // Away (every row element now shows other events), then back.
    await fling(9000, 3);
    const away = await expectRowsMatchEngine();
    expect(away.some((r) => r.eventId === pick.eventId)).toBe(false);
    expect(away.filter((r) => r.selected)).toEqual([]);
    await fling(-9000, 3);
    const back = await expectRowsMatchEngine();
    expect(back.filter((r) => r.selected).map((r) => r.eventId)).toEqual([pick.eventId]);
    const starred = await page.locator('[data-testid="event-row"] .star-cell[aria-label="starred"]').evaluateAll((cells) =>
      cells.map((c) => Number(c.closest('[data-testid="event-row"]')!.getAttribute('data-event-id'))),
    );
    expect(starred).toEqual([pick.eventId]);
    await s.shot('70-event-list-scrolled');
  });
});

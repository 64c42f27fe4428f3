import { memo, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type CSSProperties } from 'react';
import type { AuditEvent } from '../../../../shared/model';
import { severityLevel } from '../../lib/severity';
import type { Column } from './columns';
import { rowWindow, scrollTopFor } from './row-window';
import type { EventPages } from './use-event-pages';

export const ROW_HEIGHT = 24;

interface Props {
  pages: EventPages;
  columns: Column[];
  order: 'asc' | 'desc';
  /** Absent when the list is in relevance order (ranked search): time is then not a sort. */
  onOrder?: (o: 'asc' | 'desc') => void;
  selectedIndex: number | null;
  selectedId: number | null;
  starred: ReadonlySet<number>;
  onSelect: (index: number, id: number) => void;
}

/** Rows drawn beyond the view on each side. */
const OVERSCAN = 12;
/**
 * Rows are placed within a block that moves as a whole: scrolling moves the block, and a
 * row's own position (so the row itself) changes only when the block does.
 */
const BLOCK = 1024;

/** Scroll position and visible height of the list's scroller, followed as they change. */
function useScroller(): [React.RefObject<HTMLDivElement | null>, number, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setViewport(el.clientHeight);
    const onScroll = () => setScrollTop(el.scrollTop);
    el.addEventListener('scroll', onScroll, { passive: true });
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro.disconnect();
    };
  }, []);
  return [ref, scrollTop, viewport];
}

/**
 * The matching events, virtualized: only the rows in view exist in the DOM and only their
 * pages are fetched, so a million rows scroll like a hundred. Rows not loaded yet show a
 * placeholder and fill in when their page arrives. Lists taller than a browser allows an
 * element to be scroll by proportion (see row-window), so every row can be reached.
 */
export function EventList({ pages, columns, order, onOrder, selectedIndex, selectedId, starred, onSelect }: Props) {
  const [scroller, scrollTop, viewport] = useScroller();
  // Re-render when rows arrive (only this component listens).
  useSyncExternalStore(pages.subscribe, pages.version);
  const count = pages.total ?? 0;
  const geometry = { count, rowHeight: ROW_HEIGHT, viewport };
  const { height, first, last, offset, slots } = rowWindow(geometry, scrollTop, OVERSCAN);
  const { want } = pages;

  useEffect(() => {
    if (count > 0 && last >= first) want(first, last);
  }, [want, first, last, count]);

  // Keyboard moves keep the selected row in view.
  useEffect(() => {
    const el = scroller.current;
    if (!el || selectedIndex === null || selectedIndex >= count) return;
    const to = scrollTopFor({ count, rowHeight: ROW_HEIGHT, viewport: el.clientHeight }, el.scrollTop, selectedIndex);
    if (to !== null) el.scrollTop = to;
  }, [selectedIndex, count, scroller]);

  const indexes: number[] = [];
  for (let i = first; i <= last; i++) indexes.push(i);
  const base = first - (first % BLOCK);
  // Rows are keyed by slot (see rowWindow), not by index: a row that stays in view keeps its
  // element, and one that comes into view takes the element of one that left instead of a
  // new one. A fling replaces every row each frame; with index keys that was hundreds of
  // elements removed and created per frame, and the garbage and layout of them made frames
  // of 60-120 ms on a busy machine.

  const template = `1.4rem ${columns.map((c) => c.width).join(' ')}`;
  return (
    <div className="event-list" role="grid" aria-rowcount={count + 1} aria-label="Events">
      {/* Row 1 is the header: the event at list index i is row i + 2. */}
      <div className="event-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        <span role="columnheader" aria-label="Starred" />
        {columns.map((c) =>
          c.id === 'ts' && onOrder ? (
            <button
              key={c.id}
              type="button"
              role="columnheader"
              className="sort"
              aria-sort={order === 'asc' ? 'ascending' : 'descending'}
              onClick={() => onOrder(order === 'asc' ? 'desc' : 'asc')}
              data-testid="sort-time"
              title="Sort by time"
            >
              {c.label} {order === 'asc' ? '▲' : '▼'}
            </button>
          ) : (
            <span key={c.id} role="columnheader">
              {c.label}
            </span>
          ),
        )}
      </div>
      <div className="event-scroll" ref={scroller} data-testid="event-scroll" tabIndex={-1}>
        <div style={{ height, position: 'relative' }}>
          <div className="event-block" style={{ transform: `translateY(${offset + base * ROW_HEIGHT}px)` }}>
            {indexes.map((index) => {
              const ev = pages.row(index);
              return (
                <Row
                  key={index % slots}
                  index={index}
                  start={(index - base) * ROW_HEIGHT}
                  ev={ev}
                  columns={columns}
                  template={template}
                  selected={selectedId !== null && ev?.id === selectedId}
                  starred={ev !== undefined && starred.has(ev.id)}
                  onSelect={onSelect}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  index: number;
  start: number;
  ev: AuditEvent | undefined;
  columns: Column[];
  template: string;
  selected: boolean;
  starred: boolean;
  onSelect: (index: number, id: number) => void;
}

/** One row; memoized, so scrolling re-renders only the rows that came into view. It keeps no state: its element serves whichever row holds its slot. */
const Row = memo(function Row({ index, start, ev, columns, template, selected, starred, onSelect }: RowProps) {
  const style: CSSProperties = { gridTemplateColumns: template, transform: `translateY(${start}px)`, height: ROW_HEIGHT };
  if (!ev) {
    return (
      <div className="event-row placeholder" style={style} role="row" aria-rowindex={index + 2} aria-busy="true">
        <span />
        <span className="muted">…</span>
      </div>
    );
  }
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-testid="event-row"
      data-event-id={ev.id}
      aria-selected={selected}
      className={`event-row sev-${severityLevel(ev.severity)}${index % 2 ? ' odd' : ''}${selected ? ' selected' : ''}`}
      style={style}
      onClick={() => onSelect(index, ev.id)}
    >
      <span className="star-cell" aria-label={starred ? 'starred' : undefined}>
        {starred ? '★' : ''}
      </span>
      {columns.map((c) => {
        const v = c.value(ev);
        return (
          <span key={c.id} role="gridcell" className={c.mono ? 'mono' : undefined} title={v.length > 40 ? v.slice(0, 2000) : undefined}>
            {v}
          </span>
        );
      })}
    </div>
  );
});

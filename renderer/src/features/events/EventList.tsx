import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useSyncExternalStore, type CSSProperties } from 'react';
import type { AuditEvent } from '../../../../shared/model';
import { severityLevel } from '../../lib/severity';
import type { Column } from './columns';
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

/**
 * The matching events, virtualized: only the rows in view exist in the DOM and only their
 * pages are fetched, so a million rows scroll like a hundred. Rows not loaded yet show a
 * placeholder and fill in when their page arrives.
 */
export function EventList({ pages, columns, order, onOrder, selectedIndex, selectedId, starred, onSelect }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // Re-render when rows arrive (only this component listens).
  useSyncExternalStore(pages.subscribe, pages.version);
  const count = pages.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { want } = pages;

  useEffect(() => {
    if (count > 0) want(first, last);
  }, [want, first, last, count]);

  // Keyboard moves keep the selected row in view.
  useEffect(() => {
    if (selectedIndex !== null && selectedIndex < count) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, count, virtualizer]);

  const template = `1.4rem ${columns.map((c) => c.width).join(' ')}`;
  return (
    <div className="event-list" role="grid" aria-rowcount={count} aria-label="Events">
      <div className="event-head" role="row" style={{ gridTemplateColumns: template }}>
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
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => (
            <Row
              key={item.key}
              index={item.index}
              start={item.start}
              ev={pages.row(item.index)}
              columns={columns}
              template={template}
              selected={selectedId !== null && pages.row(item.index)?.id === selectedId}
              starred={starred.has(pages.row(item.index)?.id ?? -1)}
              onSelect={onSelect}
            />
          ))}
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

/** One row; memoized, so scrolling re-renders only the rows that came into view. */
const Row = memo(function Row({ index, start, ev, columns, template, selected, starred, onSelect }: RowProps) {
  const style: CSSProperties = { gridTemplateColumns: template, transform: `translateY(${start}px)`, height: ROW_HEIGHT };
  if (!ev) {
    return (
      <div className="event-row placeholder" style={style} role="row" aria-busy="true">
        <span />
        <span className="muted">…</span>
      </div>
    );
  }
  return (
    <div
      role="row"
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

import * as d3 from 'd3';
import { useLayoutEffect, useRef, useState } from 'react';
import { AppError } from '../../../../shared/errors';
import { ErrorMessage } from '../../components/ErrorMessage';
import { errorText } from '../../lib/errors';
import { domainOf, drawTimeline, svgHeight } from './draw-timeline';
import { panRange, rangeOf, shortTime, zoomRange, type TimeRange } from './time-range';
import { MAX_LANES, useHistograms, type LaneField, type LaneValue } from './use-histograms';

interface Props {
  query: string;
  range: TimeRange | null;
  onRange: (range: TimeRange | null) => void;
  laneField: LaneField;
  onLaneField: (f: LaneField) => void;
  laneValues: LaneValue[];
  epoch: number;
}

/** Pixels per bucket: the interval follows the width and the zoom (the engine picks a round one). */
const PX_PER_BUCKET = 5;

/**
 * Event density over the case (or the zoomed range) for the current query. Brushing zooms,
 * the arrows pan, reset shows the whole case; the range drives the event list.
 */
export function Timeline({ query, range, onRange, laneField, onLaneField, laneValues, epoch }: Props) {
  const wrap = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(0);
  const buckets = width > 0 ? Math.min(2000, Math.max(10, Math.floor(width / PX_PER_BUCKET))) : 0;
  const h = useHistograms(query, range, buckets, laneField, laneValues, epoch);
  const [drawn, setDrawn] = useState(0);

  useLayoutEffect(() => {
    const el = wrap.current;
    if (!el) return;
    // Measured before the first paint, so the histogram is asked for with the list, not after.
    // Measured as the observer measures (fractional width, floored): clientWidth rounds, and a
    // width one pixel apart asked for the histogram twice, the second one queued behind the
    // side panels' counts.
    setWidth(Math.floor(el.getBoundingClientRect().width));
    const ro = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const lanes = laneField === 'none' ? [] : h.lanes.slice(0, MAX_LANES);
  const domain = h.main ? domainOf(h.main, range) : null;

  // A layout effect: the bars are drawn in the same frame as the answer's commit, not in a
  // passive effect that runs after that frame is painted (a zoom would show stale bars a frame longer).
  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg || !h.main || !domain || width <= 0) return;
    const x = drawTimeline(svg, width, h.main, lanes, domain, (a, b) => onRange(rangeOf(a, b)));
    const root = d3.select(svg);
    root.select('g.brush').remove();
    const brush = d3
      .brushX()
      .extent([
        [0, 0],
        [width, svgHeight(lanes.length) - 20],
      ])
      .on('end', (event: d3.D3BrushEvent<unknown>) => {
        const sel = event.selection as [number, number] | null;
        if (!sel || !event.sourceEvent) return;
        const [a, b] = sel.map((px) => x.invert(px));
        root.select<SVGGElement>('g.brush').call(brush.move, null);
        // A click without a drag gives a zero-width selection: not a zoom.
        if (b!.getTime() - a!.getTime() >= 1) onRange(rangeOf(a!, b!));
      });
    root.append('g').attr('class', 'brush').call(brush);
    setDrawn((n) => n + 1);
    // domain is derived from h.main and range
  }, [h.main, h.lanes, width, laneField]);

  const label = range ?? (h.main?.from && h.main.to ? { from: h.main.from, to: h.main.to } : null);
  const shortSpan = label ? Date.parse(label.to) - Date.parse(label.from) < 60_000 : false;
  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline-bar">
        <span className="timeline-range mono" data-testid="timeline-range">
          {label ? `${shortTime(label.from, shortSpan)} → ${shortTime(label.to, shortSpan)} UTC` : 'No events with a time'}
        </span>
        {h.main && h.main.buckets.length > 0 && (
          <span className="muted">
            {h.main.interval} per bar, busiest {Math.max(...h.main.buckets.map((b) => b.count)).toLocaleString('en-US')}
          </span>
        )}
        {range && <span className="badge">zoomed</span>}
        <span className="spacer" />
        <label className="inline">
          Lanes
          <select value={laneField} onChange={(e) => onLaneField(e.target.value as LaneField)} aria-label="Swimlanes">
            <option value="none">none</option>
            <option value="host">by host</option>
            <option value="user">by user</option>
            <option value="source">by source</option>
            <option value="template">by template</option>
          </select>
        </label>
        <div className="btn-group" role="group" aria-label="Move the time range">
          <button type="button" className="secondary small" disabled={!label} onClick={() => label && onRange(panRange(label, -0.5))} title="Earlier (half a window)">
            ◀
          </button>
          <button type="button" className="secondary small" disabled={!label} onClick={() => label && onRange(zoomRange(label, 2))} title="Zoom out">
            −
          </button>
          <button type="button" className="secondary small" disabled={!label} onClick={() => label && onRange(panRange(label, 0.5))} title="Later (half a window)">
            ▶
          </button>
        </div>
        <button type="button" className="secondary small" disabled={!range} onClick={() => onRange(null)} data-testid="timeline-reset">
          Reset
        </button>
      </div>
      <div className="timeline-plot" ref={wrap}>
        <svg
          ref={svgRef}
          data-testid="timeline"
          data-state={h.loading ? 'loading' : 'ready'}
          data-draws={drawn}
          data-buckets={h.main?.buckets.length ?? 0}
          data-from={h.main?.from ?? ''}
          width={width}
          height={svgHeight(lanes.length)}
          role="img"
          aria-label={h.main ? `Event density, ${h.main.interval} per bar` : 'Event density'}
        />
      </div>
      {/* A syntax error is shown, marked, under the search box. */}
      <ErrorMessage text={h.error && !(h.error instanceof AppError && h.error.code === 'query_syntax') ? errorText(h.error) : null} />
    </section>
  );
}

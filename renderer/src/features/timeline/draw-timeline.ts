import * as d3 from 'd3';
import type { Histogram } from '../../../../shared/model';
import type { Lane } from './use-histograms';

export const MAIN_HEIGHT = 96;
export const LANE_HEIGHT = 26;
const AXIS_HEIGHT = 20;
const LABEL_WIDTH = 0;
const MIN_SPAN_MS = 60_000;

interface Bar {
  t: number;
  count: number;
}

function bars(h: Histogram): Bar[] {
  return h.buckets.map((b) => ({ t: Date.parse(b.t), count: b.count }));
}

/** The time span the histogram covers: the asked range, else its buckets from first to last. */
export function domainOf(h: Histogram, range: { from: string; to: string } | null): [Date, Date] | null {
  if (range) return [new Date(range.from), new Date(range.to)];
  if (h.buckets.length === 0) return null;
  const first = Date.parse(h.buckets[0]!.t);
  const last = Date.parse(h.buckets[h.buckets.length - 1]!.t) + h.intervalUs / 1000;
  // A handful of events within seconds would fill the width with one bar: show a minute around them.
  if (last - first < MIN_SPAN_MS) {
    const mid = (first + last) / 2;
    return [new Date(mid - MIN_SPAN_MS / 2), new Date(mid + MIN_SPAN_MS / 2)];
  }
  return [new Date(first), new Date(last)];
}

export function svgHeight(lanes: number): number {
  return MAIN_HEIGHT + AXIS_HEIGHT + lanes * LANE_HEIGHT;
}

/**
 * Draws bars, axis and lanes into the svg with d3 (one pass, keyed joins are not needed:
 * every re-bin replaces all bars). The brush is attached separately and kept across draws.
 */
export function drawTimeline(
  svg: SVGSVGElement,
  width: number,
  main: Histogram,
  lanes: Lane[],
  domain: [Date, Date],
  onBarClick: (from: Date, to: Date) => void,
): d3.ScaleTime<number, number> {
  const root = d3.select(svg);
  const x = d3.scaleUtc().domain(domain).range([LABEL_WIDTH, width]);
  const data = bars(main);
  const intervalMs = main.intervalUs / 1000;
  const max = d3.max(data, (d) => d.count) ?? 0;
  const y = d3.scaleSqrt().domain([0, Math.max(1, max)]).range([MAIN_HEIGHT, 4]);

  let plot = root.select<SVGGElement>('g.plot');
  if (plot.empty()) {
    plot = root.insert('g', ':first-child').attr('class', 'plot');
  }
  plot.selectAll('*').remove();

  const barWidth = (d: Bar): number => Math.max(1, x(new Date(d.t + intervalMs)) - x(new Date(d.t)) - (intervalMs > 0 ? 1 : 0));
  const visible = data.filter((d) => d.count > 0);
  plot
    .append('g')
    .attr('class', 'bars')
    .selectAll('rect')
    .data(visible)
    .join('rect')
    .attr('x', (d) => x(new Date(d.t)))
    .attr('y', (d) => y(d.count))
    .attr('width', barWidth)
    .attr('height', (d) => MAIN_HEIGHT - y(d.count))
    .on('click', (_e, d) => onBarClick(new Date(d.t), new Date(d.t + intervalMs)))
    .append('title')
    .text((d) => `${new Date(d.t).toISOString().replace('T', ' ').slice(0, 19)} UTC: ${d.count.toLocaleString('en-US')} events`);

  if (max === 0) {
    plot
      .append('g')
      .attr('class', 'y-label')
      .append('text')
      .attr('x', width / 2)
      .attr('y', MAIN_HEIGHT / 2)
      .attr('text-anchor', 'middle')
      .text('No events in this range');
  }

  plot
    .append('g')
    .attr('class', 'axis')
    .attr('transform', `translate(0,${MAIN_HEIGHT})`)
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 130))).tickSizeOuter(0));

  lanes.forEach((lane, i) => {
    const top = MAIN_HEIGHT + AXIS_HEIGHT + i * LANE_HEIGHT;
    const ld = bars(lane.histogram).filter((d) => d.count > 0);
    const lmax = d3.max(ld, (d) => d.count) ?? 1;
    const ly = d3.scaleSqrt().domain([0, lmax]).range([LANE_HEIGHT - 3, 2]);
    const g = plot.append('g').attr('class', 'lane').attr('transform', `translate(0,${top})`);
    g.append('title').text(lane.title);
    g.append('line').attr('x1', 0).attr('x2', width).attr('y1', LANE_HEIGHT - 2).attr('y2', LANE_HEIGHT - 2);
    g.selectAll('rect')
      .data(ld)
      .join('rect')
      .attr('x', (d) => x(new Date(d.t)))
      .attr('y', (d) => ly(d.count))
      .attr('width', barWidth)
      .attr('height', (d) => LANE_HEIGHT - 3 - ly(d.count))
      .append('title')
      .text((d) => `${lane.title}: ${d.count.toLocaleString('en-US')}`);
    g.append('text').attr('class', 'lane-label').attr('x', 4).attr('y', 11).text(lane.label);
  });
  return x;
}

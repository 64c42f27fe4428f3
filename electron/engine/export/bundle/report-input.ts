import type { Db } from '../../db/open';
import type { LedgerRow } from '../../db/repos/ledger';
import { formatTs } from '../../search/time-parse';
import type { Masker } from '../mask';
import type { ReportInput } from '../report/types';

/** What the export's report says about its selection: top values, time range, histogram, findings, custody lines. */

const TOP_N = 10;
const HISTOGRAM_BINS = 60;

export interface Counter {
  add(v: string | null): void;
  top(): { value: string; count: number }[];
}

export function counter(): Counter {
  const m = new Map<string, number>();
  return {
    add(v) {
      if (v) m.set(v, (m.get(v) ?? 0) + 1);
    },
    top: () => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP_N).map(([value, count]) => ({ value, count })),
  };
}

/** The custody entries an export concerns: the case, the evidence and imports of its events, work on them, and the export. */
export function relevantEntries(all: LedgerRow[], size: number, ctx: { evidence: Set<string>; imports: Set<number>; events: Set<number> }): LedgerRow[] {
  return all.slice(0, size).filter((e) => {
    const subject = e.subject ?? '';
    if (e.action === 'case.create' || e.action === 'export' || e.action === 'notebook.save') return true;
    if (e.action === 'evidence.receive') return ctx.evidence.has(subject);
    if (e.action.startsWith('import.')) return ctx.imports.has(Number(subject));
    if (e.action.startsWith('event.')) return ctx.events.has(Number(subject));
    return false;
  });
}

/** Findings that link to at least one exported event, with how many of their events were exported. */
export function findingsFor(db: Db, ids: number[]): ReportInput['findings'] {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS export_selection (id INTEGER PRIMARY KEY)');
  db.exec('DELETE FROM export_selection');
  const add = db.prepare('INSERT INTO export_selection (id) VALUES (?)');
  // Deferred on purpose: it writes only this connection's temp table, not the case.
  db.transaction(() => ids.forEach((id) => add.run(id)))();
  const rows = db
    .prepare(
      `SELECT f.severity, f.title, coalesce(f.rule_id, f.rule_path, f.kind) AS rule, count(*) AS eventCount, f.status, f.note
       FROM findings f JOIN finding_events fe ON fe.finding_id = f.id JOIN export_selection s ON s.id = fe.event_id
       GROUP BY f.id ORDER BY CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, f.id`,
    )
    .all() as { severity: string; title: string; rule: string; eventCount: number; status: string; note: string | null }[];
  db.exec('DELETE FROM export_selection');
  return rows.map((r) => ({ severity: r.severity, title: r.title, rule: r.rule, eventCount: r.eventCount, status: r.status, ...(r.note ? { note: r.note } : {}) }));
}

export function minMax(xs: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

export function timeRange(times: number[]): ReportInput['range'] {
  if (times.length === 0) return { from: null, to: null };
  const [lo, hi] = minMax(times);
  return { from: formatTs(lo), to: formatTs(hi) };
}

export function histogramOf(times: number[]): ReportInput['histogram'] {
  if (times.length === 0) return { start: new Date(0).toISOString(), intervalMs: 1000, counts: [] };
  const [lo, hi] = minMax(times);
  const loMs = Math.floor(lo / 1000);
  const spanMs = Math.max(1, Math.ceil(hi / 1000) - loMs + 1);
  const intervalMs = Math.max(1, Math.ceil(spanMs / HISTOGRAM_BINS));
  const counts = new Array<number>(Math.ceil(spanMs / intervalMs)).fill(0);
  for (const t of times) counts[Math.min(counts.length - 1, Math.floor((Math.floor(t / 1000) - loMs) / intervalMs))]!++;
  return { start: new Date(loMs).toISOString(), intervalMs, counts };
}

export function maskSummary(m: Masker): string {
  const d = m.describe();
  const detectors = Object.entries(d.detectors)
    .filter(([, v]) => v.enabled)
    .map(([k, v]) => `${k} (${v.mode})`);
  const fields = Object.entries(d.policy.fields).map(([k, v]) => `${k} (${v})`);
  return [`detectors: ${detectors.join(', ') || 'none'}`, fields.length ? `fields: ${fields.join(', ')}` : ''].filter(Boolean).join('; ');
}

/** One line per custody entry for the report. */
export function summarize(e: LedgerRow): string {
  const d = JSON.parse(e.details) as Record<string, unknown>;
  const keys = ['name', 'status', 'events', 'eventCount', 'files', 'skipped', 'size', 'tag', 'query', 'reason', 'length'];
  return keys
    .filter((k) => d[k] !== undefined && d[k] !== null)
    .map((k) => `${k}=${typeof d[k] === 'string' ? d[k] : JSON.stringify(d[k])}`)
    .join(' ');
}

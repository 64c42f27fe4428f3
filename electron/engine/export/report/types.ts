/** Everything the PDF report shows; built by the bundle export, rendered by `renderReport`. */
export interface ReportInput {
  title: string; // e.g. 'Evidence report: ACME breach'
  caseId: string;
  caseName: string;
  analyst: { name: string; fingerprint: string /* 64 hex */; fingerprintDisplay: string };
  createdAt: string; // ISO 8601 UTC, the export time
  range: { from: string | null; to: string | null }; // ISO times of the first/last selected event
  treeHead: { size: number; rootHash: string; timestamp: string };
  /** Digest printed in the footer of EVERY page and stored in the PDF metadata (Subject and Keywords as `sealdesk-content-digest:<hex>`). */
  contentDigest: string; // 64 hex
  selection: { query: string | null; starredOnly: boolean; masked: boolean; maskSummary: string | null };
  stats: {
    totalEvents: number;
    selectedEvents: number;
    evidenceFiles: number;
    imports: number;
    bySource: { value: string; count: number }[];
    byHost: { value: string; count: number }[];
    byUser: { value: string; count: number }[];
    byAction: { value: string; count: number }[];
  };
  histogram: { start: string; intervalMs: number; counts: number[] }; // bins of selected events
  events: AsyncIterable<ReportEvent> | Iterable<ReportEvent>; // in time order; may be 100,000+
  /** Rows listed in the PDF (default 5000); beyond it the PDF says plainly that the data files hold every event. */
  eventTableLimit?: number;
  notebook: string | null; // markdown narrative written by the analyst (hostile-safe: render as text)
  findings: { severity: string; title: string; rule: string; eventCount: number; status: string; note?: string }[];
  custody: { seq: number; at: string; actor: string; action: string; subject: string | null; summary: string }[];
  tool: { name: string; version: string };
}

/** One row of the events table. */
export interface ReportEvent {
  id: number;
  ts: string | null;
  source: string;
  host: string | null;
  user: string | null;
  action: string | null;
  severity: string | null;
  message: string;
  tags?: string[];
  starred?: boolean;
  note?: string | null;
}

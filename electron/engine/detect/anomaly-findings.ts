import type { Db } from '../db/open';
import type { NewFinding } from '../db/repos/findings';
import { formatTs } from '../search/time-parse';
import { scoreAnomalies, type SuppressPattern } from './anomaly/score';
import type { AnomalyEvent } from './anomaly/features';
import { createMiner } from './templates/miner';
import { templatesRepo } from '../db/repos/templates';

/** Windows reported per run, and the Isolation Forest score below which a window is not reported. */
const TOP_WINDOWS = 20;
const MIN_SCORE = 0.6;

interface Row {
  id: number;
  ts: number | null;
  user: string | null;
  host: string | null;
  src_ip: string | null;
  outcome: string | null;
  message: string;
  /** The event's log template from import; null when it has none. */
  template: number | null;
}

/**
 * Anomaly scoring inside the detection pass: each event comes with the log template it was
 * given at import (an event without one is mined here, as the events stream by); at the end, per-entity hourly windows are scored with an Isolation
 * Forest and the most unusual become findings that explain themselves. Windows matching a
 * pattern the analyst marked false positive are left out.
 */
export class AnomalyCollector {
  private readonly miner = createMiner();
  private readonly events: AnomalyEvent[] = [];

  observe(r: Row): void {
    // Templates mined here are kept apart from the stored ones as negative ids.
    const templateId = r.template ?? -1 - this.miner.add(r.message).templateId;
    const outcome = r.outcome === 'success' || r.outcome === 'failure' ? r.outcome : null;
    this.events.push({ id: r.id, ts: r.ts, user: r.user, host: r.host, src_ip: r.src_ip, templateId, outcome });
  }

  /** The analyst's verdicts: patterns of anomaly findings marked false positive. */
  static suppressed(db: Db): SuppressPattern[] {
    const rows = db.prepare("SELECT details FROM findings WHERE kind = 'anomaly' AND status = 'false_positive'").pluck().all() as string[];
    return rows.map((d) => (JSON.parse(d) as { pattern: SuppressPattern }).pattern).filter((p) => p && Array.isArray(p.features));
  }

  findings(db: Db): { findings: NewFinding[]; suppressed: number } {
    if (this.events.length === 0) return { findings: [], suppressed: 0 };
    for (const e of this.events) if (e.templateId < 0) e.templateId = -1 - this.miner.resolve(-1 - e.templateId);
    const stored = templatesRepo(db);
    const templateText = (t: number): string => (t < 0 ? this.miner.template(-1 - t) : (stored.get(t)?.template ?? `template ${t}`));
    const result = scoreAnomalies(this.events, { top: TOP_WINDOWS, suppress: AnomalyCollector.suppressed(db), templateText });
    const findings: NewFinding[] = result.windows
      .filter((w) => w.score >= MIN_SCORE)
      .map((w) => {
        const when = w.start !== null ? ` from ${formatTs(w.start)} to ${formatTs(w.end!)}` : '';
        const label = w.kind === 'src_ip' ? 'source address' : w.kind;
        return {
          kind: 'anomaly',
          ruleId: 'anomaly:isolation-forest',
          rulePath: null,
          title: `Unusual activity of ${label} ${w.value}`,
          severity: w.score >= 0.7 ? 'high' : w.score >= 0.65 ? 'medium' : 'low',
          explanation: `The ${label} ${w.value}${when} scored ${w.score.toFixed(2)} on an Isolation Forest over hourly per-entity windows (0.5 is ordinary). ${w.drivers.map((d) => d.text).join('; ')}. ${w.eventCount} event(s) in the window.`,
          remediation: 'Review the events of this window. If the activity is expected, mark the finding a false positive: later runs then leave out windows of this entity with the same reasons.',
          eventIds: w.eventIds,
          firstTs: w.start,
          lastTs: w.end,
          details: { group: { [w.kind]: w.value, start: w.start }, pattern: w.pattern, score: w.score, drivers: w.drivers.map((d) => d.text) },
        };
      });
    const suppressed = result.suppressed.reduce((n, s) => n + s.windows, 0);
    return { findings, suppressed };
  }
}

/**
 * Contract types of the Sigma engine. The engine reads events only through `SigmaEvent`,
 * so any parser's event shape can be matched (EVTX, CloudTrail, auditd, JSON lines).
 */

/** An event as the engine sees it. */
export interface SigmaEvent {
  /** The value of a field by its Sigma name; `undefined` when the field is absent, `null` when present but null. */
  get(field: string): unknown;
  /** Every text of the event that keyword (full-text) selections search. */
  keywords(): Iterable<string>;
  /** UTC microseconds since the epoch, or null when unknown (count aggregations skip such events). */
  ts: number | null;
  /** Importer format id ("cloudtrail", "auditd", "evtx"...), when known; helps logsource mapping. */
  format?: string | null;
}

/** An event with the id `runRules` reports matches by. */
export type IdentifiedSigmaEvent = SigmaEvent & { id: number };

/** The `logsource` section of a rule, lower-cased. */
export interface Logsource {
  product: string | null;
  category: string | null;
  service: string | null;
  definition: string | null;
}

/** A rule file (or one document of it) that could not be used, and why. */
export interface RuleLoadError {
  path: string;
  reason: string;
}

export type CompareOp = '>' | '>=' | '<' | '<=' | '==' | '!=';

/** `condition: sel | count(field) by a, b > N` with the rule's `timeframe`. */
export interface Aggregation {
  /** `count` is the only aggregation function supported. */
  fn: 'count';
  /** `count(field)` counts distinct values of field; null counts events. */
  field: string | null;
  groupBy: string[];
  op: CompareOp;
  value: number;
  /** Sliding window length in microseconds, or null for the whole run. */
  timeframeUs: number | null;
}

/** A rule ready to run. Metadata is kept as written (DRL 1.1 requires keeping authors and ids). */
export interface CompiledRule {
  id: string | null;
  title: string;
  level: string | null;
  status: string | null;
  author: string | null;
  description: string | null;
  date: string | null;
  modified: string | null;
  tags: string[];
  references: string[];
  falsepositives: string[];
  logsource: Logsource;
  /** Whether the logsource has an entry in the mapping table (see logsource.ts). */
  logsourceMapped: boolean;
  /** File the rule came from (with `#N` for the Nth document of a multi-document file). */
  path: string;
  /** Field names the detection reads. */
  fields: string[];
  aggregation: Aggregation | null;
  /**
   * Whether the detection matches the event (the condition before any `|` aggregation).
   * The logsource is not checked here: see `logsourceMatches`; `runRules` checks both.
   */
  matches(ev: SigmaEvent): boolean;
}

/** An aggregation window that met the rule's threshold. */
export interface AggregationHit {
  group: Record<string, string | null>;
  /** The aggregated value (event count or distinct-value count) at its highest in the window. */
  value: number;
  firstTs: number | null;
  lastTs: number | null;
  eventIds: number[];
}

/** What one rule matched in a run. */
export interface RuleMatches {
  rule: CompiledRule;
  /** Matching event ids in input order (for aggregation rules: events inside firing windows). */
  eventIds: number[];
  /** Firing windows of an aggregation rule; empty for plain rules. */
  hits: AggregationHit[];
  /** Events the aggregation skipped because they have no time. */
  skippedNoTime: number;
}

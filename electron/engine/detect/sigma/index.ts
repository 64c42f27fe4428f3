/**
 * Sigma rule engine: load rule files, compile them once, run them over events of any
 * shape through the SigmaEvent accessor. See types.ts for the contract.
 */
export { loadRules, compileRule, compileRules, type LoadResult } from './load';
export { runRules } from './run';
export { sigmaEventFromRecord, type NormalizedFields } from './event';
export { logsourceMatches, WINDOWS_CATEGORIES, WINDOWS_SERVICES } from './logsource';
export { RuleError } from './errors';
export type {
  Aggregation,
  AggregationHit,
  CompiledRule,
  CompareOp,
  IdentifiedSigmaEvent,
  Logsource,
  RuleLoadError,
  RuleMatches,
  SigmaEvent,
} from './types';

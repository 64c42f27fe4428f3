/** Custom detection predicates in CEL over an event's normalized fields and original record. */
export { compileCel, lineColumn, type CelError, type CelOutcome, type CompiledCel } from './compile';
export { celActivation, NORMALIZED_FIELDS, type CelActivation, type CelEventInput } from './context';

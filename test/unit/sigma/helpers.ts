import { compileRule, sigmaEventFromRecord, type CompiledRule, type NormalizedFields, type SigmaEvent } from '../../../electron/engine/detect/sigma/index';

/** A rule from a detection block written as YAML (indented under `detection:`). */
export function ruleOf(detection: string, extra = ''): CompiledRule {
  const body = detection
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return compileRule(`title: test rule\nid: 00000000-0000-0000-0000-000000000000\nlogsource:\n  product: test\n${extra}detection:\n${body}\n`, 'inline.yml');
}

export const ev = (fields: Record<string, unknown>, normalized?: NormalizedFields): SigmaEvent => sigmaEventFromRecord(fields, normalized);

/** Whether the rule matches an event with these fields. */
export const hit = (r: CompiledRule, fields: Record<string, unknown>): boolean => r.matches(ev(fields));

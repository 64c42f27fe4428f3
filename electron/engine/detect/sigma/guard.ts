import { simpleForm, type Part } from './sigma-string';

/**
 * Guards let `runRules` skip rules that cannot match an event without running them. A
 * guard is a necessary condition: whenever the guarded predicate holds, at least one of
 * its terms holds (a field equals, starts with, ends with or contains a lower-cased literal). Terms
 * come from plain string tests; AND keeps one operand's guard, OR needs every operand's.
 * null means "no guard known": the rule is always run.
 */
export interface GuardTerm {
  slot: number;
  kind: 'eq' | 'starts' | 'ends' | 'contains';
  text: string;
}

export type Guard = GuardTerm[] | null;

/** Past this many terms a guard prunes little and costs lookups; drop it. */
const MAX_TERMS = 64;

/** The guard of alternative patterns on a field, when every alternative is a plain literal test. */
export function guardOfAlts(slot: number, alts: Part[][]): Guard {
  const terms: GuardTerm[] = [];
  for (const a of alts) {
    const f = simpleForm(a);
    if (f === null || f.kind === 'any' || f.text === '') return null;
    terms.push({ slot, kind: f.kind, text: f.text.toLowerCase() });
  }
  return terms.length > 0 && terms.length <= MAX_TERMS ? terms : null;
}

/** Prefix and suffix terms are indexed by their first/last KEY characters, so need that many. */
export const KEY = 4;

/** Whether run.ts can index every term of the guard. */
export const indexable = (g: Guard): g is GuardTerm[] =>
  g !== null && g.every((t) => (t.kind !== 'starts' && t.kind !== 'ends') || t.text.length >= KEY);

/** Every operand must hold, so any operand's guard will do: keep the smallest indexable one. */
export function guardAnd(guards: Guard[]): Guard {
  let best: Guard = null;
  for (const g of guards) {
    if (g === null) continue;
    const better = best === null || (indexable(g) && !indexable(best)) || (indexable(g) === indexable(best) && g.length < best.length);
    if (better) best = g;
  }
  return best;
}

/** One operand must hold, so the guard is the union, known only if every operand has one. */
export function guardOr(guards: Guard[]): Guard {
  const out: GuardTerm[] = [];
  for (const g of guards) {
    if (g === null) return null;
    out.push(...g);
  }
  return out.length > 0 && out.length <= MAX_TERMS ? out : null;
}

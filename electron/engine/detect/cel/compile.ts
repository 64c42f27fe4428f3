import { Environment, EvaluationError, ParseError, TypeError as CelTypeError, type ASTNode } from '@marcbachmann/cel-js';
import { NORMALIZED_FIELDS, type CelActivation } from './context';
import { re2ToRegExp } from './re2';

/** Where and why an expression is refused; position is a 0-based offset, line and column 1-based. */
export interface CelError {
  message: string;
  position: number;
  line: number;
  column: number;
}

/** The outcome of one event: a match, no match, an absent field, or another evaluation error. */
export type CelOutcome = { kind: 'match' } | { kind: 'nomatch' } | { kind: 'missing' | 'error'; message: string; position: number | null };

export interface CompiledCel {
  expression: string;
  test(act: CelActivation): CelOutcome;
}

/**
 * `matches` is rewritten to this same-length name so that RE2 patterns work and every
 * error position still points into the user's text.
 */
const MATCHES = 'matches';
const RE2_MATCHES = 'matchre';

function buildEnv(): Environment {
  const env = new Environment({ homogeneousAggregateLiterals: false });
  for (const f of NORMALIZED_FIELDS) env.registerVariable(f, 'string');
  // dyn: a timestamp, or null for events without a time.
  env.registerVariable('ts', 'dyn');
  env.registerVariable('attrs', 'map<string, dyn>');
  env.registerFunction(`string.${RE2_MATCHES}(string): bool`, (s: string, p: string) => {
    let re: RegExp;
    try {
      re = re2ToRegExp(p);
    } catch {
      throw new EvaluationError({ code: 'invalid_regular_expression', message: `Invalid regular expression: ${p}` });
    }
    return re.test(s);
  });
  return env;
}

let shared: Environment | null = null;
const env = (): Environment => (shared ??= buildEnv());

export function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}

const unrename = (s: string): string => s.replaceAll(RE2_MATCHES, MATCHES);

function positioned(expression: string, message: string, position: number): CelError {
  const p = Math.max(0, Math.min(position, expression.length));
  return { message: unrename(message), position: p, ...lineColumn(expression, p) };
}

function fromLibrary(expression: string, err: unknown): CelError {
  if (err instanceof ParseError || err instanceof CelTypeError || err instanceof EvaluationError) {
    return positioned(expression, err.summary, err.range?.start ?? 0);
  }
  return positioned(expression, err instanceof Error ? err.message : String(err), 0);
}

/** Offsets of the `matches` names in method calls, found through the parsed tree (never inside strings). */
function matchesOffsets(expression: string, node: unknown, out: number[]): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const x of node) matchesOffsets(expression, x, out);
    return;
  }
  const n = node as ASTNode;
  if (typeof n.op !== 'string') return;
  if (n.op === 'rcall' && n.args[0] === MATCHES) {
    const receiver = n.args[1] as ASTNode;
    const at = expression.indexOf(MATCHES, receiver.range.end);
    if (at >= 0) out.push(at);
  }
  matchesOffsets(expression, n.args, out);
}

function withRe2Matches(expression: string): string {
  if (!expression.includes(MATCHES)) return expression;
  const offsets: number[] = [];
  matchesOffsets(expression, env().parse(expression).ast, offsets);
  let s = expression;
  for (const at of offsets) s = s.slice(0, at) + RE2_MATCHES + s.slice(at + MATCHES.length);
  return s;
}

/** Parse and type-check an expression; it must give a bool (or a dyn value checked per event). */
export function compileCel(expression: string): { ok: true; rule: CompiledCel } | { ok: false; error: CelError } {
  if (expression.trim() === '') return { ok: false, error: positioned(expression, 'The expression is empty.', 0) };
  let program: ReturnType<Environment['parse']>;
  try {
    program = env().parse(withRe2Matches(expression));
  } catch (err) {
    return { ok: false, error: fromLibrary(expression, err) };
  }
  const checked = program.check();
  if (!checked.valid) return { ok: false, error: fromLibrary(expression, checked.error) };
  if (checked.type !== 'bool' && checked.type !== 'dyn') {
    return { ok: false, error: positioned(expression, `The expression must be true or false, but it gives ${checked.type ?? 'another type'}.`, 0) };
  }
  return {
    ok: true,
    rule: {
      expression,
      test(act) {
        let v: unknown;
        try {
          v = program(act);
        } catch (err) {
          const e = err instanceof EvaluationError ? err : null;
          return { kind: e?.code === 'no_such_key' ? 'missing' : 'error', message: unrename(e?.summary ?? String(err)), position: e?.range?.start ?? null };
        }
        if (v === true) return { kind: 'match' };
        if (v === false) return { kind: 'nomatch' };
        return { kind: 'error', message: `The expression gave ${typeof v === 'bigint' ? 'an int' : typeof v}, not true or false.`, position: null };
      },
    },
  };
}

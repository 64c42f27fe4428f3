import path from 'node:path';
import type { Db } from '../../db/open';
import type { CelRuleRow } from '../../db/repos/cel-rules';
import { compileCel, type CompiledCel } from './compile';
import { celActivation, type NormalizedName } from './context';

/** Per-rule outcome of a detection run: matching events and the events it could not judge. */
export interface CelRuleResult {
  rule: CelRuleRow;
  eventIds: number[];
  /** Events where the expression read a field the event lacks (no match). */
  missing: number;
  /** Other evaluation errors: type mismatches, non-bool results, bad patterns (no match). */
  errors: number;
  /** The first error, to show the user where the expression fails. */
  firstError: { eventId: number; message: string; position: number | null } | null;
  /** A saved rule that no longer compiles (after a library change) is reported, not run. */
  compileError: string | null;
}

/** The columns of an events row the runner reads. */
export interface CelRow {
  id: number;
  ts: number | null;
  intake_id?: number | null;
  format: string | null;
  host: string | null;
  user: string | null;
  action: string | null;
  outcome: string | null;
  src_ip: string | null;
  dst_ip: string | null;
  resource: string | null;
  severity: string | null;
  message: string | null;
}

/** Evaluates every saved rule on each event handed to it, so it can share the Sigma pass. */
export class CelRunner {
  private readonly compiled: { res: CelRuleResult; prog: CompiledCel | null }[];
  private readonly sources = new Map<number, string>();

  constructor(db: Db, rules: CelRuleRow[]) {
    this.compiled = rules.map((rule) => {
      const c = compileCel(rule.expression);
      const res: CelRuleResult = { rule, eventIds: [], missing: 0, errors: 0, firstError: null, compileError: c.ok ? null : `${c.error.message} (position ${c.error.position})` };
      return { res, prog: c.ok ? c.rule : null };
    });
    if (rules.length > 0) {
      for (const r of db.prepare('SELECT id, path FROM intake').iterate() as IterableIterator<{ id: number; path: string }>) {
        this.sources.set(r.id, path.basename(r.path.replaceAll('\\', '/')));
      }
    }
  }

  get size(): number {
    return this.compiled.length;
  }

  observe(row: CelRow, attrs: Record<string, unknown>): void {
    if (this.compiled.length === 0) return;
    const fields: Partial<Record<NormalizedName, string | null>> = {
      host: row.host,
      user: row.user,
      action: row.action,
      outcome: row.outcome,
      src_ip: row.src_ip,
      dst_ip: row.dst_ip,
      resource: row.resource,
      severity: row.severity,
      message: row.message,
      format: row.format,
      source: row.intake_id == null ? null : (this.sources.get(row.intake_id) ?? null),
    };
    const act = celActivation({ ts: row.ts, fields, attrs });
    for (const { res, prog } of this.compiled) {
      if (prog === null) continue;
      const o = prog.test(act);
      if (o.kind === 'match') res.eventIds.push(row.id);
      else if (o.kind === 'missing') res.missing++;
      else if (o.kind === 'error') {
        res.errors++;
        res.firstError ??= { eventId: row.id, message: o.message, position: o.position };
      }
    }
  }

  results(): CelRuleResult[] {
    return this.compiled.map((c) => c.res);
  }
}

import { AppError } from '../../../shared/errors';
import type { CelRule } from '../../../shared/schemas';
import { celRulesRepo, type CelRuleRow } from '../db/repos/cel-rules';
import { compileCel } from '../detect/cel';
import type { HandlerMap } from './types';

function celRuleOut(r: CelRuleRow): CelRule {
  return { id: r.id, name: r.name, expression: r.expression, severity: r.severity, description: r.description, enabled: r.enabled === 1, createdAt: r.created_at, updatedAt: r.updated_at };
}

export const celHandlers: HandlerMap<'cel.check' | 'cel.save' | 'cel.list' | 'cel.delete'> = {
  'cel.check': (_engine, input) => {
    const c = compileCel(input.expression);
    return c.ok ? { ok: true } : { ok: false, error: c.error };
  },
  'cel.save': (engine, input) => {
    const c = compileCel(input.expression);
    if (!c.ok) {
      const e = c.error;
      throw new AppError('invalid_input', `The expression does not compile at line ${e.line}, column ${e.column}: ${e.message}`, { ...e });
    }
    const row = celRulesRepo(engine.case.db).save(
      { name: input.name, expression: input.expression, severity: input.severity, description: input.description ?? null, enabled: input.enabled },
      engine.actor(),
    );
    return celRuleOut(row);
  },
  'cel.list': (engine) => ({ rules: celRulesRepo(engine.case.db).list().map(celRuleOut) }),
  'cel.delete': (engine, input) => ({ deleted: celRulesRepo(engine.case.db).delete(input.id, engine.actor()) }),
};

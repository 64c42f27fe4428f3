import { useEffect, useState, type FormEvent } from 'react';
import type { MethodOutput } from '../../../../shared/api';
import { useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { errorText } from '../../lib/errors';
import { FINDING_SEVERITIES, severityClass } from './severity';

type Rule = MethodOutput<'cel.list'>['rules'][number];
type Severity = Rule['severity'];

interface Problem {
  message: string;
  line: number | null;
  column: number | null;
}

/** An error of a call, as text (a refused save already says where the expression is wrong). */
function problemOf(err: unknown): Problem {
  return { message: errorText(err), line: null, column: null };
}

/**
 * The case's custom rules in CEL: the list with delete, and a form that checks the expression
 * as it is written (the error at its line and column) and saves it; saved rules run with every
 * detection.
 */
export function CelRules({ onChanged }: { onChanged: () => void }) {
  const client = useClient();
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [expression, setExpression] = useState('');
  const [severity, setSeverity] = useState<Severity>('medium');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    client.call('cel.list', {}).then(
      (r) => live && setRules(r.rules),
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [client, version]);

  // Check as the analyst types (after a pause), so a mistake shows before saving.
  useEffect(() => {
    if (!expression.trim()) return setProblem(null);
    let live = true;
    const t = setTimeout(() => {
      client.call('cel.check', { expression }).then(
        (r) => live && setProblem(r.ok || !r.error ? null : { message: r.error.message, line: r.error.line, column: r.error.column }),
        (err: unknown) => live && setProblem(problemOf(err)),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [client, expression]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await client.call('cel.save', { name: name.trim(), expression, severity });
      setName('');
      setExpression('');
      setProblem(null);
      setVersion((v) => v + 1);
      onChanged();
    } catch (err) {
      setProblem(problemOf(err));
    }
  };

  const remove = async (id: number) => {
    try {
      await client.call('cel.delete', { id });
      setVersion((v) => v + 1);
      onChanged();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <details className="cel-rules" data-testid="cel-rules">
      <summary>Custom rules in CEL ({rules?.length ?? '…'})</summary>
      <ErrorMessage text={error} />
      {rules && rules.length > 0 && (
        <ul className="cel-list">
          {rules.map((r) => (
            <li key={r.id} data-testid="cel-rule">
              <span className={`sev-badge ${severityClass(r.severity)}`}>{r.severity}</span> <strong>{r.name}</strong> <code className="mono">{r.expression}</code>{' '}
              <button type="button" className="link" onClick={() => void remove(r.id)} aria-label={`Delete rule ${r.name}`}>
                delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="cel-form" onSubmit={(e) => void save(e)}>
        <input aria-label="Rule name" placeholder="Rule name" value={name} onChange={(e) => setName(e.target.value)} />
        <textarea
          aria-label="CEL expression"
          className="mono"
          rows={2}
          spellCheck={false}
          placeholder={'user == "root" && outcome == "failure"'}
          value={expression}
          onChange={(e) => setExpression(e.target.value)}
          aria-invalid={problem !== null}
          data-testid="cel-expression"
        />
        <select aria-label="Severity" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
          {FINDING_SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <button type="submit" className="small" disabled={!name.trim() || !expression.trim() || problem !== null} data-testid="cel-save">
          Save rule
        </button>
      </form>
      {problem && (
        <p className="error" role="alert" data-testid="cel-problem">
          {problem.line !== null ? `Line ${problem.line}, column ${problem.column}: ` : ''}
          {problem.message}
        </p>
      )}
    </details>
  );
}

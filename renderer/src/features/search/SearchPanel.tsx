import { useState, type FormEvent } from 'react';
import type { AuditEvent } from '../../../../shared/model';
import { AppError } from '../../../../shared/errors';
import { useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { errorText } from '../../lib/errors';
import { count } from '../../lib/format';
import { QueryError, type QuerySyntaxError } from './QueryError';
import { ResultsTable } from './ResultsTable';

const LIMIT = 100;

interface Results {
  events: AuditEvent[];
  total: number;
  tookMs: number;
}

interface Props {
  selectedId: number | null;
  onSelect: (id: number) => void;
}

function syntaxError(err: unknown, query: string): QuerySyntaxError | null {
  if (!(err instanceof AppError) || err.code !== 'query_syntax') return null;
  const pos = err.details?.position;
  const len = err.details?.length;
  return {
    message: err.message,
    query,
    position: typeof pos === 'number' ? pos : null,
    length: typeof len === 'number' ? len : 1,
  };
}

export function SearchPanel({ selectedId, onSelect }: Props) {
  const client = useClient();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results | null>(null);
  const [syntax, setSyntax] = useState<QuerySyntaxError | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setSyntax(null);
    setError(null);
    try {
      setResults(await client.call('search.query', { query, limit: LIMIT }));
    } catch (err) {
      // Old results under a new error would read as the answer to the new query.
      setResults(null);
      const se = syntaxError(err, query);
      if (se) setSyntax(se);
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel search" aria-labelledby="search-title">
      <h2 id="search-title">Search</h2>
      <form className="search-form" onSubmit={(e) => void submit(e)} role="search">
        <input
          data-testid="search-input"
          aria-label="Query"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder='e.g. "Failed password" AND user:root'
          spellCheck={false}
          aria-invalid={syntax !== null}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Searching…' : 'Search'}
        </button>
      </form>
      {syntax ? (
        <QueryError error={syntax} />
      ) : (
        <p className="hint">
          Free text, <code>"phrases"</code>, <code>field:value</code>, <code>field:/regex/</code>, <code>AND</code> <code>OR</code>{' '}
          <code>NOT</code>, parentheses. An empty query lists all events.
        </p>
      )}
      <ErrorMessage text={error} />
      {results && (
        <>
          <p className="search-summary" data-testid="search-summary">
            <strong data-testid="search-total">{count(results.total)}</strong> {results.total === 1 ? 'event' : 'events'}
            <span className="muted">
              {' '}
              · {results.tookMs.toFixed(0)} ms
              {results.total > results.events.length && ` · showing the first ${count(results.events.length)}`}
            </span>
          </p>
          {results.events.length > 0 ? (
            <ResultsTable events={results.events} selectedId={selectedId} onSelect={onSelect} />
          ) : (
            <p className="empty">No events match this query.</p>
          )}
        </>
      )}
    </section>
  );
}

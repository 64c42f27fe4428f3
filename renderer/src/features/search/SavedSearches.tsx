import type { MethodOutput } from '../../../../shared/api';
import { utc } from '../../lib/format';

type Saved = MethodOutput<'search.saved.list'>['searches'];
type History = MethodOutput<'search.history.list'>['entries'];

interface Props {
  saved: Saved;
  history: History;
  onRun: (query: string) => void;
  onDelete: (id: number) => void;
}

/** Saved searches (by name, stored in the case) and the recent queries of this case. */
export function SavedSearches({ saved, history, onRun, onDelete }: Props) {
  return (
    <div className="saved">
      <h3>Saved searches</h3>
      {saved.length === 0 ? (
        <p className="muted small">None yet. Type a query and press Save….</p>
      ) : (
        <ul className="mini-list" data-testid="saved-searches">
          {saved.map((s) => (
            <li key={s.id} className="with-action">
              <button type="button" className="mini-row" onClick={() => onRun(s.query)} title={s.query}>
                <span className="mini-name">{s.name}</span>
                <span className="mono muted mini-msg">{s.query || '(all events)'}</span>
              </button>
              <button type="button" className="chip-x" onClick={() => onDelete(s.id)} aria-label={`Delete saved search ${s.name}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>History</h3>
      {history.length === 0 ? (
        <p className="muted small">Queries you run appear here.</p>
      ) : (
        <ul className="mini-list" data-testid="search-history">
          {history.map((h) => (
            <li key={h.query}>
              <button type="button" className="mini-row" onClick={() => onRun(h.query)} title={utc(h.at)}>
                <span className="mono mini-msg">{h.query}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

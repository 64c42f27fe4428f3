import { useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { count } from '../../lib/format';
import { andQuery } from '../search/query-text';
import type { TimeRange } from '../timeline/time-range';
import { useTemplates, type TemplateOrder } from './use-templates';

/** The workspace's current search: its query (empty when none applies) and time range. */
export interface TemplateSearch {
  query: string;
  range: TimeRange | null;
}

interface Props {
  /** Changes when the case's events change (imports). */
  refreshKey: number;
  search: TemplateSearch;
  /** Run a query in the event list. */
  onRun: (query: string) => void;
}

const ORDERS: [TemplateOrder, string][] = [
  ['common', 'Most common'],
  ['rare', 'Rarest'],
];

/**
 * The log templates: what kinds of events there are, most common first, or the rarest
 * first, where a one-off among millions of routine lines stands out; over the whole case or
 * over the current search's events ("what kinds of events did this search find"). Template
 * text comes from the evidence and is shown as text only.
 */
export function TemplatesPanel({ refreshKey, search, onRun }: Props) {
  const [order, setOrder] = useState<TemplateOrder>('common');
  // Off at first: a click on a template runs its search, which would leave only itself here.
  const [scoped, setScoped] = useState(false);
  const searching = search.query.trim() !== '' || search.range !== null;
  const inSearch = scoped && searching;
  const filter = inSearch ? { query: search.query, ...(search.range ? { from: search.range.from, to: search.range.to } : {}) } : { query: '' };
  const { list, error } = useTemplates(order, 100, refreshKey, true, filter);
  // From the search's templates, a click keeps the search and narrows it to the template.
  const show = (id: number) => onRun(inSearch && search.query.trim() ? andQuery(search.query, `template:${id}`) : `template:${id}`);
  return (
    <div className="templates" data-testid="templates-panel">
      <div className="btn-group" role="group" aria-label="Order of the templates">
        {ORDERS.map(([id, label]) => (
          <button key={id} type="button" className="secondary small" aria-pressed={order === id} onClick={() => setOrder(id)} data-testid={`templates-${id}`}>
            {label}
          </button>
        ))}
      </div>
      {searching && (
        <label className="check small">
          <input type="checkbox" checked={scoped} onChange={(e) => setScoped(e.target.checked)} data-testid="templates-scoped" />
          Only the events of the current search
        </label>
      )}
      <ErrorMessage text={error} />
      {!list && !error && <p className="muted small">Loading…</p>}
      {list && (
        <>
          <p className="muted small" data-testid="templates-summary" data-scope={inSearch ? 'search' : 'case'}>
            {count(list.total)} {list.total === 1 ? 'template' : 'templates'} over {count(list.assigned)} {list.assigned === 1 ? 'event' : 'events'}
            {inSearch ? ' of this search' : ''}
            {list.unassigned > 0 && `, ${count(list.unassigned)} without one (see the import’s issues)`} · click to show the events
          </p>
          <ul data-order={order}>
            {list.templates.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  className="stat-row template-row"
                  onClick={() => show(t.id)}
                  title={`template:${t.id}\n${t.template}`}
                  data-testid="template-row"
                  data-template-id={t.id}
                >
                  <span className="stat-bar" style={{ width: `${Math.max(1, (t.events / Math.max(1, list.assigned)) * 100)}%` }} aria-hidden="true" />
                  <span className="stat-value mono">{t.template || '(empty message)'}</span>
                  <span className="stat-count">{count(t.events)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
